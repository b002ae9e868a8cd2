// SPDX-License-Identifier: GPL-3.0-or-later
// The C export (export/cexport.h): the exported golfmodel.c, compiled with the system C compiler,
// runs the model from its packed codes. Against libtorch on the same dequantized weights (the
// golf-mixed-v1 file golf export would write, loaded back): the logits of a fixed token sequence
// agree within 1e-4 and the program's val_bpb equals golf's evaluator within 1e-5. Rows cover
// every stored form: int8/int5/int6 per row, ternary, int4 and int3 in groups, binary, one
// scale per tensor, fp16/bf16/fp32 scales and floats; a model with every architecture knob the
// program runs; and state-space and DeltaNet blocks. Bad input is refused with a clear message.

#include "common/atomicfile.h"
#include "data/bytelut.h"
#include "data/shard.h"
#include "eval/evaluator.h"
#include "export/cexport.h"
#include "model/model_p.h"
#include "quant/modelload.h"
#include "quant/sizepricer.h"
#include "train/trainer.h"

#include "errortext.h"
#include "testdata.h"
#include "tinyconfig.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>

using namespace Core;

namespace {


// Recipes beside the presets: int8 per row for every matrix (resid_mix and skip_weights too), and
// one that reaches every other stored form.
const char *kInt8Row = R"({"format": "golf-recipe-v1", "name": "int8 row",
  "container": {"format": "golf-mixed-v1", "codec": "zlib", "level": 1},
  "defaults": {"quant": "int8", "granularity": "row"},
  "rules": [{"ndim": 1, "quant": "fp32"}]})";
const char *kEveryForm = R"({"format": "golf-recipe-v1", "name": "every form",
  "container": {"format": "golf-mixed-v1", "codec": "zlib", "level": 1},
  "defaults": {"quant": "int4", "granularity": "group", "group_size": 64, "scale_dtype": "float32"},
  "rules": [{"match": "mlp\\.fc", "quant": "int3", "granularity": "group", "group_size": 32, "scale_dtype": "bfloat16"},
            {"match": "mlp\\.proj", "quant": "binary", "granularity": "row"},
            {"match": "attn\\.c_v", "quant": "int7", "granularity": "tensor"},
            {"match": "attn\\.proj", "quant": "int2", "granularity": "row", "clip": "std", "clip_value": 3},
            {"name": "tok_emb.weight", "quant": "bf16"},
            {"match": "resid_mix|skip_weights", "quant": "fp16"},
            {"ndim": 1, "quant": "fp32"}]})";

Recipe recipeNamed(const QString &name, const QString &dir)
{
    if (name == QLatin1String("int8 row") || name == QLatin1String("every form")) {
        const std::string path = (dir + QLatin1Char('/') + name + QStringLiteral(".json")).toStdString();
        writeFileAtomic(path, name == QLatin1String("int8 row") ? kInt8Row : kEveryForm);
        return Recipe::load(path);
    }
    return Recipe::load(QStringLiteral(GOLF_SOURCE_DIR "/resources/recipes/%1.json").arg(name).toStdString());
}

struct Run
{
    int exitCode = -1;
    QString out, err;
};

Run runProgram(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(600000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// "KEY:value" from the program's exact score line.
double field(const QString &text, const QString &key)
{
    const QRegularExpression re(QStringLiteral("_exact .*%1:([0-9.]+)").arg(key));
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1).toDouble() : -1.0;
}

// The program's logits for `ids`: all positions in one batch (as score runs them), or one at a
// time (as generate does, through the cached keys and values).
torch::Tensor cLogits(const QString &program, const QString &weights, const std::vector<int64_t> &ids,
                      const QString &out, int vocab, bool oneByOne = false)
{
    QStringList args{QStringLiteral("logits"), weights, out};
    if (oneByOne)
        args << QStringLiteral("--one-by-one");
    for (int64_t id : ids)
        args << QString::number(id);
    const Run r = runProgram(program, args);
    if (r.exitCode != 0) {
        qWarning("%s", qPrintable(r.err));
        return {};
    }
    const std::string bytes = readFile(out.toStdString());
    auto t = torch::empty({int64_t(ids.size()), vocab});
    if (bytes.size() != size_t(t.numel()) * 4)
        return {};
    std::memcpy(t.data_ptr<float>(), bytes.data(), bytes.size());
    return t;
}

} // namespace

class tst_CExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_program;     ///< golfmodel as the Makefile builds it, with the system compiler
    QStringList m_programs; ///< that and the portable build
    std::string m_checkpoint, m_data;
    std::vector<uint16_t> m_val;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static CExportOptions options()
    {
        CExportOptions o;
        o.sourceDir = GOLF_SOURCE_DIR "/resources/cexport"; // a test binary has no share/ beside it
        return o;
    }

    // The golf-mixed-v1 file golf export writes for `recipe`, loaded back: the weights the C
    // program must reproduce.
    Model reference(const std::string &modelPath, const Recipe &recipe, const GptConfig *config, const QString &name)
    {
        Model model = loadModel(modelPath, config);
        SizePricer pricer(model);
        const std::string file = path(name + QStringLiteral(".gmix")).toStdString();
        writeFileAtomic(file, pricer.encode(recipe.resolve(pricer.tensors()), recipe.container));
        return loadModel(file, config);
    }

    // A model of `c` with random weights, none left at zero (the zero-initialised projections
    // would hide whole blocks), saved as a checkpoint.
    std::string randomModel(const GptConfig &c, uint64_t seed, const QString &name)
    {
        Model model(c, seed);
        {
            torch::NoGradGuard noGrad;
            torch::manual_seed(seed);
            for (auto &p : model.impl().gpt->parameters())
                p.add_(torch::randn(p.sizes()) * 0.05);
        }
        const std::string ckpt = path(name + QStringLiteral(".pt")).toStdString();
        model.save(ckpt);
        return ckpt;
    }

    // The largest |logit difference| between libtorch's `ref` and every build of the program on
    // `weights`, batched and one position at a time; -1 when a program failed.
    double logitDifference(const std::string &weights, Model &ref, const std::vector<int64_t> &ids)
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor expected = ref.impl().gpt->logits(torch::tensor(ids).view({1, -1}))[0];
        double diff = 0;
        for (const QString &program : m_programs)
            for (const bool oneByOne : {false, true}) {
                const torch::Tensor ours = cLogits(program, QString::fromStdString(weights), ids,
                                                   path(QStringLiteral("logits.f32")), 1024, oneByOne);
                if (!ours.defined())
                    return -1;
                diff = std::max(diff, (ours - expected).abs().max().item<double>());
            }
        qInfo("max |logit difference| %.3g", diff);
        return diff;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A demo-shaped model trained briefly, so its weights have trained distributions.
        m_data = path(QStringLiteral("data")).toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(m_data)));
        TrainConfig cfg = TestData::writeTinyDataset(m_data);
        cfg.model = TestData::demoGpt();
        cfg.train_seq_len = 128;
        cfg.train_batch_tokens = 512;
        cfg.grad_accum_steps = 1;
        cfg.iterations = 12;
        cfg.val_loss_every = 0;
        cfg.val_tokens = 129;
        Trainer trainer = Trainer::start(cfg, path(QStringLiteral("run")).toStdString());
        QCOMPARE(int(TestData::train(trainer)), int(Trainer::Outcome::Finished));
        m_checkpoint = trainer.lastCheckpoint();
        m_val = readShard(m_data + "/t_val_000000.bin", 1024);

        // Bytes that reach every case of the byte rule: spaces, boundaries, empty pieces.
        ByteLut lut;
        for (int i = 0; i < 1024; ++i) {
            lut.baseBytes.push_back(int16_t(i < 4 ? 0 : 1 + i % 5));
            lut.hasLeadingSpace.push_back(uint8_t(i >= 4 && i % 3 == 0));
            lut.isBoundary.push_back(uint8_t(i < 4));
        }
        lut.save(m_data + "/tokenizer.luts.json");

        // As the Makefile builds it (tuned for this CPU: with AVX2 the vector kernels), and the
        // portable build (the plain C loops); every row runs on both.
        QVERIFY(QDir().mkpath(path(QStringLiteral("bin"))));
        for (const bool native : {true, false}) {
            const QString program = path(native ? QStringLiteral("bin/golfmodel") : QStringLiteral("bin/golfmodel-portable"));
            QStringList args{QStringLiteral("-std=c99"), QStringLiteral("-O2"), QStringLiteral("-Wall"), QStringLiteral("-Wextra"),
                             QStringLiteral("-pedantic"), QStringLiteral("-Werror"), QStringLiteral("-o"), program,
                             QStringLiteral(GOLF_SOURCE_DIR "/resources/cexport/golfmodel.c"), QStringLiteral("-lm")};
            if (native)
                args.insert(2, QStringLiteral("-march=native"));
            const Run cc = runProgram(QStringLiteral("cc"), args);
            QVERIFY2(cc.exitCode == 0, qPrintable(cc.err));
            m_programs << program;
        }
        m_program = m_programs.front();
    }

    void demoModel_data()
    {
        QTest::addColumn<QString>("recipe");
        QTest::newRow("int8 row") << "int8 row";
        QTest::newRow("int5 MLP, int6 attention") << "int5-mlp";
        QTest::newRow("ternary") << "ternary";
        QTest::newRow("int2-int7, binary, groups, bf16") << "every form";
    }
    void demoModel()
    {
        QFETCH(QString, recipe);
        const Recipe r = recipeNamed(recipe, m_dir.path());
        CExportOptions o = options();
        o.modelPath = m_checkpoint;
        o.recipe = r;
        o.outDir = path(QStringLiteral("out-") + QString(recipe).replace(QLatin1Char(' '), QLatin1Char('_'))).toStdString();
        const CExportResult result = exportC(o);
        for (const char *f : {"golfmodel.c", "golfmodel.h", "Makefile", "model.golfc", "README.md"})
            QVERIFY2(QFile::exists(QString::fromStdString(o.outDir + "/" + f)), f);
        Model ref = reference(m_checkpoint, r, nullptr, recipe);

        // Logits of 200 validation tokens, from both builds, batched and one by one.
        const std::vector<int64_t> ids(m_val.begin(), m_val.begin() + 200);
        const QString weights = QString::fromStdString(result.weightsPath);
        const double diff = logitDifference(result.weightsPath, ref, ids);
        QVERIFY2(diff >= 0 && diff <= 1e-4, qPrintable(QStringLiteral("max |logit difference| %1").arg(diff)));

        // val_bpb over 8 windows of 256 tokens, against golf's evaluator on the same weights.
        const std::string luts = m_data + "/tokenizer.luts.json";
        const Run score = runProgram(m_program, {QStringLiteral("score"), weights, QString::fromStdString(luts),
                                                 QString::fromStdString(m_data + "/t_val_000000.bin"),
                                                 QStringLiteral("--seq-len"), QStringLiteral("256"),
                                                 QStringLiteral("--max-tokens"), QStringLiteral("2049")});
        QVERIFY2(score.exitCode == 0, qPrintable(score.err));
        EvalOptions eo;
        eo.seqLen = 256;
        eo.maxTokens = 2049;
        const EvalResult golf = evaluate(ref, m_val, ByteLut::load(luts), eo);
        qInfo("|val_bpb difference| %.3g", std::abs(field(score.out, QStringLiteral("val_bpb")) - golf.valBpb));
        QVERIFY2(std::abs(field(score.out, QStringLiteral("val_bpb")) - golf.valBpb) <= 1e-5,
                 qPrintable(score.out + QStringLiteral(" vs golf val_bpb %1").arg(golf.valBpb, 0, 'f', 8)));
        QVERIFY(std::abs(field(score.out, QStringLiteral("val_loss")) - golf.valLoss) <= 1e-5);

        // Generation runs and is reproducible for a seed.
        const QStringList gen{QStringLiteral("generate"), weights, QStringLiteral("--prompt"), QStringLiteral("1 17 42"),
                              QStringLiteral("--tokens"), QStringLiteral("20"), QStringLiteral("--temperature"),
                              QStringLiteral("0.8"), QStringLiteral("--top-k"), QStringLiteral("40")};
        const Run g1 = runProgram(m_program, gen), g2 = runProgram(m_program, gen);
        QCOMPARE(g1.exitCode, 0);
        QCOMPARE(g1.out.split(QLatin1Char(' '), Qt::SkipEmptyParts).size(), 20);
        QCOMPARE(g1.out, g2.out);
    }

    // Every architecture knob golfmodel.c runs, on random weights (none left at zero): a
    // factorized tied embedding, both n-gram hashes with document resets, value embeddings,
    // depth recurrence, U-Net skips over the unrolled layers, sliding windows, structured widths,
    // no resid_mix; then an untied head.
    void everyKnob_data()
    {
        QTest::addColumn<bool>("tied");
        QTest::newRow("tied, factorized") << true;
        QTest::newRow("untied head") << false;
    }
    void everyKnob()
    {
        QFETCH(bool, tied);
        GptConfig c = TestData::demoGpt();
        c.vocabSize = 1024;
        c.tieEmbeddings = tied;
        c.embedDim = tied ? 64 : 0;
        c.bigramBuckets = 512;
        c.trigramBuckets = 256;
        c.ngramDim = 32;
        c.trigramHash = "xor3";
        c.bigramHash = "mul31";
        c.valueEmbedDim = 32;
        c.valueEmbedLayers = {1, 2};
        c.recurStart = 1;
        c.recurEnd = 3;
        c.recurCount = 2;
        c.layerWindows = {16, 0, 8, 0};
        c.layerKvHeads = {2, 1, 2, 2};
        c.layerMlpHidden = {512, 300, 256, 136};
        c.residMix = false;
        c.ropeBase = 5000.0;
        c.logitSoftcap = 20.0;
        const std::string ckpt = randomModel(c, 11, QStringLiteral("knobs"));
        const Recipe r = recipeNamed(QStringLiteral("int5-mlp"), m_dir.path());
        CExportOptions o = options();
        o.modelPath = ckpt;
        o.recipe = r;
        o.config = c; // windows, recurrence and hashes are not in the tensors
        o.outDir = path(QStringLiteral("out-knobs")).toStdString();
        const CExportResult result = exportC(o);
        Model ref = reference(ckpt, r, &c, QStringLiteral("knobs"));

        // 300 tokens with document starts (BOS = 1) at 0, 90 and 91: the n-gram contexts reset.
        std::vector<int64_t> ids(m_val.begin(), m_val.begin() + 300);
        ids[0] = ids[90] = ids[91] = 1;
        const double diff = logitDifference(result.weightsPath, ref, ids);
        QVERIFY2(diff >= 0 && diff <= 1e-4, qPrintable(QStringLiteral("max |logit difference| %1").arg(diff)));
    }

    // State-space and Gated DeltaNet blocks beside attention (one with a window), random weights:
    // the program's convolutions, scan and delta rule carry their state across positions, so the
    // one-by-one run checks the state as much as the batched one checks the arithmetic.
    void recurrentMixers_data()
    {
        QTest::addColumn<QString>("recipe");
        QTest::newRow("int5 MLP, int6 attention") << "int5-mlp";
        QTest::newRow("ternary (dynamics fp16)") << "ternary";
    }
    void recurrentMixers()
    {
        QFETCH(QString, recipe);
        GptConfig c = TestData::demoGpt();
        c.layerTypes = {"ssm", "attention", "deltanet", "attention"};
        c.layerWindows = {0, 16, 0, 0};
        c.ssmExpand = 2;
        const std::string ckpt = randomModel(c, 13, QStringLiteral("mixers"));
        const Recipe r = recipeNamed(recipe, m_dir.path());
        CExportOptions o = options();
        o.modelPath = ckpt;
        o.recipe = r;
        o.config = c;
        o.outDir = path(QStringLiteral("out-mixers")).toStdString();
        const CExportResult result = exportC(o);
        Model ref = reference(ckpt, r, &c, QStringLiteral("mixers"));
        const std::vector<int64_t> ids(m_val.begin(), m_val.begin() + 150);
        const double diff = logitDifference(result.weightsPath, ref, ids);
        QVERIFY2(diff >= 0 && diff <= 1e-4, qPrintable(QStringLiteral("max |logit difference| %1").arg(diff)));
    }

    void refusals()
    {
        // Float weights need a recipe.
        CExportOptions o = options();
        o.modelPath = m_checkpoint;
        o.outDir = path(QStringLiteral("out-refused")).toStdString();
        QVERIFY(TestData::errorOf([&] { exportC(o); }).contains(QLatin1String("--recipe int5-mlp")));
        // GPTQ needs calibration data, which the exported file already embodies.
        const std::string gptq = path(QStringLiteral("gptq.json")).toStdString();
        writeFileAtomic(gptq, R"({"format": "golf-recipe-v1", "defaults": {"quant": "int6", "method": "gptq"},
                                  "rules": [{"ndim": 1, "quant": "fp32"}]})");
        o.recipe = Recipe::load(gptq);
        QVERIFY(TestData::errorOf([&] { exportC(o); }).contains(QLatin1String("golf export first")));
        o.recipe = recipeNamed(QStringLiteral("int5-mlp"), m_dir.path());

        // The program refuses a damaged weights file with a reason, and runs nothing.
        o.modelPath = m_checkpoint;
        o.outDir = path(QStringLiteral("out-damaged")).toStdString();
        const std::string weights = exportC(o).weightsPath, bytes = readFile(weights);
        const auto refusedAs = [&](const std::string &content, const char *reason) {
            writeFileAtomic(weights, content);
            const Run r = runProgram(m_program, {QStringLiteral("info"), QString::fromStdString(weights)});
            return r.exitCode != 0 && r.err.contains(QLatin1String(reason));
        };
        QVERIFY(refusedAs(bytes.substr(0, bytes.size() / 2), "past the end of the file"));
        QVERIFY(refusedAs(bytes.substr(0, 100), "no end of header"));
        QVERIFY(refusedAs("GOLFC02\n" + bytes.substr(8), "wrong magic"));
        std::string unknown = bytes;
        unknown.replace(unknown.find("config vocab_size"), 17, "config vocab_sizf");
        QVERIFY(refusedAs(unknown, "unknown config key vocab_sizf"));
        writeFileAtomic(weights, bytes);
        const Run noShard = runProgram(m_program, {QStringLiteral("score"), QString::fromStdString(weights)});
        QVERIFY(noShard.exitCode != 0 && noShard.err.contains(QLatin1String("score needs")));
    }
};

QTEST_GUILESS_MAIN(tst_CExport)
#include "tst_cexport.moc"
