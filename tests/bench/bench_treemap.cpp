// SPDX-License-Identifier: GPL-3.0-or-later
// How long the treemap takes per frame: relayout (the debounced step after a resize or new
// data) and paint, offscreen into a QImage, for 100 and 1,000 tensors. Prints medians over
// several frames and the ratio to a 16 ms frame budget (60 Hz). Not pass/fail.
//
//   QT_QPA_PLATFORM=offscreen bench_treemap [--frames N]

#include "../widgets/treemapfixture.h"
#include "treemapwidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Widgets;

namespace {

constexpr double kFrameBudgetMs = 16.0;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void row(const char *what, int tensors, double ms)
{
    std::printf("%-28s %6d %10.3f %8.2f\n", what, tensors, ms, ms / kFrameBudgetMs);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    int frames = 30;
    for (int i = 1; i + 1 < argc; ++i) {
        if (QByteArray(argv[i]) == "--frames")
            frames = std::max(3, QByteArray(argv[i + 1]).toInt());
    }
    std::printf("treemap frame times, %d frames each, median (platform %s)\n", frames,
                qPrintable(QGuiApplication::platformName()));
    std::printf("%-28s %6s %10s %8s\n", "step", "tensors", "ms", "x16ms");
    for (int tensors : {100, 1000}) {
        TreemapWidget w;
        w.resize(1280, 800);
        w.setData(GolfTest::syntheticTree(tensors));
        w.relayoutNow();
        QImage image(w.size(), QImage::Format_ARGB32_Premultiplied);
        std::vector<double> layoutMs, paintMs, bothMs, filteredMs;
        QElapsedTimer t;
        for (int f = 0; f < frames; ++f) {
            // Alternate sizes so every relayout does real work (as a resize would).
            w.resize(f % 2 ? 1280 : 1270, 800);
            t.start();
            w.relayoutNow();
            layoutMs.push_back(t.nsecsElapsed() / 1e6);
            t.start();
            w.render(&image);
            paintMs.push_back(t.nsecsElapsed() / 1e6);
        }
        for (int f = 0; f < frames; ++f) {
            w.resize(f % 2 ? 1280 : 1270, 800);
            t.start();
            w.relayoutNow();
            w.render(&image);
            bothMs.push_back(t.nsecsElapsed() / 1e6);
        }
        w.setFilter(QStringLiteral("mlp\\.(fc|proj)"));
        for (int f = 0; f < frames; ++f) {
            t.start();
            w.render(&image);
            filteredMs.push_back(t.nsecsElapsed() / 1e6);
        }
        const int tiles = w.data().tensorCount();
        row("relayout", tiles, median(layoutMs));
        row("paint", tiles, median(paintMs));
        row("relayout + paint", tiles, median(bothMs));
        row("paint, filter active", tiles, median(filteredMs));
    }
    return 0;
}
