// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluation: window layouts (official truncation; sliding windows score every target exactly
// once) and val_loss / val_bpb against values computed by hand.

#include "common/error.h"
#include "eval/evaluator.h"
#include "model/model_p.h"
#include "tinyconfig.h"

#include <QtTest>

#include <cmath>

using namespace Core;
using TestData::tinyGpt;

namespace {
// Every non-boundary token is 2 bytes; id 1 (BOS) is a boundary; ids 2..9 carry a leading space.
ByteLut lut64()
{
    ByteLut lut;
    lut.baseBytes.assign(64, 2);
    lut.hasLeadingSpace.assign(64, 0);
    lut.isBoundary.assign(64, 0);
    lut.baseBytes[0] = lut.baseBytes[1] = 0;
    lut.isBoundary[0] = lut.isBoundary[1] = 1;
    for (int i = 2; i < 10; ++i)
        lut.hasLeadingSpace[size_t(i)] = 1;
    return lut;
}

std::vector<uint16_t> stream(int n, uint64_t seed)
{
    std::vector<uint16_t> t(static_cast<size_t>(n));
    uint64_t x = seed;
    for (auto &v : t) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        v = uint16_t(1 + (x >> 33) % 63);
    }
    t[0] = 1;
    return t;
}
} // namespace

class tst_Evaluator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void officialWindows()
    {
        EvalOptions o;
        o.seqLen = 4;
        // 14 tokens = 13 targets -> floor(13/4) = 3 windows of 4; the tail is dropped.
        const auto w = evalWindows(14, o);
        QCOMPARE(int(w.size()), 3);
        QCOMPARE(w[2].start, int64_t(8));
        o.maxTokens = 9; // 8 targets -> 2 windows
        QCOMPARE(int(evalWindows(14, o).size()), 2);
    }

    void slidingScoresEachTargetOnce_data()
    {
        QTest::addColumn<int>("tokens");
        QTest::addColumn<int>("seqLen");
        QTest::addColumn<int>("stride");
        QTest::newRow("exact multiple") << 33 << 8 << 4;
        QTest::newRow("ragged tail") << 38 << 8 << 4;
        QTest::newRow("stride 1") << 20 << 6 << 1;
        QTest::newRow("stride = seq") << 30 << 5 << 5;
        QTest::newRow("stride not dividing seq") << 50 << 8 << 3;
        QTest::newRow("shorter than one window") << 5 << 8 << 2;
        QTest::newRow("official 1024/64 shape") << 5000 << 1024 << 64;
    }
    void slidingScoresEachTargetOnce()
    {
        QFETCH(int, tokens);
        QFETCH(int, seqLen);
        QFETCH(int, stride);
        EvalOptions o;
        o.seqLen = seqLen;
        o.stride = stride;
        std::vector<int> hits(size_t(tokens - 1), 0);
        for (const auto &w : evalWindows(tokens, o)) {
            QVERIFY(w.length <= seqLen && w.start + w.length <= tokens - 1);
            // Every scored target after the first window sees at least seqLen - stride context.
            if (w.start > 0)
                QCOMPARE(w.scoreFrom, int64_t(seqLen - stride));
            for (int64_t t = w.scoreFrom; t < w.length; ++t)
                ++hits[size_t(w.start + t)];
        }
        for (int h : hits)
            QCOMPARE(h, 1);
    }

    void uniformModelHandComputed()
    {
        // All-zero weights give all-zero logits: every target costs exactly ln(64) nats.
        Model m(tinyGpt(), 1);
        {
            torch::NoGradGuard ng;
            for (auto &p : m.impl().gpt->parameters())
                p.zero_();
        }
        const auto tokens = stream(41, 9); // 40 targets = 5 windows of 8
        EvalOptions o;
        o.seqLen = 8;
        o.batchTokens = 16; // 2 windows per batch: batching must not matter
        const auto r = evaluate(m, tokens, lut64(), o);
        QCOMPARE(r.tokens, int64_t(40));
        // Bytes by hand: 2 per token, +1 for ids 2..9 unless after BOS (only position 0 is BOS).
        int64_t bytes = 0;
        for (size_t i = 1; i < tokens.size(); ++i)
            bytes += tokens[i] == 1 ? 0 : 2 + ((tokens[i] < 10 && tokens[i - 1] != 1) ? 1 : 0);
        QCOMPARE(r.bytes, bytes);
        QVERIFY(std::abs(r.valLoss - std::log(64.0)) < 1e-6);
        const double bpb = std::log(64.0) / std::log(2.0) * 40.0 / double(bytes);
        QVERIFY(std::abs(r.valBpb - bpb) < 1e-6);
    }

    void slidingMatchesOfficialWhenStrideIsSeqLen()
    {
        Model m(tinyGpt(), 2);
        {
            torch::NoGradGuard ng;
            for (auto &p : m.impl().gpt->parameters())
                p.add_(torch::randn_like(p) * 0.05);
        }
        const auto tokens = stream(65, 3); // 64 targets
        EvalOptions a;
        a.seqLen = 16;
        EvalOptions b = a;
        b.stride = 16;
        const auto ra = evaluate(m, tokens, lut64(), a), rb = evaluate(m, tokens, lut64(), b);
        QCOMPARE(ra.tokens, rb.tokens);
        QVERIFY(std::abs(ra.valLoss - rb.valLoss) < 1e-6);
        // A smaller stride scores the same targets with more context: a different loss.
        b.stride = 4;
        const auto rc = evaluate(m, tokens, lut64(), b);
        QCOMPARE(rc.tokens, int64_t(64));
        QCOMPARE(rc.bytes, ra.bytes);
        QVERIFY(std::abs(rc.valLoss - ra.valLoss) > 1e-7);
    }

    void tooFewTokensIsAnError()
    {
        Model m(tinyGpt(), 1);
        EvalOptions o;
        o.seqLen = 64;
        QVERIFY_THROWS_EXCEPTION(Error, evaluate(m, stream(10, 1), lut64(), o));
    }

    void cancel()
    {
        Model m(tinyGpt(), 1);
        EvalOptions o;
        o.seqLen = 8;
        o.batchTokens = 8;
        QVERIFY_THROWS_EXCEPTION(Error, evaluate(m, stream(41, 1), lut64(), o,
                                                 [](int64_t, int64_t) { return false; }));
    }
};

QTEST_GUILESS_MAIN(tst_Evaluator)
#include "tst_evaluator.moc"
