// SPDX-License-Identifier: GPL-3.0-or-later
// The GPT: the official parameter count, state-dict names/shapes/order, checkpoint round trip,
// and clear errors for checkpoints that do not fit.

#include "common/atomicfile.h"
#include "common/error.h"
#include "model/checkpoint_p.h"
#include "model/gpt_p.h"
#include "model/model_p.h"
#include "tinyconfig.h"
#include "quant/modelload.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace Core;
using TestData::tinyGpt;

namespace {

/// tinyGpt(64, 3) with every embedding-compression technique on.
GptConfig compressedEmbeddings()
{
    GptConfig c = tinyGpt(64, 3);
    c.embedDim = 16;
    c.bigramBuckets = 40;
    c.trigramBuckets = 30;
    c.ngramDim = 8;
    c.valueEmbedDim = 4;
    c.valueEmbedLayers = {0, 2};
    return c;
}

} // namespace

class tst_Model : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void officialParameterCount()
    {
        const GptConfig c; // official defaults
        QCOMPARE(c.parameterCount(), int64_t(17059912));
        Model m(c, 1337);
        QCOMPARE(m.parameterCount(), int64_t(17059912));
    }

    void closedFormMatchesModel_data()
    {
        QTest::addColumn<QString>("override");
        QTest::newRow("tiny") << "";
        QTest::newRow("untied") << "untied";
        QTest::newRow("no skips, no resid_mix") << "plain";
        QTest::newRow("recurrence") << "recur";
        QTest::newRow("mqa") << "mqa";
        QTest::newRow("factorized tied") << "factorized";
        QTest::newRow("factorized untied") << "factorized untied";
        QTest::newRow("bigram + trigram") << "ngrams";
        QTest::newRow("value embeddings") << "ve";
    }
    void closedFormMatchesModel()
    {
        QFETCH(QString, override);
        GptConfig c = tinyGpt(64, 3);
        if (override == "untied")
            c.tieEmbeddings = false;
        if (override == "plain")
            c.unetSkips = c.residMix = false;
        if (override == "recur")
            c.recurStart = 1, c.recurEnd = 3, c.recurCount = 3;
        if (override == "mqa")
            c.numKvHeads = 1;
        if (override.startsWith("factorized")) {
            c.embedDim = 12;
            c.tieEmbeddings = !override.endsWith("untied");
        }
        if (override == "ngrams") {
            c.bigramBuckets = 50;
            c.trigramBuckets = 70;
            c.ngramDim = 8;
        }
        if (override == "ve") {
            c.valueEmbedDim = 6;
            c.valueEmbedLayers = {0, 2};
        }
        Model m(c, 1);
        QCOMPARE(m.parameterCount(), c.parameterCount());
    }

    /// The n-gram contexts on whole tensors equal the definition position by position: a
    /// context holds only tokens of the position's own document (from the last BOS on).
    void ngramContextsStopAtDocuments()
    {
        const int64_t vocab = 50, bos = 1;
        const auto ids = torch::tensor({{7, 8, 1, 9, 10, 11, 1, 1, 12}, {1, 3, 4, 5, 6, 7, 8, 9, 1}},
                                       torch::kInt64);
        const auto [p1, p2] = ngramContexts(ids, vocab, int(bos));
        for (int64_t b = 0; b < ids.size(0); ++b) {
            int64_t start = 0;
            for (int64_t t = 0; t < ids.size(1); ++t) {
                if (ids[b][t].item<int64_t>() == bos)
                    start = t;
                const int64_t want1 = t - 1 >= start ? ids[b][t - 1].item<int64_t>() : vocab;
                const int64_t want2 = t - 2 >= start ? ids[b][t - 2].item<int64_t>() : vocab;
                QCOMPARE(p1[b][t].item<int64_t>(), want1);
                QCOMPARE(p2[b][t].item<int64_t>(), want2);
                for (const std::string hash : {"mul31", "xor3"}) {
                    QCOMPARE(ngramBuckets(hash, ids, p1, p2, 97)[b][t].item<int64_t>(),
                             ngramBucket(hash, ids[b][t].item<int64_t>(), want1, want2, 97));
                    QCOMPARE(ngramBuckets(hash, ids, p1, {}, 89)[b][t].item<int64_t>(),
                             ngramBucket(hash, ids[b][t].item<int64_t>(), want1, -1, 89));
                }
            }
        }
        // Without document resets (bos_id -1) the contexts run through.
        const auto [q1, q2] = ngramContexts(ids, vocab, -1);
        QCOMPARE(q1[0][3].item<int64_t>(), int64_t(1));
        QCOMPARE(q2[0][3].item<int64_t>(), int64_t(8));
    }

    void officialNamesShapesOrder()
    {
        Model m(GptConfig(), 1337);
        const auto t = m.tensors();
        QCOMPARE(int(t.size()), 92); // PARAMETER_GOLF.md §4.2
        QCOMPARE(t[0].name, std::string("skip_weights"));
        QVERIFY((t[0].shape == std::vector<int64_t>{4, 512}));
        QCOMPARE(t[1].name, std::string("tok_emb.weight"));
        QVERIFY((t[1].shape == std::vector<int64_t>{1024, 512}));
        const char *block[] = {"attn_scale", "mlp_scale", "resid_mix", "attn.q_gain",
                               "attn.c_q.weight", "attn.c_k.weight", "attn.c_v.weight",
                               "attn.proj.weight", "mlp.fc.weight", "mlp.proj.weight"};
        const std::vector<std::vector<int64_t>> shapes = {{512}, {512}, {2, 512}, {8}, {512, 512},
                                                          {256, 512}, {256, 512}, {512, 512},
                                                          {1024, 512}, {512, 1024}};
        for (int i = 0; i < 9; ++i)
            for (int k = 0; k < 10; ++k) {
                const auto &d = t[size_t(2 + 10 * i + k)];
                QCOMPARE(d.name, "blocks." + std::to_string(i) + "." + block[k]);
                QVERIFY(d.shape == shapes[size_t(k)]);
                QCOMPARE(d.dtype, std::string("float32"));
            }
    }

    void officialInit()
    {
        Model m(tinyGpt(64, 3), 7);
        auto &g = *m.impl().gpt;
        QCOMPARE(g.blocks[0]->as<BlockImpl>()->attn->proj->weight.abs().max().item<float>(), 0.0f);
        QCOMPARE(g.blocks[2]->as<BlockImpl>()->mlp->proj->weight.abs().max().item<float>(), 0.0f);
        const float std = g.tok_emb->weight.std().item<float>();
        QVERIFY2(std > 0.004f && std < 0.006f, "tied embedding ~ N(0, 0.005)");
        QCOMPARE(g.blocks[1]->as<BlockImpl>()->attn->q_gain[0].item<float>(), 1.5f);
    }

    void sameSeedSameWeights()
    {
        Model a(tinyGpt(64, 3), 42), b(tinyGpt(64, 3), 42), c(tinyGpt(64, 3), 43);
        QVERIFY(torch::equal(a.impl().gpt->tok_emb->weight, b.impl().gpt->tok_emb->weight));
        QVERIFY(!torch::equal(a.impl().gpt->tok_emb->weight, c.impl().gpt->tok_emb->weight));
    }

    void forwardShapesAndLoss()
    {
        Model m(tinyGpt(64, 3), 3);
        auto ids = torch::randint(0, 64, {2, 16}, torch::kInt64);
        auto logits = m.impl().gpt->logits(ids);
        QVERIFY((logits.sizes().vec() == std::vector<int64_t>{2, 16, 64}));
        QVERIFY(logits.abs().max().item<float>() <= 30.0f); // softcap
        // Fresh model: blocks are identity (zero projections), logits are tiny: loss ~ ln(64).
        const float loss = m.impl().gpt->loss(ids, ids).item<float>();
        QVERIFY2(std::abs(loss - std::log(64.0f)) < 0.2f, qPrintable(QString::number(loss)));
    }

    void causality_data()
    {
        QTest::addColumn<bool>("embeddings");
        QTest::newRow("plain") << false;
        QTest::newRow("n-grams, value embeddings, factorized") << true;
    }
    void causality()
    {
        // Changing a later token must not change earlier logits.
        QFETCH(bool, embeddings);
        Model m(embeddings ? compressedEmbeddings() : tinyGpt(64, 3), 5);
        torch::NoGradGuard ng;
        for (auto &p : m.impl().gpt->parameters())
            p.add_(torch::randn_like(p) * 0.1); // make every block non-trivial
        auto a = torch::randint(0, 64, {1, 12}, torch::kInt64);
        auto b = a.clone();
        b[0][9] = (b[0][9].item<int64_t>() + 1) % 64;
        auto la = m.impl().gpt->logits(a), lb = m.impl().gpt->logits(b);
        QVERIFY(torch::allclose(la.narrow(1, 0, 9), lb.narrow(1, 0, 9)));
        QVERIFY(!torch::allclose(la.narrow(1, 9, 1), lb.narrow(1, 9, 1)));
    }

    /// A bare state dict (no config.json beside it) of a model with every embedding technique
    /// loads with the shape read from its tensors.
    void infersEmbeddingShapes()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("m.pt").toStdString();
        const GptConfig want = compressedEmbeddings();
        Model(want, 3).save(path);
        const GptConfig got = loadModel(path).config();
        QCOMPARE(got.modelDim, want.modelDim);
        QCOMPARE(got.embedDim, want.embedDim);
        QCOMPARE(got.bigramBuckets, want.bigramBuckets);
        QCOMPARE(got.trigramBuckets, want.trigramBuckets);
        QCOMPARE(got.ngramDim, want.ngramDim);
        QCOMPARE(got.valueEmbedDim, want.valueEmbedDim);
        QCOMPARE(got.valueEmbedLayers, want.valueEmbedLayers);
        QCOMPARE(got.parameterCount(), want.parameterCount());
    }

    void checkpointRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("m.pt").toStdString();
        Model a(tinyGpt(64, 3), 11);
        a.save(path);
        const GptConfig c = tinyGpt(64, 3);
        Model b = loadModel(path, &c);
        for (const auto &[name, t] : namedTensors(*a.impl().gpt)) {
            const auto other = namedTensors(*b.impl().gpt);
            auto it = std::find_if(other.begin(), other.end(), [&](auto &p) { return p.first == name; });
            QVERIFY(it != other.end());
            QVERIFY(torch::equal(t, it->second));
        }
        // Without a config, the shape is inferred from the tensors.
        Model inferred = loadModel(path);
        QCOMPARE(inferred.config().numLayers, 3);
        QCOMPARE(inferred.config().numKvHeads, 2);
        QCOMPARE(inferred.config().vocabSize, 64);
    }

    void badCheckpoints_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << "truncated" << "not a readable torch.save file";
        QTest::newRow("garbage") << "garbage" << "not a readable torch.save file";
        QTest::newRow("unknown tensor") << "unknown" << "unknown tensors: bigram.weight";
        QTest::newRow("missing tensor") << "missing" << "missing tensors: blocks.0.attn.c_q.weight";
        QTest::newRow("wrong shape") << "shape" << "shape mismatches: tok_emb.weight [64,16]";
        QTest::newRow("empty file") << "empty" << "empty file, not a model";
    }
    void badCheckpoints()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.pt").toStdString();
        Model a(tinyGpt(64, 3), 1);
        auto tensors = namedTensors(*a.impl().gpt);
        if (kind == "truncated" || kind == "garbage" || kind == "empty") {
            a.save(path);
            std::string bytes = readFile(path);
            if (kind == "truncated")
                bytes.resize(bytes.size() / 2);
            else if (kind == "garbage")
                std::fill(bytes.begin() + 100, bytes.begin() + 400, 'Z');
            else
                bytes.clear();
            writeFileAtomic(path, bytes);
        } else {
            if (kind == "unknown")
                tensors.emplace_back("bigram.weight", torch::zeros({4, 4}));
            if (kind == "missing")
                tensors.erase(std::find_if(tensors.begin(), tensors.end(), [](auto &p) {
                    return p.first == "blocks.0.attn.c_q.weight";
                }));
            if (kind == "shape")
                for (auto &[n, t] : tensors)
                    if (n == "tok_emb.weight")
                        t = torch::zeros({64, 16});
            saveStateDict(path, tensors);
        }
        const GptConfig c = tinyGpt(64, 3);
        try {
            loadModel(path, &c);
            QFAIL("a bad checkpoint was accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(expected), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(tst_Model)
#include "tst_model.moc"
