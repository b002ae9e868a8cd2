// SPDX-License-Identifier: GPL-3.0-or-later
// MetricsTail on our metrics.jsonl and on official train_gpt.py logs: what each line becomes,
// a file that grows in arbitrary pieces (half lines included) reads the same as the finished
// file, truncation and replacement restart cleanly, junk is counted and skipped, and only an
// unreadable file throws.

#include "common/error.h"
#include "run/metricslog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdio>

using namespace Core;

namespace {

/// "step@time{key=value,...}" per record, joined by " | "; numbers in shortest round-trip form
/// so a comparison is exact.
QString describe(const std::vector<MetricRecord> &records)
{
    const auto num = [](double v) {
        return std::isnan(v) ? QStringLiteral("nan")
                             : QString::number(v, 'g', QLocale::FloatingPointShortest);
    };
    QStringList out;
    for (const MetricRecord &r : records) {
        QStringList values;
        for (const auto &[key, value] : r.values)
            values << QString::fromStdString(key) + "=" + num(value);
        out << QString::number(r.step) + "@" + num(r.timeS) + "{" + values.join(",") + "}";
    }
    return out.join(" | ");
}

void writeBytes(const QString &path, const QByteArray &bytes, QIODevice::OpenMode mode)
{
    QFile f(path);
    QVERIFY2(f.open(mode), qPrintable(path));
    QCOMPARE(f.write(bytes), bytes.size());
}

std::vector<MetricRecord> readWhole(MetricsTail &tail)
{
    return tail.pollToEnd().records;
}

// Our trainer's lines (core/train/trainer.cpp): train steps, a validation, a checkpoint notice.
const char *kOurs = R"({"step":1,"t_ms":512.25,"train_loss":6.9375,"lr":0.5,"tok_per_s":16000.0}
{"step":2,"t_ms":1020.0,"train_loss":6.5,"lr":1.0,"tok_per_s":16128.5}
{"step":2,"t_ms":1020.0,"val_loss":6.25,"val_bpb":3.703125,"val_tokens":65536,"val_bytes":150000,"eval_ms":88.5}
{"step":2,"checkpoint":"step_000002.pt"}
)";

// An official baseline log (train_gpt.py line formats, PARAMETER_GOLF.md §5.2), our numbers.
const char *kOfficial = R"(logs/run_seed7.txt
val_bpb:enabled tokenizer_kind=sentencepiece tokenizer_path=/data/tokenizers/fineweb_1024_bpe.model
model_params:17059912
world_size:8 grad_accum_steps:1
train_batch_tokens:524288 train_seq_len:1024 iterations:20000 warmup_steps:20 max_wallclock_seconds:600.000
seed:7
warmup_step:1/20
warmup_step:20/20
step:0/20000 val_loss:6.9357 val_bpb:4.1077 train_time:0ms step_avg:0.02ms
step:1/20000 train_loss:6.9370 train_time:250ms step_avg:250.00ms
step:2/20000 train_loss:7.5 train_time:500ms step_avg:250.00ms
step:200/20000 train_loss:2.8125 train_time:10400ms step_avg:52.00ms
step:200/20000 val_loss:2.75 val_bpb:1.625 train_time:10400ms step_avg:52.00ms
stopping_early: wallclock_cap train_time:600038ms step:13780/20000
peak memory allocated: 10184 MiB reserved: 10588 MiB
Serialized model int8+zlib: 15815847 bytes (payload:17178912 raw_torch:17224025 payload_ratio:3.91x)
final_int8_zlib_roundtrip val_loss:2.0727 val_bpb:1.2244 eval_time:1403ms
final_int8_zlib_roundtrip_exact val_loss:2.07269931 val_bpb:1.22436570
)";

} // namespace

class tst_MetricsLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lines_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("malformed");
        QTest::addColumn<int>("ignored");

        QTest::newRow("ours: train, val, checkpoint")
            << QByteArray(kOurs)
            << "1@0.51225{lr=0.5,tok_per_s=16000,train_loss=6.9375} | "
               "2@1.02{lr=1,tok_per_s=16128.5,train_loss=6.5} | "
               "2@1.02{eval_ms=88.5,val_bpb=3.703125,val_bytes=150000,val_loss=6.25,val_tokens="
               "65536}"
            << 0 << 1;
        QTest::newRow("ours: junk lines between records")
            << QByteArray("{\"step\":1,\"t_ms\":10,\"train_loss\":3}\n"
                          "not json at all\n"
                          "[1,2,3]\n"
                          "{\"t_ms\":5,\"train_loss\":2}\n"     // no step
                          "{\"step\":\"7\",\"train_loss\":2}\n" // step is a string
                          "{\"step\":-3,\"train_loss\":2}\n"    // negative step
                          "{\"step\":2.5,\"train_loss\":2}\n"   // fractional step
                          "{\"step\":4,\"train_loss\":2.5,\n"   // torn JSON
                          "\n   \n"                             // blank lines are not junk
                          "{\"step\":3.0,\"t_ms\":30,\"train_loss\":1.5,"
                          "\"note\":\"x\",\"val_loss\":null}\n")
            << "1@0.01{train_loss=3} | 3@0.03{train_loss=1.5}" << 7 << 0;
        QTest::newRow("ours: CRLF line ends")
            << QByteArray("{\"step\":1,\"train_loss\":3}\r\n{\"step\":2,\"train_loss\":2}\r\n")
            << "1@nan{train_loss=3} | 2@nan{train_loss=2}" << 0 << 0;
        QTest::newRow("official: baseline log")
            << QByteArray(kOfficial)
            << "0@0{step_avg=0.02,val_bpb=4.1077,val_loss=6.9357} | "
               "1@0.25{step_avg=250,tok_per_s=2097152,train_loss=6.937} | "
               "2@0.5{step_avg=250,tok_per_s=2097152,train_loss=7.5} | "
               "200@10.4{step_avg=52,tok_per_s=10485760,train_loss=2.8125} | "
               "200@10.4{step_avg=52,val_bpb=1.625,val_loss=2.75} | "
               "200@10.4{roundtrip_val_bpb=1.2244,roundtrip_val_loss=2.0727} | "
               "200@10.4{roundtrip_val_bpb=1.2243657,roundtrip_val_loss=2.07269931}"
            << 0 << 11;
        QTest::newRow("official: broken step lines")
            << QByteArray("step:abc/100 train_loss:1\n"
                          "step:/100 train_loss:1\n"
                          "step:5x/100 train_loss:1\n"
                          "step:-1/100 train_loss:1\n"
                          "step:7/100 train_loss:oops train_time:70ms\n" // bad value: token skipped
                          "step:8/100 train_loss:1.25 lr:3e-4 grad_norm:0.5 mode:eval\n"
                          "step:9/100\n" // nothing to plot
                          "step:10 train_loss:nan train_time:1.5s\n")
            << "8@nan{grad_norm=0.5,lr=3e-04,train_loss=1.25} | "
               "10@1.5{train_loss=nan}"
            << 4 << 2;
        QTest::newRow("ours: train.log with notices")
            << QByteArray("model_params:2048\n"
                          "resume:step:5 from runs/a/checkpoints/step_000005.pt\n"
                          "step:6/20 train_loss:4.0000 train_time:600ms step_avg:100.00ms\n"
                          "checkpoint:runs/a/checkpoints/step_000010.pt step:10\n"
                          "stopping: stopped on request at step 10\n")
            << "6@0.6{step_avg=100,train_loss=4}" << 0 << 4;
        QTest::newRow("empty file") << QByteArray() << QString() << 0 << 0;
    }
    void lines()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QFETCH(int, malformed);
        QFETCH(int, ignored);
        QTemporaryDir dir;
        const QString path = dir.filePath("m.log");
        writeBytes(path, content, QIODevice::WriteOnly);
        MetricsTail tail(path.toStdString());
        const MetricsTail::Poll p = tail.poll();
        QVERIFY(!p.restarted);
        QCOMPARE(describe(p.records), expected);
        QCOMPARE(int(tail.malformedLines()), malformed);
        QCOMPARE(int(tail.ignoredLines()), ignored);
        QCOMPARE(tail.offset(), uint64_t(content.size()));
        // Nothing new: nothing returned, nothing recounted.
        QVERIFY(tail.poll().records.empty());
        QCOMPARE(int(tail.malformedLines()), malformed);
    }

    // The writer appends in pieces that end anywhere (mid-token, mid-number, between \r and \n);
    // the records seen over all polls must be exactly those of the finished file.
    void growingFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("piece");
        for (int piece : {1, 3, 17, 64, 4096}) {
            QTest::addRow("ours, %d-byte pieces", piece) << QByteArray(kOurs) << piece;
            QTest::addRow("official, %d-byte pieces", piece) << QByteArray(kOfficial) << piece;
        }
        QTest::addRow("official CRLF, 2-byte pieces")
            << QByteArray(kOfficial).replace("\n", "\r\n") << 2;
    }
    void growingFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, piece);
        QTemporaryDir dir;
        const QString path = dir.filePath("metrics");

        MetricsTail whole(path.toStdString());
        writeBytes(path, content, QIODevice::WriteOnly);
        const QString expected = describe(readWhole(whole));
        QFile::remove(path);

        MetricsTail tail(path.toStdString());
        QVERIFY(tail.poll().records.empty()); // not created yet
        std::vector<MetricRecord> seen;
        for (int at = 0; at < content.size(); at += piece) {
            writeBytes(path, content.mid(at, piece), QIODevice::Append);
            const MetricsTail::Poll p = tail.poll();
            QVERIFY(!p.restarted);
            seen.insert(seen.end(), p.records.begin(), p.records.end());
            // A record is returned once its line is complete, never earlier.
            const QByteArray written = content.left(at + piece);
            QCOMPARE(int(seen.size()) <= written.count('\n'), true);
        }
        QCOMPARE(describe(seen), expected);
        QCOMPARE(tail.malformedLines(), whole.malformedLines());
        QCOMPARE(tail.ignoredLines(), whole.ignoredLines());
    }

    // A long finished log taken in over several timer ticks: same records, `more` until done.
    void pollWithByteBudget_data()
    {
        QTest::addColumn<int>("budget");
        for (int budget : {1, 10, 100, 1000})
            QTest::addRow("%d bytes per poll", budget) << budget;
    }
    void pollWithByteBudget()
    {
        QFETCH(int, budget);
        QTemporaryDir dir;
        const QString path = dir.filePath("train.log");
        writeBytes(path, kOfficial, QIODevice::WriteOnly);
        MetricsTail whole(path.toStdString());
        const QString expected = describe(whole.poll().records);

        MetricsTail tail(path.toStdString());
        std::vector<MetricRecord> seen;
        int polls = 0;
        for (;;) {
            const MetricsTail::Poll p = tail.poll(uint64_t(budget));
            ++polls;
            QVERIFY(tail.offset() <= uint64_t(polls) * uint64_t(budget));
            seen.insert(seen.end(), p.records.begin(), p.records.end());
            if (!p.more)
                break;
        }
        QCOMPARE(describe(seen), expected);
        QCOMPARE(tail.offset(), uint64_t(qstrlen(kOfficial)));
        QCOMPARE(polls, (int(qstrlen(kOfficial)) + budget - 1) / budget); // no idle poll at the end
    }

    void partialLastLineWaitsForNewline()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("train.log");
        writeBytes(path, "step:1/9 train_loss:3.5 train_time:10ms\nstep:2/9 train_loss:3.25",
                   QIODevice::WriteOnly);
        MetricsTail tail(path.toStdString());
        QCOMPARE(describe(tail.poll().records), "1@0.01{train_loss=3.5}");
        // "3.25" may still become "3.2501": not returned until the line ends...
        QVERIFY(tail.poll().records.empty());
        writeBytes(path, "01 train_time:20ms\n", QIODevice::Append);
        QCOMPARE(describe(tail.poll().records), "2@0.02{train_loss=3.2501}");
        // ...unless the caller knows the writer is done.
        writeBytes(path, "step:3/9 train_loss:3", QIODevice::Append);
        QVERIFY(tail.poll().records.empty());
        QCOMPARE(describe(tail.pollToEnd().records), "3@nan{train_loss=3}");
        QCOMPARE(int(tail.malformedLines()), 0);
    }

    void truncationRestarts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("metrics.jsonl");
        writeBytes(path, QByteArray(kOurs) + "{\"step\":3,\"train_loss\":oops}\n{\"step\":4,",
                   QIODevice::WriteOnly);
        MetricsTail tail(path.toStdString());
        QCOMPARE(int(tail.poll().records.size()), 3);
        QCOMPARE(int(tail.malformedLines()), 1);

        // Truncated in place (same inode) and rewritten shorter: start over, forget the partial
        // line and the counts of the old content.
        writeBytes(path, "{\"step\":1,\"train_loss\":9}\n",
                   QIODevice::WriteOnly | QIODevice::Truncate);
        MetricsTail::Poll p = tail.poll();
        QVERIFY(p.restarted);
        QCOMPARE(describe(p.records), "1@nan{train_loss=9}");
        QCOMPARE(int(tail.malformedLines()), 0);
        QCOMPARE(tail.offset(), uint64_t(26));

        // Truncated to nothing: a restart with no records; then it grows again.
        writeBytes(path, {}, QIODevice::WriteOnly | QIODevice::Truncate);
        p = tail.poll();
        QVERIFY(p.restarted);
        QVERIFY(p.records.empty());
        writeBytes(path, "{\"step\":1,\"train_loss\":8}\n", QIODevice::Append);
        p = tail.poll();
        QVERIFY(!p.restarted);
        QCOMPARE(describe(p.records), "1@nan{train_loss=8}");
    }

    void replacementRestarts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("train.log");
        const QByteArray a = "step:1/9 train_loss:3.5 train_time:10ms\n";
        writeBytes(path, a, QIODevice::WriteOnly);
        MetricsTail tail(path.toStdString());
        QCOMPARE(int(tail.poll().records.size()), 1);

        // Rotated: a new, longer file renamed over the path (new inode).
        const QString fresh = dir.filePath("new.log");
        writeBytes(
            fresh,
            "step:1/9 train_loss:4.5 train_time:10ms\nstep:2/9 train_loss:4 train_time:20ms\n",
            QIODevice::WriteOnly);
        QVERIFY(std::rename(qPrintable(fresh), qPrintable(path)) == 0);
        MetricsTail::Poll p = tail.poll();
        QVERIFY(p.restarted);
        QCOMPARE(describe(p.records), "1@0.01{train_loss=4.5} | 2@0.02{train_loss=4}");

        // Rewritten in place with different content of the same length (same inode): the head
        // differs, so it is a new file too.
        QByteArray same =
            "step:1/9 train_loss:5.5 train_time:10ms\nstep:2/9 train_loss:5 train_time:20ms\n";
        writeBytes(path, same, QIODevice::ReadWrite);
        p = tail.poll();
        QVERIFY(p.restarted);
        QCOMPARE(describe(p.records), "1@0.01{train_loss=5.5} | 2@0.02{train_loss=5}");

        // Removed: nothing to read, no error; a new file at the path later starts over.
        QVERIFY(QFile::remove(path));
        p = tail.poll();
        QVERIFY(!p.restarted);
        QVERIFY(p.records.empty());
        writeBytes(path,
                   "step:1/9 train_loss:6.5 train_time:10ms\nstep:2/9 train_loss:6 "
                   "train_time:20ms\nstep:3/9 train_loss:5.75 train_time:30ms\n",
                   QIODevice::WriteOnly);
        p = tail.poll();
        QVERIFY(p.restarted);
        QCOMPARE(int(p.records.size()), 3);
    }

    void overlongLineIsDropped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("metrics.jsonl");
        MetricsTail tail(path.toStdString(), MetricsTail::Format::Jsonl);
        writeBytes(path, "{\"step\":1,\"train_loss\":2}\n", QIODevice::WriteOnly);
        QCOMPARE(int(tail.poll().records.size()), 1);
        // 3 MiB without a newline (a binary file appended by mistake) is not buffered whole.
        for (int i = 0; i < 3; ++i) {
            writeBytes(path, QByteArray(1 << 20, 'x'), QIODevice::Append);
            QVERIFY(tail.poll().records.empty());
        }
        writeBytes(path, "yyy\n{\"step\":2,\"train_loss\":1}\n", QIODevice::Append);
        QCOMPARE(describe(tail.poll().records), "2@nan{train_loss=1}");
        QCOMPARE(int(tail.malformedLines()), 1);
    }

    void explicitFormat()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("metrics.jsonl");
        writeBytes(path, "step:1/9 train_loss:3.5\n{\"step\":2,\"train_loss\":1}\n",
                   QIODevice::WriteOnly);
        MetricsTail jsonl(path.toStdString(), MetricsTail::Format::Jsonl);
        QCOMPARE(describe(jsonl.poll().records), "2@nan{train_loss=1}");
        QCOMPARE(int(jsonl.malformedLines()), 1);
        QVERIFY(jsonl.format() == MetricsTail::Format::Jsonl);

        MetricsTail autoTail(path.toStdString());
        QVERIFY(autoTail.format() == MetricsTail::Format::Auto);
        QCOMPARE(describe(autoTail.poll().records), "1@nan{train_loss=3.5}");
        QVERIFY(autoTail.format() == MetricsTail::Format::TrainLog);
        QCOMPARE(int(autoTail.ignoredLines()), 1); // a JSON line in a text log is just text
    }

    void unreadableFileThrows()
    {
        QTemporaryDir dir;
        MetricsTail tail(dir.path().toStdString());
        try {
            tail.poll();
            QFAIL("a folder was read as a metrics file");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(dir.path()), e.what());
            QVERIFY2(QString(e.what()).contains("folder"), e.what());
        }
    }

    void fileOfRunDir()
    {
        QTemporaryDir dir;
        const std::string run = dir.path().toStdString();
        QCOMPARE(MetricsTail::fileOfRunDir(run), run + "/train.log");
        writeBytes(dir.filePath("train.log"), "x\n", QIODevice::WriteOnly);
        QCOMPARE(MetricsTail::fileOfRunDir(run), run + "/train.log");
        writeBytes(dir.filePath("metrics.jsonl"), "", QIODevice::WriteOnly);
        QCOMPARE(MetricsTail::fileOfRunDir(run), run + "/metrics.jsonl");
    }
};

QTEST_GUILESS_MAIN(tst_MetricsLog)
#include "tst_metricslog.moc"
