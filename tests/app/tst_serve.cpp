// SPDX-License-Identifier: GPL-3.0-or-later
// `golf serve` (core/job/serveprotocol.h) driven as the window drives it, through its client
// (app/studio/golfserver.h) and the pricing worker: prices are bit-identical to the SizePricer
// in this process, a one-tensor change is re-priced alone, bad requests get errors and leave the
// child serving, a cancel stops an allocation between cells, and a child that dies fails its
// requests with its last words while the next request starts a fresh one.

#include "golfserver.h"
#include "pricingworker.h"
#include "testdata.h"

#include "job/analysisjobs.h"
#include "job/serveprotocol.h"
#include "model/model.h"
#include "quant/sizepricer.h"
#include "recipe/recipe.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <optional>

namespace {

struct Answer
{
    bool done = false;
    nlohmann::json result;
    QString error;
    QStringList stages;
};

/// Sends one request and waits for its answer.
Answer ask(App::GolfServer &server, const char *op, const nlohmann::json &args, int timeoutMs = 120000,
           const std::function<void(qint64 id, const QString &stage, qint64 done)> &onProgress = {})
{
    auto answer = std::make_shared<Answer>();
    std::shared_ptr<qint64> id = std::make_shared<qint64>(-1);
    *id = server.request(
        op, args,
        [answer](const nlohmann::json &result, const QString &error) {
            answer->done = true;
            answer->result = result;
            answer->error = error;
        },
        [answer, id, onProgress](const QString &stage, qint64 done, qint64) {
            answer->stages << stage;
            if (onProgress)
                onProgress(*id, stage, done);
        });
    QTest::qWaitFor([&] { return answer->done; }, timeoutMs);
    return *answer;
}

} // namespace

class tst_Serve : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ckpt;
    std::optional<Core::Model> m_model;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("GOLF_BINARY", GOLF_BINARY_DIR "/app/golf/golf");
        qputenv("GOLF_RESOURCE_DIR", GOLF_SOURCE_DIR "/resources");
        qputenv("GOLF_CACHE_DIR", m_dir.filePath(QStringLiteral("cache")).toUtf8());
        qputenv("OMP_NUM_THREADS", "2");
        QVERIFY(m_dir.isValid());
        Core::GptConfig cfg;
        cfg.numLayers = 2;
        cfg.modelDim = 64;
        cfg.numHeads = 2;
        cfg.numKvHeads = 1;
        m_model.emplace(cfg, 11);
        m_ckpt = m_dir.filePath(QStringLiteral("step_000010.pt"));
        m_model->save(m_ckpt.toStdString());
    }

    void pricesAsThisProcessDoes_data()
    {
        QTest::addColumn<QString>("preset");
        for (const char *name : {"int5-mlp", "int6-records", "int8-lzma", "official-int8", "ternary"})
            QTest::newRow(name) << QStringLiteral(GOLF_SOURCE_DIR "/resources/recipes/%1.json").arg(QLatin1String(name));
    }

    void pricesAsThisProcessDoes()
    {
        QFETCH(QString, preset);
        const Core::Recipe recipe = Core::Recipe::load(preset.toStdString());
        Core::SizePricer here(*m_model);
        const Core::SizeReport expected = here.price(recipe);

        App::PricingWorker worker;
        QSignalSpy loaded(&worker, &App::PricingWorker::loaded);
        QSignalSpy priced(&worker, &App::PricingWorker::priced);
        QSignalSpy failed(&worker, &App::PricingWorker::priceFailed);
        worker.load(m_ckpt);
        worker.price(recipe);
        QTRY_COMPARE_WITH_TIMEOUT(priced.count() + failed.count(), 1, 120000);
        QCOMPARE(loaded.count(), 1);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        const auto result = priced.first().first().value<App::PricedRecipe>();
        // Every figure, relative errors included, to the last bit: the JSON carries doubles in
        // shortest round-trip form.
        QCOMPARE(QString::fromStdString(Core::toJson(result.report).dump()),
                 QString::fromStdString(Core::toJson(expected).dump()));
        QCOMPARE(result.report.modelBytes, expected.modelBytes);
        for (size_t i = 0; i < expected.tensors.size(); ++i) {
            const double a = result.report.tensors[i].relError, b = expected.tensors[i].relError;
            QVERIFY(std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b)));
        }
        QCOMPARE(result.resolution.tensors.size(), expected.tensors.size());

        // One tensor edited: re-priced alone, and still what this process says.
        if (recipe.container.official())
            return;
        Core::Recipe edited = recipe;
        Core::RecipeRule rule;
        rule.name = "blocks.0.mlp.fc.weight";
        rule.settings = {{"quant", "int3"}};
        edited.rules.push_back(rule);
        worker.price(edited);
        QTRY_COMPARE_WITH_TIMEOUT(priced.count() + failed.count(), 2, 120000);
        QVERIFY(failed.isEmpty());
        const auto second = priced.last().first().value<App::PricedRecipe>();
        QCOMPARE(second.changedTensors, 1);
        QCOMPARE(QString::fromStdString(Core::toJson(second.report).dump()),
                 QString::fromStdString(Core::toJson(here.price(edited)).dump()));
    }

    void aFailedLoadKeepsThePreviousModel()
    {
        App::PricingWorker worker;
        QSignalSpy loaded(&worker, &App::PricingWorker::loaded);
        QSignalSpy failed(&worker, &App::PricingWorker::loadFailed);
        QSignalSpy priced(&worker, &App::PricingWorker::priced);
        worker.load(m_ckpt);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 120000);
        // A second file that cannot be read: the window keeps showing the first model ...
        worker.load(m_dir.filePath(QStringLiteral("missing.pt")));
        worker.price(Core::Recipe::defaultRecipe()); // queued for the file that fails: dropped
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(!worker.busy(), 30000);
        QCOMPARE(priced.count(), 0);
        // ... and prices it again, although the child dropped it when the load failed.
        worker.price(Core::Recipe::defaultRecipe());
        QTRY_COMPARE_WITH_TIMEOUT(priced.count(), 1, 120000);
        QCOMPARE(priced.first().first().value<App::PricedRecipe>().report.modelBytes,
                 Core::SizePricer(*m_model).price(Core::Recipe::defaultRecipe()).modelBytes);
    }

    void badRequestsLeaveItServing()
    {
        App::GolfServer server;
        Answer a = ask(server, "no-such-op", nlohmann::json::object());
        QVERIFY(a.done);
        QVERIFY2(a.error.contains(QStringLiteral("unknown op \"no-such-op\"")), qPrintable(a.error));
        a = ask(server, Core::Serve::kLoad, {{"path", "/nonexistent/model.pt"}});
        QVERIFY2(a.error.contains(QStringLiteral("/nonexistent/model.pt")), qPrintable(a.error));
        a = ask(server, Core::Serve::kLoad, {{"file", "x"}});
        QVERIFY2(a.error.contains(QStringLiteral("key \"path\" is missing")), qPrintable(a.error));
        a = ask(server, Core::Serve::kPrice, {{"path", m_ckpt.toStdString()}, {"recipe", {{"format", "nope"}}}});
        QVERIFY2(!a.error.isEmpty(), "a malformed recipe was priced");
        // Still the same child, still serving.
        a = ask(server, Core::Serve::kLoad, {{"path", m_ckpt.toStdString()}});
        QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
        const Core::Serve::LoadedModel model = Core::Serve::loadedModelFromJson(a.result);
        QCOMPARE(model.tensors.size(), Core::SizePricer(*m_model).tensors().size());
        QVERIFY(model.baseline);
        QCOMPARE(model.config.modelDim, 64);
    }

    void cancelStopsAnAllocation()
    {
        const std::string data = m_dir.filePath(QStringLiteral("data")).toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(data)));
        const Core::TrainConfig tc = TestData::writeTinyDataset(data);
        Core::AllocateJob job;
        job.checkpoint = m_ckpt.toStdString();
        job.slice.glob = tc.val_files;
        job.slice.luts = tc.byte_luts;
        job.slice.tokens = 256;
        job.slice.seqLen = 32;
        job.slice.batchTokens = 256;
        job.minNumel = 256;
        job.budget = 40000;
        job.cacheDir = m_dir.filePath(QStringLiteral("cells")).toStdString();
        job.scratchDir = job.cacheDir;

        App::GolfServer server;
        bool sentCancel = false;
        const Answer a = ask(server, Core::Serve::kAllocate, Core::toJson(job), 300000,
                             [&](qint64 id, const QString &stage, qint64 done) {
                                 // "measuring" with done = k comes before cell k: cells 0 and 1
                                 // are measured (and cached) once done reaches 2.
                                 if (stage == QLatin1String("measuring") && done >= 2 && !sentCancel) {
                                     server.cancel(id);
                                     sentCancel = true;
                                 }
                             });
        QVERIFY(a.done);
        QVERIFY(sentCancel);
        QVERIFY2(a.error.contains(QStringLiteral("cancelled")), qPrintable(a.error + a.result.dump().c_str()));
        // The child goes on: the same allocation, uncancelled, completes (resuming from the cache).
        const Answer b = ask(server, Core::Serve::kAllocate, Core::toJson(job), 300000);
        QVERIFY2(b.error.isEmpty(), qPrintable(b.error));
        const Core::AllocationSummary s = Core::allocationSummaryFromJson(b.result);
        QCOMPARE(s.budget, int64_t(40000));
        QVERIFY(s.candidateTensors > 0);
        QVERIFY(s.cachedCells > 0); // what the cancelled run measured was kept
    }

    void deadChildFailsItsRequestsAndIsReplaced()
    {
        App::GolfServer server;
        Answer a = ask(server, Core::Serve::kLoad, {{"path", m_ckpt.toStdString()}});
        QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
        QProcess *child = server.findChild<QProcess *>();
        QVERIFY(child);
        const qint64 pid = child->processId();
        QVERIFY(pid > 0);
        // A request in flight when the child is killed from outside.
        auto answer = std::make_shared<Answer>();
        server.request(Core::Serve::kPrice,
                       {{"path", m_ckpt.toStdString()}, {"recipe", Core::Recipe::defaultRecipe().toJson()}},
                       [answer](const nlohmann::json &, const QString &error) {
                           answer->done = true;
                           answer->error = error;
                       });
        ::kill(pid_t(pid), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(answer->done, 30000);
        QVERIFY2(answer->error.contains(QStringLiteral("golf serve")), qPrintable(answer->error));
        // The next request starts a fresh child, which loads the model again by itself.
        a = ask(server, Core::Serve::kPrice,
                {{"path", m_ckpt.toStdString()}, {"recipe", Core::Recipe::defaultRecipe().toJson()}});
        QVERIFY2(a.error.isEmpty(), qPrintable(a.error));
        QCOMPARE(Core::Serve::pricedReportFromJson(a.result).report.modelBytes,
                 Core::SizePricer(*m_model).price(Core::Recipe::defaultRecipe()).modelBytes);
    }

    void noGolfIsAClearError()
    {
        const QByteArray saved = qgetenv("GOLF_BINARY"), path = qgetenv("PATH");
        qputenv("GOLF_BINARY", "/nonexistent/golf");
        qputenv("PATH", "/nonexistent");
        App::GolfServer server;
        // The build tree's golf beside this test is not where findGolfBinary looks (that is
        // beside golf-studio), so nothing is found.
        const Answer a = ask(server, Core::Serve::kLoad, {{"path", m_ckpt.toStdString()}}, 10000);
        qputenv("GOLF_BINARY", saved);
        qputenv("PATH", path);
        QVERIFY(a.done);
        QVERIFY2(a.error.contains(QStringLiteral("golf")), qPrintable(a.error));
    }
};

QTEST_GUILESS_MAIN(tst_Serve)
#include "tst_serve.moc"
