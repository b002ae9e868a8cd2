// SPDX-License-Identifier: GPL-3.0-or-later
// Knowledge distillation: the loss against the formula worked by hand, the top-k logit cache
// (round trip, misses, damage, a cache of another teacher), and training with a teacher: a run
// that reads every record from the cache ends exactly like the run that filled it.

#include "common/error.h"
#include "model/model_p.h"
#include "model/checkpoint_p.h"
#include "testdata.h"
#include "tinyconfig.h"
#include "train/distillation_p.h"
#include "train/kdcache_p.h"
#include "train/trainer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace Core;

namespace {

/// KL(p || q) for two distributions given as plain vectors.
double kl(const std::vector<double> &p, const std::vector<double> &q)
{
    double s = 0;
    for (size_t i = 0; i < p.size(); ++i)
        s += p[i] * std::log(p[i] / q[i]);
    return s;
}

std::vector<double> softmax(const std::vector<double> &z, double t)
{
    std::vector<double> e(z.size());
    double sum = 0;
    for (size_t i = 0; i < z.size(); ++i)
        sum += e[i] = std::exp(z[i] / t);
    for (auto &v : e)
        v /= sum;
    return e;
}

std::string slurp(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

class tst_Distillation : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void lossMatchesTheFormula_data()
    {
        QTest::addColumn<double>("alpha");
        QTest::addColumn<double>("temperature");
        QTest::addColumn<int>("topK"); // 0: the full teacher distribution
        QTest::newRow("full T=1") << 0.5 << 1.0 << 0;
        QTest::newRow("full T=2") << 0.3 << 2.0 << 0;
        QTest::newRow("top-2 T=4") << 0.5 << 4.0 << 2;
        QTest::newRow("only KL") << 0.0 << 2.0 << 3;
        QTest::newRow("top k = vocabulary") << 0.4 << 3.0 << 4;
        QTest::newRow("only CE") << 1.0 << 2.0 << 0;
    }
    void lossMatchesTheFormula()
    {
        QFETCH(double, alpha);
        QFETCH(double, temperature);
        QFETCH(int, topK);
        // Two positions over a vocabulary of four, worked in double precision by hand.
        const std::vector<std::vector<double>> student = {{1.0, -0.5, 0.25, 2.0}, {0.0, 0.3, -1.0, 0.7}};
        const std::vector<std::vector<double>> teacher = {{2.0, 0.5, -1.0, 1.5}, {-0.2, 1.3, 0.1, 0.4}};
        const std::vector<int64_t> target = {3, 1};
        double expected = 0;
        for (size_t n = 0; n < 2; ++n) {
            const double ce = -std::log(softmax(student[n], 1.0)[size_t(target[n])]);
            const auto q = softmax(student[n], temperature);
            std::vector<double> p = softmax(teacher[n], temperature), qAt = q;
            if (topK > 0) { // the teacher's top k as they are, and one outcome for the rest
                std::vector<size_t> order = {0, 1, 2, 3};
                std::sort(order.begin(), order.end(),
                          [&](size_t a, size_t b) { return teacher[n][a] > teacher[n][b]; });
                std::vector<double> pTop;
                qAt.clear();
                double pRest = 1, qRest = 1;
                for (int i = 0; i < topK; ++i) {
                    pTop.push_back(p[order[size_t(i)]]), qAt.push_back(q[order[size_t(i)]]);
                    pRest -= pTop.back(), qRest -= qAt.back();
                }
                if (topK < 4)
                    pTop.push_back(pRest), qAt.push_back(qRest);
                p = pTop;
            }
            expected += (alpha * ce + (1 - alpha) * temperature * temperature * kl(p, qAt)) / 2;
        }
        auto s = torch::tensor({1.0, -0.5, 0.25, 2.0, 0.0, 0.3, -1.0, 0.7}).view({2, 4}).to(torch::kFloat32);
        auto t = torch::tensor({2.0, 0.5, -1.0, 1.5, -0.2, 1.3, 0.1, 0.4}).view({2, 4}).to(torch::kFloat32);
        TeacherTargets teacherTargets;
        if (topK > 0) {
            teacherTargets = topKTargets(t, topK, temperature);
        } else {
            teacherTargets.logits = t;
        }
        torch::Tensor ce;
        const double got = distillationLoss(s, torch::tensor({3, 1}), teacherTargets, alpha,
                                            temperature, &ce).item<double>();
        QVERIFY2(std::abs(got - expected) < 1e-5, qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
        const double ceHand = (-std::log(softmax(student[0], 1)[3]) - std::log(softmax(student[1], 1)[1])) / 2;
        QVERIFY(std::abs(ce.item<double>() - ceHand) < 1e-5);
    }

    void studentEqualToTeacherHasNoSoftLoss()
    {
        auto logits = torch::randn({5, 16});
        torch::Tensor ce;
        const double loss = distillationLoss(logits, torch::randint(16, {5}), {logits, {}}, 0.0, 3.0, &ce)
                                .item<double>();
        QVERIFY(std::abs(loss) < 1e-6);
    }

    void cacheRoundTrip()
    {
        KdCache::Layout layout{"12-0000abcd", 1024, 8, 16, 4};
        const std::vector<uint16_t> span(17, 7), other(17, 8);
        auto ids = torch::randint(1024, {16, 4}, torch::kInt64);
        ids[0][0] = 1023; // u16 ids above 32767 must not come back negative either
        auto vals = torch::randn({16, 4});
        auto lse = torch::randn({16}) + 5;
        {
            KdCache cache(path("a.kd"), layout);
            torch::Tensor i, v, l;
            QVERIFY(!cache.read(0, span, i, v, l)); // nothing yet
            cache.write(2, span, ids, vals, lse);
            QVERIFY(!cache.read(1, span, i, v, l)); // a hole before record 2
        }
        KdCache cache(path("a.kd"), layout);
        torch::Tensor i, v, l;
        QVERIFY(cache.read(2, span, i, v, l));
        QVERIFY(torch::equal(i, ids));
        QVERIFY(torch::allclose(v, vals.to(torch::kFloat16).to(torch::kFloat32)));
        QVERIFY(torch::equal(l, lse)); // fp32, exact
        QVERIFY(!cache.read(2, other, i, v, l)); // made from other tokens: a miss
        QCOMPARE(cache.damaged(), int64_t(0));
    }

    void damagedRecordIsAMiss()
    {
        KdCache::Layout layout{"12-0000abcd", 64, 8, 8, 2};
        const std::vector<uint16_t> span(9, 3);
        {
            KdCache cache(path("d.kd"), layout);
            cache.write(0, span, torch::zeros({8, 2}, torch::kInt64), torch::ones({8, 2}), torch::ones({8}));
        }
        {
            std::fstream f(path("d.kd"), std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(4096 + 16 + 40);
            f.put('\x5a');
        }
        KdCache cache(path("d.kd"), layout);
        torch::Tensor i, v, l;
        QVERIFY(!cache.read(0, span, i, v, l));
        QCOMPARE(cache.damaged(), int64_t(1));
        cache.write(0, span, torch::zeros({8, 2}, torch::kInt64), torch::ones({8, 2}), torch::ones({8})); // rewritten
        QVERIFY(cache.read(0, span, i, v, l));
    }

    void cacheOfAnotherLayoutIsAnError_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("teacher") << "teacher";
        QTest::newRow("seq_len") << "seq_len";
        QTest::newRow("top_k") << "top_k";
        QTest::newRow("temperature") << "temperature";
    }
    void cacheOfAnotherLayoutIsAnError()
    {
        QFETCH(QString, field);
        KdCache::Layout layout{"12-0000abcd", 64, 8, 8, 2};
        { KdCache made(path("l.kd"), layout); }
        const std::string before = slurp(path("l.kd"));
        KdCache::Layout other = layout;
        if (field == "teacher")
            other.teacher = "13-0000abce";
        else if (field == "seq_len")
            other.seqLen = 16;
        else if (field == "temperature")
            other.temperature = 3.0;
        else
            other.topK = 4;
        try {
            KdCache cache(path("l.kd"), other);
            QFAIL("a cache of another layout opened");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(field) && QString(e.what()).contains("l.kd"), e.what());
        }
        QCOMPARE(slurp(path("l.kd")), before); // left as it was
    }

    void notACacheIsAnError()
    {
        {
            std::ofstream f(path("junk.kd"), std::ios::binary);
            f << "PK\x03\x04 this is a zip, not a cache";
        }
        try {
            KdCache cache(path("junk.kd"), {"1-0", 64, 8, 8, 2});
            QFAIL("junk opened as a cache");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("not a golf logit cache"), e.what());
        }
    }

    void cachedRunEndsLikeTheRunThatFilledIt()
    {
        std::filesystem::create_directories(path("data"));
        TrainConfig cfg = TestData::writeTinyDataset(path("data"));
        cfg.iterations = 4;
        cfg.val_loss_every = 0;
        cfg.model = TestData::tinyGpt(1024, 2, 64);
        Model(cfg.model, 99).save(path("teacher.pt")); // a different model: its own seed
        cfg.model = TestData::tinyGpt(1024, 1, 32);
        cfg.teacher = path("teacher.pt");
        cfg.kd_top_k = 8;
        cfg.kd_cache = path("teacher.kd");

        auto first = Trainer::start(cfg, path("kd1"));
        QCOMPARE(int(TestData::train(first)), int(Trainer::Outcome::Finished));
        auto second = Trainer::start(cfg, path("kd2"));
        QCOMPARE(int(TestData::train(second)), int(Trainer::Outcome::Finished));

        int64_t hits1 = 0, hits2 = 0;
        for (const auto &m : TestData::metrics(path("kd1")))
            if (m.contains("kd_ms"))
                hits1 += m["kd_cache_hits"].get<int64_t>();
        for (const auto &m : TestData::metrics(path("kd2")))
            if (m.contains("kd_ms"))
                hits2 += m["kd_cache_hits"].get<int64_t>();
        QCOMPARE(hits1, int64_t(0));
        QCOMPARE(hits2, cfg.iterations * cfg.grad_accum_steps); // the teacher never ran
        QCOMPARE(TestData::trainLosses(path("kd2")), TestData::trainLosses(path("kd1")));
        const auto a = loadStateDict(first.lastCheckpoint()), b = loadStateDict(second.lastCheckpoint());
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY2(torch::equal(a[i].second, b[i].second), a[i].first.c_str());

        // The teacher shapes the run: without it the same seed trains to other weights.
        TrainConfig plain = cfg;
        plain.teacher.clear();
        plain.kd_cache.clear();
        auto alone = Trainer::start(plain, path("plain"));
        TestData::train(alone);
        QVERIFY(TestData::trainLosses(path("plain")) != TestData::trainLosses(path("kd1")));
    }

    void teacherOnAnotherTokenizerIsAnError()
    {
        std::filesystem::create_directories(path("data2"));
        TrainConfig cfg = TestData::writeTinyDataset(path("data2"));
        Model(TestData::tinyGpt(512), 3).save(path("teacher512.pt"));
        cfg.teacher = path("teacher512.pt");
        try {
            Trainer::start(cfg, path("never"));
            QFAIL("a teacher of another vocabulary was accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("same tokenizer"), e.what());
        }
        QVERIFY(!std::filesystem::exists(path("never")));
    }
};

QTEST_GUILESS_MAIN(tst_Distillation)
#include "tst_distillation.moc"
