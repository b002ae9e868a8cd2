// SPDX-License-Identifier: GPL-3.0-or-later
// The official warmdown and Muon momentum warm-up.

#include "train/schedule.h"

#include <QtTest>

using namespace Core;

class tst_Schedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void iterationWarmdown_data()
    {
        QTest::addColumn<qint64>("step");
        QTest::addColumn<double>("mul");
        QTest::newRow("start") << qint64(0) << 1.0;
        QTest::newRow("before warmdown") << qint64(79) << 1.0;
        QTest::newRow("warmdown begins") << qint64(80) << 1.0;
        QTest::newRow("half way") << qint64(90) << 0.5;
        QTest::newRow("last step") << qint64(99) << 0.05;
    }
    void iterationWarmdown()
    {
        QFETCH(qint64, step);
        QFETCH(double, mul);
        TrainConfig c;
        c.iterations = 100;
        c.warmdown_iters = 20;
        c.max_wallclock_seconds = 0;
        QVERIFY(qFuzzyCompare(lrMultiplier(c, step, 0) + 1.0, mul + 1.0));
    }

    void wallclockWarmdown()
    {
        TrainConfig c;
        c.warmdown_iters = 100;
        c.max_wallclock_seconds = 10; // 10,000 ms
        // 50 steps in 5,000 ms: 100 ms/step, warmdown spans 10,000 ms, 5,000 ms remain -> 0.5.
        QCOMPARE(lrMultiplier(c, 50, 5000.0), 0.5);
        // 10 steps in 1,000 ms: warmdown 10,000 ms, 9,000 remain -> 0.9.
        QCOMPARE(lrMultiplier(c, 10, 1000.0), 0.9);
        c.warmdown_iters = 10; // warmdown 1,000 ms: not yet
        QCOMPARE(lrMultiplier(c, 10, 1000.0), 1.0);
        QCOMPARE(lrMultiplier(c, 100, 12000.0), 0.0); // past the cap
    }

    void muonMomentum()
    {
        TrainConfig c; // 0.85 -> 0.95 over 500 steps
        QCOMPARE(muonMomentumAt(c, 0), 0.85);
        QVERIFY(qFuzzyCompare(muonMomentumAt(c, 250), 0.90));
        QCOMPARE(muonMomentumAt(c, 500), 0.95);
        QCOMPARE(muonMomentumAt(c, 5000), 0.95);
    }
};

QTEST_GUILESS_MAIN(tst_Schedule)
#include "tst_schedule.moc"
