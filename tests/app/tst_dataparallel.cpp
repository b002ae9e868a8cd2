// SPDX-License-Identifier: GPL-3.0-or-later
// Data-parallel golf over c10d (Gloo), as a user starts it: `golf train --nproc 2` against one
// process with the same global batch (grad_accum_steps 2, so each of the two ranks runs one
// micro-batch), a stop and a resume at another world size, a rank killed mid-run, and
// `golf sensitivity --nproc 2` against one process. Every process runs one thread, so the
// ranks' arithmetic is the single process's and the bounds below can be tight.

#include "common/atomicfile.h"
#include "model/checkpoint_p.h"
#include "testdata.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>

namespace {

const QString kGolf = QStringLiteral(GOLF_BINARY_DIR "/app/golf/golf");

struct Result
{
    int code = -1;
    QString out, err;
};

Result golf(const QStringList &args, const QString &cacheDir = {}, int timeoutMs = 300000)
{
    QProcess p;
    if (!cacheDir.isEmpty()) {
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("GOLF_CACHE_DIR", cacheDir);
        p.setProcessEnvironment(env);
    }
    p.start(kGolf, args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// The largest |a - b| over every tensor of two state dicts with the same names.
double maxWeightDifference(const QString &a, const QString &b)
{
    const auto x = Core::loadStateDict(a.toStdString()), y = Core::loadStateDict(b.toStdString());
    if (x.size() != y.size())
        return INFINITY;
    double worst = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        if (x[i].first != y[i].first)
            return INFINITY;
        worst = std::max(worst, (x[i].second - y[i].second).abs().max().item<double>());
    }
    return worst;
}

/// The child processes (ranks) of `pid`, by the RANK in their environment.
std::map<int, qint64> ranksOf(qint64 pid)
{
    std::map<int, qint64> out;
    QFile children(QString("/proc/%1/task/%1/children").arg(pid));
    if (!children.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &child : children.readAll().split(' ')) {
        if (child.trimmed().isEmpty())
            continue;
        QFile env("/proc/" + child.trimmed() + "/environ");
        if (!env.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &var : env.readAll().split('\0'))
            if (var.startsWith("RANK="))
                out[var.mid(5).toInt()] = child.trimmed().toLongLong();
    }
    return out;
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QThread::msleep(20);
    }
    return true;
}

} // namespace

class tst_DataParallel : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_config;
    QString m_reference; ///< one process, grad_accum_steps 2
    std::vector<double> m_referenceLosses;

    QStringList train(const QString &runDir, const QStringList &more = {}) const
    {
        return QStringList{"train", "--config",  m_config, "--run-dir",
                           runDir,  "--threads", "1",      "--quiet"} +
               more;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const std::string data = m_dir.filePath("data").toStdString();
        Core::makeDirs(data);
        Core::TrainConfig cfg = TestData::writeTinyDataset(data);
        cfg.iterations = 40;
        cfg.val_loss_every = 10;
        cfg.warmdown_iters = 20;
        cfg.grad_accum_steps = 2;
        cfg.bucket_cap_mb = 0;
        m_config = m_dir.filePath("cfg.json");
        Core::writeFileAtomic(m_config.toStdString(), cfg.toJson().dump());
        m_reference = m_dir.filePath("one-rank");
        const auto r = golf(train(m_reference));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        m_referenceLosses = TestData::trainLosses(m_reference.toStdString());
        QCOMPARE(m_referenceLosses.size(), size_t(40));
    }

    // Two ranks, one micro-batch each, see the spans one rank sees in two micro-batches:
    // the same losses and weights, with small (overlapped) buckets and with one bucket.
    void twoRanksMatchOneRank_data()
    {
        QTest::addColumn<QString>("bucketMb");
        QTest::addColumn<int>("buckets");
        QTest::newRow("one bucket after backward") << "0" << 1;
        QTest::newRow("8 KiB buckets overlapped with backward") << "0.0078125" << 4;
    }
    void twoRanksMatchOneRank()
    {
        QFETCH(QString, bucketMb);
        QFETCH(int, buckets);
        const QString run = m_dir.filePath("two-ranks-" + bucketMb);
        const auto r = golf(train(run, {"--nproc", "2", "--set", "bucket_cap_mb=" + bucketMb}));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const std::string log = Core::readFile(run.toStdString() + "/train.log");
        QVERIFY2(log.find("world_size:2 grad_accum_steps:1") != std::string::npos, log.c_str());
        const auto at = log.find("data_parallel: backend:gloo buckets:");
        QVERIFY(at != std::string::npos);
        QVERIFY2(std::stoi(log.substr(at + 36)) >= buckets, log.c_str());
        // Rank 0 alone writes: one log line per step, not two.
        const auto losses = TestData::trainLosses(run.toStdString());
        QCOMPARE(losses.size(), m_referenceLosses.size());
        double worstLoss = 0;
        for (size_t i = 0; i < losses.size(); ++i)
            worstLoss = std::max(worstLoss, std::abs(losses[i] - m_referenceLosses[i]));
        const double worstWeight = maxWeightDifference(m_reference + "/checkpoints/step_000040.pt",
                                                       run + "/checkpoints/step_000040.pt");
        qInfo("largest difference over 40 steps: train_loss %.3g, weight %.3g", worstLoss,
              worstWeight);
        QVERIFY2(worstLoss <= 1e-5, qPrintable(QString::number(worstLoss)));
        QVERIFY2(worstWeight <= 1e-5, qPrintable(QString::number(worstWeight)));
    }

    // Stopped at two ranks (a STOP file, as the window asks), resumed by one process: the curve
    // goes on as the uninterrupted one-process run's.
    void resumeAtWorldSizeOne()
    {
        const QString run = m_dir.filePath("stopped");
        QProcess p;
        p.start(kGolf, train(run, {"--nproc", "2"}));
        QVERIFY(p.waitForStarted());
        QVERIFY(
            waitFor([&] { return TestData::trainLosses(run.toStdString()).size() >= 3; }, 120000));
        Core::writeFileAtomic(run.toStdString() + "/STOP", "");
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const size_t stoppedAt = TestData::trainLosses(run.toStdString()).size();
        QVERIFY2(stoppedAt < 40, "the run finished before it could be stopped");

        const auto r = golf({"train", "--resume", run, "--quiet"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto losses = TestData::trainLosses(run.toStdString());
        QCOMPARE(losses.size(), m_referenceLosses.size());
        for (size_t i = 0; i < losses.size(); ++i)
            QVERIFY2(std::abs(losses[i] - m_referenceLosses[i]) <= 1e-5,
                     qPrintable(QString("step %1 (stopped after %2): %3 vs %4")
                                    .arg(i + 1)
                                    .arg(stoppedAt)
                                    .arg(losses[i])
                                    .arg(m_referenceLosses[i])));
    }

    // A rank killed mid-run: the launcher names it, the other rank stops on its own, and the
    // run resumes from its newest checkpoint.
    void killedRankStopsTheRun()
    {
        const QString run = m_dir.filePath("killed");
        QProcess p;
        p.start(kGolf, train(run, {"--nproc", "2", "--set", "iterations=100000", "--set",
                                   "checkpoint_every=5", "--set", "val_loss_every=0"}));
        QVERIFY(p.waitForStarted());
        QVERIFY(waitFor([&] { return QFile::exists(run + "/checkpoints/latest.json"); }, 120000));
        const auto ranks = ranksOf(p.processId());
        QVERIFY2(ranks.count(1), "rank 1 not found among the launcher's children");
        ::kill(pid_t(ranks.at(1)), SIGKILL);
        QVERIFY(p.waitForFinished(60000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.contains("rank 1 was killed by signal 9"), qPrintable(err));
        QVERIFY2(err.contains("lost the other ranks") && err.contains("golf train --resume"),
                 qPrintable(err));
        QVERIFY(ranksOf(p.processId()).empty());

        // One process takes over from the newest checkpoint (and is stopped once it has).
        const size_t before = TestData::trainLosses(run.toStdString()).size();
        QProcess resumed;
        resumed.start(kGolf, {"train", "--resume", run, "--quiet"});
        QVERIFY(resumed.waitForStarted());
        QVERIFY(waitFor(
            [&] { return TestData::trainLosses(run.toStdString()).size() > before + 2; }, 120000));
        Core::writeFileAtomic(run.toStdString() + "/STOP", "");
        QVERIFY(resumed.waitForFinished(120000));
        QVERIFY2(resumed.exitCode() == 0, resumed.readAllStandardError().constData());
        const std::string log = Core::readFile(run.toStdString() + "/train.log");
        QVERIFY2(log.find("resume:step:") != std::string::npos, log.c_str());
    }

    // Sensitivity cells dealt to two ranks are the cells one process measures, and land in the
    // same cache: a one-process re-run finds every one.
    void sensitivityAcrossRanks()
    {
        const QString ckpt = m_reference + "/checkpoints/step_000040.pt";
        const QStringList args{"sensitivity",     ckpt,   "--data",        m_dir.filePath("data"),
                               "--min-numel",     "1024", "--eval-tokens", "1024",
                               "--fisher-tokens", "0",    "--threads",     "1",
                               "--json"};
        const QString oneCache = m_dir.filePath("cache-one"),
                      twoCache = m_dir.filePath("cache-two");
        const auto one = golf(args, oneCache);
        QVERIFY2(one.code == 0, qPrintable(one.err));
        const auto two = golf(args + QStringList{"--nproc", "2"}, twoCache);
        QVERIFY2(two.code == 0, qPrintable(two.err));
        const auto a = nlohmann::json::parse(one.out.toStdString()),
                   b = nlohmann::json::parse(two.out.toStdString());
        QVERIFY(a["tensors"].size() > 2);
        QCOMPARE(a["tensors"].dump(), b["tensors"].dump());
        QCOMPARE(b["measured_cells"].get<int64_t>(), a["measured_cells"].get<int64_t>());

        const auto again = golf(args, twoCache);
        QVERIFY2(again.code == 0, qPrintable(again.err));
        const auto c = nlohmann::json::parse(again.out.toStdString());
        QCOMPARE(c["measured_cells"].get<int64_t>(), int64_t(0));
        QCOMPARE(c["cached_cells"].get<int64_t>(), a["measured_cells"].get<int64_t>());
    }

    // Recipes dealt to two ranks: the round trips one process makes, recorded by rank 0 alone.
    void paretoAcrossRanks()
    {
        const QString ckpt = m_reference + "/checkpoints/step_000040.pt";
        const QStringList args{"pareto",    ckpt,        "--data",        m_dir.filePath("data"),
                               "--recipe",  "int8-lzma", "--recipe",      "int5-mlp",
                               "--recipe",  "ternary",   "--eval-tokens", "1024",
                               "--threads", "1",         "--json"};
        const auto one = golf(args, m_dir.filePath("pareto-one"));
        QVERIFY2(one.code == 0, qPrintable(one.err));
        const auto two = golf(args + QStringList{"--nproc", "2"}, m_dir.filePath("pareto-two"));
        QVERIFY2(two.code == 0, qPrintable(two.err));
        const auto a = nlohmann::json::parse(one.out.toStdString()),
                   b = nlohmann::json::parse(two.out.toStdString());
        QCOMPARE(a.size(), size_t(3));
        QCOMPARE(b.size(), a.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i]["label"], a[i]["label"]);
            QCOMPARE(b[i]["model_bytes"], a[i]["model_bytes"]);
            QCOMPARE(b[i]["val_bpb"].get<double>(), a[i]["val_bpb"].get<double>());
        }
        // The history holds each evaluation once.
        const auto listed = golf({"pareto", ckpt, "--list"}, m_dir.filePath("pareto-two"));
        QVERIFY2(listed.code == 0, qPrintable(listed.err));
        for (const auto &e : a)
            QCOMPARE(listed.out.count(QString::fromStdString(e["label"].get<std::string>())), 1);
    }
};

QTEST_GUILESS_MAIN(tst_DataParallel)
#include "tst_dataparallel.moc"
