// SPDX-License-Identifier: GPL-3.0-or-later
#include "startsnapshot.h"

#include "document.h"
#include "mainwindow.h"
#include "treemapwidget.h"

#include <QApplication>
#include <QFile>
#include <QElapsedTimer>
#include <QEvent>
#include <QScreen>
#include <QTimer>

#include <cstdio>

namespace App {

void snapshotFirstPrice(MainWindow *window, const QString &pngPath)
{
    auto save = [window, pngPath] {
        // The pixels the screen shows (the X server's, under xvfb), not a fresh paint: grab()
        // would repaint the widget now and could hide a frame the user saw stale or empty.
        QWidget *map = window->treemap();
        const QPoint at = map->mapTo(window, QPoint(0, 0));
        QScreen *screen = window->screen();
        const bool ok = screen && screen->grabWindow(window->winId(), at.x(), at.y(), map->width(),
                                                     map->height())
                                      .save(pngPath);
        std::printf("snapshot: %s%s\n", qPrintable(pngPath), ok ? "" : " (could not be written)");
        std::fflush(stdout);
        QApplication::exit(ok ? 0 : 1);
    };
    QObject::connect(window->document(), &Document::pricedChanged, window, [window, save] {
        if (!window->document()->priced())
            return;
        // Well past the treemap's 30 ms relayout debounce: what is missing now stays missing.
        QTimer::singleShot(1500, window, save);
    });
}

namespace {

/// Prints a start-up milestone once, with the time since main() started.
void milestone(const char *what, const QElapsedTimer &clock)
{
    std::printf("%s: %lld ms\n", what, (long long)clock.elapsed());
    std::fflush(stdout);
}

class FirstPaint : public QObject
{
public:
    FirstPaint(QWidget *window, const QElapsedTimer &clock)
        : QObject(window)
        , m_window(window)
        , m_clock(clock)
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *widget = qobject_cast<QWidget *>(watched);
        if (event->type() == QEvent::Paint && widget && widget->window() == m_window) {
            qApp->removeEventFilter(this);
            milestone("first paint", m_clock);
        }
        return false;
    }

private:
    QWidget *m_window;
    QElapsedTimer m_clock;
};

} // namespace

void reportStart(MainWindow *window, const QElapsedTimer &sinceMain)
{
    qApp->installEventFilter(new FirstPaint(window, sinceMain));
    auto priced = [sinceMain] {
        milestone("first price", sinceMain);
        // The window's own peak memory (its golf serve child's is not part of it), which the
        // exit status of the whole process tree would not tell apart.
        QFile status(QStringLiteral("/proc/self/status"));
        if (status.open(QIODevice::ReadOnly))
            for (const QByteArray &line : status.readAll().split('\n'))
                if (line.startsWith("VmHWM:"))
                    std::printf("window peak: %lld kB\n", line.mid(6).trimmed().split(' ').first().toLongLong());
        std::fflush(stdout);
        QApplication::exit(0);
    };
    // A checkpoint from the command line is still loading here (checkpoint() is set once it
    // has loaded): only a window that opens none has nothing to price.
    if (!window->document()->loading() && window->document()->checkpoint().isEmpty())
        QTimer::singleShot(0, window, priced);
    else {
        QObject::connect(window->document(), &Document::pricedChanged, window, [window, priced] {
            if (window->document()->priced())
                QTimer::singleShot(0, window, priced);
        });
        QObject::connect(window->document(), &Document::loadFailed, window,
                         [](const QString &path, const QString &error) {
                             std::fprintf(stderr, "cannot load %s: %s\n", qPrintable(path), qPrintable(error));
                             QApplication::exit(1);
                         });
    }
}

} // namespace App
