// SPDX-License-Identifier: GPL-3.0-or-later
// The window watching a long run keeps its memory bounded (issue 6, Hardening): a metrics.jsonl
// grows to 200,000 lines in batches while the real window, shown offscreen, follows it through
// its RunWatcher and redraws its plots after every batch. The series store holds at most
// maxPoints() per series, the plots' graphs no more than that, every logged line is still
// counted, the newest step is drawn, and the heap in use after 200k lines is within a few MiB
// of what it was after 20k. The measured figures are printed (qInfo) for the closing table.

#include "isolatedguitest.h"
#include "mainwindow.h"
#include "metricsplot.h"
#include "runwatcher.h"
#include "seriesdata.h"
#include "trainingplots.h"

#include "qcustomplot.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <malloc.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <memory>

namespace {

constexpr int kLines = 200000;
constexpr int kBatch = 4000;  // lines appended between two rounds of polling
constexpr int kWarm = 20000;  // the reference point: storage has merged down by then
constexpr int kValEvery = 50; // every 50th step also logs a validation record
constexpr double kMiB = 1024.0 * 1024.0;

/// Bytes the allocator has handed out and not got back (heap and mmapped blocks): what the
/// process holds live, unlike RSS, which keeps pages the allocator merely caches.
double heapInUse()
{
    const struct mallinfo2 m = mallinfo2();
    return double(m.uordblks) + double(m.hblkhd);
}

double residentBytes()
{
    long pages = 0, resident = 0;
    if (FILE *f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return double(resident) * double(sysconf(_SC_PAGESIZE));
}

/// One batch of metrics.jsonl lines as golf train writes them.
QByteArray lines(int from, int to)
{
    QByteArray out;
    for (int step = from; step < to; ++step) {
        const double loss = 4.0 * std::exp(-step / 40000.0) + 2.0 + 0.03 * std::sin(step * 0.37);
        out += QStringLiteral("{\"step\":%1,\"t_ms\":%2,\"train_loss\":%3,\"lr\":%4,\"tok_per_s\":%5}\n")
                   .arg(step)
                   .arg(step * 35)
                   .arg(loss, 0, 'g', 9)
                   .arg(step < 180000 ? 1.0 : (kLines - step) / 20000.0, 0, 'g', 6)
                   .arg(28000 + step % 97)
                   .toUtf8();
        if (step % kValEvery == 0)
            out += QStringLiteral("{\"step\":%1,\"t_ms\":%2,\"val_loss\":%3,\"val_bpb\":%4}\n")
                       .arg(step)
                       .arg(step * 35)
                       .arg(loss + 0.05, 0, 'g', 9)
                       .arg((loss + 0.05) * 0.59, 0, 'g', 9)
                       .toUtf8();
    }
    return out;
}

} // namespace

class tst_LongRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// Polls until the watcher has read everything written so far, letting the window redraw.
    static void catchUp(App::RunWatcher *watcher)
    {
        while (watcher->pollNow() > 0)
            QCoreApplication::processEvents();
        QTest::qWait(5); // the plots' coalesced replot
    }

private Q_SLOTS:
    void watchingTwoHundredThousandLinesStaysBounded()
    {
        QVERIFY(m_dir.isValid());
        const QString ws = m_dir.filePath(QStringLiteral("workspace"));
        const QString runDir = m_dir.filePath(QStringLiteral("long-run"));
        QVERIFY(QDir().mkpath(runDir));
        QFile log(QDir(runDir).filePath(QStringLiteral("metrics.jsonl")));
        QVERIFY(log.open(QIODevice::WriteOnly | QIODevice::Append));

        App::MainWindow win;
        win.resize(1400, 900);
        win.openWorkspace(ws);
        win.show();
        QVERIFY(QTest::qWaitForWindowExposed(&win));
        App::RunWatcher *watcher = win.runWatcher();
        watcher->setInterval(60 * 60 * 1000); // this test polls itself, batch by batch
        const QString run = win.watchRun(runDir);
        Widgets::TrainingPlots *plots = win.trainingPlots();
        Widgets::SeriesStore *store = plots->store();

        double heapWarm = 0, rssWarm = 0;
        int64_t trainLines = 0, valLines = 0;
        for (int from = 1; from <= kLines; from += kBatch) {
            const int to = std::min(from + kBatch, kLines + 1);
            const QByteArray batch = lines(from, to);
            QCOMPARE(log.write(batch), qint64(batch.size()));
            QVERIFY(log.flush());
            trainLines += to - from;
            valLines += (to - 1) / kValEvery - (from - 1) / kValEvery;
            catchUp(watcher);
            if (to - 1 == kWarm) {
                malloc_trim(0);
                heapWarm = heapInUse();
                rssWarm = residentBytes();
            }
        }
        malloc_trim(0);
        const double heapEnd = heapInUse(), rssEnd = residentBytes();

        // Every logged line counted, the newest one stored as logged (the recent window).
        QCOMPARE(store->loggedCount(run, QStringLiteral("train_loss")), trainLines);
        QCOMPARE(store->loggedCount(run, QStringLiteral("val_bpb")), valLines);
        const QVector<Widgets::SeriesPoint> loss = store->series(run, QStringLiteral("train_loss"));
        QVERIFY(!loss.isEmpty());
        QCOMPARE(loss.last().step, double(kLines));
        QCOMPARE(loss.last().count, int64_t(1));

        // Bounded storage: no series, and no graph drawn from one, outgrows the store's limit.
        int stored = 0;
        for (const QString &metric : store->metrics()) {
            const int n = int(store->series(run, metric).size());
            QVERIFY2(n <= store->maxPoints(), qPrintable(metric));
            stored += n;
        }
        int graphPoints = 0, largestGraph = 0;
        for (Widgets::MetricsPlot *plot : plots->plots()) {
            QCustomPlot *cp = plot->customPlot();
            for (int g = 0; g < cp->graphCount(); ++g) {
                largestGraph = std::max(largestGraph, cp->graph(g)->dataCount());
                graphPoints += cp->graph(g)->dataCount();
            }
        }
        QVERIFY(largestGraph > 0); // the plots draw the run
        QVERIFY2(largestGraph <= store->maxPoints(), qPrintable(QString::number(largestGraph)));

        // What the process holds live grew by at most a few MiB over 180k more lines; unbounded
        // storage would have added about (trainLines * 4 + valLines * 2) stored points, each in
        // the store and again in a raw and a smoothed graph.
        const double unbounded =
            double(trainLines * 4 + valLines * 2) * (sizeof(Widgets::SeriesPoint) + 2 * sizeof(QCPGraphData));
        qInfo("lines %lld (train %lld, val %lld); stored points %d, graph points %d (largest %d)",
              (long long)(trainLines + valLines), (long long)trainLines, (long long)valLines, stored,
              graphPoints, largestGraph);
        qInfo("heap in use: %.1f MiB after %d lines, %.1f MiB after %d (+%.2f MiB); RSS %.1f -> %.1f MiB;"
              " unbounded storage would add ~%.0f MiB",
              heapWarm / kMiB, kWarm, heapEnd / kMiB, kLines, (heapEnd - heapWarm) / kMiB, rssWarm / kMiB,
              rssEnd / kMiB, unbounded / kMiB);
        QVERIFY2(heapEnd - heapWarm < 8 * kMiB,
                 qPrintable(QStringLiteral("heap grew by %1 MiB").arg((heapEnd - heapWarm) / kMiB)));
    }
};

GOLF_ISOLATED_GUI_TEST_MAIN(tst_LongRun, "tst_longrun")

#include "tst_longrun.moc"
