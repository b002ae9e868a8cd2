// SPDX-License-Identifier: GPL-3.0-or-later
// GPTQ (quant/gptq_p.h) and its plumbing: the blocked, Cholesky-based implementation against an
// unblocked O(n^3) reference written here straight from the paper's equations, independence of
// the block size, lower layer-output error than round to nearest on correlated inputs, codes in
// range and on the stored grid, determinism; the recipe's "method" key; calibration through the
// model's input hook; and a priced gptq recipe that reads back to the GPTQ weights.

#include "common/atomicfile.h"
#include "common/error.h"
#include "data/tokenstream.h"
#include "model/model_p.h"
#include "quant/calibration_p.h"
#include "quant/gptq_p.h"
#include "quant/modelfile_p.h"
#include "quant/quantizer_p.h"
#include "quant/sizepricer.h"
#include "quantsettings.h"
#include "testdata.h"
#include "tinyconfig.h"
#include "analysis/calibrationrun.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Core;

namespace {

// The shared integer setting (quantsettings.h), calibrated by GPTQ.
QuantSetting gptqSetting(int bits, Granularity g = Granularity::Row, int groupSize = 64)
{
    QuantSetting s = TestData::intSetting(bits, g, groupSize);
    s.method = QuantMethod::Gptq;
    return s;
}

// Inputs with strongly correlated features, X [n, C]: a few latent factors mixed into every
// feature, unequal feature scales, and a little independent noise (what real activations look
// like, and where compensation pays off). The distribution is fixed (seed 1); `seed` draws the
// sample, so two seeds give two samples of the same inputs.
torch::Tensor correlatedInputs(int64_t n, int64_t C, uint64_t seed)
{
    torch::manual_seed(1);
    const torch::Tensor mix = torch::randn({C / 4, C}, torch::kFloat64);
    const torch::Tensor scales = torch::rand({C}, torch::kFloat64) * 2.0 + 0.2;
    torch::manual_seed(seed);
    return (torch::randn({n, C / 4}, torch::kFloat64).mm(mix) +
            0.2 * torch::randn({n, C}, torch::kFloat64)) *
           scales;
}

torch::Tensor hessianOfInputs(const torch::Tensor &X)
{
    return X.t().mm(X) * (2.0 / double(X.size(0))); // H = (2/n) X^T X  [C, C]
}

torch::Tensor codesOf(const QuantizedTensor &q)
{
    return torch::from_blob(const_cast<int8_t *>(q.codes.data()), {int64_t(q.codes.size())},
                            torch::kInt8)
        .clone()
        .view(q.shape);
}

// The int scale of one group as quantsetting.h defines it for clip none: max|w| / qmax, rounded
// to float32 then to fp16, 0 -> 1. Written out here so the reference shares no code with it.
torch::Tensor referenceScale(const torch::Tensor &group /*[R, len] float32*/, int qmax)
{
    torch::Tensor s = (group.abs().amax(1).to(torch::kFloat64) / double(qmax))
                          .to(torch::kFloat32)
                          .to(torch::kFloat16)
                          .to(torch::kFloat32);
    return s.masked_fill_(s == 0, 1.0);
}

// GPTQ without Cholesky or blocks, from the paper (Frantar et al. 2022, eqs. 2 and 3): keep the
// full inverse Hessian of the columns F not yet quantized; quantize column q, move the columns
// of F by delta_F = -(w_q - quant(w_q)) / [H_F^-1]_qq * (H_F^-1)_{:,q}, and remove q from the
// inverse by one Gaussian elimination step, H^-1 <- H^-1 - H^-1_{:,q} H^-1_{q,:} / [H^-1]_qq.
// Int, clip none; row, tensor or group scales (group scales when the group starts, from the
// weights as updated so far). Returns the codes [R, C] (int8) and the float32 scales [R, G].
std::pair<torch::Tensor, torch::Tensor> referenceGptq(const torch::Tensor &w32, torch::Tensor H,
                                                      const QuantSetting &s)
{
    const int64_t R = w32.size(0), C = w32.size(1);
    const int qmax = s.qmax();
    torch::Tensor W = w32.to(torch::kFloat64).clone();
    H = H.to(torch::kFloat64).clone();
    for (int64_t i = 0; i < C; ++i)
        if (H[i][i].item<double>() == 0)
            H[i][i] = 1.0;
    H += torch::eye(C, torch::kFloat64) * (0.01 * H.diagonal().mean().item<double>());
    torch::Tensor Hinv = torch::inverse(H);

    const int64_t g = s.granularity == Granularity::Group ? s.groupSize : C;
    const int64_t groups = (C + g - 1) / g;
    torch::Tensor scales = torch::zeros({R, groups}, torch::kFloat32);
    if (s.granularity == Granularity::Tensor)
        scales.fill_(referenceScale(w32.reshape({1, -1}), qmax).item<float>());
    else if (s.granularity == Granularity::Row)
        scales.select(1, 0).copy_(referenceScale(w32, qmax));
    torch::Tensor codes = torch::zeros({R, C}, torch::kInt8);
    for (int64_t q = 0; q < C; ++q) {
        if (s.granularity == Granularity::Group && q % g == 0)
            scales.select(1, q / g).copy_(
                referenceScale(W.slice(1, q, std::min(C, q + g)).to(torch::kFloat32), qmax));
        const torch::Tensor scale = scales.select(1, q / g);
        const torch::Tensor c =
            torch::round(W.select(1, q).to(torch::kFloat32) / scale).clamp(-qmax, qmax);
        codes.select(1, q).copy_(c);
        const torch::Tensor err = (W.select(1, q) - (c * scale).to(torch::kFloat64)) / Hinv[q][q];
        if (q + 1 < C)
            W.slice(1, q + 1) -= torch::outer(err, Hinv[q].slice(0, q + 1));
        Hinv = Hinv - torch::outer(Hinv.select(1, q), Hinv[q]) / Hinv[q][q];
    }
    return {codes, scales};
}

// ||(W - W^) X^T|| / ||W X^T|| for inputs X [n, C]: the layer-output error GPTQ minimises.
double outputError(const torch::Tensor &W, const torch::Tensor &What, const torch::Tensor &X)
{
    const torch::Tensor w = W.to(torch::kFloat64), wh = What.to(torch::kFloat64);
    return (w - wh).mm(X.t()).norm().item<double>() / w.mm(X.t()).norm().item<double>();
}

// Every weight random (the output projections start at zero, which would make GPTQ trivial).
void randomizeWeights(Model &model, uint64_t seed)
{
    torch::manual_seed(seed);
    torch::NoGradGuard noGrad;
    for (auto &p : model.impl().gpt->parameters())
        p.copy_(torch::randn_like(p) * 0.1);
}

const char *const kLinears =
    "^blocks\\.[0-9]+\\.(attn\\.(c_q|c_k|c_v|proj)|mlp\\.(fc|proj))\\.weight$";

Recipe gptqRecipe(const std::string &quant)
{
    return Recipe::fromJson({{"format", "golf-recipe-v1"},
                             {"defaults", {{"quant", "fp16"}, {"method", "gptq"}}},
                             {"rules", {{{"match", kLinears}, {"quant", quant}}}}},
                            "gptq recipe");
}

} // namespace

class tst_Gptq : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void matchesUnblockedReference_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("granularity");
        QTest::addColumn<int>("groupSize");
        QTest::newRow("int4 row") << 4 << int(Granularity::Row) << 0;
        QTest::newRow("int3 row") << 3 << int(Granularity::Row) << 0;
        QTest::newRow("int6 tensor") << 6 << int(Granularity::Tensor) << 0;
        QTest::newRow("int4 g16") << 4 << int(Granularity::Group) << 16;
        QTest::newRow("int3 g20 (short last group)") << 3 << int(Granularity::Group) << 20;
    }
    void matchesUnblockedReference()
    {
        QFETCH(int, bits);
        QFETCH(int, granularity);
        QFETCH(int, groupSize);
        const QuantSetting s = gptqSetting(bits, Granularity(granularity), groupSize);
        torch::manual_seed(3);
        const torch::Tensor W = torch::randn({24, 72});
        const torch::Tensor H = hessianOfInputs(correlatedInputs(500, 72, 4));
        const auto [refCodes, refScales] = referenceGptq(W, H, s);
        GptqOptions o;
        o.blockSize = 32; // several blocks, not aligned with the groups
        const QuantizedTensor q = gptqQuantize("w", W, s, H, o);
        QVERIFY(torch::equal(codesOf(q), refCodes));
        // The stored scales are the reference's (fp16, [R, G] row-major; one for tensor).
        const torch::Tensor stored =
            torch::from_blob(const_cast<char *>(q.scales.data()), {q.scaleCount()}, torch::kFloat16)
                .to(torch::kFloat32);
        const torch::Tensor expected = s.granularity == Granularity::Tensor
                                           ? refScales.reshape({-1}).slice(0, 0, 1)
                                           : refScales.reshape({-1});
        QVERIFY(torch::equal(stored, expected));
        // And GPTQ is not just rounding to nearest on these inputs.
        QVERIFY(!torch::equal(codesOf(q), codesOf(quantize("w", W, s))));
    }

    void blockSizeDoesNotMatter_data()
    {
        QTest::addColumn<int>("granularity");
        QTest::newRow("row") << int(Granularity::Row);
        QTest::newRow("g12") << int(Granularity::Group);
    }
    void blockSizeDoesNotMatter()
    {
        QFETCH(int, granularity);
        const QuantSetting s = gptqSetting(4, Granularity(granularity), 12);
        torch::manual_seed(5);
        const torch::Tensor W = torch::randn({16, 100});
        const torch::Tensor H = hessianOfInputs(correlatedInputs(400, 100, 6));
        GptqOptions whole;
        whole.blockSize = 100; // one block: no lazy updates at all
        const QuantizedTensor one = gptqQuantize("w", W, s, H, whole);
        for (int64_t block : {1, 5, 16, 128}) {
            GptqOptions o;
            o.blockSize = block;
            const QuantizedTensor q = gptqQuantize("w", W, s, H, o);
            QVERIFY2(q.codes == one.codes, ("block " + std::to_string(block)).c_str());
            QVERIFY(q.scales == one.scales);
        }
    }

    void lowerOutputErrorThanRoundToNearest_data()
    {
        QTest::addColumn<QString>("quant");
        QTest::addColumn<int>("granularity");
        QTest::newRow("int4 row") << "int4" << int(Granularity::Row);
        QTest::newRow("int3 row") << "int3" << int(Granularity::Row);
        QTest::newRow("int4 g32") << "int4" << int(Granularity::Group);
        QTest::newRow("ternary row") << "ternary" << int(Granularity::Row);
    }
    void lowerOutputErrorThanRoundToNearest()
    {
        QFETCH(QString, quant);
        QFETCH(int, granularity);
        QuantSetting s = applySettingKeys(QuantSetting{}, {{"quant", quant.toStdString()}}, "test");
        s.granularity = Granularity(granularity);
        s.groupSize = 32;
        torch::manual_seed(7);
        const torch::Tensor W = torch::randn({64, 128}) * 0.05;
        // Calibrate on one sample, measure on another from the same distribution.
        const torch::Tensor H = hessianOfInputs(correlatedInputs(2000, 128, 8));
        const torch::Tensor Xtest = correlatedInputs(2000, 128, 9);
        const double rtn = outputError(W, dequantize(quantize("w", W, s)), Xtest);
        const double gptq = outputError(W, dequantize(gptqQuantize("w", W, s, H)), Xtest);
        qInfo("%s: output error rtn %.4f, gptq %.4f (ratio %.3f)", qPrintable(quant), rtn, gptq,
              gptq / rtn);
        QVERIFY(gptq < 0.9 * rtn);
    }

    void codesInRangeAndOnTheGrid_data()
    {
        QTest::addColumn<QString>("quant");
        QTest::addColumn<QString>("granularity");
        QTest::addColumn<QString>("clip");
        QTest::newRow("int3 row") << "int3"
                                  << "row"
                                  << "none";
        QTest::newRow("int5 g16 std") << "int5"
                                      << "group"
                                      << "std";
        QTest::newRow("int8 tensor percentile") << "int8"
                                                << "tensor"
                                                << "percentile";
        QTest::newRow("ternary g16") << "ternary"
                                     << "group"
                                     << "none";
        QTest::newRow("binary row") << "binary"
                                    << "row"
                                    << "none";
    }
    void codesInRangeAndOnTheGrid()
    {
        QFETCH(QString, quant);
        QFETCH(QString, granularity);
        QFETCH(QString, clip);
        nlohmann::json keys = {{"quant", quant.toStdString()},
                               {"granularity", granularity.toStdString()},
                               {"group_size", 16},
                               {"method", "gptq"}};
        if (clip != "none")
            keys.update({{"clip", clip.toStdString()}, {"clip_value", clip == "std" ? 3.0 : 99.0}});
        const QuantSetting s = applySettingKeys(QuantSetting{}, keys, "test");
        s.validate("test");
        torch::manual_seed(11);
        const torch::Tensor W = torch::randn({20, 40});
        const torch::Tensor H = hessianOfInputs(correlatedInputs(300, 40, 12));
        const QuantizedTensor q = gptqQuantize("w", W, s, H);
        const torch::Tensor codes = codesOf(q).to(torch::kInt32);
        QCOMPARE(codes.abs().max().item<int>() <= s.qmax(), true);
        if (s.scheme == QuantScheme::Binary)
            QVERIFY(codes.abs().eq(1).all().item<bool>());
        // The same layout as rtn, so dequantize (which checks sizes and ranges) reads it, and
        // every value is a code times its group's stored scale.
        const QuantizedTensor rtn = quantize("w", W, s);
        QCOMPARE(q.codes.size(), rtn.codes.size());
        QCOMPARE(q.scales.size(), rtn.scales.size());
        const torch::Tensor back = dequantize(q);
        QCOMPARE(back.sizes(), W.sizes());
        QuantizedTensor unit = q;
        std::fill(unit.codes.begin(), unit.codes.end(), int8_t(1));
        const torch::Tensor grid = dequantize(unit); // each value's scale
        QVERIFY(torch::equal(back, codes.to(torch::kFloat32) * grid));
        // Tensor and row scales are rtn's own, from the original weights.
        if (s.granularity != Granularity::Group)
            QVERIFY(q.scales == rtn.scales);
    }

    void deterministic()
    {
        torch::manual_seed(13);
        const torch::Tensor W = torch::randn({32, 64});
        const torch::Tensor H = hessianOfInputs(correlatedInputs(300, 64, 14));
        const QuantizedTensor a = gptqQuantize("w", W, gptqSetting(4), H);
        const QuantizedTensor b = gptqQuantize("w", W.clone(), gptqSetting(4), H.clone());
        QVERIFY(a.codes == b.codes);
        QVERIFY(a.scales == b.scales);
    }

    void deadInputsAreRoundedToNearest()
    {
        torch::manual_seed(15);
        const torch::Tensor W = torch::randn({8, 32});
        torch::Tensor X = correlatedInputs(300, 32, 16);
        X.select(1, 3).zero_(); // inputs 3 and 20 never fire
        X.select(1, 20).zero_();
        const torch::Tensor H = hessianOfInputs(X);
        QCOMPARE(H[3][3].item<double>(), 0.0);
        const QuantizedTensor q = gptqQuantize("w", W, gptqSetting(4), H);
        const torch::Tensor rtn = codesOf(quantize("w", W, gptqSetting(4)));
        const torch::Tensor codes = codesOf(q);
        QVERIFY(torch::equal(codes.select(1, 3), rtn.select(1, 3)));
        QVERIFY(torch::isfinite(dequantize(q)).all().item<bool>());
        // Their rounding error moved nothing: the other columns are as without them.
        torch::Tensor W2 = W.clone();
        W2.select(1, 3).fill_(0.123f);
        const torch::Tensor codes2 = codesOf(gptqQuantize("w", W2, gptqSetting(4), H));
        QVERIFY(torch::equal(codes2.slice(1, 4), codes.slice(1, 4)));
    }

    void prunedWeightsStayZero()
    {
        QuantSetting s = gptqSetting(4);
        s.prune = PruneMode::Magnitude;
        s.sparsity = 0.5;
        torch::manual_seed(17);
        const torch::Tensor W = torch::randn({16, 48});
        const torch::Tensor H = hessianOfInputs(correlatedInputs(300, 48, 18));
        const torch::Tensor codes = codesOf(gptqQuantize("w", W, s, H));
        const torch::Tensor pruned = prune(W, s) == 0;
        QVERIFY(codes.masked_select(pruned).eq(0).all().item<bool>());
    }

    void rejectsWhatItCannotDo()
    {
        const torch::Tensor H = torch::eye(8, torch::kFloat64);
        QVERIFY_THROWS_EXCEPTION(Error, gptqQuantize("v", torch::randn({8}), gptqSetting(4), H));
        QVERIFY_THROWS_EXCEPTION(Error, gptqQuantize("w", torch::randn({4, 9}), gptqSetting(4), H));
        QuantSetting fp16;
        fp16.scheme = QuantScheme::Float;
        QVERIFY_THROWS_EXCEPTION(Error, gptqQuantize("w", torch::randn({4, 8}), fp16, H));
        try {
            gptqQuantize("blocks.0.mlp.fc.weight", torch::randn({4, 9}), gptqSetting(4), H);
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(std::string(e.what()).find("blocks.0.mlp.fc.weight") != std::string::npos);
        }
    }

    // ---- the recipe key ---------------------------------------------------------------------

    void methodKey()
    {
        const QuantSetting rtn = applySettingKeys(QuantSetting{}, {{"quant", "int4"}}, "r");
        QCOMPARE(rtn.method, QuantMethod::Rtn);
        QVERIFY(!rtn.toJson().contains("method")); // old cache keys and files unchanged
        const QuantSetting explicitRtn =
            applySettingKeys(QuantSetting{}, {{"quant", "int4"}, {"method", "rtn"}}, "r");
        QCOMPARE(explicitRtn, rtn);
        const QuantSetting gptq =
            applySettingKeys(QuantSetting{}, {{"quant", "int4"}, {"method", "gptq"}}, "r");
        QCOMPARE(gptq.method, QuantMethod::Gptq);
        QCOMPARE(gptq.toJson()["method"].get<std::string>(), std::string("gptq"));
        QCOMPARE(gptq.describe(), std::string("int4 row gptq"));
        QVERIFY(gptq != rtn);
        QCOMPARE(applySettingKeys(rtn, settingKeysBetween(rtn, gptq), "r"), gptq);
        // Float settings have no codes: the method does not apply and does not show.
        const QuantSetting fp16 =
            applySettingKeys(QuantSetting{}, {{"quant", "fp16"}, {"method", "gptq"}}, "r");
        QCOMPARE(fp16, applySettingKeys(QuantSetting{}, {{"quant", "fp16"}}, "r"));
        QCOMPARE(fp16.describe(), std::string("fp16"));
        try {
            applySettingKeys(QuantSetting{}, {{"method", "obq"}}, "recipe.json: defaults");
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("recipe.json: defaults.method: unknown value "
                                                "\"obq\" (expected rtn, gptq)") !=
                         std::string::npos,
                     e.what());
        }
    }

    void recipeResolvesMethod()
    {
        const std::vector<TensorDesc> tensors = {
            {"blocks.0.mlp.fc.weight", {64, 32}, 2048, "float32"},
            {"blocks.0.attn_scale", {32}, 32, "float32"}};
        const Recipe r = Recipe::fromJson({{"format", "golf-recipe-v1"},
                                           {"defaults", {{"quant", "int4"}, {"method", "gptq"}}},
                                           {"rules", {{{"ndim", 1}, {"quant", "fp32"}}}}},
                                          "r.json");
        const Resolution res = r.resolve(tensors);
        QCOMPARE(res.tensors[0].setting.method, QuantMethod::Gptq);
        bool listed = false;
        for (const auto &[key, source] : res.tensors[0].sources)
            listed |= key == "method" && source == kFromDefaults;
        QVERIFY(listed);
        QVERIFY(usesGptq(res));
        // Round trip through the document keeps the key.
        QCOMPARE(Recipe::fromJson(r.toJson(), "again").toJson(), r.toJson());
        QVERIFY(r.toJson().dump().find("\"method\":\"gptq\"") != std::string::npos);

        // gptq on a 1-D integer tensor: an error naming it.
        const Recipe bad = Recipe::fromJson(
            {{"format", "golf-recipe-v1"}, {"defaults", {{"quant", "int4"}, {"method", "gptq"}}}},
            "bad.json");
        try {
            bad.resolve(tensors);
            QFAIL("no error");
        } catch (const Error &e) {
            const std::string what = e.what();
            QVERIFY2(what.find("blocks.0.attn_scale") != std::string::npos &&
                         what.find("gptq needs a 2-D weight") != std::string::npos,
                     e.what());
        }
        QVERIFY(!usesGptq(Recipe::defaultRecipe().resolve(tensors)));
    }

    // ---- calibration and pricing ------------------------------------------------------------

    void calibrationCollectsLayerInputs()
    {
        QTemporaryDir dir;
        const TrainConfig data = TestData::writeTinyDataset(dir.path().toStdString());
        Model model(TestData::tinyGpt(1024), 21);
        randomizeWeights(model, 22);
        CalibrationOptions o;
        o.trainGlob = data.train_files;
        o.tokens = 1000; // 31 sequences of 32
        o.seqLen = 32;
        o.batchTokens = 256;
        const Calibration c = collectCalibration(model, o);
        QCOMPARE(c.tokens(), int64_t(31 * 32));
        QCOMPARE(c.label(), std::string("train[0:992] seq 32"));
        const std::vector<std::string> expected = calibratableTensors(model);
        QCOMPARE(c.tensors(), expected);
        QCOMPARE(int(expected.size()), 2 * 6); // tied embeddings: no lm_head
        QVERIFY(!c.has("tok_emb.weight"));

        // Block 0's attention input, computed here from the same tokens: rms_norm of the
        // residual-mixed normalised embedding.
        auto &gpt = *model.impl().gpt;
        std::vector<uint16_t> span;
        TokenStream(o.trainGlob, 1024).take(992, span);
        const torch::Tensor ids =
            torch::tensor(std::vector<int64_t>(span.begin(), span.end())).view({31, 32});
        torch::NoGradGuard noGrad;
        const torch::Tensor x0 = rmsNorm(gpt.tok_emb(ids));
        auto block = gpt.blocks->ptr<BlockImpl>(0);
        torch::Tensor x = x0;
        if (block->resid_mix.defined())
            x = block->resid_mix[0] * x0 + block->resid_mix[1] * x0;
        const torch::Tensor X = rmsNorm(x).reshape({-1, 32}).to(torch::kFloat64);
        const torch::Tensor H = hessianOf(c, "blocks.0.attn.c_q.weight");
        QVERIFY(torch::allclose(H, hessianOfInputs(X), 1e-4, 1e-6));
        QVERIFY(torch::equal(H, hessianOf(c, "blocks.0.attn.c_v.weight")));
        QCOMPARE(hessianOf(c, "blocks.1.mlp.proj.weight").size(0), int64_t(64));

        // The hooks are gone: the model runs as before.
        QVERIFY(!block->attn->inputHook && !block->mlp->inputHook);

        // Validation shards are refused.
        o.trainGlob = data.val_files;
        QVERIFY_THROWS_EXCEPTION(Error, collectCalibration(model, o));
    }

    void pricedGptqRecipeReadsBackToGptqWeights()
    {
        QTemporaryDir dir;
        const TrainConfig data = TestData::writeTinyDataset(dir.path().toStdString());
        Model model(TestData::tinyGpt(1024), 23);
        randomizeWeights(model, 24);
        CalibrationOptions o;
        o.trainGlob = data.train_files;
        o.tokens = 2048;
        o.seqLen = 32;
        const Calibration calibration = collectCalibration(model, o);

        const Recipe recipe = gptqRecipe("int4");
        SizePricer pricer(model);
        pricer.setThreads(1);
        const Resolution resolution = recipe.resolve(pricer.tensors());
        try {
            pricer.price(resolution, recipe.container);
            QFAIL("priced gptq without calibration");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("blocks.0.attn.c_q.weight") != std::string::npos &&
                         std::string(e.what()).find("calibration") != std::string::npos,
                     e.what());
        }
        pricer.setCalibration(calibration);
        const SizeReport report = pricer.price(resolution, recipe.container);
        const std::string bytes = pricer.encode(resolution, recipe.container);
        QCOMPARE(report.modelBytes, int64_t(bytes.size()));
        const std::string path = dir.filePath("m.golf.ptz").toStdString();
        writeFileAtomic(path, bytes);
        const NamedTensors back = readModelTensors(path);
        Gpt gpt = model.impl().gpt;
        const NamedTensors original = namedTensors(*gpt);
        int gptqTensors = 0;
        for (size_t i = 0; i < back.size(); ++i) {
            const auto &[name, w] = original[i];
            const QuantSetting &s = resolution.tensors[i].setting;
            const bool isGptq = s.method == QuantMethod::Gptq && s.scheme != QuantScheme::Float;
            const torch::Tensor expected =
                dequantize(isGptq ? gptqQuantize(name, w, s, hessianOf(calibration, name))
                                  : quantize(name, w, s));
            QVERIFY2(torch::equal(back[i].second, expected), name.c_str());
            if (isGptq) {
                ++gptqTensors;
                QVERIFY2(!torch::equal(expected, dequantize(quantize(name, w, s))), name.c_str());
            }
        }
        QCOMPARE(gptqTensors, 12);

        // A gptq tensor that is not a linear layer's weight: named, before and at pricing.
        const Recipe embed = Recipe::fromJson(
            {{"format", "golf-recipe-v1"},
             {"defaults", {{"quant", "fp16"}}},
             {"rules", {{{"name", "tok_emb.weight"}, {"quant", "int6"}, {"method", "gptq"}}}}},
            "embed.json");
        const Resolution embedded = embed.resolve(pricer.tensors());
        for (const auto &attempt : std::vector<std::function<void()>>{
                 [&] { checkGptqTensors(embedded, calibratableTensors(model)); },
                 [&] { pricer.price(embedded, embed.container); }}) {
            try {
                attempt();
                QFAIL("no error");
            } catch (const Error &e) {
                const std::string what = e.what();
                QVERIFY2(what.find("tok_emb.weight") != std::string::npos &&
                             what.find("gptq needs a linear layer's input statistics") !=
                                 std::string::npos,
                         e.what());
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_Gptq)
#include "tst_gptq.moc"
