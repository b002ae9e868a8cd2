// SPDX-License-Identifier: GPL-3.0-or-later
// classifyLogLine and replacesScore: the score line of every era of the challenge's logs (as the
// records in openai/parameter-golf print them) is read with its label, values and eval time;
// size lines give their bytes; console prefixes are looked through; the script source's
// templates, indented lines and evaluations that are no score are not scores.

#include "run/scorelines.h"

#include <QtTest>

#include <cmath>

using namespace Core;

namespace {

QString num(double v)
{
    return std::isnan(v) ? QStringLiteral("nan")
                         : QString::number(v, 'g', QLocale::FloatingPointShortest);
}

/// One line per class, every field, so a row states exactly what the line must become.
QString describe(const LogLineClass &cls)
{
    if (const auto *s = std::get_if<ScoreLine>(&cls))
        return QStringLiteral("score %1 (%2%3) loss=%4 bpb=%5/%6 eval_ms=%7 stride=%8")
            .arg(QString::fromStdString(s->label), scoreKindName(s->kind),
                 s->exact ? ", exact" : "", num(s->valLoss), num(s->valBpb))
            .arg(s->bpbDecimals)
            .arg(num(s->evalMs))
            .arg(s->stride);
    if (const auto *z = std::get_if<SizeLine>(&cls))
        return QStringLiteral("size %1 [%2] %3")
            .arg(z->kind == SizeLine::Kind::Model ? "model" : "submission",
                 QString::fromStdString(z->qualifier))
            .arg(z->bytes);
    return QStringLiteral("other");
}

ScoreLine scoreOf(const char *line)
{
    const LogLineClass cls = classifyLogLine(line);
    const auto *s = std::get_if<ScoreLine>(&cls);
    return s ? *s : ScoreLine{};
}

} // namespace

class tst_ScoreLines : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("expected");

        // Mar 17-20, the int8 baseline (and our own train.log, which copies its format).
        QTest::newRow("int8 era: 4 decimals")
            << QByteArray("final_int8_zlib_roundtrip val_loss:2.0727 val_bpb:1.2244 "
                          "eval_time:1403ms")
            << "score final_int8_zlib_roundtrip (round trip) loss=2.0727 bpb=1.2244/4 "
               "eval_ms=1403 stride=0";
        QTest::newRow("int8 era: exact")
            << QByteArray("final_int8_zlib_roundtrip_exact val_loss:2.07269931 val_bpb:1.22436570")
            << "score final_int8_zlib_roundtrip_exact (round trip, exact) loss=2.07269931 "
               "bpb=1.2243657/8 eval_ms=nan stride=0";
        // Early sliding window.
        QTest::newRow("early sliding window")
            << QByteArray("final_sliding_window val_loss:1.9937 val_bpb:1.1808 eval_time:278940ms")
            << "score final_sliding_window (sliding window) loss=1.9937 bpb=1.1808/4 "
               "eval_ms=278940 stride=0";
        QTest::newRow("early sliding window: exact")
            << QByteArray("final_sliding_window_exact val_loss:1.99374987 val_bpb:1.18081285")
            << "score final_sliding_window_exact (sliding window, exact) loss=1.99374987 "
               "bpb=1.18081285/8 eval_ms=nan stride=0";
        QTest::newRow("early sliding window: eval stride:64")
            << QByteArray("final_sliding_window_eval_exact stride:64 val_loss:1.70413186 "
                          "val_bpb:1.00928567")
            << "score final_sliding_window_eval_exact (sliding window, exact) loss=1.70413186 "
               "bpb=1.00928567/8 eval_ms=nan stride=64";
        // Int6, Mar 20 - Apr 4.
        QTest::newRow("int6 era: sliding window")
            << QByteArray("final_int6_sliding_window val_loss:1.8933 val_bpb:1.1213 stride:64 "
                          "eval_time:93120ms")
            << "score final_int6_sliding_window (sliding window) loss=1.8933 bpb=1.1213/4 "
               "eval_ms=93120 stride=64";
        QTest::newRow("int6 era: sliding window s64 exact")
            << QByteArray("final_int6_sliding_window_s64_exact val_loss:1.89330345 "
                          "val_bpb:1.12132391")
            << "score final_int6_sliding_window_s64_exact (sliding window, exact) "
               "loss=1.89330345 bpb=1.12132391/8 eval_ms=nan stride=0";
        QTest::newRow("int6 era: round trip")
            << QByteArray("final_int6_roundtrip_exact val_loss:1.93128000 val_bpb:1.14068680")
            << "score final_int6_roundtrip_exact (round trip, exact) loss=1.93128 "
               "bpb=1.1406868/8 eval_ms=nan stride=0";
        // Apr 5-6.
        QTest::newRow("Apr 5-6: quantized round trip")
            << QByteArray("quantized val_loss:2.83976191 val_bpb:1.09936033 eval_time:9661ms")
            << "score quantized (round trip) loss=2.83976191 bpb=1.09936033/8 eval_ms=9661 "
               "stride=0";
        QTest::newRow("Apr 5-6: quantized sliding window")
            << QByteArray("quantized_sliding_window val_loss:2.79649863 val_bpb:1.08261177 "
                          "eval_time:91365ms")
            << "score quantized_sliding_window (sliding window) loss=2.79649863 "
               "bpb=1.08261177/8 eval_ms=91365 stride=0";
        QTest::newRow("Apr 5-6: sliding without TTT")
            << QByteArray("quantized_sliding_no_ttt_exact val_loss:1.70000000 val_bpb:1.00000000")
            << "score quantized_sliding_no_ttt_exact (sliding window, exact) loss=1.7 bpb=1/8 "
               "eval_ms=nan stride=0";
        // Test-time training, Apr 8-9, LoRA, phased.
        QTest::newRow("TTT era: legal_ttt")
            << QByteArray("legal_ttt val_loss:1.8888 val_bpb:1.1187 eval_time:222000ms")
            << "score legal_ttt (test-time training) loss=1.8888 bpb=1.1187/4 eval_ms=222000 "
               "stride=0";
        QTest::newRow("TTT era: legal_ttt_exact")
            << QByteArray("legal_ttt_exact val_loss:1.88884778 val_bpb:1.11868501")
            << "score legal_ttt_exact (test-time training, exact) loss=1.88884778 "
               "bpb=1.11868501/8 eval_ms=nan stride=0";
        QTest::newRow("TTT era: quantized_ttt, spaces after colons")
            << QByteArray("quantized_ttt val_loss: 2.7900 val_bpb: 1.0770 eval_time: 429509ms")
            << "score quantized_ttt (test-time training) loss=2.79 bpb=1.077/4 eval_ms=429509 "
               "stride=0";
        QTest::newRow("LoRA TTT")
            << QByteArray("quantized_ttt_lora val_loss:2.76373377 val_bpb:1.06992011 "
                          "eval_time:2591769ms")
            << "score quantized_ttt_lora (test-time training) loss=2.76373377 "
               "bpb=1.06992011/8 eval_ms=2591769 stride=0";
        QTest::newRow("Apr 14 on: phased TTT")
            << QByteArray("quantized_ttt_phased val_loss:2.31538446 val_bpb:1.05803761 "
                          "eval_time:591446ms")
            << "score quantized_ttt_phased (test-time training) loss=2.31538446 "
               "bpb=1.05803761/8 eval_ms=591446 stride=0";
        QTest::newRow("int8 LoRA TTT")
            << QByteArray("final_int8_ttt_lora val_loss:2.0100 val_bpb:1.1900 eval_time:60000ms")
            << "score final_int8_ttt_lora (test-time training) loss=2.01 bpb=1.19/4 "
               "eval_ms=60000 stride=0";
        // Ternary / binary.
        QTest::newRow("ternary: final_sliding with stride and temperature")
            << QByteArray("final_sliding val_loss:1.9543 val_bpb:1.1570 (stride=16, T=0.90) "
                          "eval_time:15000ms")
            << "score final_sliding (sliding window) loss=1.9543 bpb=1.157/4 eval_ms=15000 "
               "stride=16";
        QTest::newRow("ternary: final_sliding with time:")
            << QByteArray("final_sliding val_loss:1.9543 val_bpb:1.1570 (stride=64, T=0.95) "
                          "time:15000ms")
            << "score final_sliding (sliding window) loss=1.9543 bpb=1.157/4 eval_ms=15000 "
               "stride=64";
        QTest::newRow("ternary: key=value")
            << QByteArray("final_sliding val_loss=1.954300 val_bpb=1.157000 stride=64")
            << "score final_sliding (sliding window) loss=1.9543 bpb=1.157/6 eval_ms=nan "
               "stride=64";
        QTest::newRow("ternary: round trip")
            << QByteArray("final_ternary_roundtrip val_loss:2.0000 val_bpb:1.1800")
            << "score final_ternary_roundtrip (round trip) loss=2 bpb=1.18/4 eval_ms=nan "
               "stride=0";
        // Ours (Golf Studio's patched train_gpt.py).
        QTest::newRow("golf: round trip")
            << QByteArray("final_golf_roundtrip val_loss:2.1000 val_bpb:1.2500 eval_time:900ms")
            << "score final_golf_roundtrip (round trip) loss=2.1 bpb=1.25/4 eval_ms=900 "
               "stride=0";
        QTest::newRow("golf: exact")
            << QByteArray("final_golf_roundtrip_exact val_loss:2.10000001 val_bpb:1.25000002")
            << "score final_golf_roundtrip_exact (round trip, exact) loss=2.10000001 "
               "bpb=1.25000002/8 eval_ms=nan stride=0";

        // Console captures.
        QTest::newRow("console: [rank0]: prefix")
            << QByteArray("[rank0]:final_int8_zlib_roundtrip_exact val_loss:2.0 val_bpb:1.5")
            << "score final_int8_zlib_roundtrip_exact (round trip, exact) loss=2 bpb=1.5/1 "
               "eval_ms=nan stride=0";
        QTest::newRow("console: [default0]: prefix and a space")
            << QByteArray("[default0]: legal_ttt_exact val_loss:2.0 val_bpb:1.5")
            << "score legal_ttt_exact (test-time training, exact) loss=2 bpb=1.5/1 "
               "eval_ms=nan stride=0";
        QTest::newRow("console: ANSI colours")
            << QByteArray("\x1b[1;32mquantized_ttt_phased val_loss:2.5 val_bpb:1.25\x1b[0m")
            << "score quantized_ttt_phased (test-time training) loss=2.5 bpb=1.25/2 "
               "eval_ms=nan stride=0";
        QTest::newRow("console: progress bar overwritten by CR, CRLF end")
            << QByteArray("ttt 99% |#########|\rquantized_ttt val_loss:2.5 val_bpb:1.25\r")
            << "score quantized_ttt (test-time training) loss=2.5 bpb=1.25/2 eval_ms=nan "
               "stride=0";

        // Sizes.
        QTest::newRow("size: int8 era model")
            << QByteArray("Serialized model int8+zlib: 15815847 bytes (payload:17178912 "
                          "raw_torch:17224025 payload_ratio:3.91x)")
            << "size model [int8+zlib] 15815847";
        QTest::newRow("size: int8 era submission")
            << QByteArray("Total submission size int8+zlib: 15863489 bytes")
            << "size submission [int8+zlib] 15863489";
        QTest::newRow("size: baseline raw submission")
            << QByteArray("Total submission size: 63073137 bytes") << "size submission [] 63073137";
        QTest::newRow("size: per-group")
            << QByteArray("Total submission size quantized+pergroup: 15989499 bytes")
            << "size submission [quantized+pergroup] 15989499";
        QTest::newRow("size: golf")
            << QByteArray("[rank0]:Total submission size golf-mixed: 15000001 bytes")
            << "size submission [golf-mixed] 15000001";

        // Not scores: the script source at the top of a log, and evaluations that score nothing.
        QTest::newRow("source: indented log0 template")
            << QByteArray("    log0(f\"final_int8_zlib_roundtrip_exact val_loss:{q_val_loss:.8f} "
                          "val_bpb:{q_val_bpb:.8f}\")")
            << "other";
        QTest::newRow("source: f-string continuation")
            << QByteArray("        f\"final_sliding val_loss:{sw_loss:.4f} val_bpb:{sw_bpb:.4f} \"")
            << "other";
        QTest::newRow("source: indented comment with numbers")
            << QByteArray("    # legal_ttt_exact val_loss:0.11111111 val_bpb:0.11111111")
            << "other";
        QTest::newRow("source: tab-indented line")
            << QByteArray("\tquantized_ttt val_loss:0.5 val_bpb:0.1") << "other";
        QTest::newRow("source: template at column 0")
            << QByteArray("final_int6_roundtrip val_loss:{q_val_loss:.4f} val_bpb:{q_val_bpb:.4f}")
            << "other";
        QTest::newRow("source: indented size template")
            << QByteArray("    log0(f\"Total submission size int8+zlib: {quant_file_bytes + "
                          "code_bytes} bytes\")")
            << "other";
        QTest::newRow("source: indented after [rank0]:")
            << QByteArray("[rank0]:    final_int8_zlib_roundtrip val_loss:1 val_bpb:1") << "other";
        QTest::newRow("not a score: pre-quantization final_eval")
            << QByteArray("final_eval val_loss:1.9876 val_bpb:1.9876") << "other";
        QTest::newRow("not a score: diagnostic quantized")
            << QByteArray("diagnostic quantized val_loss:2.34613048 val_bpb:1.07199665") << "other";
        QTest::newRow("not a score: TTT progress")
            << QByteArray("ttt_sliding:done val_loss=2.791778 val_bpb=1.080784 elapsed=324.0s")
            << "other";
        QTest::newRow("not a score: no val_bpb")
            << QByteArray("final_int8_zlib_roundtrip val_loss:2.0727 eval_time:1403ms") << "other";
        QTest::newRow("not a score: unknown eval time unit")
            << QByteArray("final_int8_zlib_roundtrip val_loss:2.0 val_bpb:1.2 eval_time:3h")
            << "other";
        QTest::newRow("not a score: step line")
            << QByteArray("step:200/20000 val_loss:2.75 val_bpb:1.625 train_time:10400ms")
            << "other";
        QTest::newRow("not a size: no bytes")
            << QByteArray("Serialized model int8+zlib: 15815847") << "other";
        QTest::newRow("empty") << QByteArray() << "other";
    }
    void classify()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, expected);
        QCOMPARE(describe(classifyLogLine(std::string_view(line.constData(), size_t(line.size())))),
                 expected);
    }

    void preference_data()
    {
        QTest::addColumn<QByteArray>("current");
        QTest::addColumn<QByteArray>("candidate");
        QTest::addColumn<bool>("replaces");

        const QByteArray rt = "final_int8_zlib_roundtrip val_loss:2.0727 val_bpb:1.2244";
        const QByteArray rtExact =
            "final_int8_zlib_roundtrip_exact val_loss:2.07 val_bpb:1.22436570";
        const QByteArray sliding = "final_sliding_window val_loss:2.0 val_bpb:1.1808";
        const QByteArray slidingExact =
            "final_sliding_window_exact val_loss:2.0 val_bpb:1.18081285";
        const QByteArray ttt = "legal_ttt val_loss:1.9 val_bpb:1.1187";
        const QByteArray tttExact = "legal_ttt_exact val_loss:1.9 val_bpb:1.11868501";
        QTest::newRow("int8 era: exact after its 4-decimal twin") << rt << rtExact << true;
        QTest::newRow("int8 era: 4-decimal twin after exact") << rtExact << rt << false;
        QTest::newRow("sliding era: sliding over round trip") << rtExact << sliding << true;
        QTest::newRow("sliding era: round trip after sliding") << slidingExact << rtExact << false;
        QTest::newRow("sliding era: exact after 4-decimal") << sliding << slidingExact << true;
        QTest::newRow("TTT era: TTT over sliding") << slidingExact << ttt << true;
        QTest::newRow("TTT era: sliding after TTT") << tttExact << slidingExact << false;
        QTest::newRow("TTT era: round trip after TTT") << ttt << rtExact << false;
        QTest::newRow("TTT era: exact after 4-decimal") << ttt << tttExact << true;
        QTest::newRow("TTT era: 4-decimal after exact") << tttExact << ttt << false;
        QTest::newRow("same kind, another label: the later one")
            << tttExact << QByteArray("quantized_ttt val_loss:1.8 val_bpb:1.1000") << true;
    }
    void preference()
    {
        QFETCH(QByteArray, current);
        QFETCH(QByteArray, candidate);
        QFETCH(bool, replaces);
        const ScoreLine cur = scoreOf(current.constData());
        const ScoreLine cand = scoreOf(candidate.constData());
        QVERIFY(!cur.label.empty() && !cand.label.empty());
        QCOMPARE(replacesScore(cand, cur), replaces);
    }

    void baseLabel()
    {
        QCOMPARE(scoreOf("legal_ttt_exact val_loss:1 val_bpb:1").baseLabel(),
                 std::string("legal_ttt"));
        QCOMPARE(scoreOf("legal_ttt val_loss:1 val_bpb:1").baseLabel(), std::string("legal_ttt"));
    }

    void logLineText_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("plain") << QByteArray("step:1/2 x:1\r\n") << QByteArray("step:1/2 x:1");
        QTest::newRow("indent kept") << QByteArray("    log0(x)") << QByteArray("    log0(x)");
        QTest::newRow("rank prefix") << QByteArray("[rank12]:step:1") << QByteArray("step:1");
        QTest::newRow("not a rank prefix")
            << QByteArray("[rankX]:step:1") << QByteArray("[rankX]:step:1");
        QTest::newRow("colour then rank")
            << QByteArray("\x1b[0m[rank0]: step:1\x1b[K") << QByteArray("step:1");
    }
    void logLineText()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, text);
        std::string scratch;
        const std::string_view got =
            Core::logLineText(std::string_view(line.constData(), size_t(line.size())), scratch);
        QCOMPARE(QByteArray(got.data(), int(got.size())), text);
    }
};

QTEST_GUILESS_MAIN(tst_ScoreLines)
#include "tst_scorelines.moc"
