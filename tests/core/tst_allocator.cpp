// SPDX-License-Identifier: GPL-3.0-or-later
// The multiple-choice knapsack behind `golf allocate`: optimal where the answer can be worked out
// by hand or by brute force, never over budget at any resolution, and clear about bad input.

#include "analysis/allocator.h"
#include "common/error.h"
#include "errortext.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

using Core::Allocation;
using Core::AllocationChoice;
using Core::AllocationItem;
using Core::AllocationProblem;

Q_DECLARE_METATYPE(std::vector<int>)

namespace {

/// An item from (bytes, cost) pairs; the settings only label the choices.
AllocationItem item(const std::string &name, const std::vector<std::pair<int64_t, double>> &choices)
{
    AllocationItem it;
    it.name = name;
    int bits = 8;
    for (const auto &[bytes, cost] : choices) {
        AllocationChoice c;
        c.setting.bits = std::max(2, bits--);
        c.bytes = bytes;
        c.cost = cost;
        it.choices.push_back(c);
    }
    return it;
}

/// The optimum by enumerating every combination; cost +inf when nothing fits.
std::pair<double, std::vector<int>> bruteForce(const AllocationProblem &p)
{
    double best = std::numeric_limits<double>::infinity();
    std::vector<int> bestPick, pick(p.items.size(), 0);
    for (;;) {
        int64_t bytes = 0;
        double cost = 0;
        for (size_t i = 0; i < pick.size(); ++i) {
            bytes += p.items[i].choices[size_t(pick[i])].bytes;
            cost += p.items[i].choices[size_t(pick[i])].cost;
        }
        if (bytes <= p.budget && cost < best) {
            best = cost;
            bestPick = pick;
        }
        size_t i = 0;
        while (i < pick.size() && ++pick[i] == int(p.items[i].choices.size()))
            pick[i++] = 0;
        if (i == pick.size())
            break;
    }
    return {best, bestPick};
}

int64_t bytesOf(const AllocationProblem &p, const Allocation &a)
{
    int64_t sum = 0;
    for (size_t i = 0; i < a.choice.size(); ++i)
        sum += p.items[i].choices[size_t(a.choice[i])].bytes;
    return sum;
}

AllocationProblem randomProblem(std::mt19937 &rng, int items, int choices, int64_t maxBytes)
{
    AllocationProblem p;
    std::uniform_int_distribution<int64_t> bytes(0, maxBytes);
    std::uniform_real_distribution<double> cost(-0.5, 10.0);
    int64_t least = 0, most = 0;
    for (int i = 0; i < items; ++i) {
        std::vector<std::pair<int64_t, double>> cs;
        int64_t lo = maxBytes, hi = 0;
        for (int j = 0; j < choices; ++j) {
            cs.emplace_back(bytes(rng), cost(rng));
            lo = std::min(lo, cs.back().first);
            hi = std::max(hi, cs.back().first);
        }
        least += lo;
        most += hi;
        p.items.push_back(item("t" + std::to_string(i), cs));
    }
    // Anywhere from "nothing fits" to "everything fits".
    p.budget = std::uniform_int_distribution<int64_t>(least - least / 4, most)(rng);
    return p;
}

} // namespace

class tst_Allocator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handSolved_data()
    {
        QTest::addColumn<int64_t>("budget");
        QTest::addColumn<std::vector<int>>("expected");
        QTest::addColumn<double>("cost");
        // Two tensors, (bytes, cost): a = {(10, 5), (20, 1), (40, 0)}, b = {(10, 9), (30, 2), (60, 0)}.
        QTest::newRow("only the smallest fit") << int64_t(20) << std::vector<int>{0, 0} << 14.0;
        QTest::newRow("one byte short of an upgrade") << int64_t(29) << std::vector<int>{0, 0} << 14.0;
        QTest::newRow("first upgrade") << int64_t(30) << std::vector<int>{1, 0} << 10.0;
        // At 40: a to 20 bytes saves 4, b to 30 saves 7; the better rate (a) is the worse choice.
        QTest::newRow("the bigger saving wins") << int64_t(40) << std::vector<int>{0, 1} << 7.0;
        QTest::newRow("both mid") << int64_t(50) << std::vector<int>{1, 1} << 3.0;
        QTest::newRow("a best, b mid") << int64_t(70) << std::vector<int>{2, 1} << 2.0;
        QTest::newRow("a mid, b best") << int64_t(80) << std::vector<int>{1, 2} << 1.0;
        QTest::newRow("everything fits") << int64_t(1000) << std::vector<int>{2, 2} << 0.0;
    }
    void handSolved()
    {
        QFETCH(int64_t, budget);
        QFETCH(std::vector<int>, expected);
        QFETCH(double, cost);
        AllocationProblem p;
        p.items = {item("a", {{10, 5}, {20, 1}, {40, 0}}), item("b", {{10, 9}, {30, 2}, {60, 0}})};
        p.budget = budget;
        const Allocation a = Core::allocate(p);
        QVERIFY(a.feasible);
        QVERIFY(a.exact);
        QCOMPARE(a.choice, expected);
        QCOMPARE(a.cost, cost);
        QCOMPARE(a.bytes, bytesOf(p, a));
        QVERIFY(a.bytes <= budget);
    }

    void infeasibleWhenTheSmallestDoNotFit()
    {
        AllocationProblem p;
        p.items = {item("a", {{10, 1}, {5, 3}}), item("b", {{7, 0}})};
        p.budget = 11;
        const Allocation a = Core::allocate(p);
        QVERIFY(!a.feasible);
        QVERIFY(a.choice.empty());
        p.budget = 12; // exactly the smallest of both
        const Allocation b = Core::allocate(p);
        QVERIFY(b.feasible);
        QCOMPARE(b.choice, (std::vector<int>{1, 0}));
        QCOMPARE(b.bytes, int64_t(12));
    }

    void dominatedAndEqualChoices()
    {
        AllocationProblem p;
        // Choice 1 is bigger and worse than choice 0; choices 2 and 3 are equal: the first is kept.
        p.items = {item("a", {{10, 2}, {15, 3}, {20, 1}, {20, 1}})};
        p.budget = 100;
        const Allocation a = Core::allocate(p);
        QCOMPARE(a.choice, std::vector<int>{2});
        p.budget = 17;
        QCOMPARE(Core::allocate(p).choice, std::vector<int>{0});
    }

    void negativeCostsAndZeroBytes()
    {
        AllocationProblem p;
        // A setting may measure *better* than full precision (noise, regularisation): it is taken.
        p.items = {item("a", {{0, 0.5}, {8, -0.25}}), item("b", {{0, 0}})};
        p.budget = 8;
        const Allocation a = Core::allocate(p);
        QCOMPARE(a.choice, (std::vector<int>{1, 0}));
        QCOMPARE(a.cost, -0.25);
        p.budget = 0;
        QCOMPARE(Core::allocate(p).choice, (std::vector<int>{0, 0}));
    }

    void emptyProblem()
    {
        AllocationProblem p;
        p.budget = 0;
        const Allocation a = Core::allocate(p);
        QVERIFY(a.feasible);
        QVERIFY(a.choice.empty());
        QCOMPARE(a.bytes, int64_t(0));
    }

    // Exact at 1-byte resolution: equal to brute force on random problems.
    void matchesBruteForce_data()
    {
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("choices");
        for (int seed = 1; seed <= 40; ++seed)
            QTest::addRow("seed %d", seed) << seed << 1 + seed % 6 << 1 + seed % 5;
    }
    void matchesBruteForce()
    {
        QFETCH(int, seed);
        QFETCH(int, items);
        QFETCH(int, choices);
        std::mt19937 rng{uint32_t(seed)};
        const AllocationProblem p = randomProblem(rng, items, choices, 500);
        const auto [best, pick] = bruteForce(p);
        const Allocation a = Core::allocate(p);
        QCOMPARE(a.feasible, std::isfinite(best));
        if (!a.feasible)
            return;
        QVERIFY(a.exact);
        QVERIFY(a.bytes <= p.budget);
        QCOMPARE(a.bytes, bytesOf(p, a));
        QVERIFY2(std::abs(a.cost - best) < 1e-9,
                 qPrintable(QString("allocator %1, optimum %2").arg(a.cost).arg(best)));
    }

    // Coarse buckets (real models: millions of bytes, 65,536 buckets): bytes are rounded up, so
    // the result still fits, and it is never better than the optimum (which would be a bug).
    void coarseResolutionNeverExceedsTheBudget_data()
    {
        QTest::addColumn<int>("seed");
        QTest::addColumn<int64_t>("maxBuckets");
        for (int seed = 1; seed <= 30; ++seed)
            QTest::addRow("seed %d", seed) << seed << int64_t(1 + seed * 7 % 60);
    }
    void coarseResolutionNeverExceedsTheBudget()
    {
        QFETCH(int, seed);
        QFETCH(int64_t, maxBuckets);
        std::mt19937 rng(uint32_t(seed) * 7919u);
        const AllocationProblem p = randomProblem(rng, 2 + seed % 5, 2 + seed % 4, 100000);
        const auto [best, pick] = bruteForce(p);
        const Allocation a = Core::allocate(p, maxBuckets);
        QCOMPARE(a.feasible, std::isfinite(best));
        if (!a.feasible)
            return;
        QVERIFY(a.resolution >= 1);
        QVERIFY(a.bytes <= p.budget);
        QCOMPARE(a.bytes, bytesOf(p, a));
        QVERIFY(a.cost >= best - 1e-9);
        if (a.resolution == 1)
            QVERIFY(std::abs(a.cost - best) < 1e-9);
    }

    // Many tensors at a resolution where rounding up leaves the programme no room: the greedy
    // fallback still finds an allocation that fits.
    void manySmallItemsAtCoarseResolution()
    {
        AllocationProblem p;
        for (int i = 0; i < 200; ++i)
            p.items.push_back(item("t" + std::to_string(i), {{3, 2.0}, {5, 1.0}, {9, 0.0}}));
        p.budget = 200 * 4;
        const Allocation a = Core::allocate(p, 8);
        QVERIFY(a.feasible);
        QVERIFY(a.resolution > 1);
        QVERIFY(a.bytes <= p.budget);
        // 200 bytes of slack over the smallest: 100 upgrades from 3 to 5 bytes.
        QCOMPARE(a.cost, 300.0);
    }

    void badInput_data()
    {
        QTest::addColumn<int>("what");
        QTest::addColumn<QString>("message");
        QTest::newRow("no choices") << 0 << "tensor 'empty' has no storage choices";
        QTest::newRow("negative bytes") << 1 << "negative byte count (-4)";
        QTest::newRow("nan cost") << 2 << "non-finite cost";
        QTest::newRow("negative budget") << 3 << "the byte budget is negative (-1)";
        QTest::newRow("no buckets") << 4 << "maxBuckets must be at least 1";
    }
    void badInput()
    {
        QFETCH(int, what);
        QFETCH(QString, message);
        AllocationProblem p;
        p.budget = 100;
        int64_t buckets = 1 << 16;
        switch (what) {
        case 0:
            p.items = {item("empty", {})};
            break;
        case 1:
            p.items = {item("a", {{-4, 1}})};
            break;
        case 2:
            p.items = {item("a", {{4, std::nan("")}})};
            break;
        case 3:
            p.budget = -1;
            break;
        case 4:
            buckets = 0;
            break;
        }
        const QString error = TestData::errorOf([&] { Core::allocate(p, buckets); });
        QVERIFY2(error.contains(message), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_Allocator)
#include "tst_allocator.moc"
