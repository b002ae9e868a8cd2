// SPDX-License-Identifier: GPL-3.0-or-later
// Exact size accounting: priced bytes are the bytes written, per-tensor figures sum to the file
// size in every container and codec, re-pricing one tensor equals pricing the changed recipe from
// scratch, the cache serves repeated settings, and what is written reads back to the quantized
// weights.

#include "common/atomicfile.h"
#include "common/error.h"
#include "model/model_p.h"
#include "quant/int8format_p.h"
#include "quant/modelfile_p.h"
#include "quant/quantizer_p.h"
#include "quant/sizepricer.h"
#include "tinyconfig.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Core;

namespace {

Recipe recipeWith(const std::string &codec, int level, const nlohmann::json &rules)
{
    return Recipe::fromJson({{"format", "golf-recipe-v1"},
                             {"container", {{"format", "golf-mixed-v1"}, {"codec", codec}, {"level", level}}},
                             {"defaults", {{"quant", "int6"}, {"granularity", "row"}}},
                             {"rules", rules}},
                            "test recipe");
}

int64_t sumOf(const SizeReport &r)
{
    int64_t n = r.headerBytes;
    for (const auto &t : r.tensors)
        n += t.fileBytes;
    return n;
}

} // namespace

class tst_SizePricer : public QObject
{
    Q_OBJECT
    // tok_emb 512x128 = 65,536 values: the largest that the default keeps as fp16
    Model m_model{TestData::tinyGpt(512, 2, 128), 11};

private Q_SLOTS:
    void pricedBytesAreWrittenBytes_data()
    {
        QTest::addColumn<QString>("codec");
        QTest::addColumn<int>("level");
        QTest::newRow("zlib 9") << "zlib" << 9;
        QTest::newRow("zstd 22") << "zstd" << 22;
        QTest::newRow("zstd 3") << "zstd" << 3;
        QTest::newRow("lzma 9") << "lzma" << 9;
    }
    void pricedBytesAreWrittenBytes()
    {
        QFETCH(QString, codec);
        QFETCH(int, level);
        const Recipe recipe = recipeWith(codec.toStdString(), level,
                                         {{{"match", "\\.mlp\\."}, {"quant", "int4"}},
                                          {{"match", "c_q"}, {"quant", "ternary"}},
                                          {{"max_numel", 4096}, {"quant", "fp32"}}});
        SizePricer pricer(m_model);
        const SizeReport report = pricer.price(recipe);
        const Resolution resolution = recipe.resolve(pricer.tensors());
        const std::string bytes = pricer.encode(resolution, recipe.container);
        QCOMPARE(report.modelBytes, int64_t(bytes.size()));
        QCOMPARE(sumOf(report), report.modelBytes);
        QVERIFY(report.exactPerTensor);
        QVERIFY(report.headerBytes > 0);
        // Quantization error: none for fp32, some for ternary, less for int6 than for int4.
        double fp32 = -1, ternary = -1, int6 = -1, int4 = -1;
        for (const auto &t : report.tensors) {
            const std::string q = t.setting.toJson()["quant"].get<std::string>();
            double &slot = q == "fp32" ? fp32 : q == "ternary" ? ternary : q == "int6" ? int6 : int4;
            slot = std::max(slot, t.relError);
        }
        QCOMPARE(fp32, 0.0);
        QVERIFY(int6 > 0 && int6 < int4 && int4 < ternary && ternary < 1.0);

        // The file's own layout agrees tensor by tensor.
        QTemporaryDir dir;
        const std::string path = dir.filePath("m.golf.ptz").toStdString();
        writeFileAtomic(path, bytes);
        const SizeReport inspected = inspectModelFile(path);
        QCOMPARE(inspected.modelBytes, report.modelBytes);
        QCOMPARE(inspected.headerBytes, report.headerBytes);
        QCOMPARE(inspected.tensors.size(), report.tensors.size());
        for (size_t i = 0; i < report.tensors.size(); ++i) {
            QCOMPARE(inspected.tensors[i].name, report.tensors[i].name);
            QCOMPARE(inspected.tensors[i].fileBytes, report.tensors[i].fileBytes);
            QCOMPARE(inspected.tensors[i].setting, report.tensors[i].setting);
        }

        // And it reads back to exactly the quantized weights.
        const NamedTensors back = readModelTensors(path);
        Gpt gpt = m_model.impl().gpt;
        const NamedTensors original = namedTensors(*gpt);
        QCOMPARE(back.size(), original.size());
        for (size_t i = 0; i < back.size(); ++i) {
            const auto expected = dequantize(quantize(original[i].first, original[i].second,
                                                      resolution.tensors[i].setting));
            QVERIFY2(torch::equal(back[i].second, expected), back[i].first.c_str());
        }
    }

    void repriceEqualsFullPrice()
    {
        const nlohmann::json base = {{{"match", "\\.mlp\\."}, {"quant", "int5"}}};
        SizePricer pricer(m_model);
        const SizeReport before = pricer.price(recipeWith("zlib", 9, base));
        size_t index = 0;
        while (before.tensors[index].name != "blocks.0.attn.c_q.weight")
            ++index;
        const std::string name = before.tensors[index].name;
        QuantSetting changed = before.tensors[index].setting;
        changed.scheme = QuantScheme::Int;
        changed.bits = 3;
        const SizeReport repriced = pricer.reprice(before, index, changed);

        nlohmann::json rules = base;
        rules.push_back({{"name", name}, {"quant", "int3"}});
        SizePricer fresh(m_model);
        const SizeReport full = fresh.price(recipeWith("zlib", 9, rules));
        QCOMPARE(repriced.modelBytes, full.modelBytes);
        QCOMPARE(sumOf(repriced), repriced.modelBytes);
        for (size_t i = 0; i < full.tensors.size(); ++i)
            QCOMPARE(repriced.tensors[i].fileBytes, full.tensors[i].fileBytes);
        QVERIFY(repriced.tensors[index].fileBytes < before.tensors[index].fileBytes);
    }

    void cacheServesRepeatedSettings()
    {
        SizePricer pricer(m_model);
        const Recipe recipe = recipeWith("zlib", 6, nlohmann::json::array());
        pricer.price(recipe);
        const auto first = pricer.cacheStats();
        QCOMPARE(first.misses, int64_t(pricer.tensors().size()));
        const SizeReport again = pricer.price(recipe);
        const auto second = pricer.cacheStats();
        QCOMPARE(second.misses, first.misses);
        QCOMPARE(second.hits, first.hits + int64_t(pricer.tensors().size()));
        QCOMPARE(sumOf(again), again.modelBytes);

        // One changed tensor is one miss.
        QuantSetting s = again.tensors[0].setting;
        s.scheme = QuantScheme::Float;
        s.floatType = FloatType::BFloat16;
        pricer.reprice(again, 0, s);
        QCOMPARE(pricer.cacheStats().misses, first.misses + 1);
    }

    void officialAttributionSumsToFile()
    {
        SizePricer pricer(m_model);
        const Recipe recipe = Recipe::official();
        const SizeReport report = pricer.price(recipe);
        Gpt gpt = m_model.impl().gpt;
        const std::string file = encodeInt8Ptz(namedTensors(*gpt));
        QCOMPARE(report.modelBytes, int64_t(file.size()));
        QCOMPARE(sumOf(report), report.modelBytes);
        QVERIFY(!report.exactPerTensor);
        QCOMPARE(pricer.encode(recipe.resolve(pricer.tensors()), recipe.container), file);
        // The attribution follows the content: the tensor with the most stored bytes (tok_emb,
        // kept as fp16 at 65,536 values) is attributed the most file bytes.
        const auto byFile = std::max_element(report.tensors.begin(), report.tensors.end(),
                                             [](const auto &a, const auto &b) { return a.fileBytes < b.fileBytes; });
        QCOMPARE(byFile->name, std::string("tok_emb.weight"));
        QCOMPARE(byFile->setting.describe(), std::string("fp16"));

        // inspect on the written file gives the same split.
        QTemporaryDir dir;
        const std::string path = dir.filePath("final_model.int8.ptz").toStdString();
        writeFileAtomic(path, file);
        const SizeReport inspected = inspectModelFile(path);
        QCOMPARE(sumOf(inspected), int64_t(file.size()));
        QCOMPARE(inspected.headerBytes, report.headerBytes);
    }

    void torchSaveInspectSumsToFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.pt").toStdString();
        m_model.save(path);
        const SizeReport r = inspectModelFile(path);
        QCOMPARE(r.modelBytes, int64_t(readFile(path).size()));
        QCOMPARE(sumOf(r), r.modelBytes);
        QCOMPARE(r.tensors.front().payloadBytes, r.tensors.front().numel * 4);
        QVERIFY(!r.compressed);
    }

    void rejectsUnknownFiles()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("x.bin").toStdString();
        writeFileAtomic(path, "definitely not a model");
        QVERIFY_THROWS_EXCEPTION(Core::Error, modelFileKind(path));
        QVERIFY_THROWS_EXCEPTION(Core::Error, inspectModelFile(path));
        QVERIFY_THROWS_EXCEPTION(Core::Error, inspectModelFile(dir.filePath("missing").toStdString()));
        writeFileAtomic(path, std::string("\x28\xB5\x2F\xFD", 4) + "zstd");
        QVERIFY_THROWS_EXCEPTION(Core::Error, modelFileKind(path));
    }
};

QTEST_GUILESS_MAIN(tst_SizePricer)
#include "tst_sizepricer.moc"
