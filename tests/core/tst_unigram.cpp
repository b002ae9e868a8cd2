// SPDX-License-Identifier: GPL-3.0-or-later
// The unigram baseline on a hand-computed case.

#include "common/error.h"
#include "eval/unigram.h"

#include <QtTest>

#include <cmath>

using namespace Core;

class tst_Unigram : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handComputed()
    {
        ByteLut lut;
        lut.baseBytes = {0, 2, 1};
        lut.hasLeadingSpace = {0, 0, 0};
        lut.isBoundary = {1, 0, 0};
        // Train counts (+1 smoothing over 3 ids): id0: 1, id1: 1+3 = 4, id2: 1+1 = 2; total 7.
        const std::vector<uint16_t> train = {1, 1, 1, 2};
        // Val targets: 1, 2 -> nats = -ln(4/7) - ln(2/7); bytes = 2 + 1.
        const std::vector<uint16_t> val = {0, 1, 2};
        const auto r = unigramBaseline(train, val, lut, 3);
        const double nats = -std::log(4.0 / 7.0) - std::log(2.0 / 7.0);
        QVERIFY(std::abs(r.valLoss - nats / 2) < 1e-12);
        QVERIFY(std::abs(r.valBpb - nats / std::log(2.0) / 3.0) < 1e-12);
    }
    void rejectsOutOfRange()
    {
        ByteLut lut;
        lut.baseBytes = {1, 1};
        lut.hasLeadingSpace = {0, 0};
        lut.isBoundary = {0, 0};
        QVERIFY_THROWS_EXCEPTION(Error, unigramBaseline({0, 5}, {0, 1}, lut, 2));
    }
};

QTEST_GUILESS_MAIN(tst_Unigram)
#include "tst_unigram.moc"
