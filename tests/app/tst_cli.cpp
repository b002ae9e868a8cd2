// SPDX-License-Identifier: GPL-3.0-or-later
// `golf` as a user runs it: help and exit codes, errors for bad input, a training run into a run
// directory, evaluation of its checkpoint, and Ctrl-C followed by --resume.

#include "common/atomicfile.h"
#include "quant/modelload.h"
#include "quant/sizepricer.h"
#include "recipe/recipe.h"
#include "testdata.h"

#include <QProcess>
#include <QTemporaryDir>
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

Result golf(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(kGolf, args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_config;
    Core::TrainConfig m_cfg;

private Q_SLOTS:
    void initTestCase()
    {
        const std::string data = m_dir.filePath("data").toStdString();
        Core::makeDirs(data);
        m_cfg = TestData::writeTinyDataset(data);
        m_config = m_dir.filePath("cfg.json");
        Core::writeFileAtomic(m_config.toStdString(), m_cfg.toJson().dump());
        // Sensitivity cells and recipe histories go to this test's folder, not ~/.cache.
        qputenv("GOLF_CACHE_DIR", m_dir.filePath("cache").toUtf8());
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("help") << QStringList{"--help"} << 0 << "Commands:";
        QTest::newRow("version") << QStringList{"--version"} << 0 << "libtorch";
        QTest::newRow("no command") << QStringList{} << 2 << "Usage: golf";
        QTest::newRow("unknown command") << QStringList{"fly"} << 2 << "unknown command 'fly'";
        QTest::newRow("train help") << QStringList{"train", "--help"} << 0 << "--resume";
        QTest::newRow("eval help") << QStringList{"eval", "--help"} << 0 << "--stride";
        QTest::newRow("demo help") << QStringList{"demo", "--help"} << 0 << "fortunes";
        QTest::newRow("unknown option") << QStringList{"train", "--bogus"} << 2 << "unknown option --bogus";
        QTest::newRow("missing value") << QStringList{"train", "--iterations"} << 2 << "needs a value";
        QTest::newRow("bad integer") << QStringList{"train", "--iterations", "x"} << 2 << "expects an integer";
        QTest::newRow("typo in --set") << QStringList{"train", "--set", "itrations=3", "--print-config"}
                                       << 1 << "unknown training setting 'itrations'";
        QTest::newRow("missing data") << QStringList{"train", "--data", "/nonexistent"} << 1 << "does not exist";
        QTest::newRow("missing checkpoint") << QStringList{"eval", "/nonexistent.pt", "--data", "/x"}
                                            << 1 << "no such file";
        QTest::newRow("quantize help") << QStringList{"quantize", "--help"} << 0 << "--explain";
        QTest::newRow("allocate help") << QStringList{"allocate", "--help"} << 0 << "--estimate";
        QTest::newRow("bad estimate") << QStringList{"allocate", "/x.pt", "--estimate", "guess"} << 1
                                      << "unknown estimate";
        QTest::newRow("bad candidates") << QStringList{"sensitivity", "/x.pt", "--candidates", "[{\"quant\": \"int9\"}]"}
                                        << 1 << "int9";
        QTest::newRow("export needs a name") << QStringList{"export", "/x.pt"} << 2 << "--name";
        QTest::newRow("unknown recipe") << QStringList{"quantize", "/x.pt", "--recipe", "int99"} << 1
                                        << "not a preset";
        QTest::newRow("inspect garbage") << QStringList{"inspect", GOLF_SOURCE_DIR "/README.md"} << 1
                                         << "not a model file";
        QTest::newRow("tokenize is the helper") << QStringList{"tokenize", "--help"} << 0 << "golf-tokenize";
        QTest::newRow("score help") << QStringList{"score", "--help"} << 0 << "--json";
        QTest::newRow("score needs a log") << QStringList{"score"} << 2 << "LOG";
        QTest::newRow("score missing log") << QStringList{"score", "/nonexistent.log"} << 1
                                           << "no such file";
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, expected);
        const auto r = golf(args);
        QVERIFY2(r.code == code, qPrintable(QString("exit %1: %2%3").arg(r.code).arg(r.out, r.err)));
        QVERIFY2((r.out + r.err).contains(expected), qPrintable(r.out + r.err));
    }

    void trainThenEval()
    {
        const QString run = m_dir.filePath("run1");
        auto r = golf({"train", "--config", m_config, "--run-dir", run});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("step:6/6 val_loss:"));
        QVERIFY(QFile::exists(run + "/checkpoints/step_000006.pt"));

        // golf eval on the run's checkpoint reproduces the final validation of training.
        double trainedBpb = 0;
        std::ifstream metrics((run + "/metrics.jsonl").toStdString());
        for (std::string line; std::getline(metrics, line);) {
            const auto j = nlohmann::json::parse(line);
            if (j.contains("val_bpb"))
                trainedBpb = j["val_bpb"].get<double>();
        }
        // Same tokens and the same batches as the trainer's validation: BLAS may round a
        // differently shaped product differently in the last bits.
        r = golf({"eval", run + "/checkpoints/step_000006.pt", "--max-tokens",
                  QString::number(m_cfg.val_tokens), "--batch-tokens",
                  QString::number(m_cfg.val_batch_size), "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QVERIFY2(std::abs(j["val_bpb"].get<double>() - trainedBpb) < 1e-9,
                 qPrintable(QString("eval %1, training %2").arg(j["val_bpb"].get<double>(), 0, 'g', 17)
                                .arg(trainedBpb, 0, 'g', 17)));
        QCOMPARE(j["params"].get<int64_t>(), m_cfg.model.parameterCount());

        // A second `train` into the same folder is refused: nothing is overwritten.
        r = golf({"train", "--config", m_config, "--run-dir", run});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("already holds a run"));
    }

    // Needs trainThenEval's run: quantize --explain, an exact-size quantize, inspect of the
    // written file, an export, and an export over budget (exit 3, nothing written).
    void compressThenExport()
    {
        const QString ckpt = m_dir.filePath("run1/checkpoints/step_000006.pt");
        QVERIFY(QFile::exists(ckpt));
        const QString recipe = m_dir.filePath("recipe.json");
        Core::writeFileAtomic(recipe.toStdString(), R"({"format": "golf-recipe-v1",
            "container": {"codec": "zstd", "level": 19},
            "defaults": {"quant": "int6"},
            "rules": [{"match": "\\.mlp\\.", "quant": "int5"},
                      {"match": "no_such_tensor", "quant": "int2"}]})");
        auto r = golf({"quantize", ckpt, "--recipe", recipe, "--explain"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("blocks.0.mlp.fc.weight") && r.out.contains("int5"), qPrintable(r.out));
        QVERIFY2(r.out.contains("no_such_tensor"), qPrintable(r.out)); // the unused rule is reported

        const QString file = m_dir.filePath("model.golf.ptz");
        r = golf({"quantize", ckpt, "--recipe", recipe, "--out", file, "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto q = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(q["report"]["model_bytes"].get<int64_t>(), QFileInfo(file).size());

        r = golf({"inspect", file, "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto inspected = nlohmann::json::parse(r.out.toStdString());
        int64_t sum = inspected["header_bytes"].get<int64_t>();
        for (const auto &t : inspected["tensors"])
            sum += t["file_bytes"].get<int64_t>();
        QCOMPARE(sum, QFileInfo(file).size());

        // The quantized file evaluates like any checkpoint.
        r = golf({"eval", file, "--data", m_dir.filePath("data"), "--max-tokens", "1025", "--seq-len", "32"});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        const QString records = m_dir.filePath("records");
        r = golf({"export", ckpt, "--name", "cli test", "--recipe", recipe, "--out", records, "--max-tokens",
                  "1025", "--date", "2026-11-23T00:00:00Z", "--no-code"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("round trip"), qPrintable(r.out));
        QVERIFY(QFile::exists(records + "/2026-11-23_cli-test/final_model.golf.ptz"));
        QVERIFY(QFile::exists(records + "/2026-11-23_cli-test.zip"));
        r = golf({"export", ckpt, "--name", "official", "--recipe", GOLF_SOURCE_DIR "/resources/recipes/official-int8.json",
                  "--out", records, "--no-verify", "--no-code", "--date", "2026-11-23T00:00:00Z"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // unpack checks a bundle (the model file read back, the sizes against submission.json).
        r = golf({"unpack", records + "/2026-11-23_official.zip", "--into", m_dir.filePath("unpacked-int8")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("final_model.int8.ptz (int8_clean_per_row_v1 + zlib, "), qPrintable(r.out));
        QVERIFY2(r.out.contains("total bytes") && !r.out.contains("MISMATCH"), qPrintable(r.out));

        // The front starts without libtorch (issue 21): inspect and quantize --explain of
        // golf-mixed-v1 and of a plain state dict, unpack of a bundle holding either, --version
        // and --help work when golf-torch.so cannot even be opened.
        {
            QProcess p;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert("GOLF_TORCH_MODULE", "/nonexistent/golf-torch.so");
            p.setProcessEnvironment(env);
            for (const QStringList &args : {QStringList{"inspect", file, "--json"}, QStringList{"inspect", ckpt},
                                            QStringList{"--version"}, QStringList{"--help"},
                                            QStringList{"score", "--help"}}) {
                p.start(kGolf, args);
                QVERIFY(p.waitForFinished(60000));
                QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
                const QByteArray out = p.readAllStandardOutput();
                if (args.back() == "--json")
                    QCOMPARE(nlohmann::json::parse(out.toStdString()), inspected);
                else if (args.front() == "inspect")
                    QVERIFY2(out.contains("torch.save state dict"), out.constData());
            }
            // --explain as the torch side's loaders list the tensors (this process's libtorch).
            const Core::Recipe parsed = Core::Recipe::load(recipe.toStdString());
            for (const QString &model : {ckpt, file}) {
                p.start(kGolf, {"quantize", model, "--recipe", recipe, "--explain"});
                QVERIFY(p.waitForFinished(60000));
                QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
                const Core::PricedFile loaded = Core::loadForPricing(model.toStdString());
                QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()),
                         QString::fromStdString(Core::explainResolution(
                             parsed, parsed.resolve(loaded.pricer->tensors()))));
            }
            p.start(kGolf, {"unpack", records + "/2026-11-23_cli-test.zip", "--into", m_dir.filePath("unpacked-front")});
            QVERIFY(p.waitForFinished(60000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
            QVERIFY(p.readAllStandardOutput().contains("final_model.golf.ptz (golf-mixed-v1, "));
            // The official int8 file is read by golf-torch.so's readers only: unpack says so.
            p.start(kGolf, {"unpack", records + "/2026-11-23_official.zip", "--into", m_dir.filePath("unpacked-int8-front")});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 1);
            QVERIFY2(p.readAllStandardError().contains("cannot open golf's torch commands"),
                     "an int8 bundle without golf-torch.so");
            // A torch command says what is missing.
            p.start(kGolf, {"eval", file});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 1);
            QVERIFY(p.readAllStandardError().contains("cannot open golf's torch commands (/nonexistent/golf-torch.so)"));
            // And libtorch is not among the front's libraries at all.
            p.start("ldd", {kGolf});
            QVERIFY(p.waitForFinished(60000));
            const QByteArray libs = p.readAllStandardOutput();
            QVERIFY2(libs.contains("libc.so") && !libs.contains("libtorch") && !libs.contains("libgomp"),
                     libs.constData());
        }

        const QString over = m_dir.filePath("over");
        r = golf({"export", ckpt, "--name", "x", "--out", over, "--budget", "5000", "--no-verify",
                  "--no-code"});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("over budget by"), qPrintable(r.err));
        QVERIFY(!QDir(over).exists() || QDir(over).isEmpty());
    }

    // Needs trainThenEval's run: sensitivity (then again, from the cache), allocation under a
    // budget verified by a round trip, an impossible budget (exit 3), and the recorded history.
    void analyseThenAllocate()
    {
        const QString ckpt = m_dir.filePath("run1/checkpoints/step_000006.pt");
        QVERIFY(QFile::exists(ckpt));
        const QStringList small{"--min-numel", "512", "--eval-tokens", "1024", "--fisher-tokens", "256"};
        auto r = golf(QStringList{"sensitivity", ckpt, "--json"} + small);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto table = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(table["tensors"].size() > 1);
        QVERIFY(table["measured_cells"].get<int64_t>() > 0);
        QCOMPARE(table["slice"].get<std::string>(), std::string("val[0:1024]"));
        r = golf(QStringList{"sensitivity", ckpt, "--json"} + small);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto again = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(again["measured_cells"].get<int64_t>(), int64_t(0));
        QCOMPARE(again["cached_cells"].get<int64_t>(), table["measured_cells"].get<int64_t>());

        // GPTQ twins: calibrated on the run's training shards; the embedding has no input
        // statistics, so it gets none.
        r = golf(QStringList{"sensitivity", ckpt, "--json", "--gptq", "--calib-tokens", "512"} + small);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("calibrated"), qPrintable(r.err));
        int gptqCells = 0;
        const auto twins = nlohmann::json::parse(r.out.toStdString());
        for (const auto &t : twins["tensors"])
            for (const auto &c : t["cells"])
                if (c["describe"].get<std::string>().find("gptq") != std::string::npos) {
                    ++gptqCells;
                    QVERIFY(t["name"].get<std::string>() != "tok_emb.weight");
                }
        QVERIFY(gptqCells > 0);

        // A budget between the smallest and the largest choices: it fits, priced exactly.
        int64_t least = table["fixed_bytes"].get<int64_t>(), most = least;
        for (const auto &t : table["tensors"]) {
            int64_t lo = INT64_MAX, hi = 0;
            for (const auto &c : t["cells"]) {
                lo = std::min(lo, c["bytes"].get<int64_t>());
                hi = std::max(hi, c["bytes"].get<int64_t>());
            }
            least += lo;
            most += hi;
        }
        const int64_t budget = (least + most) / 2;
        const QString out = m_dir.filePath("allocated.json");
        r = golf(QStringList{"allocate", ckpt, "--budget", QString::number(budget), "--out", out, "--json"} + small);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto a = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(a["fits"].get<bool>());
        QVERIFY(a["measured"]["model_bytes"].get<int64_t>() <= budget);
        QVERIFY(QFile::exists(out));
        // The written recipe is an ordinary recipe: quantize prices it to the verified bytes.
        r = golf({"quantize", ckpt, "--recipe", out, "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["report"]["model_bytes"].get<int64_t>(),
                 a["measured"]["model_bytes"].get<int64_t>());

        r = golf(QStringList{"allocate", ckpt, "--budget", QString::number(least / 2)} + small);
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("no allocation fits"), qPrintable(r.err));

        // Fisher-only allocation needs no evaluation per cell.
        r = golf(QStringList{"allocate", ckpt, "--budget", QString::number(budget), "--estimate", "fisher",
                             "--no-verify", "--json"} + small);
        QVERIFY2(r.code == 0, qPrintable(r.err));

        r = golf({"pareto", ckpt, "--recipe", "int8-lzma", "--recipe", out, "--eval-tokens", "1024",
                  "--csv", m_dir.filePath("history.csv")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("int8-lzma") && r.out.contains("allocate"), qPrintable(r.out));
        QVERIFY(r.out.contains("*"));
        QFile csv(m_dir.filePath("history.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        // header, compressThenExport's verified export, the allocation, two pareto rows
        const QByteArray rows = csv.readAll();
        QCOMPARE(rows.count('\n'), 5);
        QVERIFY2(rows.contains(",export,"), rows.constData());
    }

    // Bad compression inputs: each a clear message naming the problem, exit code 1, no crash,
    // and no output file. Needs trainThenEval's checkpoint.
    // Plain string literals below, not raw ones: moc misreads raw strings with unbalanced
    // brackets and silently drops the class.
    void badCompressionInputs_data()
    {
        QTest::addColumn<QString>("recipe");  // recipe file content ("" = default recipe)
        QTest::addColumn<QString>("damage");  // what to do to the checkpoint
        QTest::addColumn<QString>("expected");
        QTest::newRow("bits out of range") << "{\"format\":\"golf-recipe-v1\",\"defaults\":{\"quant\":\"int9\"}}" << ""
                                           << "unknown value";
        QTest::newRow("bad regex") << "{\"format\":\"golf-recipe-v1\",\"rules\":[{\"match\":\"(mlp\",\"quant\":\"int4\"}]}"
                                   << "" << "rules[0].match";
        QTest::newRow("unknown tensor name")
            << "{\"format\":\"golf-recipe-v1\",\"rules\":[{\"name\":\"blocks.0.mlp.fc.wieght\",\"quant\":\"int4\"}]}" << ""
            << "blocks.0.mlp.fc.wieght";
        QTest::newRow("unknown key") << "{\"format\":\"golf-recipe-v1\",\"defaults\":{\"qaunt\":\"int4\"}}" << ""
                                     << "qaunt";
        QTest::newRow("not json") << "{ nope" << "" << "recipe";
        QTest::newRow("truncated checkpoint") << "" << "truncate" << "not a readable torch.save file";
        QTest::newRow("truncated ptz") << "" << "ptz-truncate" << "ptz";
        QTest::newRow("corrupt mixed file") << "" << "mixed-flip" << "golf.ptz";
    }
    void badCompressionInputs()
    {
        QFETCH(QString, recipe);
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QString ckpt = m_dir.filePath("run1/checkpoints/step_000006.pt");
        QVERIFY(QFile::exists(ckpt));
        QStringList args{"quantize"};
        if (!recipe.isEmpty()) {
            const QString path = m_dir.filePath("bad_recipe.json");
            Core::writeFileAtomic(path.toStdString(), recipe.toStdString());
            args << "--recipe" << path;
        }
        if (damage == "truncate" || damage == "ptz-truncate" || damage == "mixed-flip") {
            QString source = ckpt;
            QString target = m_dir.filePath("damaged.pt");
            if (damage != "truncate") {
                const bool official = damage == "ptz-truncate";
                target = m_dir.filePath(official ? "damaged.ptz" : "damaged.golf.ptz");
                const auto r = golf({"quantize", ckpt, "--out", target, "--recipe",
                                     official ? "official-int8" : "int8-lzma"});
                QVERIFY2(r.code == 0, qPrintable(r.err));
                source = target;
            }
            std::string bytes = Core::readFile(source.toStdString());
            if (damage == "mixed-flip")
                bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x40);
            else
                bytes.resize(bytes.size() / 2);
            Core::writeFileAtomic(target.toStdString(), bytes);
            ckpt = target;
        }
        const QString out = m_dir.filePath("should_not_exist.ptz");
        const auto r = golf(args << ckpt << "--out" << out);
        QVERIFY2(r.code == 1, qPrintable(QString("exit %1: %2").arg(r.code).arg(r.err)));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }

    // golf score on logs with the script source on top (its templates must not count), a log of
    // the TTT era, and one without any score line.
    void scoreOfLogs()
    {
        const QString int8 = m_dir.filePath("int8.txt");
        const QString ttt = m_dir.filePath("ttt.log");
        const QString none = m_dir.filePath("none.log");
        Core::writeFileAtomic(
            int8.toStdString(),
            "import time\n"
            "    # legal_ttt_exact val_loss:0.11111111 val_bpb:0.11111111\n"
            "    log0(f\"final_int8_zlib_roundtrip_exact val_loss:{q_val_loss:.8f} "
            "val_bpb:{q_val_bpb:.8f}\")\n"
            "step:1/20 train_loss:6.9 train_time:250ms step_avg:250.00ms\n"
            "Serialized model int8+zlib: 15815847 bytes (payload:17178912)\n"
            "Total submission size int8+zlib: 15863489 bytes\n"
            "final_int8_zlib_roundtrip val_loss:2.0727 val_bpb:1.2244 eval_time:1403ms\n"
            "final_int8_zlib_roundtrip_exact val_loss:2.07269931 val_bpb:1.22436570\n");
        Core::writeFileAtomic(ttt.toStdString(),
                              "[rank0]:final_int6_sliding_window_exact val_loss:1.9 val_bpb:1.12\n"
                              "[rank0]:legal_ttt val_loss:1.8888 val_bpb:1.1187 eval_time:222000ms\n");
        Core::writeFileAtomic(none.toStdString(),
                              "step:1/20 train_loss:6.9 train_time:250ms\n"
                              "    log0(f\"legal_ttt val_loss:{l:.4f} val_bpb:{b:.4f}\")\n");

        auto r = golf({"score", int8, ttt});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("final_int8_zlib_roundtrip_exact (round trip)"), qPrintable(r.out));
        QVERIFY2(r.out.contains("1.22436570"), qPrintable(r.out));
        QVERIFY2(r.out.contains("1403 ms"), qPrintable(r.out));
        QVERIFY2(r.out.contains("15863489 bytes (int8+zlib)"), qPrintable(r.out));
        QVERIFY2(r.out.contains("legal_ttt (test-time training)"), qPrintable(r.out));
        QVERIFY2(!r.out.contains("0.1111"), qPrintable(r.out));

        r = golf({"score", "--json", int8, ttt});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(int(j.size()), 2);
        QCOMPARE(j[0]["label"].get<std::string>(), std::string("final_int8_zlib_roundtrip_exact"));
        QCOMPARE(j[0]["val_bpb"].get<double>(), 1.22436570);
        QCOMPARE(j[0]["eval_ms"].get<double>(), 1403.0);
        QCOMPARE(j[0]["submission_bytes"]["bytes"].get<int64_t>(), int64_t(15863489));
        QCOMPARE(j[0]["model_bytes"]["bytes"].get<int64_t>(), int64_t(15815847));
        QCOMPARE(j[1]["label"].get<std::string>(), std::string("legal_ttt"));
        QCOMPARE(j[1]["kind"].get<std::string>(), std::string("test-time training"));
        QVERIFY(j[1]["submission_bytes"].is_null());

        // A log without a score line fails with a message; the other log is still reported.
        r = golf({"score", none, ttt});
        QVERIFY2(r.code == 1, qPrintable(r.out + r.err));
        QVERIFY2(r.err.contains("none.log: no score line"), qPrintable(r.err));
        QVERIFY2(r.out.contains("legal_ttt"), qPrintable(r.out));
    }

    void interruptThenResume()
    {
        const QString run = m_dir.filePath("run2");
        QProcess p;
        p.start(kGolf, {"train", "--config", m_config, "--run-dir", run, "--iterations", "100000",
                        "--set", "val_loss_every=0"});
        QVERIFY(p.waitForStarted());
        QString out;
        while (!out.contains("step:3/100000 train_loss")) {
            QVERIFY2(p.waitForReadyRead(60000), "no training output");
            out += QString::fromUtf8(p.readAllStandardOutput());
        }
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains("resume with: golf train --resume"), qPrintable(err));
        const auto latest = nlohmann::json::parse(Core::readFile((run + "/checkpoints/latest.json").toStdString()));
        const int stoppedAt = latest["step"].get<int>();
        QVERIFY(stoppedAt >= 3);

        // Resuming continues from there; make it short by stopping via the STOP file.
        Core::writeFileAtomic((run + "/STOP").toStdString(), "");
        QFile::remove(run + "/STOP"); // resume clears stale requests anyway
        QProcess q;
        q.start(kGolf, {"train", "--resume", run});
        QVERIFY(q.waitForStarted());
        QString out2;
        while (!out2.contains(QString("step:%1/100000").arg(stoppedAt + 2))) {
            QVERIFY2(q.waitForReadyRead(60000), "no output after resume");
            out2 += QString::fromUtf8(q.readAllStandardOutput());
        }
        QVERIFY(out2.contains(QString("resume:step:%1").arg(stoppedAt)));
        Core::writeFileAtomic((run + "/STOP").toStdString(), "");
        QVERIFY(q.waitForFinished(60000));
        QCOMPARE(q.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
