// SPDX-License-Identifier: GPL-3.0-or-later
// submission.json validation: what golf export writes and the official baseline's file are
// accepted; each bad field is refused with a message naming the file and the field.

#include "common/atomicfile.h"
#include "common/error.h"
#include "ship/submissioninfo.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Core;

namespace {

// The official baseline's submission.json (PARAMETER_GOLF.md §1.3).
const char *kBaseline = R"({
  "author": "Baseline", "github_id": "openai", "name": "Naive Baseline",
  "blurb": "SP-1024 9x512 KV4", "date": "2026-03-18T14:56:29Z",
  "val_loss": 2.07269931, "val_bpb": 1.2243657, "bytes_total": 15863489, "bytes_code": 47642
})";

/// The baseline with one field replaced (`value` is JSON text) or removed (`value` empty).
QByteArray with(const char *field, const char *value)
{
    nlohmann::json j = nlohmann::json::parse(kBaseline);
    if (*value)
        j[field] = nlohmann::json::parse(value);
    else
        j.erase(field);
    return QByteArray::fromStdString(j.dump());
}

} // namespace

class tst_SubmissionInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void baseline()
    {
        const SubmissionInfo s = parseSubmissionInfo(kBaseline, "submission.json");
        QCOMPARE(s.name, std::string("Naive Baseline"));
        QCOMPARE(s.author, std::string("Baseline"));
        QCOMPARE(s.githubId, std::string("openai"));
        QCOMPARE(s.bytesTotal, int64_t(15863489));
        QCOMPARE(s.bytesCode, int64_t(47642));
        QVERIFY(s.valBpb && *s.valBpb == 1.2243657);
        QVERIFY(!s.bytesModel);
    }

    void golfExport()
    {
        // What golf export writes, with an unverified export's null scores, plus fields of the
        // later records' schema that are kept untouched.
        const char *text = R"({"author": "a", "github_id": "b", "name": "int5 MLP", "blurb": "",
            "date": "2026-11-23T10:00:00Z", "val_loss": null, "val_bpb": null,
            "bytes_total": 1000, "bytes_code": 100, "golf_bytes_model": 900,
            "golf_format": "golf-mixed-v1", "seeds": [1, 2, 3], "compliance": {"three_seeds": true}})";
        const SubmissionInfo s = parseSubmissionInfo(text, "x.json");
        QVERIFY(!s.valBpb && !s.valLoss);
        QCOMPARE(*s.bytesModel, int64_t(900));
        QCOMPARE(s.golfFormat, std::string("golf-mixed-v1"));
        QCOMPARE(s.json.at("seeds").size(), size_t(3));
    }

    void fromFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("submission.json").toStdString();
        writeFileAtomic(path, kBaseline);
        QCOMPARE(readSubmissionInfo(path).name, std::string("Naive Baseline"));
        writeFileAtomic(path, std::string(2 << 20, ' '));
        try {
            readSubmissionInfo(path);
            QFAIL("a 2 MiB submission.json was read");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("far too large"), e.what());
        }
        try {
            readSubmissionInfo(dir.filePath("missing.json").toStdString());
            QFAIL("a missing file was read");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("missing.json"), e.what());
        }
    }

    void badFields_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error"); // the message after "submission.json: "
        QTest::newRow("not JSON") << QByteArray("{\"name\": ") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1, 2]") << "is an array, expected a JSON object";
        QTest::newRow("string") << QByteArray("\"x\"") << "is a string, expected a JSON object";
        QTest::newRow("name missing") << with("name", "") << "name: missing";
        QTest::newRow("name a number") << with("name", "5") << "name: is an integer, expected a string";
        QTest::newRow("name empty") << with("name", "\"\"") << "name: is empty";
        QTest::newRow("author an object") << with("author", "{}") << "author: is an object, expected a string";
        QTest::newRow("github_id null") << with("github_id", "null") << "github_id: is null, expected a string";
        QTest::newRow("date a number") << with("date", "20260318") << "date: is an integer, expected a string";
        QTest::newRow("val_bpb missing") << with("val_bpb", "") << "val_bpb: missing";
        QTest::newRow("val_bpb a string") << with("val_bpb", "\"1.22\"") << "val_bpb: is a string, expected a number";
        QTest::newRow("val_bpb negative") << with("val_bpb", "-1.2") << "val_bpb: is -1.2, expected a positive number";
        QTest::newRow("val_bpb zero") << with("val_bpb", "0") << "val_bpb: is 0, expected a positive number";
        QTest::newRow("val_loss a bool") << with("val_loss", "true") << "val_loss: is a boolean, expected a number";
        QTest::newRow("bytes_total missing") << with("bytes_total", "") << "bytes_total: missing";
        QTest::newRow("bytes_total fractional") << with("bytes_total", "15863489.5")
                                               << "bytes_total: is a fractional number, expected an integer byte count";
        QTest::newRow("bytes_total a string") << with("bytes_total", "\"15863489\"")
                                             << "bytes_total: is a string, expected an integer byte count";
        QTest::newRow("bytes_total negative") << with("bytes_total", "-1") << "bytes_total: is negative (-1)";
        QTest::newRow("bytes_total 2^64-1") << with("bytes_total", "18446744073709551615")
                                           << "bytes_total: byte count 18446744073709551615 is out of range";
        QTest::newRow("bytes_code missing") << with("bytes_code", "") << "bytes_code: missing";
        QTest::newRow("bytes_code above total") << with("bytes_code", "15863490")
                                               << "bytes_code: 15863490 is more than bytes_total 15863489";
        QTest::newRow("golf_bytes_model inconsistent") << with("golf_bytes_model", "5")
                                                      << "golf_bytes_model: 5 is not bytes_total - bytes_code = 15815847";
        QTest::newRow("golf_format a list") << with("golf_format", "[]") << "golf_format: is an array, expected a string";
    }
    void badFields()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        try {
            parseSubmissionInfo(text.toStdString(), "submission.json");
            QFAIL("accepted");
        } catch (const Error &e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.startsWith("submission.json: " + error), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(tst_SubmissionInfo)
#include "tst_submissioninfo.moc"
