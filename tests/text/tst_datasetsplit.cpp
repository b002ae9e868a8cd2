// SPDX-License-Identifier: GPL-3.0-or-later
// Validation/training split rules: first N documents (official), or an even fraction.

#include "common/error.h"
#include "text/datasetsplit.h"

#include <QtTest>

#include <cmath>

using namespace Core;

class tst_DatasetSplit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstDocuments()
    {
        const auto s = DatasetSplit::firstDocuments(3);
        QVERIFY(s.isValidation(0));
        QVERIFY(s.isValidation(2));
        QVERIFY(!s.isValidation(3));
        QCOMPARE(s.describe(), std::string("first 3 documents"));
        QVERIFY(!DatasetSplit::firstDocuments(0).isValidation(0));
        QVERIFY_THROWS_EXCEPTION(Error, DatasetSplit::firstDocuments(-1));
    }

    void fractionPicksEveryKth()
    {
        const auto s = DatasetSplit::fraction(0.1);
        QList<int> val;
        for (int i = 0; i < 35; ++i) {
            if (s.isValidation(i))
                val << i;
        }
        QCOMPARE(val, (QList<int>{0, 10, 20, 30}));
        QCOMPARE(s.describe(), std::string("fraction 0.1 (1 in every 10 documents)"));
    }

    void fractionCounts_data()
    {
        QTest::addColumn<double>("fraction");
        QTest::addColumn<int>("documents");
        QTest::newRow("0.1 of 1000") << 0.1 << 1000;
        QTest::newRow("0.1 of 15217 (the fortunes)") << 0.1 << 15217;
        QTest::newRow("0.3 of 101") << 0.3 << 101;
        QTest::newRow("1/3 of 100") << 1.0 / 3 << 100;
        QTest::newRow("0.05 of 7") << 0.05 << 7;
        QTest::newRow("none") << 0.0 << 50;
        QTest::newRow("all") << 1.0 << 50;
    }

    // Any prefix of n documents holds exactly ceil(n·f) validation documents.
    void fractionCounts()
    {
        QFETCH(double, fraction);
        QFETCH(int, documents);
        const auto s = DatasetSplit::fraction(fraction);
        const double f = double(std::llround(fraction * 1e6)) / 1e6;
        int val = 0;
        for (int i = 0; i < documents; ++i) {
            val += s.isValidation(i) ? 1 : 0;
            QCOMPARE(val, int(std::ceil((i + 1) * f - 1e-9)));
        }
    }

    void badFractions()
    {
        QVERIFY_THROWS_EXCEPTION(Error, DatasetSplit::fraction(-0.1));
        QVERIFY_THROWS_EXCEPTION(Error, DatasetSplit::fraction(1.5));
        QVERIFY_THROWS_EXCEPTION(Error, DatasetSplit::fraction(std::nan("")));
    }
};

QTEST_GUILESS_MAIN(tst_DatasetSplit)
#include "tst_datasetsplit.moc"
