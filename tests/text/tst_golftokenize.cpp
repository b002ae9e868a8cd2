// SPDX-License-Identifier: GPL-3.0-or-later
// golf-tokenize end to end: exit codes (0 success, 1 failure, 2 usage), and the prepare ->
// audit -> decode -> luts round trip through the real executable.

#include "data/bytelut.h"
#include "textdata.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class tst_GolfTokenize : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_exe = QStringLiteral(GOLF_BINARY_DIR "/app/tokenize/golf-tokenize");

    struct Result
    {
        int code = -1;
        QString out, err;
        QString lastLine() const { return out.trimmed().split('\n').last(); }
    };

    Result run(const QStringList &args, int timeoutMs = 60000)
    {
        QProcess p;
        p.start(m_exe, args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        Result r;
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(m_exe), qPrintable(m_exe + " is not built")); }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message"); // expected in stdout (code 0) or stderr
        QTest::newRow("help") << QStringList{"--help"} << 0 << "Commands:";
        for (const char *cmd : {"train", "encode", "prepare", "luts", "audit", "decode"})
            QTest::newRow(qPrintable(QStringLiteral("%1 --help").arg(cmd)))
                << QStringList{cmd, "--help"} << 0 << "Usage: golf-tokenize";
        QTest::newRow("no command") << QStringList{} << 2 << "Usage:";
        QTest::newRow("unknown command") << QStringList{"tokenise"} << 2 << "unknown command";
        QTest::newRow("bad option")
            << QStringList{"luts", "--bogus", "1"} << 2 << "unknown option --bogus";
        QTest::newRow("missing required option")
            << QStringList{"audit", "--model", "x.model"} << 2 << "--shards";
        QTest::newRow("both split options")
            << QStringList{"encode", "--model",    "m", "--input",        "x",  "--out",
                           "o",      "--val-docs", "5", "--val-fraction", "0.1"}
            << 2 << "not both";
        QTest::newRow("bad format")
            << QStringList{"train",        "--input", "x",     "--format", "csv",
                           "--vocab-size", "300",     "--out", "p"}
            << 2 << "unknown text format";
        QTest::newRow("missing model file")
            << QStringList{"luts", "--model", "/nonexistent/m.model", "--out", "l.json"} << 1
            << "golf-tokenize luts: error: /nonexistent/m.model: cannot open";
        QTest::newRow("missing input file")
            << QStringList{"train", "--input", "/nonexistent/text.txt", "--vocab-size", "300",
                           "--out", "p"}
            << 1 << "golf-tokenize train: error: /nonexistent/text.txt: no such file";
    }

    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Result r = run(args);
        QCOMPARE(r.code, code);
        const QString text = code == 0 ? r.out : r.err;
        QVERIFY2(text.contains(message), qPrintable(text));
    }

    // prepare trains and encodes; audit, decode and luts then read what it wrote.
    void prepareAuditDecode()
    {
        REQUIRE_SHARED(TextData::tinyShakespeare());
        const QString out = path("shakespeare");
        Result r = run({"prepare", "--input", QString::fromStdString(TextData::tinyShakespeare()),
                        "--format", "blocks", "--vocab-size", "320", "--train-docs", "1500",
                        "--val-fraction", "0.1", "--shard-tokens", "100000", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.lastLine().startsWith("wrote "), qPrintable(r.out));
        QVERIFY(r.out.contains("trained "));
        for (const char *f : {"dataset.json", "tokenizer.luts.json", "fineweb_320_bpe.model",
                              "fineweb_320_bpe.vocab", "fineweb_val_000000.bin",
                              "fineweb_train_000000.bin", "fineweb_train_000001.bin"})
            QVERIFY2(QFile::exists(out + "/" + f), f);
        QFile file(out + "/dataset.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto dataset = nlohmann::json::parse(file.readAll().toStdString());
        const int64_t docs = dataset["val"]["documents"].get<int64_t>() +
                             dataset["train"]["documents"].get<int64_t>();
        QCOMPARE(dataset["val"]["documents"].get<int64_t>(), (docs + 9) / 10);

        const QString model = out + "/fineweb_320_bpe.model";
        r = run({"audit", "--model", model, "--shards", out + "/*.bin", "--luts",
                 out + "/tokenizer.luts.json"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.lastLine().startsWith("audit clean: "), qPrintable(r.out));
        QVERIFY2(r.lastLine().remove(',').contains(QString::number(docs) + " documents"),
                 qPrintable(r.out));

        r = run({"decode", "--model", model, "--shards", out + "/fineweb_val_*.bin", "--limit-docs",
                 "2"});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith("First Citizen:"), qPrintable(lines[0]));

        r = run({"luts", "--model", model, "--out", path("padded.json"), "--vocab-size", "512"});
        QCOMPARE(r.code, 0);
        QCOMPARE(Core::ByteLut::load(path("padded.json").toStdString()).vocabSize(), int64_t(512));
    }

    // A LUT file with the byte-fallback bug fails the audit of the official prefix: exit 1.
    void auditFailsOnABuggyLut()
    {
        REQUIRE_SHARED(TextData::officialModel());
        REQUIRE_SHARED(TextData::officialValPrefix());
        const QString model = QString::fromStdString(TextData::officialModel());
        const QString lutPath = path("official.luts.json");
        Result r = run({"luts", "--model", model, "--out", lutPath});
        QCOMPARE(r.code, 0);
        Core::ByteLut lut = Core::ByteLut::load(lutPath.toStdString());
        for (int id = 4; id < 260; ++id)
            lut.baseBytes[size_t(id)] = 3;
        lut.save(path("buggy.luts.json").toStdString());
        const QString shards = QString::fromStdString(TextData::officialValPrefix());
        r = run({"audit", "--model", model, "--shards", shards, "--luts", lutPath});
        QCOMPARE(r.code, 0);
        r = run({"audit", "--model", model, "--shards", shards, "--luts", path("buggy.luts.json")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.lastLine().startsWith("audit FAILED"), qPrintable(r.out));
        QVERIFY(r.out.contains("document "));
    }

    // decode prints the official prefix back as the shared text file, line for line, plus the
    // cut-off document 902.
    void decodeOfficialPrefix()
    {
        REQUIRE_SHARED(TextData::officialModel());
        REQUIRE_SHARED(TextData::officialValPrefix());
        REQUIRE_SHARED(TextData::valPrefixDocs());
        const Result r =
            run({"decode", "--model", QString::fromStdString(TextData::officialModel()), "--shards",
                 QString::fromStdString(TextData::officialValPrefix())});
        QCOMPARE(r.code, 0);
        QFile text(QString::fromStdString(TextData::valPrefixDocs()));
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QByteArray expected = text.readAll();
        const QByteArray out = r.out.toUtf8();
        QCOMPARE(out.count('\n'), 902);
        QVERIFY(out.startsWith(expected));
        QVERIFY(r.err.contains("decoded 902 documents (1,040,298 tokens)"));
    }

    // The demo's corpus: Debian's fortunes, read as a folder.
    void fortunesFolder()
    {
        const QString fortunes = QStringLiteral("/usr/share/games/fortunes");
        if (!QDir(fortunes).exists())
            GOLF_SKIP_ENV("Debian's fortunes package is not installed (install-deps.sh)");
        const QString out = path("fortunes");
        const Result r = run({"prepare", "--input", fortunes, "--vocab-size", "512", "--train-docs",
                              "3000", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(out + "/fineweb_val_000000.bin"));
        QVERIFY(QFile::exists(out + "/fineweb_train_000000.bin"));
    }
};

GOLF_TEST_GUILESS_MAIN(tst_GolfTokenize)
#include "tst_golftokenize.moc"
