// SPDX-License-Identifier: GPL-3.0-or-later
#include "startsnapshot.h"

#include "document.h"
#include "mainwindow.h"
#include "treemapwidget.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

namespace App {

void snapshotFirstPrice(MainWindow *window, const QString &pngPath)
{
    auto save = [window, pngPath] {
        // grab() paints through paintEvent, the same code and state the screen shows.
        const bool ok = window->treemap()->grab().save(pngPath);
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

} // namespace App
