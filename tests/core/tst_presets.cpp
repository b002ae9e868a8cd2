// SPDX-License-Identifier: GPL-3.0-or-later
// The recipe presets (resources/recipes/*.json) do what their names say at every model size:
// each row resolves one preset on a real model's tensors, the `golf demo` model (4x256, whose
// attention matrices have exactly 65,536 values) and the baseline (9x512), and fails when a
// matrix the preset names is stored otherwise, or a small control/1-D tensor is quantized.
// The words a records folder is described with come from what was stored
// (pack/storagesummary.h), checked here on the same resolutions.

#include "config/mixertensors.h"
#include "model/model.h"
#include "pack/storagesummary.h"
#include "recipe/recipe.h"

#include "tinyconfig.h"

#include <QDir>
#include <QRegularExpression>
#include <QtTest>

using namespace Core;

namespace {


std::vector<TensorDesc> tensorsOf(const GptConfig &config)
{
    return Model(config, 1).tensors();
}

QString quantOf(const Resolution &resolution, const std::string &name)
{
    for (const ResolvedTensor &t : resolution.tensors)
        if (t.tensor.name == name)
            return QString::fromLatin1(quantSchemeOf(t.setting).name);
    return {};
}

SizeReport storedAs(const Resolution &resolution)
{
    SizeReport report;
    for (const ResolvedTensor &t : resolution.tensors) {
        TensorSize s;
        s.name = t.tensor.name;
        s.shape = t.tensor.shape;
        s.numel = t.tensor.numel;
        s.setting = t.setting;
        report.tensors.push_back(s);
    }
    return report;
}

// The block matrices and the embedding, by the roles a preset's name talks about.
const QRegularExpression kMlp(QStringLiteral(R"(^blocks\.\d+\.mlp\.(fc|proj)\.weight$)"));
const QRegularExpression kAttn(QStringLiteral(R"(^blocks\.\d+\.attn\.(c_q|c_k|c_v|proj)\.weight$)"));
const QRegularExpression kEmbedding(QStringLiteral(R"(^tok_emb\.weight$)"));

} // namespace

class tst_Presets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namedMatricesAsNamed_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("layers");  ///< 4 = the demo model, 9 = the baseline
        QTest::addColumn<QString>("mlp"); ///< quant of the MLP matrices ("official": see below)
        QTest::addColumn<QString>("attn");
        QTest::addColumn<QString>("embedding");
        // One row per preset and size; every file in resources/recipes must have both.
        for (int layers : {4, 9}) {
            const QString size = layers == 4 ? QStringLiteral("demo 4x256")
                                             : QStringLiteral("baseline 9x512");
            const auto row = [&](const char *preset) -> QTestData & {
                const QString name = QStringLiteral("%1 %2").arg(QLatin1String(preset), size);
                return QTest::newRow(qPrintable(name)) << QString::fromLatin1(preset) << layers;
            };
            row("int5-mlp") << "int5" << "int6" << "fp16";
            row("int6-records") << "int6" << "int6" << "int8";
            row("ternary") << "ternary" << "ternary" << "fp16";
            // Named after the official classification: a 2-D tensor of more than 65,536
            // values int8, a smaller one fp16 (so the demo's attention matrices are fp16).
            row("int8-lzma") << "official" << "official" << "official";
            row("official-int8") << "official" << "official" << "official";
        }
    }
    void namedMatricesAsNamed()
    {
        QFETCH(QString, preset);
        QFETCH(int, layers);
        QFETCH(QString, mlp);
        QFETCH(QString, attn);
        QFETCH(QString, embedding);
        const Recipe recipe = Recipe::load(
            QStringLiteral(GOLF_SOURCE_DIR "/resources/recipes/%1.json").arg(preset).toStdString());
        const Resolution res = recipe.resolve(tensorsOf(layers == 4 ? TestData::demoGpt() : GptConfig{}));
        QVERIFY(res.unusedRules.empty());
        int matrices = 0;
        for (const ResolvedTensor &t : res.tensors) {
            const QString name = QString::fromStdString(t.tensor.name);
            const QString quant = QString::fromLatin1(quantSchemeOf(t.setting).name);
            const bool isFloat = t.setting.scheme == QuantScheme::Float;
            QString expected;
            if (kMlp.match(name).hasMatch())
                expected = mlp;
            else if (kAttn.match(name).hasMatch())
                expected = attn;
            else if (kEmbedding.match(name).hasMatch())
                expected = embedding;
            if (expected.isEmpty()) {
                // Gains, scales, resid_mix, skip_weights: never quantized.
                QVERIFY2(isFloat, qPrintable(name + QStringLiteral(" is stored as ") + quant));
                continue;
            }
            ++matrices;
            if (expected == QLatin1String("official"))
                expected = t.tensor.numel > 65536 ? QStringLiteral("int8") : QStringLiteral("fp16");
            QVERIFY2(quant == expected, qPrintable(QStringLiteral("%1 (%2 values) is stored as "
                                                                  "%3, the preset says %4")
                                                       .arg(name)
                                                       .arg(t.tensor.numel)
                                                       .arg(quant, expected)));
        }
        QCOMPARE(matrices, 6 * layers + 1);
    }

    void everyPresetHasRows()
    {
        const QDir dir(QStringLiteral(GOLF_SOURCE_DIR "/resources/recipes"));
        const QStringList known{"int5-mlp.json", "int6-records.json", "ternary.json",
                                "int8-lzma.json", "official-int8.json"};
        for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files))
            QVERIFY2(known.contains(f), qPrintable(f + QStringLiteral(": add its rows above")));
    }

    // A state-space and a DeltaNet block beside attention: each preset stores the new mixers'
    // projections as it stores the attention matrices (the defaults, or the official
    // classification). Their dynamics (A_log, D, convolutions, dt bias) go with the defaults
    // under the int presets (int6 costs nothing measurable, config/mixertensors.h), but stay
    // float under ternary, where three levels cost 0.07 bpb.
    void mixerTensors_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("layers");
        QTest::addColumn<QString>("dynamics"); ///< how A_log is stored; "official": by size
        for (int layers : {4, 9}) {
            const auto row = [&](const char *preset) -> QTestData & {
                return QTest::newRow(qPrintable(QStringLiteral("%1 %2 blocks").arg(QLatin1String(preset)).arg(layers)))
                       << QString::fromLatin1(preset) << layers;
            };
            row("int5-mlp") << "int6";
            row("int6-records") << "int6";
            row("ternary") << "fp16";
            row("int8-lzma") << "official";
            row("official-int8") << "official";
        }
    }
    void mixerTensors()
    {
        QFETCH(QString, preset);
        QFETCH(int, layers);
        QFETCH(QString, dynamics);
        GptConfig shape = layers == 4 ? TestData::demoGpt() : GptConfig{};
        shape.layerTypes.assign(size_t(layers), "attention");
        shape.layerTypes[0] = "ssm";
        shape.layerTypes[1] = "deltanet";
        const Recipe recipe = Recipe::load(
            QStringLiteral(GOLF_SOURCE_DIR "/resources/recipes/%1.json").arg(preset).toStdString());
        const Resolution res = recipe.resolve(tensorsOf(shape));
        QVERIFY(res.unusedRules.empty());
        const QRegularExpression projection(QStringLiteral(
            R"(^blocks\.[01]\.(ssm\.(in_proj|x_proj|dt_proj|out_proj)|deltanet\.[qkvabgo]_proj)\.weight$)"));
        const QString attention = quantOf(res, "blocks.2.attn.c_q.weight");
        const bool official = dynamics == QLatin1String("official");
        const auto bySize = [](int64_t numel) { return numel > 65536 ? QStringLiteral("int8") : QStringLiteral("fp16"); };
        int dynamicsSeen = 0, projections = 0;
        for (const ResolvedTensor &t : res.tensors) {
            const QString name = QString::fromStdString(t.tensor.name);
            const QString quant = QString::fromLatin1(quantSchemeOf(t.setting).name);
            QString expected;
            if (isMixerDynamicsTensor(t.tensor.name)) {
                ++dynamicsSeen;
                // 1-D ones (D, dt biases, DeltaNet's A_log) are float everywhere.
                if (t.tensor.shape.size() == 1)
                    QVERIFY2(t.setting.scheme == QuantScheme::Float, qPrintable(name + QStringLiteral(" is ") + quant));
                else
                    expected = official ? bySize(t.tensor.numel) : dynamics;
            } else if (projection.match(name).hasMatch()) {
                ++projections;
                expected = official ? bySize(t.tensor.numel) : attention;
            }
            if (!expected.isEmpty())
                QVERIFY2(quant == expected, qPrintable(QStringLiteral("%1 is stored as %2, not %3")
                                                           .arg(name, quant, expected)));
        }
        QCOMPARE(dynamicsSeen, 5 + 5); // ssm: A_log D dt_proj.bias conv1d.{weight,bias}; deltanet: A_log dt_bias 3 convs
        QCOMPARE(projections, 4 + 7);
    }

    void storageSummary_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("layers");
        QTest::addColumn<QString>("summary");
        QTest::newRow("int5-mlp demo")
            << "int5-mlp" << 4
            << "int5 row: 8 MLP matrices; int6 row: 16 attention matrices; fp16: embedding; "
               "fp32: 17 small tensors";
        QTest::newRow("int8-lzma demo")
            << "int8-lzma" << 4
            << "int8 row p99.99984: embedding + 8 MLP matrices; fp16: 16 attention matrices; "
               "fp32: 17 small tensors";
        // The demo's model with every embedding technique: the tables and projections are
        // named as what they are, not as "matrices" or "small tensors".
        QTest::newRow("int5-mlp demo, compressed embeddings")
            << "int5-mlp" << -4
            << "int5 row: 8 MLP matrices; int6 row: 3 embedding tables + 6 embedding projections "
               "+ 16 attention matrices; fp16: embedding; fp32: 17 small tensors";
        QTest::newRow("int6-records baseline")
            << "int6-records" << 9
            << "int6 row std:12.85: 36 attention matrices + 18 MLP matrices; int8 row std:20: "
               "embedding; fp32: 37 small tensors";
        // Blocks 0 and 1 a state-space and a DeltaNet mixer: their projections and the 2-D and
        // 3-D dynamics (A_log, the convolutions) int6 as the attention matrices are; the 1-D
        // dynamics fp32 with the control tensors.
        QTest::newRow("int5-mlp demo, ssm + deltanet + 2 attention")
            << "int5-mlp" << -1
            << "int5 row: 8 MLP matrices; int6 row: 8 attention matrices + 4 state-space matrices "
               "+ 7 DeltaNet matrices + 5 recurrent dynamics tensors; fp16: embedding; fp32: 5 "
               "recurrent dynamics tensors + 16 small tensors";
    }
    void storageSummary()
    {
        QFETCH(QString, preset);
        QFETCH(int, layers);
        QFETCH(QString, summary);
        const Recipe recipe = Recipe::load(
            QStringLiteral(GOLF_SOURCE_DIR "/resources/recipes/%1.json").arg(preset).toStdString());
        GptConfig shape = layers == 9 ? GptConfig{} : TestData::demoGpt();
        if (layers == -1) {
            shape.layerTypes = {"ssm", "deltanet", "attention", "attention"};
        } else if (layers < 0) {
            shape.embedDim = 128;
            shape.bigramBuckets = shape.trigramBuckets = 2048;
            shape.ngramDim = 64;
            shape.valueEmbedDim = 64;
            shape.valueEmbedLayers = {2, 3};
        }
        const Resolution res = recipe.resolve(tensorsOf(shape));
        QCOMPARE(QString::fromStdString(Core::storageSummary(storedAs(res))), summary);
        QCOMPARE(Core::storageSummary(SizeReport{}), std::string());
        QCOMPARE(tensorRole("blocks.0.resid_mix", {2, 256}), std::string("small tensor"));
        QCOMPARE(tensorRole("lm_head.weight", {1024, 256}), std::string("output head"));
    }
};

QTEST_GUILESS_MAIN(tst_Presets)
#include "tst_presets.moc"
