// SPDX-License-Identifier: GPL-3.0-or-later
// SeriesStore's bounded storage: a long series is merged down to at most maxPoints() points,
// the recent window stays exact, every spike (and every non-finite gap) survives, the logged
// count and the mean are conserved, and smoothing over merged points stays close to smoothing
// over every logged point.

#include "seriesdata.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace Widgets;

namespace {

// A noisy decaying loss with a spike every 997 steps and a NaN at step 12345.
double lossAt(int step)
{
    double v = 4.0 * std::exp(-step / 20000.0) + 1.0 + 0.05 * std::sin(step * 0.7);
    if (step % 997 == 0)
        v += 3.0 + double(step % 7);
    if (step == 12345)
        v = std::numeric_limits<double>::quiet_NaN();
    return v;
}

QVector<SeriesPoint> batch(int from, int to)
{
    QVector<SeriesPoint> out;
    for (int s = from; s < to; ++s) {
        SeriesPoint p;
        p.step = s;
        p.timeS = s * 0.01;
        p.value = lossAt(s);
        out.append(p);
    }
    return out;
}

const QString kRun = QStringLiteral("run");
const QString kLoss = QStringLiteral("train_loss");

} // namespace

class tst_SeriesData : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortSeriesKeepEveryPoint()
    {
        SeriesStore store;
        QSignalSpy appended(&store, &SeriesStore::pointsAppended);
        QSignalSpy compacted(&store, &SeriesStore::seriesCompacted);
        store.append(kRun, kLoss, batch(1, 1001));
        QCOMPARE(store.series(kRun, kLoss).size(), 1000);
        QCOMPARE(appended.count(), 1);
        QCOMPARE(compacted.count(), 0);
        for (const SeriesPoint &p : store.series(kRun, kLoss))
            QCOMPARE(p.count, int64_t(1));
    }

    void longSeriesStayBounded()
    {
        SeriesStore store;
        QSignalSpy compacted(&store, &SeriesStore::seriesCompacted);
        const int total = 200000;
        int maxSeen = 0;
        for (int from = 1; from <= total; from += 1000) {
            store.append(kRun, kLoss, batch(from, from + 1000));
            maxSeen = std::max(maxSeen, int(store.series(kRun, kLoss).size()));
        }
        const QVector<SeriesPoint> &s = store.series(kRun, kLoss);
        QVERIFY2(maxSeen <= store.maxPoints() + 1000, qPrintable(QString::number(maxSeen)));
        QVERIFY(s.size() <= store.maxPoints());
        QVERIFY(compacted.count() > 10);
        QCOMPARE(store.loggedCount(kRun, kLoss), int64_t(total));

        // Steps stay in logged order, first and last point are the logged ones.
        for (int i = 1; i < s.size(); ++i)
            QVERIFY(s[i].step > s[i - 1].step);
        QCOMPARE(s.first().step, 1.0);
        QCOMPARE(s.last().step, double(total));
        // The recent window is exact.
        for (int i = int(s.size()) - store.recentPoints(); i < s.size(); ++i) {
            QCOMPARE(s[i].count, int64_t(1));
            QCOMPARE(s[i].value, lossAt(int(s[i].step)));
        }
        // Every spike survives with its exact value and step; the NaN gap too.
        for (int step = 997; step <= total; step += 997) {
            const auto it = std::find_if(s.begin(), s.end(), [&](const SeriesPoint &p) { return p.step == step; });
            QVERIFY2(it != s.end(), qPrintable(QStringLiteral("spike at step %1 lost").arg(step)));
            QCOMPARE(it->value, lossAt(step));
        }
        QVERIFY(std::any_of(s.begin(), s.end(), [](const SeriesPoint &p) { return std::isnan(p.value); }));
        // The global envelope is the logged one.
        double lo = INFINITY, hi = -INFINITY, storedLo = INFINITY, storedHi = -INFINITY;
        double sum = 0, storedSum = 0;
        for (int step = 1; step <= total; ++step)
            if (std::isfinite(lossAt(step))) {
                lo = std::min(lo, lossAt(step));
                hi = std::max(hi, lossAt(step));
                sum += lossAt(step);
            }
        for (const SeriesPoint &p : s)
            if (std::isfinite(p.value)) {
                storedLo = std::min(storedLo, p.value);
                storedHi = std::max(storedHi, p.value);
                storedSum += p.meanValue() * double(p.count);
            }
        QCOMPARE(storedLo, lo);
        QCOMPARE(storedHi, hi);
        QVERIFY(std::fabs(storedSum - sum) < 1e-6 * sum); // means conserve the total
        // History density is even: no stretch of 20k old steps is left with a handful of points.
        for (int start = 0; start + 20000 <= total - store.recentPoints(); start += 20000) {
            const auto n = std::count_if(s.begin(), s.end(), [&](const SeriesPoint &p) {
                return p.step > start && p.step <= start + 20000;
            });
            QVERIFY2(n >= 100, qPrintable(QStringLiteral("steps %1..: %2 points").arg(start).arg(n)));
        }
    }

    void smoothingOverMergedPointsTracksTheExactCurve()
    {
        SeriesStore store;
        const int total = 60000;
        store.append(kRun, kLoss, batch(1, total + 1));
        const QVector<SeriesPoint> &s = store.series(kRun, kLoss);
        QVERIFY(s.size() <= store.maxPoints());
        for (double w : {0.6, 0.9, 0.99}) {
            // The exact EMA at every logged step, against the EMA over the stored points at the
            // stored points' steps (a merged point is pushed as its bucket).
            EmaSmoother exact(w), merged(w);
            QHash<int, double> exactAt;
            for (int step = 1; step <= total; ++step)
                exactAt.insert(step, exact.push(lossAt(step)));
            double worst = 0;
            for (const SeriesPoint &p : s) {
                const double m = merged.push(p);
                if (std::isfinite(m) && p.count == 1)
                    worst = std::max(worst, std::fabs(m - exactAt.value(int(p.step))));
            }
            // The recent exact points carry an average that went through the merged history;
            // it has forgotten it after a few time constants, so they agree closely.
            QVERIFY2(worst < 0.05, qPrintable(QStringLiteral("w=%1: %2").arg(w).arg(worst)));
        }
        // Weight 0 gives the stored extremes themselves (unsmoothed plots keep spikes).
        EmaSmoother none(0);
        for (const SeriesPoint &p : s)
            if (std::isfinite(p.value))
                QCOMPARE(none.push(p), p.value);
    }

    void limitsAndClear()
    {
        SeriesStore store;
        store.setLimits(100, 300);
        QCOMPARE(store.recentPoints(), 100);
        QCOMPARE(store.maxPoints(), 300);
        for (int from = 1; from <= 10000; from += 50)
            store.append(kRun, kLoss, batch(from, from + 50));
        QVERIFY(store.series(kRun, kLoss).size() <= 300);
        QCOMPARE(store.loggedCount(kRun, kLoss), int64_t(10000));
        store.clearRun(kRun);
        QCOMPARE(store.series(kRun, kLoss).size(), 0);
        // A cleared run starts again at full resolution.
        store.append(kRun, kLoss, batch(1, 201));
        QCOMPARE(store.series(kRun, kLoss).size(), 200);
        store.setLimits(10, 5); // clamped to keep room for the recent window
        QVERIFY(store.maxPoints() >= 2 * store.recentPoints());
    }
};

QTEST_GUILESS_MAIN(tst_SeriesData)
#include "tst_seriesdata.moc"
