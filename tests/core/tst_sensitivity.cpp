// SPDX-License-Identifier: GPL-3.0-or-later
// Sensitivity analysis and allocation planning on a tiny real model: every cell's bytes are the
// pricer's, every measured increase is the loss of the model with that tensor alone quantized,
// the cache makes a re-run measure nothing, and planned recipes fit their budget when priced.

#include "analysis/allocation.h"
#include "analysis/sensitivity.h"
#include "analysis/sensitivitycache.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "errortext.h"
#include "eval/evaluator.h"
#include "model/gpt_p.h"
#include "model/model.h"
#include "model/model_p.h"
#include "quant/sizepricer.h"
#include "quant/quantizer_p.h"
#include "run/rundir.h"
#include "testdata.h"
#include "quant/modelload.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace Core;
namespace fs = std::filesystem;
using TestData::errorOf;

namespace {

QuantSetting intRow(int bits)
{
    QuantSetting s;
    s.bits = bits;
    return s;
}

QuantSetting ternaryRow()
{
    QuantSetting s;
    s.scheme = QuantScheme::Ternary;
    s.bits = 2;
    return s;
}

} // namespace

class TestSensitivity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_ckpt;
    TrainConfig m_cfg;

    SensitivityOptions options(const std::string &cache) const
    {
        SensitivityOptions o;
        o.candidates = {intRow(8), intRow(4), ternaryRow()};
        o.minNumel = 512;
        o.slice.glob = m_cfg.val_files;
        o.slice.luts = m_cfg.byte_luts;
        o.slice.tokens = 2048;
        o.slice.seqLen = m_cfg.train_seq_len;
        o.slice.batchTokens = 1024;
        o.cacheDir = cache;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const std::string data = m_dir.filePath("data").toStdString();
        makeDirs(data);
        m_cfg = TestData::writeTinyDataset(data);
        makeDirs(m_dir.filePath("ckpt").toStdString());
        m_ckpt = m_dir.filePath("ckpt/model.pt").toStdString();
        Model(m_cfg.model, 5).save(m_ckpt);
    }

    void cellsArePricedAndMeasuredAlone()
    {
        Model model = loadModel(m_ckpt);
        const SensitivityOptions o = options("");
        const SensitivityTable table = measureSensitivity(model, o);
        QVERIFY(!table.tensors.empty());
        QCOMPARE(table.slice, std::string("val[0:2048]"));
        QCOMPARE(table.measuredCells, int64_t(table.tensors.size() * 3));

        // Independent references: the pricer on a recipe naming the tensor, and an evaluation of
        // the model with only that tensor replaced by its dequantized values.
        SizePricer pricer(model);
        const SliceData slice = loadSlice(o.slice, model.config().vocabSize);
        const EvalResult base = evaluate(model, slice.tokens, slice.lut, slice.options);
        QCOMPARE(table.baseLoss, base.valLoss);
        int64_t fixed = 0;
        const SizeReport baseReport = pricer.price(o.base);
        fixed = baseReport.headerBytes;
        for (const auto &t : baseReport.tensors) {
            const bool candidate = t.shape.size() == 2 && t.numel >= o.minNumel;
            if (!candidate)
                fixed += t.fileBytes;
        }
        QCOMPARE(table.fixedBytes, fixed);

        auto params = namedTensors(*model.impl().gpt);
        for (const auto &ts : {table.tensors.front(), table.tensors.back()}) {
            for (const auto &cell : ts.cells) {
                Recipe r = o.base;
                RecipeRule rule;
                rule.name = ts.name;
                rule.settings = settingKeysBetween(QuantSetting{}, cell.setting);
                rule.settings["quant"] = cell.setting.scheme == QuantScheme::Ternary ? "ternary"
                                                                                      : "int" + std::to_string(cell.setting.bits);
                r.rules.push_back(rule);
                const SizeReport priced = pricer.price(r);
                for (const auto &t : priced.tensors)
                    if (t.name == ts.name)
                        QCOMPARE(cell.bytes, t.fileBytes);

                torch::NoGradGuard noGrad;
                for (auto &[name, p] : params)
                    if (name == ts.name) {
                        const torch::Tensor original = p.detach().clone();
                        p.copy_(dequantize(quantize(name, original, cell.setting)));
                        const EvalResult q = evaluate(model, slice.tokens, slice.lut, slice.options);
                        p.copy_(original);
                        QCOMPARE(cell.deltaLoss, q.valLoss - base.valLoss);
                    }
                QVERIFY(cell.relError >= 0);
                QVERIFY(std::isnan(cell.fisher)); // no training shards given
            }
        }
        // Fewer bits, more error: per tensor, int8 < int4 in weight error and in bytes.
        for (const auto &ts : table.tensors) {
            QVERIFY2(ts.cells[0].sqError <= ts.cells[1].sqError, ts.name.c_str());
            QVERIFY2(ts.cells[0].bytes > ts.cells[1].bytes, ts.name.c_str());
        }
        // The weights are back as they were.
        const Model fresh = loadModel(m_ckpt);
        auto again = namedTensors(*const_cast<Model &>(fresh).impl().gpt);
        for (size_t i = 0; i < params.size(); ++i)
            QVERIFY(torch::equal(params[i].second, again[i].second));
    }

    void cacheMakesReRunsInstant()
    {
        QTemporaryDir cache;
        Model model = loadModel(m_ckpt);
        SensitivityOptions o = options(cache.path().toStdString());
        const SensitivityTable first = measureSensitivity(model, o);
        QVERIFY(first.measuredCells > 0);
        QCOMPARE(first.cachedCells, int64_t(0));

        // A crash mid-append leaves a torn line: it is skipped, not fatal.
        const SensitivityCache probe(o.cacheDir, o.slice, 0);
        appendLine(probe.path(), "{\"tensor\": \"blocks.0.attn.c_q.wei");
        const SensitivityTable second = measureSensitivity(model, o);
        QCOMPARE(second.measuredCells, int64_t(0));
        QCOMPARE(second.cachedCells, first.measuredCells);
        QCOMPARE(second.baseLoss, first.baseLoss);
        for (size_t t = 0; t < first.tensors.size(); ++t)
            for (size_t c = 0; c < first.tensors[t].cells.size(); ++c) {
                QCOMPARE(second.tensors[t].cells[c].bytes, first.tensors[t].cells[c].bytes);
                QCOMPARE(second.tensors[t].cells[c].deltaLoss, first.tensors[t].cells[c].deltaLoss);
                QVERIFY(second.tensors[t].cells[c].fromCache);
            }

        // A longer candidate list measures only what is new.
        o.candidates.push_back(intRow(6));
        const SensitivityTable third = measureSensitivity(model, o);
        QCOMPARE(third.measuredCells, int64_t(first.tensors.size()));
        // Another slice is another file: nothing comes from the cache.
        o.slice.offset = 100;
        const SensitivityTable fourth = measureSensitivity(model, o);
        QCOMPARE(fourth.cachedCells, int64_t(0));
    }

    void fisherProxyAndAgreement()
    {
        Model model = loadModel(m_ckpt);
        SensitivityOptions o = options("");
        o.fisherGlob = m_cfg.train_files;
        o.fisherTokens = 8 * m_cfg.train_seq_len;
        const SensitivityTable table = measureSensitivity(model, o);
        for (const auto &ts : table.tensors)
            for (const auto &c : ts.cells)
                QVERIFY2(std::isfinite(c.fisher) && c.fisher >= 0, ts.name.c_str());
        QVERIFY(std::isfinite(table.spearmanWeight));
        QVERIFY(std::isfinite(table.spearmanFisher));
        QVERIFY(table.spearmanFisher >= -1 && table.spearmanFisher <= 1);
    }

    void plannedRecipesFitWhenPriced()
    {
        Model model = loadModel(m_ckpt);
        const SensitivityOptions o = options("");
        const SensitivityTable table = measureSensitivity(model, o);
        int64_t least = table.fixedBytes, most = table.fixedBytes;
        for (const auto &t : table.tensors) {
            int64_t lo = INT64_MAX, hi = 0;
            for (const auto &c : t.cells) {
                lo = std::min(lo, c.bytes);
                hi = std::max(hi, c.bytes);
            }
            least += lo;
            most += hi;
        }
        SizePricer pricer(model);
        for (const double f : {0.1, 0.5, 0.9}) {
            const int64_t budget = least + int64_t(f * double(most - least));
            const AllocationPlan plan = planAllocation(table, o.base, budget, CostEstimate::Measured);
            QVERIFY(plan.allocation.feasible);
            QVERIFY(plan.estimatedModelBytes <= budget);
            // The recipe it writes resolves to exactly the chosen settings, and prices to the
            // estimated bytes (give or take header bytes).
            const Resolution res = plan.recipe.resolve(pricer.tensors());
            for (const auto &[name, setting] : plan.chosen)
                for (const auto &rt : res.tensors)
                    if (rt.tensor.name == name)
                        QVERIFY2(rt.setting == setting, name.c_str());
            const SizeReport priced = pricer.price(res, plan.recipe.container);
            QVERIFY2(std::llabs(priced.modelBytes - plan.estimatedModelBytes) < 64,
                     qPrintable(QString("%1 vs %2").arg(priced.modelBytes).arg(plan.estimatedModelBytes)));
        }
        // With room for everything, every tensor gets its least costly choice or, since more
        // bytes of one tensor count as no worse, a bigger one the proxy prefers.
        const AllocationPlan rich = planAllocation(table, o.base, most * 2, CostEstimate::Measured);
        for (size_t i = 0; i < table.tensors.size(); ++i) {
            const auto &cells = table.tensors[i].cells;
            size_t best = 0;
            for (size_t k = 0; k < cells.size(); ++k)
                if (cells[k].deltaLoss < cells[best].deltaLoss)
                    best = k;
            const auto &chosen = cells[size_t(rich.allocation.choice[i])];
            // Its cost as the allocator sees it (the least measured at no more bytes) is the best.
            double seen = INFINITY;
            for (const auto &c : cells)
                if (c.bytes <= chosen.bytes)
                    seen = std::min(seen, c.deltaLoss);
            QCOMPARE(seen, cells[best].deltaLoss);
            auto proxy = [](const SensitivityCell &c) { return std::isnan(c.fisher) ? c.sqError : c.fisher; };
            QVERIFY(proxy(chosen) <= proxy(cells[best]));
        }
        QVERIFY(!planAllocation(table, o.base, least - 1, CostEstimate::Measured).allocation.feasible);
        // Proxies the table lacks are refused, not treated as zero.
        QVERIFY(errorOf([&] { planAllocation(table, o.base, most, CostEstimate::Fisher); }).contains("fisher"));
    }

    void badInputs_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("official container") << "official" << "golf-mixed-v1";
        QTest::newRow("no candidates") << "min-numel" << "no candidate tensors";
        QTest::newRow("bad regex") << "only" << "invalid regular expression";
        QTest::newRow("slice past the end") << "offset" << "hold only";
        QTest::newRow("candidates not an array") << "cand-object" << "non-empty JSON array";
        QTest::newRow("candidate unknown key") << "cand-key" << "[0]";
        QTest::newRow("candidates missing file") << "cand-file" << "nope.json";
    }
    void badInputs()
    {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        Model model = loadModel(m_ckpt);
        SensitivityOptions o = options("");
        const std::string w = what.toStdString();
        std::string message;
        if (w == "official")
            o.base = Recipe::official();
        else if (w == "min-numel")
            o.minNumel = int64_t(1) << 40;
        else if (w == "only")
            o.only = "([";
        else if (w == "offset")
            o.slice.offset = int64_t(1) << 40;
        if (w.rfind("cand-", 0) == 0) {
            const std::string arg = w == "cand-object" ? "{\"quant\": \"int4\"}"
                                    : w == "cand-key"  ? "[{\"quant\": \"int4\", \"bitz\": 3}]"
                                                       : "nope.json";
            message = errorOf([&] { parseCandidates(arg); }).toStdString();
        } else {
            message = errorOf([&] { measureSensitivity(model, o); }).toStdString();
        }
        QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSensitivity)
#include "tst_sensitivity.moc"
