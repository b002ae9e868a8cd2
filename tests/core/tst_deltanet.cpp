// SPDX-License-Identifier: GPL-3.0-or-later
// Gated DeltaNet: the chunked gated delta rule against the step-by-step recurrence (values and
// the gradient of every input) across chunk edges and under strong and weak decay; the mixer's
// causality; a model with DeltaNet blocks through shape inference and a strict load.

#include "model/checkpoint_p.h"
#include "model/deltarule_p.h"
#include "model/gpt_p.h"
#include "tensordiff.h"
#include "tinyconfig.h"

#include <QtTest>

using namespace Core;
using TestData::maxRelDiff;

class tst_DeltaNet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void chunkedEqualsRecurrence_data()
    {
        QTest::addColumn<int>("T");
        QTest::addColumn<int>("chunk");
        QTest::addColumn<double>("decay");
        QTest::newRow("one step") << 1 << 64 << 1.0;
        QTest::newRow("one chunk exactly") << 64 << 64 << 1.0;
        QTest::newRow("ragged last chunk") << 150 << 64 << 1.0;
        QTest::newRow("small chunks") << 37 << 8 << 1.0;
        QTest::newRow("strong decay (alpha ~ e^-8)") << 100 << 32 << 8.0;
        QTest::newRow("almost no decay") << 100 << 32 << 1e-4;
    }
    void chunkedEqualsRecurrence()
    {
        QFETCH(int, T);
        QFETCH(int, chunk);
        QFETCH(double, decay);
        torch::manual_seed(T + chunk);
        const int B = 2, H = 3, dk = 8, dv = 12;
        auto unit = [](const torch::Tensor &t) { return t / t.norm(2, -1, true); };
        const std::vector<torch::Tensor> inputs{unit(torch::randn({B, T, H, dk})), unit(torch::randn({B, T, H, dk})),
                                                torch::randn({B, T, H, dv}), -torch::rand({B, T, H}) * decay,
                                                torch::sigmoid(torch::randn({B, T, H}))};
        const auto seed = torch::randn({B, T, H, dv});
        auto run = [&](bool chunked) {
            std::vector<torch::Tensor> leaf;
            for (const auto &t : inputs)
                leaf.push_back(t.clone().requires_grad_(true));
            auto o = chunked ? gatedDeltaRule(leaf[0], leaf[1], leaf[2], leaf[3], leaf[4], chunk)
                             : gatedDeltaRuleReference(leaf[0], leaf[1], leaf[2], leaf[3], leaf[4]);
            o.backward(seed);
            std::vector<torch::Tensor> out{o.detach()};
            for (const auto &t : leaf)
                out.push_back(t.grad());
            return out;
        };
        const auto fast = run(true), ref = run(false);
        const char *names[] = {"o", "dq", "dk", "dv", "dg", "dbeta"};
        for (size_t i = 0; i < fast.size(); ++i)
            QVERIFY2(maxRelDiff(fast[i], ref[i]) < 2e-5,
                     qPrintable(QString("%1: %2").arg(names[i]).arg(maxRelDiff(fast[i], ref[i]))));
    }

    // With beta = 1 and orthonormal keys the state is an exact associative memory: reading with
    // a stored key returns its value (no decay), the delta rule's defining property.
    void deltaRuleRecallsWhatItStored()
    {
        const int dk = 4;
        auto keys = torch::eye(dk).view({1, dk, 1, dk});
        auto values = torch::randn({1, dk, 1, 3});
        auto q = torch::cat({keys, keys}, 1), k = torch::cat({keys, keys}, 1);
        auto v = torch::cat({values, values * 2.0}, 1); // the second pass overwrites
        auto g = torch::zeros({1, 2 * dk, 1}), beta = torch::ones({1, 2 * dk, 1});
        auto o = gatedDeltaRule(q, k, v, g, beta, 3);
        QVERIFY(maxRelDiff(o.narrow(1, dk, dk), values * 2.0) < 1e-6);
        QVERIFY(maxRelDiff(o.narrow(1, 0, 1), values.narrow(1, 0, 1)) < 1e-6);
    }

    void mixerIsCausalAndModelsLoad()
    {
        torch::manual_seed(8);
        auto c = TestData::tinyGpt(80, 3, 32);
        c.layerTypes = {"deltanet", "ssm", "deltanet"};
        c.deltanetConv = 3;
        Gpt gpt(c);
        int64_t count = 0;
        for (const auto &p : gpt->parameters())
            count += p.numel();
        QCOMPARE(count, c.parameterCount());
        torch::NoGradGuard noGrad;
        for (auto &p : gpt->parameters())
            p.add_(torch::randn_like(p) * 0.05);
        auto ids = torch::randint(0, 80, {1, 90}, torch::kInt64);
        const auto logits = gpt->logits(ids);
        auto changed = ids.clone();
        changed[0][70] = (changed[0][70].item<int64_t>() + 1) % 80;
        const auto logits2 = gpt->logits(changed);
        QVERIFY(torch::equal(logits.narrow(1, 0, 70), logits2.narrow(1, 0, 70)));
        QVERIFY(!torch::allclose(logits.narrow(1, 70, 20), logits2.narrow(1, 70, 20)));

        const auto named = namedTensors(*gpt);
        const auto inferred = inferConfig(named, "deltanet model"); // no attention block at all
        QCOMPARE(inferred.layerTypes, c.layerTypes);
        QCOMPARE(inferred.deltanetConv, 3);
        QCOMPARE(inferred.numHeads, c.numHeads);
        Gpt again(inferred);
        assignStrict(namedTensors(*again), named, "deltanet model");
        QVERIFY(torch::equal(again->logits(ids), logits));
    }
};

QTEST_GUILESS_MAIN(tst_DeltaNet)
#include "tst_deltanet.moc"
