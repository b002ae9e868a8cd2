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

#include <algorithm>
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

// The top of a run's logs/<run>.txt: the script's own source, with the f-string templates of
// every era's score lines, and lines that hold numbers: a parser that is not anchored at the line
// start takes the 0.11111111 (a TTT "score", preferred over everything) or the size 11111111.
const char *kSource = R"(import os
import time
"""Prints, at the end of a run, for example:
final_int8_zlib_roundtrip val_loss:{q_val_loss:.4f} val_bpb:{q_val_bpb:.4f}
"""

def main():
    # a good run prints: legal_ttt_exact val_loss:0.11111111 val_bpb:0.11111111
    #   Total submission size int8+zlib: 11111111 bytes
    #   Serialized model int8+zlib: 11111111 bytes
    log0(f"Serialized model int8+zlib: {quant_file_bytes} bytes")
    log0(f"Total submission size int8+zlib: {quant_file_bytes + code_bytes} bytes")
    log0(
        f"final_int8_zlib_roundtrip val_loss:{q_val_loss:.4f} val_bpb:{q_val_bpb:.4f} "
        f"eval_time:{1000.0 * (time.perf_counter() - t_qeval):.0f}ms"
    )
    log0(f"final_int8_zlib_roundtrip_exact val_loss:{q_val_loss:.8f} val_bpb:{q_val_bpb:.8f}")
    log0(f"final_sliding val_loss:{sw_loss:.4f} val_bpb:{sw_bpb:.4f} "
         f"(stride={args.sliding_eval_stride}, T={opt_temp:.2f}) eval_time:{ms:.0f}ms")
    log0(f"legal_ttt_exact val_loss:{ttt_loss:.8f} val_bpb:{ttt_bpb:.8f}")
    log0(f"quantized_ttt_phased val_loss:{vl:.8f} val_bpb:{vb:.8f} eval_time:{ms:.0f}ms")
	quantized_ttt val_loss:0.11111111 val_bpb:0.11111111
        print("final_golf_roundtrip_exact val_loss:0.11111111 val_bpb:0.11111111")

if __name__ == "__main__":
    main()
====================================================================================================
Running Python 3.12.3
Running PyTorch 2.9.1+cu128
val_bpb:enabled tokenizer_kind=sentencepiece tokenizer_path=./data/tokenizers/fineweb_1024_bpe.model
train_batch_tokens:524288 train_seq_len:1024 iterations:20000 warmup_steps:20
step:0/20000 val_loss:6.9357 val_bpb:4.1077 train_time:0ms step_avg:0.02ms
step:1/20000 train_loss:6.9370 train_time:250ms step_avg:250.00ms
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
                          "{\"step\":2.2e39,\"train_loss\":2}\n" // no int64 (fuzzing found it)
                          "{\"step\":4,\"train_loss\":2.5,\n"   // torn JSON
                          "\n   \n"                             // blank lines are not junk
                          "{\"step\":3.0,\"t_ms\":30,\"train_loss\":1.5,"
                          "\"note\":\"x\",\"val_loss\":null}\n")
            << "1@0.01{train_loss=3} | 3@0.03{train_loss=1.5}" << 8 << 0;
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
               "200@10.4{final_val_bpb=1.2244,final_val_loss=2.0727,roundtrip_val_bpb=1.2244,"
               "roundtrip_val_loss=2.0727} | "
               "200@10.4{final_val_bpb=1.2243657,final_val_loss=2.07269931,"
               "roundtrip_val_bpb=1.2243657,roundtrip_val_loss=2.07269931}"
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

    // The score of a log of each era, with the script source on top: the label the preference
    // picks (TTT > sliding > round trip, _exact over its 4-decimal twin), its values, the eval
    // time (from the 4-decimal twin when the _exact line has none) and the artifact sizes.
    void finalScore_data()
    {
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<QString>("label");
        QTest::addColumn<double>("valBpb");
        QTest::addColumn<double>("evalMs"); // -1: none
        QTest::addColumn<int>("stride");
        QTest::addColumn<qint64>("submission"); // -1: none
        QTest::addColumn<qint64>("model");      // -1: none

        QTest::newRow("Mar 17-20, int8 baseline")
            << QByteArray("Serialized model: 63018893 bytes\n"
                          "Code size: 54244 bytes\n"
                          "Total submission size: 63073137 bytes\n"
                          "Serialized model int8+zlib: 15815847 bytes (payload:17178912 "
                          "raw_torch:17224025 payload_ratio:3.91x)\n"
                          "Total submission size int8+zlib: 15863489 bytes\n"
                          "final_int8_zlib_roundtrip val_loss:2.0727 val_bpb:1.2244 "
                          "eval_time:1403ms\n"
                          "final_int8_zlib_roundtrip_exact val_loss:2.07269931 "
                          "val_bpb:1.22436570\n")
            << "final_int8_zlib_roundtrip_exact" << 1.22436570 << 1403.0 << 0
            << qint64(15863489) << qint64(15815847);
        QTest::newRow("early sliding window")
            << QByteArray("Total submission size int8+zlib: 15942672 bytes\n"
                          "final_int8_zlib_roundtrip val_loss:2.0142 val_bpb:1.1929 "
                          "eval_time:1500ms\n"
                          "final_int8_zlib_roundtrip_exact val_loss:2.01420000 val_bpb:1.19290000\n"
                          "final_sliding_window val_loss:1.9937 val_bpb:1.1808 eval_time:278940ms\n"
                          "final_sliding_window_exact val_loss:1.99374987 val_bpb:1.18081285\n")
            << "final_sliding_window_exact" << 1.18081285 << 278940.0 << 0 << qint64(15942672)
            << qint64(-1);
        QTest::newRow("early sliding window, eval stride:64")
            << QByteArray("final_int8_zlib_roundtrip_exact val_loss:1.75550000 val_bpb:1.03970000\n"
                          "final_sliding_window_eval stride:64 val_loss:1.7041 val_bpb:1.0093 "
                          "eval_time:52977ms\n"
                          "final_sliding_window_eval_exact stride:64 val_loss:1.70413186 "
                          "val_bpb:1.00928567\n")
            << "final_sliding_window_eval_exact" << 1.00928567 << 52977.0 << 64 << qint64(-1)
            << qint64(-1);
        QTest::newRow("int6, Mar 20 - Apr 4")
            << QByteArray("Serialized model int6+zstd: 15510000 bytes\n"
                          "Total submission size int6+zstd: 15564772 bytes\n"
                          "final_int6_roundtrip val_loss:1.9313 val_bpb:1.1444 eval_time:40000ms\n"
                          "final_int6_roundtrip_exact val_loss:1.93128000 val_bpb:1.14440000\n"
                          "final_int6_sliding_window val_loss:1.8933 val_bpb:1.1206 stride:64 "
                          "eval_time:93000ms\n"
                          "final_int6_sliding_window_exact val_loss:1.89330345 "
                          "val_bpb:1.12063000\n")
            << "final_int6_sliding_window_exact" << 1.12063 << 93000.0 << 0 << qint64(15564772)
            << qint64(15510000);
        QTest::newRow("Apr 5-6, quantized sliding window")
            << QByteArray("4902/20000 val_loss: 2.3544 val_bpb: 1.0758\n"
                          "stopping_early: wallclock_cap train_time: 599546ms step: 4902/20000\n"
                          "diagnostic pre-quantization post-ema val_loss:2.32938557 "
                          "val_bpb:1.06436919 eval_time:7476ms\n"
                          "Serialized model quantized+brotli: 15880995 bytes\n"
                          "Total submission size quantized+brotli: 15922566 bytes\n"
                          "quantized val_loss:2.83976191 val_bpb:1.09936033 eval_time:9661ms\n"
                          "quantized_sliding_window val_loss:2.79649863 val_bpb:1.08261177 "
                          "eval_time:91365ms\n")
            << "quantized_sliding_window" << 1.08261177 << 91365.0 << 0 << qint64(15922566)
            << qint64(15880995);
        QTest::newRow("test-time training, Apr 8-9, legal_ttt")
            << QByteArray("final_int6_sliding_window_exact val_loss:1.89330345 val_bpb:1.12132391\n"
                          "legal_ttt val_loss:1.8888 val_bpb:1.1187 eval_time:222000ms\n"
                          "legal_ttt_exact val_loss:1.88884778 val_bpb:1.11868501\n"
                          "final_int6_roundtrip_exact val_loss:1.93000000 val_bpb:1.14000000\n")
            << "legal_ttt_exact" << 1.11868501 << 222000.0 << 0 << qint64(-1) << qint64(-1);
        QTest::newRow("test-time training, Apr 8-9, quantized_ttt")
            << QByteArray("quantized val_loss:2.8100 val_bpb:1.0880 eval_time:68979ms\n"
                          "quantized_sliding_window val_loss: 2.7900 val_bpb: 1.0800\n"
                          "quantized_ttt val_loss: 2.7900 val_bpb: 1.0770 eval_time: 429509ms\n")
            << "quantized_ttt" << 1.077 << 429509.0 << 0 << qint64(-1) << qint64(-1);
        QTest::newRow("LoRA TTT")
            << QByteArray("diagnostic quantized val_loss:2.87890586 val_bpb:1.11448185 "
                          "eval_time:36642ms\n"
                          "quantized_ttt_lora val_loss:2.76373377 val_bpb:1.06992011 "
                          "eval_time:2591769ms\n")
            << "quantized_ttt_lora" << 1.06992011 << 2591769.0 << 0 << qint64(-1) << qint64(-1);
        QTest::newRow("Apr 14 on, phased TTT, console capture")
            << QByteArray("W0414 12:00:00.000000 1234 torch/distributed/run.py:793] Setting "
                          "OMP_NUM_THREADS environment variable for each process to be 1\n"
                          "\x1b[33mwarning: lrzip not on PATH, falling back\x1b[0m\n"
                          "[rank0]:Serialized model quantized+pergroup: 15951365 bytes\n"
                          "[rank0]:Total submission size quantized+pergroup: 15989499 bytes\n"
                          "[rank0]:diagnostic quantized val_loss:2.34 val_bpb:1.07 "
                          "eval_time:11500ms\n"
                          "[rank0]:quantized_ttt_phased val_loss:2.31538446 val_bpb:1.05803761 "
                          "eval_time:591446ms\n"
                          "[rank0]:total_eval_time:591.4s\n")
            << "quantized_ttt_phased" << 1.05803761 << 591446.0 << 0 << qint64(15989499)
            << qint64(15951365);
        QTest::newRow("ternary")
            << QByteArray("final_ternary_roundtrip val_loss:2.0000 val_bpb:1.1800\n"
                          "final_sliding val_loss:1.9543 val_bpb:1.1570 (stride=16, T=0.90) "
                          "eval_time:15000ms\n")
            << "final_sliding" << 1.157 << 15000.0 << 16 << qint64(-1) << qint64(-1);
        QTest::newRow("golf, patched train_gpt.py")
            << QByteArray("Serialized model golf-mixed: 14000000 bytes\n"
                          "Total submission size golf-mixed: 14050000 bytes\n"
                          "final_golf_roundtrip val_loss:2.1000 val_bpb:1.2500 eval_time:900ms\n"
                          "final_golf_roundtrip_exact val_loss:2.10000001 val_bpb:1.25000002\n")
            << "final_golf_roundtrip_exact" << 1.25000002 << 900.0 << 0 << qint64(14050000)
            << qint64(14000000);
        QTest::newRow("no score yet")
            << QByteArray("step:2/20000 train_loss:6.5 train_time:500ms step_avg:250.00ms\n")
            << QString() << 0.0 << -1.0 << 0 << qint64(-1) << qint64(-1);
    }
    void finalScore()
    {
        QFETCH(QByteArray, tail);
        QFETCH(QString, label);
        QFETCH(double, valBpb);
        QFETCH(double, evalMs);
        QFETCH(int, stride);
        QFETCH(qint64, submission);
        QFETCH(qint64, model);
        QTemporaryDir dir;
        const QString path = dir.filePath("run.txt");
        writeBytes(path, QByteArray(kSource) + tail, QIODevice::WriteOnly);
        MetricsTail log(path.toStdString());
        const std::vector<MetricRecord> records = log.pollToEnd().records;

        // Nothing from the source text: no value, no size, no score.
        for (const MetricRecord &r : records)
            for (const auto &[key, value] : r.values)
                QVERIFY2(value != 0.11111111, key.c_str());
        QCOMPARE(log.submissionBytes() ? qint64(log.submissionBytes()->bytes) : qint64(-1),
                 submission);
        QCOMPARE(log.modelBytes() ? qint64(log.modelBytes()->bytes) : qint64(-1), model);
        if (label.isEmpty()) {
            QVERIFY(!log.finalScore());
            return;
        }
        QVERIFY(log.finalScore());
        const ScoreLine &score = *log.finalScore();
        QCOMPARE(QString::fromStdString(score.label), label);
        QCOMPARE(score.valBpb, valBpb);
        QCOMPARE(std::isnan(score.evalMs) ? -1.0 : score.evalMs, evalMs);
        QCOMPARE(score.stride, stride);
        // The final_val_bpb series ends at the score, at the last step seen.
        const auto last = std::find_if(records.rbegin(), records.rend(), [](const MetricRecord &r) {
            return r.values.count("final_val_bpb") > 0;
        });
        QVERIFY(last != records.rend());
        QCOMPARE(last->values.at("final_val_bpb"), valBpb);
        QCOMPARE(last->step, int64_t(1));
    }

    // Score lines that arrive in pieces are read once whole, and a restart forgets the score.
    void finalScoreRestarts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("train.log");
        writeBytes(path, "step:1/9 train_loss:3.5 train_time:10ms\nlegal_ttt_exact val_loss:1.5 ",
                   QIODevice::WriteOnly);
        MetricsTail tail(path.toStdString());
        tail.poll();
        QVERIFY(!tail.finalScore());
        writeBytes(path, "val_bpb:1.25\n", QIODevice::Append);
        QCOMPARE(describe(tail.poll().records), "1@0.01{final_val_bpb=1.25,final_val_loss=1.5,"
                                                "ttt_val_bpb=1.25,ttt_val_loss=1.5}");
        QVERIFY(tail.finalScore());
        QCOMPARE(tail.finalScore()->label, std::string("legal_ttt_exact"));
        // A later sliding-window line is its own series but not the score.
        writeBytes(path, "final_sliding_window_exact val_loss:1.6 val_bpb:1.3\n",
                   QIODevice::Append);
        QCOMPARE(describe(tail.poll().records), "1@0.01{sliding_val_bpb=1.3,sliding_val_loss=1.6}");
        QCOMPARE(tail.finalScore()->label, std::string("legal_ttt_exact"));

        writeBytes(path, "step:1/9 train_loss:4\n", QIODevice::WriteOnly | QIODevice::Truncate);
        QVERIFY(tail.poll().restarted);
        QVERIFY(!tail.finalScore());
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
