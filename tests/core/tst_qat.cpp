// SPDX-License-Identifier: GPL-3.0-or-later
// Quantization-aware training (train/qat.h): straight-through gradients against an independent
// computation at explicitly quantized weights, the start fraction, latent weights surviving
// every step, bit-for-bit resume during QAT, and recipe errors that name the setting.

#include "common/atomicfile.h"
#include "common/error.h"
#include "model/model_p.h"
#include "quant/quantizer_p.h"
#include "recipe/recipe.h"
#include "model/checkpoint_p.h"
#include "run/rundir.h"
#include "testdata.h"
#include "train/qat.h"
#include "train/trainer.h"
#include "train/weighthook_p.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>

using namespace Core;
using TestData::train;
using TestData::trainLosses;

namespace {

nlohmann::json recipeJson(const char *defaults, const char *rules = "[]")
{
    return {{"format", "golf-recipe-v1"},
            {"name", "test"},
            {"defaults", nlohmann::json::parse(defaults)},
            {"rules", nlohmann::json::parse(rules)}};
}

/// The QAT recipes the tests train for: the schemes the issue names, plus clipping, groups and
/// pruning (all of which the export arithmetic applies before rounding).
void addRecipeRows()
{
    QTest::addColumn<QByteArray>("defaults");
    QTest::addColumn<QByteArray>("rules");
    QTest::newRow("int4 row") << QByteArray(R"({"quant": "int4", "granularity": "row"})")
                              << QByteArray(R"([{"ndim": 1, "quant": "fp16"}])");
    QTest::newRow("ternary") << QByteArray(R"({"quant": "ternary", "granularity": "row"})")
                             << QByteArray(R"([{"name": "tok_emb.weight", "quant": "fp16"},
                                              {"ndim": 1, "quant": "fp32"}])");
    QTest::newRow("binary") << QByteArray(R"({"quant": "binary", "granularity": "row"})")
                            << QByteArray(R"([{"ndim": 1, "quant": "fp32"}])");
    QTest::newRow("int6 g16 p99 pruned")
        << QByteArray(R"({"quant": "int6", "granularity": "group", "group_size": 16,
                         "clip": "percentile", "clip_value": 99.0,
                         "prune": "magnitude", "sparsity": 0.25})")
        << QByteArray(R"([{"ndim": 1, "quant": "bf16"}])");
}

std::vector<torch::Tensor> cloneAll(const std::vector<std::pair<std::string, torch::Tensor>> &named)
{
    std::vector<torch::Tensor> out;
    for (const auto &[name, t] : named)
        out.push_back(t.detach().clone());
    return out;
}

std::vector<torch::Tensor> gradsOf(const std::vector<std::pair<std::string, torch::Tensor>> &named)
{
    std::vector<torch::Tensor> out;
    for (const auto &[name, t] : named)
        out.push_back(t.grad().defined() ? t.grad().clone() : torch::Tensor());
    return out;
}

bool sameTensors(const std::vector<torch::Tensor> &a, const std::vector<torch::Tensor> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].defined() != b[i].defined() || (a[i].defined() && !torch::equal(a[i], b[i])))
            return false;
    return true;
}

void assignAll(const std::vector<std::pair<std::string, torch::Tensor>> &named,
               const std::vector<torch::Tensor> &values)
{
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < named.size(); ++i)
        named[i].second.copy_(values[i]);
}

NamedTensors finalWeights(const std::string &runDir, int step)
{
    char name[64];
    std::snprintf(name, sizeof name, "/checkpoints/step_%06d.pt", step);
    return loadStateDict(runDir + name);
}

bool sameWeights(const NamedTensors &a, const NamedTensors &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].first != b[i].first || !torch::equal(a[i].second, b[i].second))
            return false;
    return true;
}

} // namespace

class tst_Qat : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    TrainConfig m_cfg;
    std::string run(const std::string &name) const
    {
        return m_dir.filePath(QString::fromStdString(name)).toStdString();
    }

    /// The tiny model with every weight moved off its initialisation (the zero output
    /// projections would otherwise hide what quantizing the layers before them does).
    static Model perturbedModel(const TrainConfig &cfg)
    {
        Model model(cfg.model, 7);
        torch::NoGradGuard noGrad;
        for (const auto &[name, t] : namedTensors(*model.impl().gpt))
            t.add_(torch::randn_like(t) * 0.05);
        return model;
    }

    /// The tiny run's configuration with the current addRecipeRows row as its QAT recipe, QAT
    /// from `startFraction` of the run on. QFETCH reads the row of the running test function.
    TrainConfig rowConfig(double startFraction) const
    {
        QFETCH(QByteArray, defaults);
        QFETCH(QByteArray, rules);
        TrainConfig cfg = m_cfg;
        cfg.qat_recipe = recipeJson(defaults.constData(), rules.constData());
        cfg.qat_start_fraction = startFraction;
        return cfg;
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::filesystem::create_directories(m_dir.filePath("data").toStdString());
        m_cfg = TestData::writeTinyDataset(m_dir.filePath("data").toStdString());
    }

    void startStep_data()
    {
        QTest::addColumn<double>("fraction");
        QTest::addColumn<int>("iterations");
        QTest::addColumn<int>("step");
        QTest::newRow("0 = from the start") << 0.0 << 10 << 0;
        QTest::newRow("0.8 of 10") << 0.8 << 10 << 8;
        QTest::newRow("0.3 of 10 (0.3 is inexact)") << 0.3 << 10 << 3;
        QTest::newRow("0.75 of 300") << 0.75 << 300 << 225;
        QTest::newRow("2/3 of 6") << 2.0 / 3.0 << 6 << 4;
        QTest::newRow("0.7 of 7") << 0.7 << 7 << 5;
        QTest::newRow("1 = never by iterations") << 1.0 << 10 << 10;
    }
    void startStep()
    {
        QFETCH(double, fraction);
        QFETCH(int, iterations);
        QFETCH(int, step);
        const int64_t got = qatStartStep(fraction, iterations);
        QCOMPARE(got, int64_t(step));
        // The trainer's own test, on both sides of the answer.
        QVERIFY(got == iterations || double(got) / double(iterations) >= fraction);
        QVERIFY(got == 0 || double(got - 1) / double(iterations) < fraction);
    }

    /// The gradient the hook produces for the latent weights equals the gradient of the loss at
    /// explicitly quantized weights, computed here with the scalar reference quantizer (an
    /// implementation independent of the one the hook uses); afterwards the latent weights are
    /// back bit for bit, and the gradient differs from the full-precision one.
    void straightThroughGradient_data() { addRecipeRows(); }
    void straightThroughGradient()
    {
        const TrainConfig cfg = rowConfig(0);
        Model model = perturbedModel(cfg);
        GptImpl &gpt = *model.impl().gpt;
        const auto named = namedTensors(gpt);
        const std::vector<torch::Tensor> latent = cloneAll(named);
        torch::manual_seed(3);
        const auto ids =
            torch::randint(cfg.model.vocabSize, {4, cfg.train_seq_len + 1}, torch::kInt64);
        const auto x = ids.narrow(1, 0, cfg.train_seq_len).contiguous();
        const auto y = ids.narrow(1, 1, cfg.train_seq_len).contiguous();

        // Reference: weights quantized explicitly as the recipe says, loss and gradient there.
        const Resolution res = Recipe::fromJson(cfg.qat_recipe, "test").resolve(model.tensors());
        std::vector<torch::Tensor> quantized = latent;
        int changed = 0;
        for (size_t i = 0; i < named.size(); ++i) {
            quantized[i] = dequantizeReference(
                quantizeReference(named[i].first, latent[i], res.tensors[i].setting));
            changed += !torch::equal(quantized[i], latent[i]);
        }
        QVERIFY2(changed >= 4, "the recipe must change most tensors for the test to mean much");
        assignAll(named, quantized);
        gpt.zero_grad();
        auto loss = gpt.loss(x, y);
        const double lossAtQuantized = loss.item<double>();
        loss.backward();
        const std::vector<torch::Tensor> refGrads = gradsOf(named);

        assignAll(named, latent);
        gpt.zero_grad();
        gpt.loss(x, y).backward();
        const std::vector<torch::Tensor> fpGrads = gradsOf(named);

        // The hook.
        auto hook = makeQatHook(cfg, gpt);
        QVERIFY(hook);
        gpt.zero_grad();
        hook->beforeForward(0, 0.0);
        QVERIFY2(sameTensors(cloneAll(named), quantized),
                 "the forward pass must see exactly the exported weights");
        loss = gpt.loss(x, y);
        QVERIFY(loss.item<double>() == lossAtQuantized);
        loss.backward();
        hook->afterBackward(0);
        QVERIFY2(sameTensors(cloneAll(named), latent), "latent weights not restored exactly");
        const std::vector<torch::Tensor> qatGrads = gradsOf(named);
        QVERIFY2(sameTensors(qatGrads, refGrads), "gradient is not the one at quantized weights");
        QVERIFY(!sameTensors(qatGrads, fpGrads));
    }

    void untouchedBeforeStart_data() { addRecipeRows(); }
    void untouchedBeforeStart()
    {
        const TrainConfig cfg = rowConfig(0.5);
        Model model = perturbedModel(cfg);
        const auto named = namedTensors(*model.impl().gpt);
        const auto latent = cloneAll(named);
        auto hook = makeQatHook(cfg, *model.impl().gpt);
        for (double progress : {0.0, 0.25, 0.4999}) {
            hook->beforeForward(int64_t(progress * 6), progress);
            QVERIFY2(sameTensors(cloneAll(named), latent), "weights touched before the start");
            hook->afterBackward(int64_t(progress * 6));
            QVERIFY(sameTensors(cloneAll(named), latent));
        }
        hook->beforeForward(3, 0.5);
        QVERIFY2(!sameTensors(cloneAll(named), latent), "QAT did not switch on at the start");
        hook->afterBackward(3);
        QVERIFY(sameTensors(cloneAll(named), latent));
    }

    /// With every learning rate 0 the optimizers leave the weights as they are, so whatever the
    /// checkpoint holds beyond the initial weights would be QAT's doing: it must hold exactly
    /// the initial (latent) weights, although the losses show the passes saw quantized ones.
    void latentWeightsSurviveSteps()
    {
        TrainConfig cfg = m_cfg;
        for (double *lr :
             {&cfg.embed_lr, &cfg.head_lr, &cfg.tied_embed_lr, &cfg.matrix_lr, &cfg.scalar_lr})
            *lr = 0;
        auto plain = Trainer::start(cfg, run("lr0-plain"));
        QCOMPARE(int(train(plain)), int(Trainer::Outcome::Finished));

        cfg.qat_recipe = recipeJson(R"({"quant": "ternary", "granularity": "row"})");
        cfg.qat_start_fraction = 0;
        auto qat = Trainer::start(cfg, run("lr0-qat"));
        QCOMPARE(int(train(qat)), int(Trainer::Outcome::Finished));

        const NamedTensors initial = namedTensors(*Model(cfg.model, cfg.seed).impl().gpt);
        QVERIFY(sameWeights(finalWeights(run("lr0-plain"), 6), initial));
        QVERIFY2(sameWeights(finalWeights(run("lr0-qat"), 6), initial),
                 "the checkpoint holds weights QAT changed");
        const auto a = trainLosses(run("lr0-plain")), b = trainLosses(run("lr0-qat"));
        QCOMPARE(a.size(), size_t(6));
        QCOMPARE(b.size(), size_t(6));
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY2(a[i] != b[i], "a step trained at full precision under QAT from the start");
        const std::string log = readFile(run("lr0-qat") + "/train.log");
        QVERIFY2(log.find("qat:on step:0 recipe:test tensors:") != std::string::npos, log.c_str());
    }

    /// Late QAT from step 3 of 6: the first steps are the plain run's, the later ones differ,
    /// and a run stopped at step 4 (during QAT) and resumed ends bit-for-bit where an
    /// uninterrupted one does.
    void resumeDuringQatIsBitForBit()
    {
        TrainConfig cfg = m_cfg;
        auto plain = Trainer::start(cfg, run("late-plain"));
        train(plain);

        cfg.qat_recipe = recipeJson(R"({"quant": "int4", "granularity": "row"})",
                                    R"([{"ndim": 1, "quant": "fp16"}])");
        cfg.qat_start_fraction = 0.5;
        auto full = Trainer::start(cfg, run("late-full"));
        QCOMPARE(int(train(full)), int(Trainer::Outcome::Finished));

        auto part = Trainer::start(cfg, run("late-part"));
        QCOMPARE(int(train(part, 4)), int(Trainer::Outcome::Stopped));
        QCOMPARE(part.step(), int64_t(4));
        auto resumed = Trainer::resume(run("late-part"));
        QCOMPARE(int(train(resumed)), int(Trainer::Outcome::Finished));

        QVERIFY(sameWeights(finalWeights(run("late-full"), 6), finalWeights(run("late-part"), 6)));
        const auto lossesFull = trainLosses(run("late-full"));
        QVERIFY(lossesFull == trainLosses(run("late-part")));

        const auto lossesPlain = trainLosses(run("late-plain"));
        QCOMPARE(lossesFull.size(), size_t(6));
        for (size_t i = 0; i < 6; ++i) {
            // Step i+1's loss comes from the forward pass at step i (0-based).
            if (i < 3)
                QCOMPARE(lossesFull[i], lossesPlain[i]);
            else
                QVERIFY2(lossesFull[i] != lossesPlain[i], "QAT did not change a late step");
        }
        const std::string fullLog = readFile(run("late-full") + "/train.log");
        QVERIFY(fullLog.find("qat: recipe:test method:rtn tensors:") != std::string::npos);
        QVERIFY(fullLog.find("start_step:3/6") != std::string::npos);
        QVERIFY2(fullLog.find("qat:on step:3 recipe:test") != std::string::npos, fullLog.c_str());
        // The resumed session is on from its first step and says so.
        const std::string partLog = readFile(run("late-part") + "/train.log");
        QVERIFY2(partLog.find("qat:on step:4 recipe:test") != std::string::npos, partLog.c_str());
    }

    void badRecipe_data()
    {
        QTest::addColumn<QByteArray>("recipe");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown quant")
            << QByteArray(R"({"format": "golf-recipe-v1", "defaults": {"quant": "int9"}})")
            << "qat_recipe: defaults.quant";
        QTest::newRow("typo in a key")
            << QByteArray(
                   R"({"format": "golf-recipe-v1", "rules": [{"match": "mlp", "qaunt": "int4"}]})")
            << "qat_recipe: rules[0].qaunt";
        QTest::newRow("tensor the model lacks") << QByteArray(R"({"format": "golf-recipe-v1",
                              "rules": [{"name": "blocks.9.mlp.fc.weight", "quant": "int4"}]})")
                                                << "blocks.9.mlp.fc.weight";
        QTest::newRow("binary cannot prune") << QByteArray(R"({"format": "golf-recipe-v1",
                              "defaults": {"quant": "binary", "prune": "magnitude", "sparsity": 0.5}})")
                                             << "qat_recipe";
        QTest::newRow("no format")
            << QByteArray(R"({"defaults": {"quant": "int4"}})") << "qat_recipe: format";
    }
    void badRecipe()
    {
        QFETCH(QByteArray, recipe);
        QFETCH(QString, expected);
        TrainConfig cfg = m_cfg;
        cfg.qat_recipe = nlohmann::json::parse(recipe.toStdString());
        const std::string want = expected.toStdString();

        // Before anything runs (what `golf train` checks before it creates the run folder).
        try {
            planQat(cfg.qat_recipe, Model(cfg.model, cfg.seed).tensors());
            QFAIL("planQat accepted a bad recipe");
        } catch (const Error &e) {
            const std::string what = e.what();
            QVERIFY2(what.rfind("qat_recipe", 0) == 0, what.c_str());
            QVERIFY2(what.find(want) != std::string::npos, what.c_str());
        }
        // And in the trainer, at the start of the run, before the first step.
        const std::string dir =
            run("bad-" + QString(QTest::currentDataTag()).replace(' ', '-').toStdString());
        std::filesystem::remove_all(dir);
        auto t = Trainer::start(cfg, dir);
        try {
            train(t);
            QFAIL("the trainer accepted a bad recipe");
        } catch (const Error &e) {
            const std::string what = e.what();
            QVERIFY2(what.rfind("qat_recipe", 0) == 0, what.c_str());
            QVERIFY2(what.find(want) != std::string::npos, what.c_str());
        }
        QCOMPARE(t.step(), int64_t(0));
    }

    void planListsTheFakeQuantizedTensors()
    {
        const auto tensors = Model(m_cfg.model, 1).tensors();
        const QatPlan plan = planQat(
            recipeJson(R"({"quant": "ternary"})", R"([{"name": "tok_emb.weight", "quant": "fp16"},
                                                      {"ndim": 1, "quant": "fp32"}])"),
            tensors);
        QCOMPARE(plan.recipeName, std::string("test"));
        int oneDim = 0;
        for (const auto &t : tensors)
            oneDim += t.shape.size() == 1;
        QCOMPARE(plan.tensors.size(), tensors.size() - size_t(oneDim)); // fp32 ones are skipped
        const auto emb = std::find_if(plan.tensors.begin(), plan.tensors.end(),
                                      [](const auto &t) { return t.first == "tok_emb.weight"; });
        QVERIFY(emb != plan.tensors.end());
        QCOMPARE(emb->second.describe(), std::string("fp16"));
        QCOMPARE(plan.tensors.back().second.describe(), std::string("ternary row"));
        QCOMPARE(plan.gptqTensors, 0);
        // Off without a recipe.
        QVERIFY(!makeQatHook(m_cfg, *Model(m_cfg.model, 1).impl().gpt));
    }
};

QTEST_GUILESS_MAIN(tst_Qat)
#include "tst_qat.moc"
