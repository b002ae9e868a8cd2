// SPDX-License-Identifier: GPL-3.0-or-later
// The live training plot, driven offscreen: batches reach the graphs, redraws are coalesced,
// smoothing is TensorBoard's de-biased EMA to the last digit, log y / step-or-time x rebuild the
// graphs correctly, CSV export is exact, PNG export writes an image, each run has a legend entry,
// the view follows new data until the user zooms, and a metrics file that grows in pieces (read
// by MetricsTail, as the app does) ends up plotted whole. Screenshots of three overlaid runs
// and of the panel go to GOLF_SCREENSHOT_DIR.

#include "metricsplot.h"
#include "run/metricslog.h"
#include "trainingplots.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <charconv>
#include <cmath>
#include <random>

using namespace Widgets;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QVector<SeriesPoint> points(const QVector<double> &values, double firstStep = 1,
                            double secondsPerStep = 0.5)
{
    QVector<SeriesPoint> out;
    for (int i = 0; i < values.size(); ++i)
        out.append({firstStep + i, (firstStep + i) * secondsPerStep, values[i]});
    return out;
}

/// Values compared bit for bit, NaN equal to NaN.
bool sameValues(const QVector<double> &a, const QVector<double> &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i)
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i]))))
            return false;
    return true;
}

QString describe(const QVector<double> &v)
{
    QStringList s;
    for (double x : v)
        s << QString::number(x, 'g', 17);
    return s.join(QStringLiteral(", "));
}

/// A synthetic training run: loss falls from ~7 to `floor` with noise, like a real curve.
QVector<SeriesPoint> lossCurve(int steps, double floor, double rate, double msPerStep,
                               unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0, 0.08);
    QVector<SeriesPoint> out;
    for (int s = 1; s <= steps; ++s) {
        const double loss = floor + (6.9 - floor) * std::exp(-s / rate) +
                            noise(rng) * (1 + 2 * std::exp(-s / rate));
        out.append({double(s), s * msPerStep / 1000.0, loss});
    }
    return out;
}

/// What the app does with a watcher's records: one batch per metric.
void feed(SeriesStore *store, const QString &run, const std::vector<Core::MetricRecord> &records)
{
    QHash<QString, QVector<SeriesPoint>> byMetric;
    QStringList order;
    for (const Core::MetricRecord &r : records)
        for (const auto &[key, value] : r.values) {
            const QString k = QString::fromStdString(key);
            if (!byMetric.contains(k))
                order << k;
            byMetric[k].append({double(r.step), r.timeS, value});
        }
    for (const QString &k : std::as_const(order))
        store->append(run, k, byMetric.value(k));
}

void waitForReplot(MetricsPlot &plot, int before)
{
    QTRY_VERIFY_WITH_TIMEOUT(plot.replotCount() > before, 2000);
}

QString screenshotPath(const QString &name)
{
    QDir().mkpath(QStringLiteral(GOLF_SCREENSHOT_DIR));
    return QStringLiteral(GOLF_SCREENSHOT_DIR) + QLatin1Char('/') + name;
}

} // namespace

class tst_MetricsPlot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchesEndUpInGraph()
    {
        MetricsPlot plot;
        plot.setSmoothing(0);
        plot.resize(600, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QVector<double> all;
        for (int b = 0; b < 10; ++b) {
            QVector<double> values;
            for (int i = 0; i < 100; ++i)
                values << 5.0 - 0.001 * (b * 100 + i);
            all += values;
            plot.appendPoints(QStringLiteral("a"), QStringLiteral("train_loss"),
                              points(values, 1 + b * 100));
        }
        // Another metric of the same run is stored but not drawn here.
        plot.appendPoints(QStringLiteral("a"), QStringLiteral("val_bpb"), points({1.5, 1.4}, 500));
        plot.replotNow();
        QCOMPARE(plot.customPlot()->graphCount(), 2); // raw + smoothed of run a
        QVERIFY(sameValues(plot.smoothedValues(QStringLiteral("a")), all));
        const QVector<double> keys = plot.rawKeys(QStringLiteral("a"));
        QCOMPARE(keys.size(), 1000);
        QCOMPARE(keys.front(), 1.0);
        QCOMPARE(keys.back(), 1000.0);
        // The view follows: the whole series is in range.
        QCOMPARE(plot.customPlot()->xAxis->range().lower, 1.0);
        QCOMPARE(plot.customPlot()->xAxis->range().upper, 1000.0);
        QVERIFY(plot.customPlot()->yAxis->range().contains(5.0));
        QVERIFY(plot.customPlot()->yAxis->range().contains(4.001));
        QVERIFY(plot.store()->metrics().contains(QStringLiteral("val_bpb")));
    }

    void replotsAreCoalesced()
    {
        MetricsPlot plot;
        plot.resize(600, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.replotNow();
        QTest::qWait(MetricsPlot::kMinReplotIntervalMs + 20);

        // A burst in one go: one redraw, which shows all of it.
        int before = plot.replotCount();
        for (int b = 0; b < 100; ++b)
            plot.appendPoints(QStringLiteral("a"), QStringLiteral("train_loss"),
                              points({3.0, 2.9}, 1 + 2 * b));
        waitForReplot(plot, before);
        QTest::qWait(2 * MetricsPlot::kMinReplotIntervalMs);
        QCOMPARE(plot.replotCount(), before + 1);
        QCOMPARE(plot.rawKeys(QStringLiteral("a")).size(), 200);

        // A batch every ~5 ms for 1.2 s: about 240 batches, at most 5 redraws a second.
        before = plot.replotCount();
        QElapsedTimer clock;
        clock.start();
        int batches = 0;
        while (clock.elapsed() < 1200) {
            plot.appendPoints(QStringLiteral("a"), QStringLiteral("train_loss"),
                              points({2.5}, 201 + batches));
            ++batches;
            QTest::qWait(5);
        }
        const qint64 elapsed = clock.elapsed();
        QTest::qWait(MetricsPlot::kMinReplotIntervalMs + 50); // the last pending redraw
        const int replots = plot.replotCount() - before;
        qInfo("%d batches in %lld ms -> %d redraws", batches, elapsed, replots);
        QVERIFY2(replots <= int(elapsed / MetricsPlot::kMinReplotIntervalMs) + 2,
                 qPrintable(QString::number(replots)));
        QVERIFY(replots >= 3);
        QCOMPARE(plot.rawKeys(QStringLiteral("a")).size(), 200 + batches);
    }

    void hiddenPlotDrawsWhenShown()
    {
        MetricsPlot plot;
        plot.appendPoints(QStringLiteral("a"), QStringLiteral("train_loss"), points({3, 2, 1}));
        plot.replotNow();
        QCOMPARE(plot.replotCount(), 0); // nobody looks: data goes in, no drawing
        QCOMPARE(plot.rawKeys(QStringLiteral("a")).size(), 3);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QTRY_COMPARE(plot.replotCount(), 1);
    }

    void smoothingIsDebiasedEma_data()
    {
        QTest::addColumn<double>("weight");
        QTest::addColumn<QVector<double>>("values");
        QTest::addColumn<QVector<double>>("expected");
        // By hand: a = a*w + (1-w)*x; shown a / (1 - w^n) after n finite points.
        QTest::newRow("w=0 is the raw series")
            << 0.0 << QVector<double>{3, 1, 4, 1, 5} << QVector<double>{3, 1, 4, 1, 5};
        // a: 0.5, 1.75, 1.875; divisors 0.5, 0.75, 0.875.
        QTest::newRow("w=0.5") << 0.5 << QVector<double>{1, 3, 2}
                               << QVector<double>{1, 1.75 / 0.75, 1.875 / 0.875};
        // a: 1, 0.9; divisors 0.1, 0.19.
        QTest::newRow("w=0.9 drop to zero")
            << 0.9 << QVector<double>{10, 0} << QVector<double>{10, 0.9 / 0.19};
        QTest::newRow("non-finite values pass through")
            << 0.5 << QVector<double>{1, kNaN, 3, std::numeric_limits<double>::infinity()}
            << QVector<double>{1, kNaN, 1.75 / 0.75, std::numeric_limits<double>::infinity()};
        QTest::newRow("constant stays exactly constant")
            << 0.99 << QVector<double>{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}
            << QVector<double>(7, 0.1);
        // Weights above TensorBoard's 0.999 maximum are clamped to it: a = 0.001*4 after one.
        QTest::newRow("w=1 clamps to 0.999")
            << 1.0 << QVector<double>{4, 2}
            << QVector<double>{4, (0.004 * 0.999 + 0.002) / (1 - 0.999 * 0.999)};
    }
    void smoothingIsDebiasedEma()
    {
        QFETCH(double, weight);
        QFETCH(QVector<double>, values);
        QFETCH(QVector<double>, expected);
        const QVector<double> got = EmaSmoother::smooth(values, weight);
        QVERIFY2(got.size() == expected.size(), qPrintable(describe(got)));
        for (int i = 0; i < got.size(); ++i) {
            if (std::isnan(expected[i]) || std::isinf(expected[i]))
                QVERIFY2(sameValues({got[i]}, {expected[i]}), qPrintable(describe(got)));
            else
                QVERIFY2(std::fabs(got[i] - expected[i]) <= 1e-12 * std::fabs(expected[i]),
                         qPrintable(describe(got)));
        }

        // The plot draws exactly these values (NaN as a gap), and its CSV says the same.
        MetricsPlot plot;
        plot.setSmoothing(weight);
        plot.appendPoints(QStringLiteral("r"), QStringLiteral("train_loss"), points(values));
        plot.replotNow();
        QVERIFY2(sameValues(plot.smoothedValues(QStringLiteral("r")), got),
                 qPrintable(describe(plot.smoothedValues(QStringLiteral("r")))));
        const QStringList rows = plot.csv().split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1);
        QCOMPARE(rows.size(), values.size());
        for (int i = 0; i < rows.size(); ++i) {
            const QByteArray field = rows[i].section(QLatin1Char(','), 5, 5).toLatin1();
            double parsed = 0;
            std::from_chars(field.constData(), field.constData() + field.size(), parsed);
            QVERIFY2(sameValues({parsed}, {got[i]}), field.constData());
        }
    }

    void smoothingDrawsRawFaintBehind()
    {
        MetricsPlot plot;
        plot.appendPoints(QStringLiteral("r"), QStringLiteral("train_loss"),
                          points({4, 3, 3.5, 2}));
        plot.setSmoothing(0.8);
        plot.replotNow();
        QCPGraph *raw = plot.customPlot()->graph(0);
        QCPGraph *smooth = plot.customPlot()->graph(1);
        QVERIFY(raw->visible());
        QCOMPARE(raw->layer()->name(), QStringLiteral("raw"));
        QVERIFY(raw->pen().color().alpha() < 100);
        QCOMPARE(smooth->pen().color().alpha(), 255);
        QVERIFY(smooth->pen().widthF() > raw->pen().widthF());
        QCOMPARE(raw->data()->at(3)->value, 2.0);
        QVERIFY(smooth->data()->at(3)->value > 2.0);
        // No smoothing: only the raw series, once.
        plot.setSmoothing(0);
        plot.replotNow();
        QVERIFY(!plot.customPlot()->graph(0)->visible());
        QCOMPARE(plot.customPlot()->graph(1)->data()->at(3)->value, 2.0);
    }

    void validationAndScheduleAreNotSmoothed()
    {
        MetricsPlot plot;
        plot.setSmoothing(0.9);
        const QVector<double> bpb{2.1, 1.6, 1.4, 1.3};
        plot.appendPoints(QStringLiteral("r"), QStringLiteral("val_bpb"), points(bpb, 500));
        plot.appendPoints(QStringLiteral("r"), QStringLiteral("lr"), points({1, 1, 0.5, 0}));
        plot.appendPoints(QStringLiteral("r"), QStringLiteral("train_loss"),
                          points({4, 3, 3.5, 2}));
        for (const char *metric : {"val_bpb", "lr"}) {
            plot.setMetric(QString::fromLatin1(metric));
            plot.replotNow();
            QCOMPARE(plot.effectiveSmoothing(), 0.0);
            QVERIFY(!plot.customPlot()->graph(0)->visible()); // no faint copy under itself
        }
        plot.setMetric(QStringLiteral("val_bpb"));
        plot.replotNow();
        QVERIFY(sameValues(plot.smoothedValues(QStringLiteral("r")), bpb));
        QVERIFY(plot.csv().endsWith(QStringLiteral(",1.3,1.3\n")));
        plot.setMetric(QStringLiteral("train_loss"));
        plot.replotNow();
        QCOMPARE(plot.effectiveSmoothing(), 0.9);
        QVERIFY(sameValues(plot.smoothedValues(QStringLiteral("r")),
                           EmaSmoother::smooth({4, 3, 3.5, 2}, 0.9)));
    }

    void logAxisToggles()
    {
        MetricsPlot plot;
        plot.setMetric(QStringLiteral("lr"));
        plot.setSmoothing(0);
        // A schedule ending at 0: the last point cannot be drawn on a log axis.
        plot.appendPoints(QStringLiteral("r"), QStringLiteral("lr"),
                          points({0.001, 1, 0.5, 0.01, 0}));
        plot.setLogY(true);
        plot.replotNow();
        QCPAxis *y = plot.customPlot()->yAxis;
        QCOMPARE(y->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(!qSharedPointerDynamicCast<QCPAxisTickerLog>(y->ticker()).isNull());
        QVERIFY(sameValues(plot.smoothedValues(QStringLiteral("r")), {0.001, 1, 0.5, 0.01, kNaN}));
        QVERIFY(y->range().lower > 0);
        QVERIFY(y->range().lower < 0.001);
        QVERIFY(y->range().upper > 1);
        QVERIFY(y->range().upper < 2);

        plot.setLogY(false);
        plot.replotNow();
        QCOMPARE(y->scaleType(), QCPAxis::stLinear);
        QVERIFY(qSharedPointerDynamicCast<QCPAxisTickerLog>(y->ticker()).isNull());
        QVERIFY(sameValues(plot.smoothedValues(QStringLiteral("r")), {0.001, 1, 0.5, 0.01, 0}));
        QVERIFY(y->range().contains(0));
    }

    void xAxisSwitchesBetweenStepAndTime()
    {
        MetricsPlot plot;
        plot.setSmoothing(0.5);
        // The third point has no time (a line without train_time): only in the step view.
        const QVector<SeriesPoint> pts{{10, 1.5, 4}, {20, 3.0, 3}, {30, kNaN, 2}, {40, 6.0, 1}};
        plot.appendPoints(QStringLiteral("r"), QStringLiteral("train_loss"), pts);
        plot.replotNow();
        QVERIFY(sameValues(plot.rawKeys(QStringLiteral("r")), {10, 20, 30, 40}));
        const QVector<double> smoothStep = plot.smoothedValues(QStringLiteral("r"));
        QCOMPARE(plot.customPlot()->xAxis->label(), QStringLiteral("step"));

        plot.setXAxis(MetricsPlot::XAxis::Time);
        plot.replotNow();
        QVERIFY(sameValues(plot.rawKeys(QStringLiteral("r")), {1.5, 3.0, 6.0}));
        // Smoothing runs over the logged order, so the remaining points keep their values.
        QVERIFY(sameValues(plot.smoothedValues(QStringLiteral("r")),
                           {smoothStep[0], smoothStep[1], smoothStep[3]}));
        QVERIFY(!qSharedPointerDynamicCast<QCPAxisTickerTime>(plot.customPlot()->xAxis->ticker())
                     .isNull());
        QCOMPARE(plot.customPlot()->xAxis->range().lower, 1.5);
        QCOMPARE(plot.customPlot()->xAxis->range().upper, 6.0);

        // More points while in time mode append in place.
        plot.appendPoints(QStringLiteral("r"), QStringLiteral("train_loss"), {{50, 7.5, 0.5}});
        plot.replotNow();
        QVERIFY(sameValues(plot.rawKeys(QStringLiteral("r")), {1.5, 3.0, 6.0, 7.5}));

        plot.setXAxis(MetricsPlot::XAxis::Step);
        plot.replotNow();
        QVERIFY(sameValues(plot.rawKeys(QStringLiteral("r")), {10, 20, 30, 40, 50}));
        QVERIFY(qSharedPointerDynamicCast<QCPAxisTickerTime>(plot.customPlot()->xAxis->ticker())
                    .isNull());
    }

    void csvExportIsExact()
    {
        MetricsPlot plot;
        plot.setMetric(QStringLiteral("train_loss"));
        plot.setSmoothing(0.5);
        plot.appendPoints(QStringLiteral("run,1"), QStringLiteral("train_loss"),
                          {{0, 0, 4.1077}, {200, 10.4, 1.0 / 3.0}, {2000000, kNaN, 1e-300}});
        plot.appendPoints(QStringLiteral("b\"2"), QStringLiteral("train_loss"), {{5, 0.1, 0.1}});
        plot.appendPoints(QStringLiteral("b\"2"), QStringLiteral("val_bpb"),
                          {{5, 0.1, 9}}); // not this metric

        const QVector<double> s = EmaSmoother::smooth({4.1077, 1.0 / 3.0, 1e-300}, 0.5);
        const auto exact = [](double v) {
            char buf[64];
            return QString::fromLatin1(buf, int(std::to_chars(buf, buf + 64, v).ptr - buf));
        };
        const QString expected =
            QStringLiteral("run,metric,step,time_s,value,smoothed\n"
                           "\"run,1\",train_loss,0,0,4.1077,4.1077\n"
                           "\"run,1\",train_loss,200,10.4,0.3333333333333333,%1\n"
                           "\"run,1\",train_loss,2000000,,1e-300,%2\n"
                           "\"b\"\"2\",train_loss,5,0.1,0.1,0.1\n")
                .arg(exact(s[1]), exact(s[2]));
        QCOMPARE(plot.csv(), expected);
        // Every number reads back to the same double.
        double back = 0;
        const QByteArray third = exact(s[1]).toLatin1();
        std::from_chars(third.constData(), third.constData() + third.size(), back);
        QCOMPARE(back, s[1]);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("train_loss.csv"));
        QString error;
        QVERIFY2(plot.exportCsv(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), expected);
        QVERIFY(!plot.exportCsv(dir.filePath(QStringLiteral("missing/folder/x.csv")), &error));
        QVERIFY2(error.contains(QStringLiteral("missing/folder")), qPrintable(error));
    }

    void pngExport()
    {
        MetricsPlot plot;
        plot.resize(640, 420);
        plot.appendPoints(QStringLiteral("a"), QStringLiteral("train_loss"),
                          lossCurve(500, 3, 80, 50, 1));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("loss.png"));
        QVERIFY(plot.exportPng(path, 800, 500));
        QVERIFY(QFileInfo(path).size() > 1000);
        const QImage image(path);
        QCOMPARE(image.size(), QSize(800, 500));
        QVERIFY(!plot.exportPng(dir.filePath(QStringLiteral("missing/loss.png"))));
    }

    void legendEntryPerRun()
    {
        MetricsPlot plot;
        const QStringList runs{QStringLiteral("baseline"), QStringLiteral("int6-qat"),
                               QStringLiteral("wide-mlp")};
        for (int i = 0; i < runs.size(); ++i)
            plot.appendPoints(runs[i], QStringLiteral("train_loss"),
                              lossCurve(100, 2 + i * 0.2, 30, 50, unsigned(i)));
        plot.store()->setRunLabel(QStringLiteral("wide-mlp"), QStringLiteral("wide MLP (3x)"));
        plot.replotNow();
        QCPLegend *legend = plot.customPlot()->legend;
        QCOMPARE(legend->itemCount(), 3);
        QStringList names;
        QSet<QRgb> colors;
        for (int i = 0; i < legend->itemCount(); ++i) {
            auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(i));
            QVERIFY(item);
            names << item->plottable()->name();
            colors.insert(item->plottable()->pen().color().rgb());
        }
        QCOMPARE(names, (QStringList{QStringLiteral("baseline"), QStringLiteral("int6-qat"),
                                     QStringLiteral("wide MLP (3x)")}));
        QCOMPARE(colors.size(), 3);
        // A run's colour is its own across metrics and plots.
        QCOMPARE(plot.store()->runColor(QStringLiteral("int6-qat")), runPaletteColor(1));
        plot.store()->setRunColor(QStringLiteral("int6-qat"), Qt::red);
        plot.replotNow();
        QCOMPARE(plot.customPlot()->graph(3)->pen().color(), QColor(Qt::red));
    }

    void viewFollowsUntilUserZooms()
    {
        MetricsPlot plot;
        plot.resize(600, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.appendPoints(QStringLiteral("a"), QStringLiteral("train_loss"), points({5, 4, 3}, 1));
        plot.replotNow();
        QCOMPARE(plot.customPlot()->xAxis->range().upper, 3.0);
        plot.appendPoints(QStringLiteral("a"), QStringLiteral("train_loss"), points({2.5}, 4));
        plot.replotNow();
        QCOMPARE(plot.customPlot()->xAxis->range().upper, 4.0);

        // The user drags: the view stays where they put it while points arrive.
        QCustomPlot *cp = plot.customPlot();
        const QPoint centre = cp->axisRect()->rect().center();
        QTest::mousePress(cp, Qt::LeftButton, {}, centre);
        QTest::mouseMove(cp, centre + QPoint(40, 0));
        QTest::mouseRelease(cp, Qt::LeftButton, {}, centre + QPoint(40, 0));
        const QCPRange held = cp->xAxis->range();
        plot.appendPoints(QStringLiteral("a"), QStringLiteral("train_loss"), points({2, 1.5}, 5));
        plot.replotNow();
        QCOMPARE(cp->xAxis->range(), held);
        // Double-click fits again and follows.
        QTest::mouseDClick(cp, Qt::LeftButton, {}, centre);
        QCOMPARE(cp->xAxis->range().upper, 6.0);
        plot.appendPoints(QStringLiteral("a"), QStringLiteral("train_loss"), points({1.2}, 7));
        plot.replotNow();
        QCOMPARE(cp->xAxis->range().upper, 7.0);
    }

    void hoverShowsValuesSortedByValue()
    {
        MetricsPlot plot;
        plot.setSmoothing(0);
        plot.resize(600, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.appendPoints(QStringLiteral("low"), QStringLiteral("train_loss"),
                          points({2.0, 1.0, 0.5}, 1));
        plot.appendPoints(QStringLiteral("high"), QStringLiteral("train_loss"),
                          points({4.0, 3.0, 2.5}, 1));
        plot.replotNow();
        QCustomPlot *cp = plot.customPlot();
        const QPoint atStep2(int(cp->xAxis->coordToPixel(2.1)),
                             cp->axisRect()->rect().center().y());
        QTest::mouseMove(cp, atStep2); // reaches the tooltip path (hover tracking is on)
        QVERIFY(cp->hasMouseTracking());
        const QString text = plot.hoverText(cp->xAxis->pixelToCoord(atStep2.x()));
        QVERIFY2(text.contains(QStringLiteral("<b>3</b>")) &&
                     text.contains(QStringLiteral("<b>1</b>")),
                 qPrintable(text));
        QVERIFY2(text.indexOf(QStringLiteral("high")) < text.indexOf(QStringLiteral("low")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("step 2")), qPrintable(text));
    }

    // The watcher loop of the app: a growing metrics.jsonl and an official log, written in
    // pieces that cut lines in half, polled by MetricsTail, fed to the panel.
    void plotsAGrowingMetricsFile()
    {
        QTemporaryDir dir;
        const QString ours = dir.filePath(QStringLiteral("metrics.jsonl"));
        const QString official = dir.filePath(QStringLiteral("train.log"));
        QByteArray oursText,
            officialText = "train_batch_tokens:524288 train_seq_len:1024 iterations:400\n";
        for (int s = 1; s <= 400; ++s) {
            const double loss = 2.5 + 4.4 * std::exp(-s / 60.0);
            oursText +=
                QStringLiteral(
                    "{\"step\":%1,\"t_ms\":%2,\"train_loss\":%3,\"lr\":1.0,\"tok_per_s\":%4}\n")
                    .arg(s)
                    .arg(s * 40.5)
                    .arg(loss, 0, 'g', 17)
                    .arg(16000 + s)
                    .toUtf8();
            officialText +=
                QStringLiteral("step:%1/400 train_loss:%2 train_time:%3ms step_avg:50.00ms\n")
                    .arg(s)
                    .arg(loss + 0.1, 0, 'f', 4)
                    .arg(s * 50)
                    .toUtf8();
            if (s % 100 == 0) {
                oursText +=
                    QStringLiteral("{\"step\":%1,\"t_ms\":%2,\"val_loss\":%3,\"val_bpb\":%4}\n")
                        .arg(s)
                        .arg(s * 40.5)
                        .arg(loss)
                        .arg(loss / 1.7)
                        .toUtf8();
                officialText +=
                    QStringLiteral(
                        "step:%1/400 val_loss:%2 val_bpb:%3 train_time:%4ms step_avg:50.00ms\n")
                        .arg(s)
                        .arg(loss, 0, 'f', 4)
                        .arg(loss / 1.7, 0, 'f', 4)
                        .arg(s * 50)
                        .toUtf8();
            }
        }

        TrainingPlots panel;
        panel.resize(1000, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        Core::MetricsTail tailOurs(ours.toStdString()), tailOfficial(official.toStdString());
        QFile fo(ours), ff(official);
        QVERIFY(fo.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        QVERIFY(ff.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        std::mt19937 rng(7);
        int atO = 0, atF = 0;
        while (atO < oursText.size() || atF < officialText.size()) {
            const int n = int(rng() % 700) + 1; // cuts lines anywhere
            fo.write(oursText.mid(atO, n));
            ff.write(officialText.mid(atF, n));
            atO += n;
            atF += n;
            feed(panel.store(), QStringLiteral("ours"), tailOurs.poll().records);
            feed(panel.store(), QStringLiteral("official"), tailOfficial.poll().records);
            QTest::qWait(1);
        }
        QCOMPARE(tailOurs.malformedLines(), 0);
        QCOMPARE(tailOfficial.malformedLines(), 0);
        MetricsPlot *loss = panel.plots().at(0);
        MetricsPlot *bpb = panel.plots().at(1);
        MetricsPlot *tokens = panel.plots().at(3);
        loss->replotNow();
        bpb->replotNow();
        tokens->replotNow();
        QCOMPARE(loss->rawKeys(QStringLiteral("ours")).size(), 400);
        QCOMPARE(loss->rawKeys(QStringLiteral("official")).size(), 400);
        QCOMPARE(bpb->rawKeys(QStringLiteral("ours")), (QVector<double>{100, 200, 300, 400}));
        QCOMPARE(bpb->rawKeys(QStringLiteral("official")), (QVector<double>{100, 200, 300, 400}));
        QCOMPARE(loss->customPlot()->legend->itemCount(), 2);
        // The official log has no tokens/s; the reader derives it from train_batch_tokens.
        QCOMPARE(tokens->rawKeys(QStringLiteral("official")).size(), 400);
        QVERIFY(qFuzzyCompare(tokens->store()
                                  ->series(QStringLiteral("official"), QStringLiteral("tok_per_s"))
                                  .last()
                                  .value,
                              524288 / 0.05));

        // The panel's controls reach every plot.
        panel.setXAxis(MetricsPlot::XAxis::Time);
        panel.setSmoothing(0.9);
        for (MetricsPlot *p : panel.plots()) {
            QCOMPARE(p->xAxis(), MetricsPlot::XAxis::Time);
            QCOMPARE(p->smoothing(), 0.9);
        }
        loss->replotNow();
        QCOMPARE(loss->rawKeys(QStringLiteral("ours")).last(), 400 * 40.5 / 1000);
    }

    void screenshots()
    {
        const QStringList runs{QStringLiteral("baseline 9L 512d"), QStringLiteral("int6 QAT"),
                               QStringLiteral("10L, MLP 3x")};
        const double floors[] = {2.35, 2.28, 2.21}, rates[] = {420, 500, 600},
                     msPerStep[] = {43, 47, 55};

        MetricsPlot plot;
        plot.resize(900, 520);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        for (int i = 0; i < 3; ++i)
            plot.appendPoints(
                runs[i], QStringLiteral("train_loss"),
                lossCurve(6000 - 1000 * i, floors[i], rates[i], msPerStep[i], unsigned(10 + i)));
        plot.replotNow();
        QTest::qWait(50);
        QVERIFY(plot.grab().save(screenshotPath(QStringLiteral("metricsplot_3runs.png"))));
        plot.setLogY(true);
        plot.setXAxis(MetricsPlot::XAxis::Time);
        plot.setSmoothing(0.95);
        plot.replotNow();
        QTest::qWait(50);
        QVERIFY(plot.grab().save(screenshotPath(QStringLiteral("metricsplot_3runs_log_time.png"))));

        TrainingPlots panel;
        panel.resize(1200, 760);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        std::mt19937 rng(3);
        std::normal_distribution<double> jitter(0, 900);
        for (int i = 0; i < 3; ++i) {
            const int steps = 6000 - 1000 * i;
            const QVector<SeriesPoint> loss =
                lossCurve(steps, floors[i], rates[i], msPerStep[i], unsigned(10 + i));
            QVector<SeriesPoint> lr, tok, bpb;
            for (const SeriesPoint &p : loss) {
                const double warmdown = 1200;
                lr.append({p.step, p.timeS, std::min(1.0, (steps - p.step) / warmdown)});
                tok.append({p.step, p.timeS, 524288 / (msPerStep[i] / 1000.0) / 8 + jitter(rng)});
                if (int(p.step) % 500 == 0)
                    bpb.append({p.step, p.timeS,
                                (floors[i] - 0.3 + 4 * std::exp(-p.step / rates[i])) / 1.70});
            }
            panel.appendPoints(runs[i], QStringLiteral("train_loss"), loss);
            panel.appendPoints(runs[i], QStringLiteral("lr"), lr);
            panel.appendPoints(runs[i], QStringLiteral("tok_per_s"), tok);
            panel.appendPoints(runs[i], QStringLiteral("val_bpb"), bpb);
        }
        for (MetricsPlot *p : panel.plots())
            p->replotNow();
        QTest::qWait(50);
        QVERIFY(panel.grab().save(screenshotPath(QStringLiteral("trainingplots_3runs.png"))));

        MetricsPlot empty;
        empty.setMetric(QStringLiteral("val_bpb"));
        empty.resize(500, 320);
        empty.show();
        QVERIFY(QTest::qWaitForWindowExposed(&empty));
        empty.replotNow();
        QVERIFY(empty.grab().save(screenshotPath(QStringLiteral("metricsplot_empty.png"))));
    }
};

QTEST_MAIN(tst_MetricsPlot)
#include "tst_metricsplot.moc"
