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
