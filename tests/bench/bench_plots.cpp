// SPDX-License-Identifier: GPL-3.0-or-later

// Live-plot benchmark (issue 4), not pass/fail: what one redraw of the training plot costs on
// the GUI thread with 3 runs of 1k, 10k and 100k points each, against a 50 ms budget (a redraw
// longer than that is a visible stall while dragging or while points stream in).
//   live tick    append one batch to each of 3 runs + apply + redraw + paint, at ~full size
//                (median and worst of all ticks of all rounds)
//   open         the first batch of 90% of the points at once (opening a finished run)
//   smoothing    the slider moved: every smoothed series recomputed and redrawn
//   x switch     step -> training time: every graph rebuilt
//   log y        linear -> log: every graph rebuilt
//   redraw only  QCustomPlot::replot with unchanged data (the floor under all of the above)
// Then the reader: MetricsTail over a 100k-line metrics.jsonl and a 100k-line official log.
//
//   bench_plots [--rounds N] [--width W --height H]
// Runs offscreen unless QT_QPA_PLATFORM says otherwise.

#include "metricsplot.h"
#include "run/metricslog.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <qcustomplot.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace Widgets;

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kBudgetMs = 50;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n == 0 ? 0.0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

std::map<std::string, std::string> parseArgs(int argc, char **argv)
{
    std::map<std::string, std::string> a{{"rounds", "3"}, {"width", "1000"}, {"height", "600"}};
    for (int i = 1; i + 1 < argc; i += 2)
        a[std::string(argv[i]).substr(2)] = argv[i + 1];
    return a;
}

/// A noisy falling loss curve, steps [from, from + n).
QVector<SeriesPoint> lossPoints(int from, int n, double floor, std::mt19937 &rng)
{
    std::normal_distribution<double> noise(0, 0.08);
    QVector<SeriesPoint> out;
    out.reserve(n);
    for (int s = from; s < from + n; ++s)
        out.append({double(s), s * 0.045, floor + 4.5 * std::exp(-s / 2000.0) + noise(rng)});
    return out;
}

/// Applies pending points, redraws and lets the widget paint: the GUI thread's whole cost.
double timedRedraw(MetricsPlot &plot)
{
    const auto t0 = Clock::now();
    plot.replotNow();
    QCoreApplication::processEvents();
    return msSince(t0);
}

struct SizeResult
{
    std::vector<double> ticks, open, smoothing, xSwitch, logY, redraw;
};

void benchSize(int points, int rounds, int width, int height, SizeResult &r)
{
    const QStringList runs{QStringLiteral("baseline"), QStringLiteral("int6-qat"),
                           QStringLiteral("wide-mlp")};
    const int ticks = 50;
    const int live = std::max(points / 10, ticks); // the last 10% arrive in live ticks
    const int batch = live / ticks;
    const int opened = points - batch * ticks;
    for (int round = 0; round < rounds; ++round) {
        std::mt19937 rng(unsigned(round + 1));
        MetricsPlot plot;
        plot.resize(width, height);
        plot.show();
        QCoreApplication::processEvents();
        plot.replotNow();

        std::vector<QVector<SeriesPoint>> first;
        for (int i = 0; i < runs.size(); ++i)
            first.push_back(lossPoints(1, opened, 2.2 + 0.1 * i, rng));
        auto t0 = Clock::now();
        for (int i = 0; i < runs.size(); ++i)
            plot.appendPoints(runs[i], QStringLiteral("train_loss"), first[size_t(i)]);
        plot.replotNow();
        QCoreApplication::processEvents();
        r.open.push_back(msSince(t0));

        for (int t = 0; t < ticks; ++t) {
            std::vector<QVector<SeriesPoint>> next;
            for (int i = 0; i < runs.size(); ++i)
                next.push_back(lossPoints(1 + opened + t * batch, batch, 2.2 + 0.1 * i, rng));
            t0 = Clock::now();
            for (int i = 0; i < runs.size(); ++i)
                plot.appendPoints(runs[i], QStringLiteral("train_loss"), next[size_t(i)]);
            plot.replotNow();
            QCoreApplication::processEvents();
            r.ticks.push_back(msSince(t0));
        }
        if (plot.rawKeys(runs[0]).size() != points)
            std::fprintf(stderr, "bench_plots: expected %d points, plot has %lld\n", points,
                         (long long)plot.rawKeys(runs[0]).size());

        for (double w : {0.9, 0.6, 0.95}) {
            plot.setSmoothing(w);
            r.smoothing.push_back(timedRedraw(plot));
        }
        plot.setXAxis(MetricsPlot::XAxis::Time);
        r.xSwitch.push_back(timedRedraw(plot));
        plot.setXAxis(MetricsPlot::XAxis::Step);
        r.xSwitch.push_back(timedRedraw(plot));
        plot.setLogY(true);
        r.logY.push_back(timedRedraw(plot));
        plot.setLogY(false);
        r.logY.push_back(timedRedraw(plot));
        for (int i = 0; i < 10; ++i) {
            t0 = Clock::now();
            plot.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
            r.redraw.push_back(msSince(t0));
        }
    }
}

/// Median ms of a whole-file first poll; `worstSliceMs` gets the slowest poll when the file is
/// taken in 256 KiB per poll (how a GUI timer should read a long finished log).
double benchReader(const QString &path, const QByteArray &text, int64_t *records,
                   double *worstSliceMs)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        std::fprintf(stderr, "bench_plots: cannot write %s\n", qPrintable(path));
    f.close();
    std::vector<double> times;
    for (int i = 0; i < 3; ++i) {
        Core::MetricsTail tail(path.toStdString());
        const auto t0 = Clock::now();
        *records = int64_t(tail.poll().records.size());
        times.push_back(msSince(t0));
    }
    Core::MetricsTail tail(path.toStdString());
    *worstSliceMs = 0;
    for (bool more = true; more;) {
        const auto t0 = Clock::now();
        more = tail.poll(256 * 1024).more;
        *worstSliceMs = std::max(*worstSliceMs, msSince(t0));
    }
    return median(times);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const auto args = parseArgs(argc, argv);
    const int rounds = std::stoi(args.at("rounds"));
    const int width = std::stoi(args.at("width")), height = std::stoi(args.at("height"));

    QFile load(QStringLiteral("/proc/loadavg"));
    const QByteArray loadavg =
        load.open(QIODevice::ReadOnly) ? load.readAll().trimmed() : QByteArray("?");
    std::printf(
        "bench_plots: MetricsPlot %dx%d, 3 runs, train_loss with smoothing 0.6 (raw + smoothed "
        "graphs), platform %s, %d rounds, load average %s\n\n",
        width, height, qPrintable(QGuiApplication::platformName()), rounds, loadavg.constData());
    std::printf(
        "| points/series | live tick median ms | live tick worst ms | open ms | smoothing ms | "
        "x switch ms | log y ms | redraw only ms | within %.0f ms |\n",
        kBudgetMs);
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (int points : {1000, 10000, 100000}) {
        SizeResult r;
        benchSize(points, rounds, width, height, r);
        const double worst = *std::max_element(r.ticks.begin(), r.ticks.end());
        const double worstAll = std::max(
            {worst, median(r.open), median(r.smoothing), median(r.xSwitch), median(r.logY)});
        std::printf("| %d | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | %.2f | %s |\n", points,
                    median(r.ticks), worst, median(r.open), median(r.smoothing), median(r.xSwitch),
                    median(r.logY), median(r.redraw), worstAll <= kBudgetMs ? "yes" : "no");
        std::fflush(stdout);
    }

    // The reader under the plots: a 100k-step run's metrics.jsonl and official log.
    QTemporaryDir dir;
    QByteArray jsonl, log = "train_batch_tokens:524288 train_seq_len:1024 iterations:100000\n";
    for (int s = 1; s <= 100000; ++s) {
        const double loss = 2.2 + 4.5 * std::exp(-s / 2000.0);
        jsonl += QStringLiteral(
                     "{\"step\":%1,\"t_ms\":%2,\"train_loss\":%3,\"lr\":1.0,\"tok_per_s\":%4}\n")
                     .arg(s)
                     .arg(s * 45.25, 0, 'f', 3)
                     .arg(loss, 0, 'g', 17)
                     .arg(1.16e7 + s, 0, 'g', 17)
                     .toUtf8();
        log += QStringLiteral("step:%1/100000 train_loss:%2 train_time:%3ms step_avg:45.25ms\n")
                   .arg(s)
                   .arg(loss, 0, 'f', 4)
                   .arg(qint64(s * 45.25))
                   .toUtf8();
    }
    int64_t nJsonl = 0, nLog = 0;
    double sliceJsonl = 0, sliceLog = 0;
    const double msJsonl =
        benchReader(dir.filePath(QStringLiteral("metrics.jsonl")), jsonl, &nJsonl, &sliceJsonl);
    const double msLog =
        benchReader(dir.filePath(QStringLiteral("train.log")), log, &nLog, &sliceLog);
    std::printf(
        "\nMetricsTail, first poll of a whole file (median of 3), and the slowest poll when "
        "reading 256 KiB per poll:\n");
    std::printf("| file | lines | MB | whole ms | µs/line | 256 KiB poll worst ms "
                "|\n|---|---:|---:|---:|---:|---:|\n");
    std::printf("| metrics.jsonl | %lld | %.1f | %.1f | %.2f | %.1f |\n", (long long)nJsonl,
                jsonl.size() / 1e6, msJsonl, 1000 * msJsonl / double(nJsonl), sliceJsonl);
    std::printf("| official log | %lld | %.1f | %.1f | %.2f | %.1f |\n", (long long)nLog,
                log.size() / 1e6, msLog, 1000 * msLog / double(nLog), sliceLog);
    return 0;
}
