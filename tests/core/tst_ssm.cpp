// SPDX-License-Identifier: GPL-3.0-or-later
// The selective state-space mixer: the fused scan against its ATen reference (values and the
// gradient of every input) across chunk edges and channel blocks; causality of the whole mixer;
// hybrid models (attention and state-space blocks) through save, shape inference and a strict
// load.

#include "model/gpt_p.h"
#include "model/checkpoint_p.h"
#include "model/ssmscan_p.h"
#include "tensordiff.h"
#include "tinyconfig.h"

#include <nlohmann/json.hpp>

#include <QtTest>

using namespace Core;
using TestData::maxRelDiff;

namespace {

GptConfig hybrid()
{
    auto c = TestData::tinyGpt(96, 3, 48);
    c.layerTypes = {"ssm", "attention", "ssm"};
    c.ssmState = 8;
    c.ssmExpand = 2;
    c.ssmDtRank = 5;
    return c;
}

} // namespace

class tst_Ssm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void scanEqualsReference_data()
    {
        QTest::addColumn<int>("B");
        QTest::addColumn<int>("T");
        QTest::addColumn<int>("Di");
        QTest::addColumn<int>("N");
        QTest::newRow("one step") << 1 << 1 << 16 << 4;
        QTest::newRow("one chunk exactly, ragged channels") << 2 << 64 << 20 << 16;
        QTest::newRow("across chunks") << 2 << 150 << 48 << 8;
        QTest::newRow("fewer channels than a block") << 1 << 70 << 5 << 3;
    }
    void scanEqualsReference()
    {
        QFETCH(int, B);
        QFETCH(int, T);
        QFETCH(int, Di);
        QFETCH(int, N);
        torch::manual_seed(T + Di);
        // Steps and decays as a trained layer has them: delta = softplus(.) in (0, ~2],
        // A = -exp(A_log) in [-N, -1].
        const std::vector<torch::Tensor> inputs{
            torch::randn({B, T, Di}), torch::nn::functional::softplus(torch::randn({B, T, Di}) - 1.0),
            -torch::exp(torch::rand({Di, N}) * std::log(double(N))), torch::randn({B, T, N}), torch::randn({B, T, N}),
            torch::randn({Di})};
        const auto seed = torch::randn({B, T, Di});
        auto run = [&](bool fused) {
            std::vector<torch::Tensor> leaf;
            for (const auto &t : inputs)
                leaf.push_back(t.clone().requires_grad_(true));
            auto y = (fused ? selectiveScan : selectiveScanReference)(leaf[0], leaf[1], leaf[2], leaf[3], leaf[4], leaf[5]);
            y.backward(seed);
            std::vector<torch::Tensor> out{y.detach()};
            for (const auto &t : leaf)
                out.push_back(t.grad());
            return out;
        };
        const auto fused = run(true), ref = run(false);
        const char *names[] = {"y", "dx", "ddelta", "dA", "dB", "dC", "dD"};
        for (size_t i = 0; i < fused.size(); ++i)
            QVERIFY2(maxRelDiff(fused[i], ref[i]) < 2e-5,
                     qPrintable(QString("%1: %2").arg(names[i]).arg(maxRelDiff(fused[i], ref[i]))));
    }

    // Output t of the mixer reads inputs 0..t only: the convolution and the scan are causal.
    void mixerIsCausal()
    {
        torch::manual_seed(2);
        auto c = hybrid();
        SelectiveSsm ssm(c);
        torch::NoGradGuard noGrad;
        for (auto &p : ssm->parameters())
            p.add_(torch::randn_like(p) * 0.1); // out_proj starts at zero
        auto u = torch::randn({1, 90, c.modelDim});
        const auto y = ssm(u);
        auto changed = u.clone();
        changed[0][70] += 1.0;
        const auto y2 = ssm(changed);
        QVERIFY(torch::equal(y.narrow(1, 0, 70), y2.narrow(1, 0, 70)));
        QVERIFY(!torch::allclose(y.narrow(1, 70, 20), y2.narrow(1, 70, 20)));
    }

    void causalConvolutionMatchesConv1d()
    {
        torch::manual_seed(4);
        auto x = torch::randn({2, 30, 12});
        auto w = torch::randn({12, 1, 4}), b = torch::randn({12});
        auto expected = torch::conv1d(x.transpose(1, 2), w, b, 1, 3, 1, 12).narrow(2, 0, 30).transpose(1, 2);
        QVERIFY(maxRelDiff(causalDepthwiseConv(x, w, b), expected) < 1e-6);
    }

    void hybridModelSavesInfersAndLoads()
    {
        torch::manual_seed(6);
        const auto c = hybrid();
        Gpt gpt(c);
        int64_t count = 0;
        for (const auto &p : gpt->parameters())
            count += p.numel();
        QCOMPARE(count, c.parameterCount());
        const auto named = namedTensors(*gpt);
        // The mixer's own parameters, then its submodules, as Python's state_dict lists them.
        std::vector<std::string> names;
        for (const auto &[name, t] : named)
            if (name.rfind("blocks.0.ssm.", 0) == 0)
                names.push_back(name.substr(13));
        QCOMPARE(names, (std::vector<std::string>{"A_log", "D", "in_proj.weight", "conv1d.weight", "conv1d.bias",
                                                  "x_proj.weight", "dt_proj.weight", "dt_proj.bias",
                                                  "out_proj.weight"}));
        const auto inferred = inferConfig(named, "hybrid");
        QCOMPARE(inferred.layerTypes, c.layerTypes);
        QCOMPARE(inferred.ssmState, 8);
        QCOMPARE(inferred.ssmExpand, 2);
        QCOMPARE(inferred.ssmDtRank, 5);
        QCOMPARE(inferred.numHeads, c.numHeads);
        QCOMPARE(inferred.numKvHeads, c.numKvHeads);
        Gpt again(inferred);
        assignStrict(namedTensors(*again), named, "hybrid");
        auto ids = torch::randint(0, 96, {2, 20}, torch::kInt64);
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(gpt->logits(ids), again->logits(ids)));
    }

    void mixerSummary()
    {
        QCOMPARE(tokenMixerSummary(TestData::tinyGpt()), std::string());
        auto c = hybrid();
        QCOMPARE(tokenMixerSummary(c), std::string("token mixers per block: ssm attention ssm"));
        c.layerWindows = {0, 32, 0};
        QCOMPARE(tokenMixerSummary(c), std::string("token mixers per block: ssm attention ssm; "
                                                   "attention windows per block: - 32 -"));
        auto w = TestData::tinyGpt(64, 2);
        w.layerWindows = {16, 0};
        QCOMPARE(tokenMixerSummary(w), std::string("attention windows per block: 16 full"));
    }

    void configRejectsMixerMismatches_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown mixer") << "layer_types" << R"(["ssm", "mamba2", "attention"])" << "layer_types entries";
        QTest::newRow("one short") << "layer_types" << R"(["ssm", "attention"])" << "one mixer per block";
        QTest::newRow("window on an ssm block") << "layer_windows" << "[8, 0, 0]" << "has no attention window";
    }
    void configRejectsMixerMismatches()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        auto j = hybrid().toJson();
        j[key.toStdString()] = nlohmann::json::parse(value.toStdString());
        try {
            GptConfig::fromJson(j);
            QFAIL("accepted");
        } catch (const std::exception &e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(tst_Ssm)
#include "tst_ssm.moc"
