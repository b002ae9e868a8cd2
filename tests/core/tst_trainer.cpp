// SPDX-License-Identifier: GPL-3.0-or-later
// Training end to end on a tiny model: the run directory's files, determinism, bit-for-bit
// resume, stop requests, and divergence handling.

#include "common/atomicfile.h"
#include "common/error.h"
#include "model/model_p.h"
#include "model/checkpoint_p.h"
#include "run/rundir.h"
#include "testdata.h"
#include "train/trainer.h"
#include "quant/modelload.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>

using namespace Core;
using TestData::metrics;
using TestData::train;
using TestData::trainLosses;

class tst_Trainer : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TrainConfig m_cfg;
    bool m_referenceTrained = false;
    std::string run(const char *name) const { return m_dir.filePath(name).toStdString(); }

    // The uninterrupted run that interrupted ones must end like, trained the first time a test
    // asks for it, so that each test function also runs on its own.
    std::string referenceRun()
    {
        if (!m_referenceTrained) {
            auto full = Trainer::start(m_cfg, run("ref"));
            train(full);
            m_referenceTrained = true;
        }
        return run("ref");
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::filesystem::create_directories(m_dir.filePath("data").toStdString());
        m_cfg = TestData::writeTinyDataset(m_dir.filePath("data").toStdString());
    }

    void runDirectory()
    {
        auto t = Trainer::start(m_cfg, run("a"), {{"run_id", "a"}});
        QCOMPARE(int(train(t)), int(Trainer::Outcome::Finished));
        QCOMPARE(t.step(), int64_t(6));

        const auto cfg = RunDir(run("a")).readConfigJson();
        QCOMPARE(cfg["run_id"].get<std::string>(), std::string("a"));
        QCOMPARE(cfg["train"]["iterations"].get<int>(), 6);
        QCOMPARE(cfg["param_count"].get<int64_t>(), m_cfg.model.parameterCount());

        int vals = 0, steps = 0;
        for (const auto &m : metrics(run("a"))) {
            if (m.contains("val_bpb")) {
                ++vals;
                QVERIFY(m["val_bpb"].get<double>() > 0);
            }
            if (m.contains("train_loss")) {
                ++steps;
                QVERIFY(m.contains("tok_per_s") && m.contains("lr") && m.contains("t_ms"));
            }
        }
        QCOMPARE(vals, 4); // steps 0, 2, 4, 6
        QCOMPARE(steps, 6);

        // train.log speaks the official line format, so tools for train_gpt.py logs read it.
        const QStringList lines = QString::fromStdString(readFile(run("a") + "/train.log")).split('\n');
        const QRegularExpression trainLine(R"(^step:\d+/6 train_loss:\d+\.\d{4} train_time:\d+ms step_avg:\d+\.\d{2}ms$)");
        const QRegularExpression valLine(R"(^step:\d+/6 val_loss:\d+\.\d{4} val_bpb:\d+\.\d{4} train_time:\d+ms step_avg:\d+\.\d{2}ms$)");
        int trainLines = 0, valLines = 0;
        for (const auto &l : lines) {
            trainLines += trainLine.match(l).hasMatch();
            valLines += valLine.match(l).hasMatch();
        }
        QCOMPARE(trainLines, 6);
        QCOMPARE(valLines, 4);
        QVERIFY(lines.first().startsWith("model_params:"));

        const auto latest = RunDir(run("a")).readLatest();
        QVERIFY(latest && latest->step == 6);
        QVERIFY(std::filesystem::exists(run("a") + "/checkpoints/" + latest->model));
        // The checkpoint is a plain official-name state dict that loads strictly.
        Model m = loadModel(run("a") + "/checkpoints/" + latest->model);
        QCOMPARE(m.config().numLayers, 2);
        QVERIFY(t.lastEval().valBpb > 0);
    }

    void sameSeedSameCurve()
    {
        auto a = Trainer::start(m_cfg, run("s1"));
        train(a);
        auto b = Trainer::start(m_cfg, run("s2"));
        train(b);
        QVERIFY(trainLosses(run("s1")) == trainLosses(run("s2")));
        TrainConfig other = m_cfg;
        other.seed = 8;
        auto c = Trainer::start(other, run("s3"));
        train(c);
        QVERIFY(trainLosses(run("s1")) != trainLosses(run("s3")));
    }

    void resumeIsBitForBit()
    {
        auto full = Trainer::start(m_cfg, run("full"));
        train(full);

        auto part = Trainer::start(m_cfg, run("part"));
        QCOMPARE(int(train(part, 3)), int(Trainer::Outcome::Stopped));
        QCOMPARE(part.step(), int64_t(3));
        auto resumed = Trainer::resume(run("part"));
        QCOMPARE(resumed.step(), int64_t(3));
        QCOMPARE(int(train(resumed)), int(Trainer::Outcome::Finished));

        QVERIFY(trainLosses(run("full")) == trainLosses(run("part")));
        const auto a = loadStateDict(run("full") + "/checkpoints/step_000006.pt");
        const auto b = loadStateDict(run("part") + "/checkpoints/step_000006.pt");
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].first, b[i].first);
            QVERIFY2(torch::equal(a[i].second, b[i].second), a[i].first.c_str());
        }
    }

    void resumesAfterACrash()
    {
        // What a SIGKILL can leave (tests/crash/kill_test.py does it for real): the newest pair
        // damaged, a writeFileAtomic temporary, a metrics line without its newline. Resume
        // tidies up, falls back to the newest pair that loads and trains on to the same end.
        auto t = Trainer::start(m_cfg, run("crash"));
        QCOMPARE(int(train(t, 3)), int(Trainer::Outcome::Stopped));
        auto t2 = Trainer::resume(run("crash"));
        QCOMPARE(int(train(t2, 5)), int(Trainer::Outcome::Stopped));
        QCOMPARE(RunDir(run("crash")).readLatest()->step, int64_t(5));
        const std::string ck = run("crash") + "/checkpoints/";
        const std::string damaged = readFile(ck + "step_000005.pt");
        writeFileAtomic(ck + "step_000005.pt", damaged.substr(0, damaged.size() / 2));
        writeFileAtomic(ck + ".latest.json.tmp.AbC123", "{\"st");
        {
            std::ofstream torn(run("crash") + "/metrics.jsonl", std::ios::app);
            torn << "{\"step\":6,\"train_lo";
        }

        std::vector<std::string> logged;
        auto resumed = Trainer::resume(run("crash"));
        QCOMPARE(resumed.step(), int64_t(3));
        QVERIFY(!std::filesystem::exists(ck + ".latest.json.tmp.AbC123"));
        const std::string metricsText = readFile(run("crash") + "/metrics.jsonl");
        QVERIFY(!metricsText.empty() && metricsText.back() == '\n');
        Trainer::Callbacks cb;
        cb.onLog = [&](const std::string &line) { logged.push_back(line); };
        std::atomic_bool stop{false};
        QCOMPARE(int(resumed.run(stop, cb)), int(Trainer::Outcome::Finished));
        QVERIFY(std::any_of(logged.begin(), logged.end(), [](const std::string &l) {
            return l.find("step_000005.pt") != std::string::npos && l.find("cannot resume") != std::string::npos;
        }));
        QVERIFY(metrics(run("crash")).size() > 0); // every line parses again
        const auto a = loadStateDict(referenceRun() + "/checkpoints/step_000006.pt");
        const auto b = loadStateDict(ck + "step_000006.pt");
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY2(torch::equal(a[i].second, b[i].second), a[i].first.c_str());
    }

    void resumeBeforeTheFirstCheckpointStartsOver()
    {
        // Killed between creating the run and its first checkpoint: resume starts from step 0
        // with the same seed, so the run ends where an uninterrupted one does.
        { auto t = Trainer::start(m_cfg, run("young")); }
        QVERIFY(!RunDir(run("young")).readLatest());
        // The killed attempt's first lines (no checkpoint came of them).
        RunDir(run("young")).appendLog("model_params:1");
        RunDir(run("young")).appendMetric({{"step", 1}, {"train_loss", 6.9}});
        auto resumed = Trainer::resume(run("young"));
        QCOMPARE(resumed.step(), int64_t(0));
        QCOMPARE(int(train(resumed)), int(Trainer::Outcome::Finished));
        // The logs started over with the run: each step once, as in an uninterrupted run.
        QVERIFY(trainLosses(run("young")) == trainLosses(referenceRun()));
        QVERIFY(readFile(run("young") + "/train.log").find("model_params:1\n") == std::string::npos);
        const auto a = loadStateDict(referenceRun() + "/checkpoints/step_000006.pt");
        const auto b = loadStateDict(run("young") + "/checkpoints/step_000006.pt");
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY2(torch::equal(a[i].second, b[i].second), a[i].first.c_str());
    }

    void stopFile()
    {
        auto t = Trainer::start(m_cfg, run("stopfile"));
        writeFileAtomic(run("stopfile") + "/STOP", "");
        QCOMPARE(int(train(t)), int(Trainer::Outcome::Stopped));
        QCOMPARE(t.step(), int64_t(1));
        QVERIFY(!std::filesystem::exists(run("stopfile") + "/STOP"));
        QVERIFY(RunDir(run("stopfile")).readLatest()->step == 1);
    }

    void divergenceStopsAndSavesNothingBad()
    {
        // Train two steps and stop (a good checkpoint), then poison one weight with NaN, as an
        // overflow would, and continue: the loss is NaN, the run stops, nothing is saved.
        auto t = Trainer::start(m_cfg, run("nan"));
        QCOMPARE(int(train(t, 2)), int(Trainer::Outcome::Stopped));
        auto u = Trainer::resume(run("nan"));
        {
            torch::NoGradGuard ng;
            u.model().impl().gpt->blocks[0]->as<BlockImpl>()->mlp->fc->weight[0][0] = NAN;
        }
        QCOMPARE(int(train(u)), int(Trainer::Outcome::Diverged));
        const QString msg = QString::fromStdString(u.message());
        QVERIFY2(msg.contains("train_loss is nan at step 3") && msg.contains("diverged"), qPrintable(msg));
        QVERIFY2(msg.contains("last good checkpoint is") && msg.contains("step_000002.pt"), qPrintable(msg));
        QCOMPARE(RunDir(run("nan")).readLatest()->step, int64_t(2));
        QVERIFY(!std::filesystem::exists(run("nan") + "/checkpoints/step_000003.pt"));
    }

    void badDataFailsBeforeTheRunDirExists()
    {
        TrainConfig c = m_cfg;
        c.train_files = m_dir.filePath("nothing_*.bin").toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, Trainer::start(c, run("bad")));
        QVERIFY(!std::filesystem::exists(run("bad")));
    }
};

QTEST_GUILESS_MAIN(tst_Trainer)
#include "tst_trainer.moc"
