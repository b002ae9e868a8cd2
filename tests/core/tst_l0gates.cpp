// SPDX-License-Identifier: GPL-3.0-or-later
// Learned structured sparsity: the hard-concrete gates against the paper's distribution, the
// removal of closed gates (a smaller model that computes exactly what the gated one computes at
// test time, read back from its file alone), and training: the gates reach the target sparsity
// and a resumed run samples its gates as the uninterrupted one did.

#include "common/error.h"
#include "model/checkpoint_p.h"
#include "model/gpt_p.h"
#include "model/l0gates_p.h"
#include "model/model_p.h"
#include "quant/modelload.h"
#include "testdata.h"
#include "tinyconfig.h"
#include "train/trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace Core;

namespace {

GptConfig gatedConfig()
{
    GptConfig c = TestData::tinyGpt(96, 3, 32); // 4 heads over 2 KV heads: groups of 2
    c.l0Gates = true;
    c.valueEmbedDim = 8;
    c.valueEmbedLayers = {1};
    return c;
}

/// Closes some gates of every kind (one head group of block 0, all of block 2's but its
/// strongest, a third of the MLP units), gives the open ones test-time values below 1, and wakes
/// the zero-initialised projections so that every path carries signal.
void shapeGates(GptImpl &gpt)
{
    torch::NoGradGuard noGrad;
    torch::manual_seed(5);
    for (const auto &[name, t] : namedTensors(gpt)) {
        if (isGateTensor(name)) {
            t.uniform_(-0.5, 4.0);
            t.index_fill_(0, torch::arange(0, t.size(0), 3), -6.0);
        } else if (name.find(".proj.weight") != std::string::npos) {
            t.normal_(0, 0.05);
        }
    }
    gpt.blocks->ptr<BlockImpl>(2)->attn->gate_log_alpha.copy_(torch::tensor({-8.0, -5.0}));
}

} // namespace

class tst_L0Gates : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void samplesFollowTheHardConcreteDistribution_data()
    {
        QTest::addColumn<double>("logAlpha");
        QTest::newRow("closed-ish") << -2.0;
        QTest::newRow("even") << 0.0;
        QTest::newRow("open-ish") << 1.5;
    }
    void samplesFollowTheHardConcreteDistribution()
    {
        QFETCH(double, logAlpha);
        // The paper's closed forms: P(z = 0) = sigmoid(beta log(-gamma/zeta) - log alpha),
        // P(z = 1) = sigmoid(log alpha - beta log((1 - gamma)/(zeta - 1))).
        const double beta = 2.0 / 3, gamma = -0.1, zeta = 1.1;
        auto sig = [](double v) { return 1 / (1 + std::exp(-v)); };
        const double p0 = sig(beta * std::log(-gamma / zeta) - logAlpha);
        const double p1 = sig(logAlpha - beta * std::log((1 - gamma) / (zeta - 1)));
        auto gen = at::make_generator<at::CPUGeneratorImpl>(11);
        const auto z = sampleGates(torch::full({200000}, logAlpha), gen);
        QVERIFY(std::abs(z.eq(0).to(torch::kDouble).mean().item<double>() - p0) < 0.005);
        QVERIFY(std::abs(z.eq(1).to(torch::kDouble).mean().item<double>() - p1) < 0.005);
        QVERIFY(z.ge(0).all().item<bool>() && z.le(1).all().item<bool>());
        QVERIFY(std::abs(openProbability(torch::tensor(logAlpha)).item<double>() - (1 - p0)) < 1e-6);
    }

    void aNewGatedModelIsThePlainModel()
    {
        GptConfig gated = gatedConfig(), plain = gated;
        plain.l0Gates = false;
        for (int64_t n : {1, 2, 64, 1024, 100000}) {
            const auto z = testGates(torch::full({n}, HardConcrete::initLogAlpha(n)));
            QVERIFY2(z.eq(1).all().item<bool>(), qPrintable(QString::number(n)));
        }
        Model a(gated, 3), b(plain, 3);
        auto ids = torch::randint(96, {2, 16});
        a.impl().gpt->eval();
        b.impl().gpt->eval();
        torch::NoGradGuard noGrad;
        QVERIFY(torch::equal(a.impl().gpt->logits(ids), b.impl().gpt->logits(ids)));
        QCOMPARE(a.parameterCount(), b.parameterCount() + 3 * (2 + 64));
    }

    void testGatesCloseTheExpectedNumber()
    {
        // Expected closed = sum P(z = 0): here about 2.66 of 5, so the 3 lowest close, although
        // the paper's mean gate would keep the one at log alpha -1.2 (0.177).
        const auto logAlpha = torch::tensor({-5.0, 3.0, -1.2, -5.0, -0.8});
        const double expected = (1 - openProbability(logAlpha)).sum().item<double>();
        QCOMPARE(std::llround(expected), 3LL);
        const auto z = testGates(logAlpha);
        QCOMPARE(z.eq(0).sum().item<int64_t>(), int64_t(3));
        QCOMPARE(z[2].item<double>(), 0.0);
        QVERIFY(z[4].item<double>() > 0 && z[1].item<double>() == 1.0);
    }

    void removalKeepsTheFunctionAndShrinksTheMatrices()
    {
        const GptConfig c = gatedConfig();
        Model gated(c, 9);
        shapeGates(*gated.impl().gpt);
        gated.save(path("gated.pt"));
        // From the file alone (no config.json): the gates are found and removed.
        Model pruned = loadModel(path("gated.pt"));
        const GptConfig &p = pruned.config();
        QVERIFY(!p.l0Gates);
        QVERIFY(p.isStructurallyPruned());
        QCOMPARE(p.layerKvHeads.at(2), 1); // all closed: the strongest group stays
        QVERIFY(p.layerKvHeads.at(0) == 1);
        for (int b = 0; b < 3; ++b)
            QVERIFY(p.layerMlpHidden.at(size_t(b)) < c.mlpHidden());
        QCOMPARE(pruned.parameterCount(), p.parameterCount());
        QVERIFY(pruned.parameterCount() < gated.parameterCount());
        for (const auto &t : pruned.tensors())
            QVERIFY2(!isGateTensor(t.name), t.name.c_str());
        // What the window's log and the export's README say about it.
        const std::string summary = structuredPruningSummary(p);
        QVERIFY2(summary.find("head groups kept per block 1 ") != std::string::npos
                     && summary.find(" of 2, MLP units kept per block " + std::to_string(p.layerMlpHidden[0]))
                            != std::string::npos,
                 summary.c_str());
        QVERIFY(structuredPruningSummary(c).empty());

        torch::NoGradGuard noGrad;
        auto ids = torch::randint(96, {2, 24});
        gated.impl().gpt->eval();
        pruned.impl().gpt->eval();
        const auto a = gated.impl().gpt->logits(ids), b = pruned.impl().gpt->logits(ids);
        QVERIFY2(torch::allclose(a, b, 1e-5, 1e-5),
                 qPrintable(QString::number((a - b).abs().max().item<double>())));

        // The pruned model's own file reads back as the same shape, inferred from its tensors.
        pruned.save(path("pruned.pt"));
        Model again = loadModel(path("pruned.pt"));
        QCOMPARE(again.config().layerKvHeads, p.layerKvHeads);
        QCOMPARE(again.config().layerMlpHidden, p.layerMlpHidden);
        QVERIFY(torch::allclose(again.impl().gpt->logits(ids), b, 1e-6, 1e-6));
    }

    void aConfigWithWidthsMustFit_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("too many heads") << "layer_kv_heads" << "[1, 3, 1]";
        QTest::newRow("one count short") << "layer_kv_heads" << "[1, 2]";
        QTest::newRow("no units") << "layer_mlp_hidden" << "[0, 4, 4]";
    }
    void aConfigWithWidthsMustFit()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        nlohmann::json j = gatedConfig().toJson();
        j[key.toStdString()] = nlohmann::json::parse(value.toStdString());
        try {
            GptConfig::fromJson(j);
            QFAIL("accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(key), e.what());
        }
    }

    void trainingReachesTheTargetAndResumesExactly()
    {
        std::filesystem::create_directories(path("data"));
        TrainConfig cfg = TestData::writeTinyDataset(path("data"));
        cfg.model.l0Gates = true;
        cfg.iterations = 80;
        cfg.warmdown_iters = 10;
        cfg.val_loss_every = 0;
        cfg.train_log_every = 0;
        cfg.checkpoint_every = 0;
        cfg.l0_target_sparsity = 0.4;
        auto full = Trainer::start(cfg, path("full"));
        QCOMPARE(int(TestData::train(full)), int(Trainer::Outcome::Finished));
        double sparsity = -1;
        for (const auto &m : TestData::metrics(path("full")))
            if (m.contains("l0_sparsity"))
                sparsity = m["l0_sparsity"].get<double>();
        QVERIFY2(std::abs(sparsity - 0.4) <= 0.02, qPrintable(QString::number(sparsity)));
        // What export sees: the matrices are smaller by that share of the gated parameters.
        const Model pruned = loadModel(full.lastCheckpoint());
        QVERIFY(pruned.config().isStructurallyPruned());
        QVERIFY(pruned.parameterCount() < cfg.model.parameterCount());

        // Stop at step 30, resume: the same weights and gates at the end.
        auto first = Trainer::start(cfg, path("resumed"));
        QCOMPARE(int(TestData::train(first, 30)), int(Trainer::Outcome::Stopped));
        auto second = Trainer::resume(path("resumed"));
        QCOMPARE(int(TestData::train(second)), int(Trainer::Outcome::Finished));
        const auto a = loadStateDict(full.lastCheckpoint()), b = loadStateDict(second.lastCheckpoint());
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY2(torch::equal(a[i].second, b[i].second), a[i].first.c_str());
    }
};

QTEST_GUILESS_MAIN(tst_L0Gates)
#include "tst_l0gates.moc"
