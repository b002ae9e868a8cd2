// SPDX-License-Identifier: GPL-3.0-or-later
// The records-folder export end to end on a real (tiny) run directory: folder contents,
// submission.json figures, round-trip verification, the zip, the code wrapper, and the
// all-or-nothing rules (over budget, existing folder).

#include "common/atomicfile.h"
#include "common/error.h"
#include "export/exporter.h"
#include "ship/ziparchive.h"
#include "model/model.h"
#include "pack/codebytes.h"
#include "run/rundir.h"
#include "testdata.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace Core;
namespace fs = std::filesystem;

class tst_Exporter : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_ckpt, m_code, m_baselineCode;

    ExportOptions options(const std::string &name) const
    {
        ExportOptions o;
        o.checkpoint = m_ckpt;
        o.name = name;
        o.outDir = m_dir.filePath("records").toStdString();
        o.author = "Test Author";
        o.githubId = "tester";
        o.blurb = "int8 per row, golf-mixed-v1";
        o.date = "2026-11-23T12:00:00Z";
        o.maxTokens = 1025;
        o.noCode = true; // model-only unless a test ships code
        o.mixedReaderPath = GOLF_SOURCE_DIR "/packaging/python/golf_mixed.py";
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const std::string data = m_dir.filePath("data").toStdString();
        makeDirs(data);
        const TrainConfig cfg = TestData::writeTinyDataset(data);
        RunDir run(m_dir.filePath("run").toStdString());
        run.create(cfg, nlohmann::json::object());
        run.appendLog("step:1/6 train_loss:6.9 train_time:1ms step_avg:1.00ms");
        makeDirs(run.file("checkpoints"));
        m_ckpt = run.checkpointPath(6);
        Model(cfg.model, 3).save(m_ckpt);
        // A script with golf-studio markers, and one with the baseline's block (the shape only:
        // ship/trainscript.h reads it, these tests never run it).
        m_code = m_dir.filePath("train_gpt.py").toStdString();
        std::string code = "import torch\n\n\ndef main():\n";
        for (int i = 0; i < 100; ++i)
            code += "    print('line " + std::to_string(i) + "')\n";
        code += "    # golf-studio: serialization begin; model=net; eval=score(net)\n"
                "    torch.save(net.state_dict(), 'mine.pt')\n"
                "    # golf-studio: serialization end\n";
        writeFileAtomic(m_code, code);
        m_baselineCode = m_dir.filePath("baseline_train_gpt.py").toStdString();
        writeFileAtomic(m_baselineCode,
                        "import os\n\n\ndef main():\n"
                        "    if master_process:\n"
                        "        torch.save(base_model.state_dict(), \"final_model.pt\")\n"
                        "    quant_obj, quant_stats = quantize_state_dict_int8(base_model.state_dict())\n"
                        "    q_val_loss, q_val_bpb = eval_val(args, model)\n"
                        "    log0(f\"final_int8_zlib_roundtrip_exact val_loss:{q_val_loss:.8f}\")\n");
    }

    void writesVerifiedRecordsFolder()
    {
        ExportOptions o = options("int8 mixed!");
        o.codePath = m_code;
        o.noCode = false;
        const ExportResult r = exportSubmission(o);
        QCOMPARE(fs::path(r.folder).filename().string(), std::string("2026-11-23_int8-mixed"));
        for (const char *file : {"final_model.golf.ptz", "submission.json", "README.md", "recipe.json",
                                 "train_gpt.py", "train.log"})
            QVERIFY2(fs::is_regular_file(fs::path(r.folder) / file), file);
        // The reader is embedded in the patched script, not shipped beside it.
        QVERIFY(!fs::exists(fs::path(r.folder) / "golf_mixed.py"));
        QCOMPARE(int64_t(fs::file_size(r.modelFile)), r.report.modelBytes);
        // The code counted is the script as shipped: patched, so larger than the original.
        const std::string shipped = readFile(r.folder + "/train_gpt.py");
        QCOMPARE(r.ledger.codeBytes, int64_t(shipped.size()));
        QVERIFY(r.ledger.codeBytes > int64_t(fs::file_size(m_code)));
        QVERIFY(shipped.find("golf_serialize_and_score(net, lambda: score(net)") != std::string::npos);
        QVERIFY(shipped.find("torch.save(net.state_dict(), 'mine.pt')") == std::string::npos);
        QVERIFY(r.scriptBlock.find("markers") != std::string::npos);
        QVERIFY(r.roundTripLine.rfind("final_golf_roundtrip_exact val_loss:", 0) == 0);

        const auto sub = nlohmann::json::parse(readFile(r.folder + "/submission.json"));
        for (const char *key : {"author", "github_id", "name", "blurb", "date", "val_loss", "val_bpb",
                                "bytes_total", "bytes_code"})
            QVERIFY2(sub.contains(key), key);
        QCOMPARE(sub["bytes_total"].get<int64_t>(), r.report.modelBytes + r.ledger.codeBytes);
        QCOMPARE(sub["val_bpb"].get<double>(), r.roundTrip.valBpb);

        // Round trip: int8 barely moves the score of this model.
        QVERIFY(r.verified);
        QCOMPARE(r.roundTrip.tokens, r.preQuant.tokens);
        QVERIFY2(std::abs(r.roundTrip.valBpb - r.preQuant.valBpb) < 0.01,
                 qPrintable(QString("%1 vs %2").arg(r.roundTrip.valBpb).arg(r.preQuant.valBpb)));
        QVERIFY(readFile(r.folder + "/README.md").find("round trip") != std::string::npos);

        // The zip holds exactly the folder's files under the folder's name.
        const auto entries = zipEntries(r.zipPath);
        QCOMPARE(entries.size(), size_t(6));
        for (const auto &[name, size] : entries) {
            QVERIFY2(name.rfind("2026-11-23_int8-mixed/", 0) == 0, name.c_str());
            const fs::path onDisk = fs::path(r.folder).parent_path() / name;
            QCOMPARE(size, int64_t(fs::file_size(onDisk)));
        }
        // Reproducible: zipping again gives the same bytes.
        const std::string again = m_dir.filePath("again.zip").toStdString();
        zipFolder(r.folder, again);
        QCOMPARE(readFile(again), readFile(r.zipPath));
    }

    void officialFormatAndWrappedCode()
    {
        ExportOptions o = options("official");
        o.recipe = Recipe::official();
        o.noCode = false;
        o.codePath = m_code;
        o.wrapCode = true;
        o.zip = false;
        // The official file is written by the baseline's own block, which markers are not.
        QVERIFY_THROWS_EXCEPTION(Error, exportSubmission(o));
        o.codePath = m_baselineCode;
        const ExportResult r = exportSubmission(o);
        QVERIFY(fs::is_regular_file(r.folder + "/final_model.int8.ptz"));
        QVERIFY(!fs::exists(r.folder + "/golf_mixed.py"));
        QVERIFY(r.zipPath.empty());
        const std::string shipped = readFile(r.folder + "/train_gpt.py");
        // Shipped unchanged (wrapped): its own block writes this very format.
        QCOMPARE(unwrapCodeLzmaBase85(shipped, "train_gpt.py"), readFile(m_baselineCode));
        QCOMPARE(readFile(r.folder + "/train_gpt_human.py"), readFile(m_baselineCode));
        QCOMPARE(r.ledger.codeBytes, int64_t(shipped.size()));
        QCOMPARE(r.ledger.codeForm, std::string("lzma+base85"));
    }

    void overBudgetWritesNothing()
    {
        ExportOptions o = options("too big");
        o.budget = 1000;
        o.outDir = m_dir.filePath("over").toStdString();
        try {
            exportSubmission(o);
            QFAIL("expected OverBudgetError");
        } catch (const OverBudgetError &e) {
            QVERIFY(std::string(e.what()).find("over budget by") != std::string::npos);
            QVERIFY(!e.ledger.fits());
            QCOMPARE(e.ledger.headroom(), 1000 - e.ledger.totalBytes());
        }
        QVERIFY(!fs::exists(o.outDir) || fs::is_empty(o.outDir));
    }

    void warnsBelowTheMargin()
    {
        ExportOptions o = options("margin");
        o.verify = false;
        o.zip = false;
        const ExportResult quiet = exportSubmission(o);
        QCOMPARE(quiet.marginBytes, defaultSizeMargin(quiet.ledger.modelBytes));
        QVERIFY(quiet.marginWarning.empty());
        o.overwrite = true;
        o.marginBytes = quiet.ledger.headroom() + 1; // a rerun could just miss the budget
        const ExportResult warned = exportSubmission(o);
        QVERIFY2(warned.marginWarning.find("below the margin") != std::string::npos,
                 warned.marginWarning.c_str());
        QCOMPARE(defaultSizeMargin(1'000), int64_t(4096));
        QCOMPARE(defaultSizeMargin(15'000'000), int64_t(150'000));
    }

    void refusesExportWithoutCode()
    {
        ExportOptions o = options("no code");
        o.noCode = false;
        try {
            exportSubmission(o);
            QFAIL("expected an error");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("--no-code") != std::string::npos, e.what());
        }
        QVERIFY(!fs::exists(o.outDir + "/2026-11-23_no-code"));
    }

    void refusesExistingFolderAndMissingData()
    {
        ExportOptions o = options("twice");
        o.verify = false;
        o.zip = false;
        exportSubmission(o);
        QVERIFY_THROWS_EXCEPTION(Error, exportSubmission(o));
        o.overwrite = true;
        exportSubmission(o);
        const auto sub = nlohmann::json::parse(readFile(o.outDir + "/2026-11-23_twice/submission.json"));
        QVERIFY(sub["val_bpb"].is_null());

        // A checkpoint outside a run has no validation data unless told.
        const std::string loose = m_dir.filePath("loose.pt").toStdString();
        fs::copy_file(m_ckpt, loose);
        ExportOptions l = options("loose");
        l.checkpoint = loose;
        QVERIFY_THROWS_EXCEPTION(Error, exportSubmission(l));
        QVERIFY(!fs::exists(l.outDir + "/2026-11-23_loose"));
        for (const auto &entry : fs::directory_iterator(l.outDir))
            QVERIFY2(entry.path().filename().string().find(".partial") == std::string::npos,
                     entry.path().c_str());
    }

    void folderNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("folder");
        QTest::newRow("spaces") << "int6 MLP  3x" << "2026-01-02_int6-MLP-3x";
        QTest::newRow("symbols") << "a/b\\c:d" << "2026-01-02_a-b-c-d";
        QTest::newRow("trailing") << "name!!" << "2026-01-02_name";
    }
    void folderNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, folder);
        QCOMPARE(QString::fromStdString(recordsFolderName("2026-01-02T00:00:00Z", name.toStdString())), folder);
        QVERIFY_THROWS_EXCEPTION(Error, recordsFolderName("2026-01-02", "!!!"));
    }
};

QTEST_GUILESS_MAIN(tst_Exporter)
#include "tst_exporter.moc"
