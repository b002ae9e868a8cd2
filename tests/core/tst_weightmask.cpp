// SPDX-License-Identifier: GPL-3.0-or-later
// The pruning-mask hook (train/weightmask.cpp) and init_checkpoint, on the tiny model: masked
// weights are exactly zero after many Muon and Adam steps, their gradients and optimizer states
// stay zero, a resume keeps the mask bit for bit, and every bad mask file is a clear error.

#include "common/atomicfile.h"
#include "errortext.h"
#include "model/model_p.h"
#include "model/checkpoint_p.h"
#include "run/rundir.h"
#include "testdata.h"
#include "train/trainer.h"
#include "train/weighthook_p.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <map>

using namespace Core;
using TestData::train;

namespace {

const char *const kMuonMatrix = "blocks.0.mlp.fc.weight"; // Muon (2-D block matrix)
const char *const kAdamMatrix = "tok_emb.weight";         // Adam (the tied embedding)

std::map<std::string, torch::Tensor> byName(const NamedTensors &tensors)
{
    return {tensors.begin(), tensors.end()};
}

/// A keep mask with about half the values pruned, reproducible.
torch::Tensor halfMask(const torch::Tensor &like, int64_t seed)
{
    torch::manual_seed(uint64_t(seed));
    return torch::rand(like.sizes()) > 0.5;
}

} // namespace

class tst_WeightMask : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TrainConfig m_cfg;
    std::string path(const std::string &name) const
    {
        return m_dir.filePath(QString::fromStdString(name)).toStdString();
    }

    /// Writes a mask for `names` (bool, about half pruned) built against a fresh model.
    std::string writeMask(const std::string &file, const std::vector<std::string> &names)
    {
        Model m(m_cfg.model, 1);
        auto params = byName(namedTensors(*m.impl().gpt));
        NamedTensors mask;
        int64_t seed = 11;
        for (const auto &n : names)
            mask.emplace_back(n, halfMask(params.at(n), seed++));
        saveStateDict(path(file), mask);
        return path(file);
    }

    static void checkMasked(GptImpl &gpt, const NamedTensors &mask)
    {
        auto params = byName(namedTensors(gpt));
        for (const auto &[name, keep] : mask) {
            const torch::Tensor w = params.at(name).detach().cpu();
            QVERIFY2(w.masked_select(keep.logical_not()).eq(0).all().item<bool>(), name.c_str());
            // The kept weights trained (the test would pass vacuously on a dead model).
            QVERIFY2(w.masked_select(keep).ne(0).any().item<bool>(), name.c_str());
            // +0, not -0: the export and the compressor see one zero pattern.
            QVERIFY(!w.masked_select(keep.logical_not()).signbit().any().item<bool>());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::filesystem::create_directories(path("data"));
        m_cfg = TestData::writeTinyDataset(path("data"));
        m_cfg.iterations = 30;
        m_cfg.val_loss_every = 0;
        m_cfg.warmdown_iters = 5;
    }

    void maskedStayZero_data()
    {
        QTest::addColumn<QStringList>("names");
        QTest::newRow("muon matrix") << QStringList{kMuonMatrix};
        QTest::newRow("adam embedding") << QStringList{kAdamMatrix};
        QTest::newRow("both + attention")
            << QStringList{kMuonMatrix, kAdamMatrix, "blocks.1.attn.c_q.weight"};
    }

    void maskedStayZero()
    {
        QFETCH(QStringList, names);
        std::vector<std::string> n;
        for (const auto &s : names)
            n.push_back(s.toStdString());
        const std::string tag = QTest::currentDataTag();
        TrainConfig cfg = m_cfg;
        cfg.prune_mask = writeMask("mask-" + tag + ".pt", n);
        auto t = Trainer::start(cfg, path("run-" + tag));
        QCOMPARE(int(train(t)), int(Trainer::Outcome::Finished));
        const NamedTensors mask = loadStateDict(cfg.prune_mask);
        checkMasked(*t.model().impl().gpt, mask);

        // The optimizer states saved with the final checkpoint are zero where the mask is.
        const auto latest = RunDir(path("run-" + tag)).readLatest();
        QVERIFY(latest.has_value());
        std::map<std::string, torch::Tensor> state;
        for (const auto &item :
             loadPickledDict(path("run-" + tag) + "/checkpoints/" + latest->state))
            if (item.value().isTensor())
                state[item.key().toStringRef()] = item.value().toTensor();
        for (const auto &[name, keep] : mask) {
            const bool muon = name != kAdamMatrix;
            const std::string key = muon ? "muon." + name : "adam." + name + ".exp_avg";
            QVERIFY2(state.count(key), key.c_str());
            QVERIFY2(state[key].masked_select(keep.logical_not()).eq(0).all().item<bool>(),
                     key.c_str());
            QVERIFY(state[key].masked_select(keep).ne(0).any().item<bool>());
            if (!muon)
                QVERIFY(state["adam." + name + ".exp_avg_sq"]
                            .masked_select(keep.logical_not())
                            .eq(0)
                            .all()
                            .item<bool>());
        }

        // train.log says what the hook does.
        const std::string log = readFile(path("run-" + tag) + "/train.log");
        const std::string line = "prune_mask:" + cfg.prune_mask +
                                 " tensors:" + std::to_string(mask.size()) + " sparsity:0.";
        QVERIFY2(log.find(line) != std::string::npos, line.c_str());
    }

    void gradientsZeroed()
    {
        TrainConfig cfg = m_cfg;
        cfg.prune_mask = writeMask("mask-grad.pt", {kMuonMatrix, kAdamMatrix});
        const NamedTensors mask = loadStateDict(cfg.prune_mask);
        Model m(cfg.model, 3);
        GptImpl &gpt = *m.impl().gpt;
        {
            // Off the official init, whose zero output projections give zero gradients.
            torch::NoGradGuard noGrad;
            torch::manual_seed(4);
            for (auto &p : gpt.parameters())
                p.normal_(0.0, 0.2);
        }
        auto hook = makeMaskHook(cfg, gpt);
        QVERIFY(hook);
        // Building the hook zeroed the weights already.
        auto params = byName(namedTensors(gpt));
        for (const auto &[name, keep] : mask)
            QVERIFY(params.at(name)
                        .detach()
                        .masked_select(keep.logical_not())
                        .eq(0)
                        .all()
                        .item<bool>());

        torch::manual_seed(5);
        const auto ids = torch::randint(0, cfg.model.vocabSize, {2, 16}, torch::kInt64);
        gpt.loss(ids.narrow(1, 0, 15), ids.narrow(1, 1, 15)).backward();
        for (const auto &[name, keep] : mask) // before the hook: dense gradients
            QVERIFY(
                params.at(name).grad().masked_select(keep.logical_not()).ne(0).any().item<bool>());
        hook->afterBackward(0);
        for (const auto &[name, keep] : mask) {
            const torch::Tensor g = params.at(name).grad();
            QVERIFY2(g.masked_select(keep.logical_not()).eq(0).all().item<bool>(), name.c_str());
            QVERIFY2(g.masked_select(keep).ne(0).any().item<bool>(), name.c_str());
        }
        // A tensor outside the mask keeps its gradient.
        QVERIFY(params.at("blocks.1.mlp.fc.weight").grad().ne(0).any().item<bool>());
        // No mask configured: no hook.
        QVERIFY(!makeMaskHook(m_cfg, gpt));
    }

    void resumeKeepsMask()
    {
        TrainConfig cfg = m_cfg;
        cfg.prune_mask = writeMask("mask-resume.pt", {kMuonMatrix, kAdamMatrix});
        auto whole = Trainer::start(cfg, path("r-whole"));
        QCOMPARE(int(train(whole)), int(Trainer::Outcome::Finished));
        {
            auto part = Trainer::start(cfg, path("r-part"));
            QCOMPARE(int(train(part, 13)), int(Trainer::Outcome::Stopped));
        }
        auto rest = Trainer::resume(path("r-part"));
        QCOMPARE(rest.step(), int64_t(13));
        QCOMPARE(int(train(rest)), int(Trainer::Outcome::Finished));
        checkMasked(*rest.model().impl().gpt, loadStateDict(cfg.prune_mask));
        // Bit for bit the uninterrupted run: the hook keeps no state beyond config + weights.
        auto a = byName(namedTensors(*whole.model().impl().gpt));
        for (const auto &[name, w] : namedTensors(*rest.model().impl().gpt))
            QVERIFY2(torch::equal(w, a.at(name)), name.c_str());
    }

    void badMaskFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected"); // besides the file name
        QTest::newRow("unknown tensor") << "unknown"
                                        << "'blocks.9.mlp.fc.weight' is not a tensor of the model";
        QTest::newRow("wrong shape")
            << "shape"
            << "'blocks.0.mlp.fc.weight' has shape [3,4], the model's is [64,32]";
        QTest::newRow("value 0.5")
            << "half"
            << "'blocks.0.mlp.fc.weight' holds values other than 0 and 1 (e.g. 0.5)";
        QTest::newRow("value 2 (int)")
            << "two"
            << "'blocks.0.mlp.fc.weight' holds values other than 0 and 1 (e.g. 2)";
        QTest::newRow("nan") << "nan"
                             << "'blocks.0.mlp.fc.weight' holds non-finite values";
        QTest::newRow("inf") << "inf"
                             << "'blocks.0.mlp.fc.weight' holds non-finite values";
        QTest::newRow("missing file") << "missing"
                                      << "";
        QTest::newRow("not a torch file") << "garbage"
                                          << "";
    }

    void badMaskFiles()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        Model m(m_cfg.model, 1);
        auto params = byName(namedTensors(*m.impl().gpt));
        const torch::Tensor fc = params.at(kMuonMatrix);
        const std::string file = path("bad-" + kind.toStdString() + ".pt");
        torch::Tensor t = torch::ones(fc.sizes());
        std::string name = kMuonMatrix;
        if (kind == "unknown")
            name = "blocks.9.mlp.fc.weight";
        else if (kind == "shape")
            t = torch::ones({3, 4});
        else if (kind == "half")
            t[1][2] = 0.5;
        else if (kind == "two")
            t = torch::ones(fc.sizes(), torch::kInt64), t[0][0] = 2;
        else if (kind == "nan")
            t[0][1] = std::nan("");
        else if (kind == "inf")
            t[0][1] = std::numeric_limits<float>::infinity();
        if (kind == "garbage")
            writeFileAtomic(file, "not a mask");
        else if (kind != "missing")
            saveStateDict(file, {{name, t}});
        TrainConfig cfg = m_cfg;
        cfg.prune_mask = file;
        const QString error = TestData::errorOf([&] { makeMaskHook(cfg, *m.impl().gpt); });
        QVERIFY2(error.contains(QString::fromStdString(file)), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        // The trainer refuses it before the first step, and no weight has changed.
        const QString viaTrainer = TestData::errorOf([&] {
            auto tr = Trainer::start(cfg, path("run-bad-" + kind.toStdString()));
            train(tr);
        });
        QVERIFY2(viaTrainer.contains(QString::fromStdString(file)), qPrintable(viaTrainer));
    }

    void initCheckpointLoadsStrictly()
    {
        // Weights of another seed, saved as a state dict: the new run starts from exactly them.
        Model source(m_cfg.model, 99);
        source.save(path("init.pt"));
        TrainConfig cfg = m_cfg;
        cfg.init_checkpoint = path("init.pt");
        {
            auto t = Trainer::start(cfg, path("init-run"));
            auto want = byName(namedTensors(*source.impl().gpt));
            for (const auto &[name, w] : namedTensors(*t.model().impl().gpt))
                QVERIFY2(torch::equal(w.detach().cpu(), want.at(name)), name.c_str());
        }
        // Another shape: a clear error naming the file, before any run folder is made.
        TrainConfig wider = m_cfg;
        wider.model.modelDim = 64;
        Model(wider.model, 1).save(path("wide.pt"));
        cfg.init_checkpoint = path("wide.pt");
        QString error = TestData::errorOf([&] { Trainer::start(cfg, path("init-wide")); });
        QVERIFY2(error.contains(QString::fromStdString(path("wide.pt"))), qPrintable(error));
        QVERIFY2(error.contains("shape mismatches"), qPrintable(error));
        QVERIFY(!std::filesystem::exists(path("init-wide") + "/config.json"));
        // A tensor missing: strict.
        NamedTensors partial = namedTensors(*source.impl().gpt);
        partial.pop_back();
        saveStateDict(path("partial.pt"), partial);
        cfg.init_checkpoint = path("partial.pt");
        error = TestData::errorOf([&] { Trainer::start(cfg, path("init-partial")); });
        QVERIFY2(error.contains("missing tensors"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_WeightMask)
#include "tst_weightmask.moc"
