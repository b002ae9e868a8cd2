// SPDX-License-Identifier: GPL-3.0-or-later
// Training and model configuration: defaults are the official ones, JSON round-trips, and typos
// or inconsistent settings are errors, never silently ignored.

#include "common/error.h"
#include "config/trainconfig.h"

#include <QtTest>

using namespace Core;

class tst_TrainConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void officialDefaults()
    {
        const TrainConfig c;
        QCOMPARE(c.train_batch_tokens, int64_t(524288));
        QCOMPARE(c.train_seq_len, int64_t(1024));
        QCOMPARE(c.matrix_lr, 0.04);
        QCOMPARE(c.tied_embed_lr, 0.05);
        QCOMPARE(c.warmdown_iters, int64_t(1200));
        QCOMPARE(c.model.parameterCount(), int64_t(17059912));
    }

    void jsonRoundTrip()
    {
        TrainConfig c;
        c.iterations = 123;
        c.model.numLayers = 3;
        c.model.recurStart = 1;
        c.model.recurEnd = 2;
        c.model.recurCount = 3;
        const auto back = TrainConfig::fromJson(c.toJson());
        QCOMPARE(back.toJson().dump(), c.toJson().dump());
    }

    void overrides()
    {
        TrainConfig c;
        c.applyOverride("iterations=50");
        c.applyOverride("model.num_layers=4");
        c.applyOverride("muon_ns_dtype=bfloat16"); // not JSON: taken as a string
        QCOMPARE(c.iterations, int64_t(50));
        QCOMPARE(c.model.numLayers, 4);
        QCOMPARE(c.muon_ns_dtype, std::string("bfloat16"));
        c.applyOverride("model.value_embed_layers=[2,3]"); // JSON lists, as in config.json
        c.applyOverride("model.value_embed_dim=128");
        c.applyOverride("model.trigram_hash=mul31");
        QCOMPARE(c.model.valueEmbedLayers, (std::vector<int>{2, 3}));
        QCOMPARE(c.model.trigramHash, std::string("mul31"));
        QCOMPARE(GptConfig::fromJson(c.model.toJson()).valueEmbedLayers, (std::vector<int>{2, 3}));
    }

    /// The hashes of GptConfig::ngramBucket, worked by hand from their definitions.
    void ngramBuckets_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::addColumn<int>("c");
        QTest::addColumn<int>("p1");
        QTest::addColumn<int>("p2");
        QTest::addColumn<int>("buckets");
        QTest::addColumn<qint64>("expected");
        // (7 * 31 + 5) mod 4096 = 222; the records' BigramHash
        QTest::newRow("mul31 bigram") << "mul31" << 5 << 7 << -1 << 4096 << qint64(222);
        // ((3 * 31 + 7) * 31 + 5) mod 1000 = 3105 mod 1000
        QTest::newRow("mul31 trigram") << "mul31" << 5 << 7 << 3 << 1000 << qint64(105);
        // 5*51647 = 258235, 7*27191 = 190337, 258235 ^ 190337 = 71482; mod 4096
        QTest::newRow("xor3 bigram") << "xor3" << 5 << 7 << -1 << 4096 << qint64(1850);
        // 71482 ^ 3*36313 (108939) = 48817; mod 10240
        QTest::newRow("xor3 trigram") << "xor3" << 5 << 7 << 3 << 10240 << qint64(7857);
        // no previous token: `vocab` (1024) stands in for it: (1024 * 31 + 5) mod 4096
        QTest::newRow("mul31 at a document start") << "mul31" << 5 << 1024 << -1 << 4096 << qint64(3077);
    }
    void ngramBuckets()
    {
        QFETCH(QString, hash);
        QFETCH(int, c);
        QFETCH(int, p1);
        QFETCH(int, p2);
        QFETCH(int, buckets);
        QFETCH(qint64, expected);
        QCOMPARE(ngramBucket(hash.toStdString(), c, p1, p2, buckets), int64_t(expected));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("expected");
        QTest::newRow("typo") << "iteratons=5" << "unknown training setting 'iteratons'";
        QTest::newRow("model typo") << "model.num_layer=5" << "unknown model setting";
        QTest::newRow("not key=value") << "iterations" << "not key=value";
        QTest::newRow("batch not divisible") << "train_batch_tokens=1000" << "multiple of";
        QTest::newRow("heads") << "model.num_heads=7" << "num_heads must divide model_dim";
        QTest::newRow("kv heads") << "model.num_kv_heads=3" << "num_kv_heads must divide num_heads";
        QTest::newRow("recurrence range") << "model.recur_count=2" << "recurrence range";
        QTest::newRow("vocab") << "model.vocab_size=70000" << "vocab_size";
        QTest::newRow("type") << "iterations=\"many\"" << "training configuration";
        QTest::newRow("stride") << "eval_stride=5000" << "eval_stride";
        QTest::newRow("embed_dim wide") << "model.embed_dim=512" << "smaller than model_dim";
        QTest::newRow("hash") << "model.bigram_hash=crc" << "\"mul31\" or \"xor3\"";
        QTest::newRow("bos") << "model.bos_id=5000" << "bos_id";
        QTest::newRow("ve without layers") << "model.value_embed_dim=64" << "needs value_embed_layers";
        QTest::newRow("ve layer out of range") << "model.value_embed_layers=[9]" << "0..num_layers-1";
        QTest::newRow("ve layer twice") << "model.value_embed_layers=[1,1]" << "distinct blocks";
    }
    void errors()
    {
        QFETCH(QString, assignment);
        QFETCH(QString, expected);
        TrainConfig c;
        try {
            c.applyOverride(assignment.toStdString());
            c.validate();
            QFAIL("accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(expected), e.what());
        }
    }

    // Settings that only agree together can be overridden one at a time in any order.
    void overridesValidateOnlyTogether()
    {
        TrainConfig c;
        c.applyOverride("train_seq_len=32");
        c.applyOverride("train_batch_tokens=128");
        c.applyOverride("grad_accum_steps=2");
        c.validate();
        TrainConfig d;
        d.applyOverride("grad_accum_steps=3"); // inconsistent with the default batch for now
        d.applyOverride("train_batch_tokens=96");
        d.applyOverride("train_seq_len=32");
        d.validate();
        QCOMPARE(d.train_batch_tokens, int64_t(96));
    }

    void recurrenceSchedule()
    {
        GptConfig g;
        g.numLayers = 6;
        g.recurStart = 2;
        g.recurEnd = 4;
        g.recurCount = 2;
        QVERIFY((g.layerSchedule() == std::vector<int>{0, 1, 2, 3, 2, 3, 4, 5}));
        QCOMPARE(g.numEncoderLayers(), 4);
        QCOMPARE(g.numSkipWeights(), 4);
        // Shared weights: recurrence adds skip weights only, no block parameters.
        GptConfig plain = g;
        plain.recurCount = 1;
        QCOMPARE(g.parameterCount() - plain.parameterCount(), int64_t(1 * g.modelDim));
    }
};

QTEST_GUILESS_MAIN(tst_TrainConfig)
#include "tst_trainconfig.moc"
