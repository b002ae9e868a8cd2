// SPDX-License-Identifier: GPL-3.0-or-later
// Iterative magnitude pruning with rewinding (analysis/rewind.h): the mask rule (exact counts,
// pruned stays pruned, 1-(1-p)^r, ties by position), the selection of tensors, and a tiny
// two-round rewind end to end, including a rerun that reads the finished rounds back.

#include "common/atomicfile.h"
#include "errortext.h"
#include "model/model_p.h"
#include "model/checkpoint_p.h"
#include "run/rundir.h"
#include "testdata.h"
#include "analysis/rewind.h"
#include "analysis/rewind_p.h"
#include "train/trainer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <map>

using namespace Core;

namespace {

std::map<std::string, torch::Tensor> byName(const NamedTensors &tensors)
{
    return {tensors.begin(), tensors.end()};
}

int64_t zeros(const torch::Tensor &keep)
{
    return keep.numel() - keep.sum().item<int64_t>();
}

} // namespace

class tst_Rewind : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TrainConfig m_cfg;
    std::string path(const std::string &name) const
    {
        return m_dir.filePath(QString::fromStdString(name)).toStdString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::filesystem::create_directories(path("data"));
        m_cfg = TestData::writeTinyDataset(path("data"));
    }

    void prunedCount_data()
    {
        QTest::addColumn<qint64>("numel");
        QTest::addColumn<qint64>("pruned");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("fresh 30% of 91") << qint64(91) << qint64(0) << 0.3 << qint64(27);
        QTest::newRow("survivors only") << qint64(91) << qint64(27) << 0.3 << qint64(27 + 19);
        QTest::newRow("floor, not round") << qint64(10) << qint64(0) << 0.19 << qint64(1);
        QTest::newRow("one survivor") << qint64(10) << qint64(9) << 0.9 << qint64(9);
        QTest::newRow("all pruned") << qint64(10) << qint64(10) << 0.5 << qint64(10);
    }

    void prunedCount()
    {
        QFETCH(qint64, numel);
        QFETCH(qint64, pruned);
        QFETCH(double, fraction);
        QFETCH(qint64, expected);
        QCOMPARE(qint64(nextPrunedCount(numel, pruned, fraction)), expected);
    }

    void exactCountSmallestMagnitudes()
    {
        torch::manual_seed(1);
        const torch::Tensor w = torch::randn({7, 13});
        const torch::Tensor keep = magnitudeKeepMask(w, {}, 27);
        QCOMPARE(keep.sizes().vec(), w.sizes().vec());
        QCOMPARE(zeros(keep), int64_t(27));
        const torch::Tensor a = w.abs();
        QVERIFY(a.masked_select(keep.logical_not()).max().item<float>() <=
                a.masked_select(keep).min().item<float>());
        QVERIFY(magnitudeKeepMask(w, {}, 0).all().item<bool>());
        QCOMPARE(zeros(magnitudeKeepMask(w, {}, 91)), int64_t(91));
    }

    void prunedStaysPruned()
    {
        torch::manual_seed(2);
        const torch::Tensor w = torch::randn({16, 8});
        // Prune the 10 *largest* weights first: a magnitude rule alone would never pick them.
        const torch::Tensor big =
            std::get<1>(w.abs().flatten().sort(true, 0, true)).slice(0, 0, 10);
        torch::Tensor prev = torch::ones({128}, torch::kBool);
        prev.index_fill_(0, big, false);
        prev = prev.view({16, 8});
        const int64_t target = nextPrunedCount(128, 10, 0.25); // 10 + floor(29.5) = 39
        QCOMPARE(target, int64_t(39));
        const torch::Tensor keep = magnitudeKeepMask(w, prev, target);
        QCOMPARE(zeros(keep), target);
        QVERIFY(keep.logical_and(prev.logical_not()).any().item<bool>() == false);
        // The 29 new ones are the smallest of the survivors.
        const torch::Tensor fresh = prev.logical_and(keep.logical_not());
        QCOMPARE(fresh.sum().item<int64_t>(), int64_t(29));
        QVERIFY(w.abs().masked_select(fresh).max().item<float>() <=
                w.abs().masked_select(keep).min().item<float>());
        // Asking for fewer than are pruned already is refused.
        QVERIFY(
            TestData::errorOf([&] { magnitudeKeepMask(w, prev, 5); }).contains("pruned already"));
    }

    void tiesGoToLowerIndex_data()
    {
        QTest::addColumn<QVector<float>>("weights");
        QTest::addColumn<int>("prune");
        QTest::addColumn<QVector<int>>("pruned"); // flat indices
        QTest::newRow("all equal") << QVector<float>{1, 1, 1, 1, 1} << 3 << QVector<int>{0, 1, 2};
        QTest::newRow("sign ignored") << QVector<float>{-1, 1, -1, 1} << 2 << QVector<int>{0, 1};
        QTest::newRow("mixed") << QVector<float>{1, 1, 0.5f, 1, -0.5f} << 3
                               << QVector<int>{0, 2, 4};
        QTest::newRow("zeros first") << QVector<float>{0.2f, 0, 0.1f, 0} << 2 << QVector<int>{1, 3};
    }

    void tiesGoToLowerIndex()
    {
        QFETCH(QVector<float>, weights);
        QFETCH(int, prune);
        QFETCH(QVector<int>, pruned);
        const torch::Tensor w = torch::tensor(std::vector<float>(weights.begin(), weights.end()));
        for (int repeat = 0; repeat < 3; ++repeat) { // the same answer every time
            const torch::Tensor keep = magnitudeKeepMask(w, {}, prune);
            QVector<int> got;
            for (int64_t i = 0; i < keep.numel(); ++i)
                if (!keep[i].item<bool>())
                    got.push_back(int(i));
            QCOMPARE(got, pruned);
        }
    }

    void iterativeSparsity_data()
    {
        QTest::addColumn<double>("fraction");
        QTest::addColumn<int>("rounds");
        QTest::newRow("p=0.2 x5") << 0.2 << 5;
        QTest::newRow("p=0.3 x3") << 0.3 << 3;
        QTest::newRow("p=0.5 x4") << 0.5 << 4;
    }

    void iterativeSparsity()
    {
        QFETCH(double, fraction);
        QFETCH(int, rounds);
        Model m(m_cfg.model, 5);
        const std::string weights = path("iter-weights.pt");
        m.save(weights);
        const auto params = byName(namedTensors(*m.impl().gpt));
        std::string prev;
        std::map<std::string, int64_t> expected; // per tensor, by the floor rule
        for (int r = 1; r <= rounds; ++r) {
            const std::string mask =
                path("iter-" + std::string(QTest::currentDataTag()) + std::to_string(r) + ".pt");
            const MaskStats s = writeNextMask(weights, prev, fraction, kDefaultPruneMatch, mask);
            int64_t total = 0, pruned = 0;
            const NamedTensors loaded = loadStateDict(mask);
            for (const auto &[name, keep] : loaded) {
                QCOMPARE(keep.scalar_type(), torch::kBool);
                const int64_t n = keep.numel();
                expected[name] = nextPrunedCount(n, expected[name], fraction);
                QCOMPARE(zeros(keep), expected[name]);
                total += n;
                pruned += expected[name];
            }
            QCOMPARE(s.pruned, pruned);
            QCOMPARE(s.total, total);
            QCOMPARE(s.tensors, int(loaded.size()));
            const double ideal = 1.0 - std::pow(1.0 - fraction, r);
            // Each round's floor loses at most one weight per tensor.
            QVERIFY2(std::abs(s.sparsity() - ideal) <= double(r * s.tensors) / double(total),
                     qPrintable(QString("%1 vs %2").arg(s.sparsity()).arg(ideal)));
            prev = mask;
        }
    }

    void selection_data()
    {
        QTest::addColumn<QString>("match");
        QTest::addColumn<QStringList>("expected");
        QStringList blocks;
        for (int l = 0; l < 2; ++l)
            for (const char *t :
                 {"attn.c_q", "attn.c_k", "attn.c_v", "attn.proj", "mlp.fc", "mlp.proj"})
                blocks << QString("blocks.%1.%2.weight").arg(l).arg(t);
        QTest::newRow("default: block matrices") << QString(kDefaultPruneMatch) << blocks;
        QTest::newRow("mlp of layer 1")
            << "^blocks\\.1\\.mlp\\."
            << QStringList{"blocks.1.mlp.fc.weight", "blocks.1.mlp.proj.weight"};
        QTest::newRow("embedding") << "tok_emb" << QStringList{"tok_emb.weight"};
        // Control tensors are never pruned, even when the pattern names them (resid_mix is 2-D).
        QTest::newRow("controls never")
            << "resid_mix|fc" << QStringList{"blocks.0.mlp.fc.weight", "blocks.1.mlp.fc.weight"};
    }

    void selection()
    {
        QFETCH(QString, match);
        QFETCH(QStringList, expected);
        Model m(m_cfg.model, 6);
        m.save(path("sel.pt"));
        writeNextMask(path("sel.pt"), "", 0.5, match.toStdString(), path("sel-mask.pt"));
        QStringList got;
        for (const auto &[name, keep] : loadStateDict(path("sel-mask.pt")))
            got << QString::fromStdString(name);
        QCOMPARE(got, expected);
    }

    void badOptions_data()
    {
        QTest::addColumn<QString>("match");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad regex") << "(" << 0.5 << "not a valid regular expression";
        QTest::newRow("no match") << "nothing" << 0.5 << "no 2-D tensor matches";
        QTest::newRow("fraction 0") << "mlp" << 0.0 << "prune fraction must be in (0, 1)";
        QTest::newRow("fraction 1") << "mlp" << 1.0 << "prune fraction must be in (0, 1)";
    }

    void badOptions()
    {
        QFETCH(QString, match);
        QFETCH(double, fraction);
        QFETCH(QString, expected);
        Model(m_cfg.model, 6).save(path("bad.pt"));
        const QString e = TestData::errorOf([&] {
            writeNextMask(path("bad.pt"), "", fraction, match.toStdString(), path("x.pt"));
        });
        QVERIFY2(e.contains(expected), qPrintable(e));
    }

    void endToEnd()
    {
        RewindOptions o;
        o.train = m_cfg;
        o.rounds = 2;
        o.fraction = 0.5;
        o.rewindStep = 2;
        o.evalTokens = 1024;
        o.outDir = path("rw");
        std::atomic_bool stop{false};
        std::vector<int> seen;
        RewindCallbacks cb;
        cb.onRound = [&](const RewindRound &r) { seen.push_back(r.round); };
        const RewindResult res = runRewind(o, stop, cb);
        QCOMPARE(seen, (std::vector<int>{0, 1, 2}));
        QCOMPARE(int(res.rounds.size()), 3);

        // The rewind weights are round 0's weights after 2 steps: a plain run checkpointing at
        // step 2 (same seed and data) agrees bit for bit.
        TrainConfig plain = m_cfg;
        plain.checkpoint_every = 2; // the full 6 steps: the schedule depends on the length
        {
            auto t = Trainer::start(plain, path("plain"));
            std::atomic_bool no{false};
            t.run(no, {});
        }
        const auto rewound = byName(loadStateDict(path("rw") + "/rewind_step2.pt"));
        for (const auto &[name, w] : loadStateDict(path("plain") + "/checkpoints/step_000002.pt"))
            QVERIFY2(torch::equal(w, rewound.at(name)), name.c_str());

        const double ideal[] = {0.0, 0.5, 0.75};
        NamedTensors previous;
        for (int r = 0; r <= 2; ++r) {
            const RewindRound &round = res.rounds[size_t(r)];
            QCOMPARE(round.round, r);
            QVERIFY(std::filesystem::exists(round.checkpoint));
            QCOMPARE(round.stats.sparsity(), ideal[r]); // even sizes: the floors are exact
            QVERIFY(round.rewound.floatBpb > 0 && round.rewound.roundTripBpb > 0);
            QVERIFY(round.rewound.modelBytes > 0);
            QVERIFY(round.oneShot.modelBytes > 0 && round.oneShot.roundTripBpb > 0);
            if (r == 0) {
                QVERIFY(round.mask.empty());
                continue;
            }
            // Each round's run starts from the rewind weights under its mask.
            const auto cfg = RunDir(round.runDir).readConfig();
            QCOMPARE(cfg.prune_mask, round.mask);
            QCOMPARE(cfg.init_checkpoint, path("rw") + "/rewind_step2.pt");
            QVERIFY(readFile(round.runDir + "/train.log").find("prune_mask:" + round.mask) !=
                    std::string::npos);
            // The trained weights are zero wherever the mask is, and round 2 prunes a superset.
            const NamedTensors mask = loadStateDict(round.mask);
            const auto w = byName(loadStateDict(round.checkpoint));
            auto prev = byName(previous);
            for (const auto &[name, keep] : mask) {
                QVERIFY(w.at(name).masked_select(keep.logical_not()).eq(0).all().item<bool>());
                if (!previous.empty())
                    QVERIFY(keep.logical_and(prev.at(name).logical_not()).any().item<bool>() ==
                            false);
            }
            previous = mask;
        }
        // Sparse models are smaller files than the dense one.
        QVERIFY(res.rounds[2].rewound.modelBytes < res.rounds[0].rewound.modelBytes);

        const auto summary = nlohmann::json::parse(readFile(res.summaryPath));
        QCOMPARE(summary["format"].get<std::string>(), std::string("golf-rewind-v1"));
        QCOMPARE(summary["rounds"].size(), size_t(3));
        QCOMPARE(summary["rounds"][2]["one_shot"]["model_bytes"].get<int64_t>(),
                 res.rounds[2].oneShot.modelBytes);

        // A rerun with the same options reads the finished rounds back: same numbers, no new
        // training (the logs do not grow).
        const auto logSize = std::filesystem::file_size(path("rw") + "/round1/train.log");
        const RewindResult again = runRewind(o, stop, {});
        QCOMPARE(std::filesystem::file_size(path("rw") + "/round1/train.log"), logSize);
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(again.rounds[i].rewound.modelBytes, res.rounds[i].rewound.modelBytes);
            QCOMPARE(again.rounds[i].rewound.roundTripBpb, res.rounds[i].rewound.roundTripBpb);
        }
        // Other settings in the same folder are refused rather than mixed in.
        RewindOptions other = o;
        other.train.seed = 8;
        QVERIFY(TestData::errorOf([&] { runRewind(other, stop, {}); }).contains("other settings"));
    }
};

QTEST_GUILESS_MAIN(tst_Rewind)
#include "tst_rewind.moc"
