// SPDX-License-Identifier: GPL-3.0-or-later
// Fused CPU kernels against their plain ATen compositions: values and gradients, op by op and
// for the whole model (fused path vs reference path).

#include "model/fastmath_p.h"
#include "model/fusedops_p.h"
#include "model/gpt_p.h"
#include "tensordiff.h"
#include "tinyconfig.h"

#include <QtTest>

#include <cfloat>

using namespace Core;

Q_DECLARE_METATYPE(std::vector<int>)

namespace {

// Relative to the reference alone (floor 1e-6): these kernels have no exact-zero outputs.
double maxRelDiff(const torch::Tensor &a, const torch::Tensor &b)
{
    return TestData::maxRelDiff(a, b, 1e-6);
}

// Runs f on a fresh leaf copy of each input, backpropagates `seed`, returns (out, grads).
template <typename F>
std::pair<torch::Tensor, std::vector<torch::Tensor>> run(F f, std::vector<torch::Tensor> inputs,
                                                         const torch::Tensor &seed)
{
    for (auto &t : inputs)
        t = t.detach().clone().requires_grad_(true);
    auto out = f(inputs);
    out.backward(seed);
    std::vector<torch::Tensor> grads;
    for (auto &t : inputs)
        grads.push_back(t.grad());
    return {out.detach(), grads};
}

} // namespace

class tst_FusedOps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(2);
        torch::manual_seed(0);
    }

    void expAndTanhApproximations()
    {
        for (float x = -80.0f; x <= 80.0f; x += 0.37f) {
            const float e = fastmath::expApprox(x), ref = std::exp(x);
            QVERIFY2(std::abs(e - ref) <= 4e-7f * ref, qPrintable(QString("exp(%1)").arg(x)));
        }
        for (float x = -12.0f; x <= 12.0f; x += 0.013f)
            QVERIFY2(std::abs(fastmath::tanhApprox(x) - std::tanh(x)) < 3e-7f,
                     qPrintable(QString("tanh(%1)").arg(x)));
    }

    void rmsNorm_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("dim");
        QTest::newRow("model rows") << 64 << 256;
        QTest::newRow("odd width") << 7 << 37;
        QTest::newRow("head rows") << 300 << 64;
    }
    void rmsNorm()
    {
        QFETCH(int, rows);
        QFETCH(int, dim);
        auto x = torch::randn({rows, dim}) * 3.0;
        auto seed = torch::randn({rows, dim});
        auto [yf, gf] = run([](auto &in) { return fusedRmsNorm(in[0]); }, {x}, seed);
        auto [yr, gr] = run([](auto &in) {
            return in[0] * torch::rsqrt(in[0].square().mean(-1, true) + double(FLT_EPSILON));
        }, {x}, seed);
        QVERIFY(maxRelDiff(yf, yr) < 1e-5);
        QVERIFY(maxRelDiff(gf[0], gr[0]) < 1e-4);
    }

    void qkNormRope_data()
    {
        QTest::addColumn<bool>("withGain");
        QTest::newRow("q with gain") << true;
        QTest::newRow("k without gain") << false;
    }
    void qkNormRope()
    {
        QFETCH(bool, withGain);
        const int B = 2, T = 5, H = 3, hd = 8;
        auto u = torch::randn({B, T, H, hd});
        auto freqs = torch::outer(torch::arange(T, torch::kFloat32), torch::rand({hd / 2}));
        auto cos = freqs.cos(), sin = freqs.sin();
        auto gain = torch::rand({H}) + 0.5;
        auto seed = torch::randn({B, H, T, hd});
        std::vector<torch::Tensor> in = {u};
        if (withGain)
            in.push_back(gain);
        auto f = [&](bool fused) {
            return [&, fused](auto &v) {
                auto g = withGain ? v[1] : torch::Tensor();
                return fused ? fusedQkNormRope(v[0], cos, sin, g) : qkNormRopeReference(v[0], cos, sin, g);
            };
        };
        auto [of, gf] = run(f(true), in, seed);
        auto [orf, gr] = run(f(false), in, seed);
        QVERIFY(maxRelDiff(of, orf) < 1e-5);
        for (size_t i = 0; i < gf.size(); ++i)
            QVERIFY2(maxRelDiff(gf[i], gr[i]) < 1e-4, qPrintable(QString("grad %1").arg(i)));
    }

    void reluSquare()
    {
        auto x = torch::randn({33, 65});
        auto seed = torch::randn({33, 65});
        auto [yf, gf] = run([](auto &in) { return fusedReluSquare(in[0]); }, {x}, seed);
        auto [yr, gr] = run([](auto &in) { return torch::relu(in[0]).square(); }, {x}, seed);
        QVERIFY(maxRelDiff(yf, yr) < 1e-6);
        QVERIFY(maxRelDiff(gf[0], gr[0]) < 1e-6);
        // NaN propagates as through torch.relu, so divergence is never masked.
        auto nan = torch::full({4}, NAN);
        QVERIFY(torch::isnan(fusedReluSquare(nan)).all().item<bool>());
    }

    void softcapCrossEntropy()
    {
        const int N = 40, V = 97;
        const double cap = 30.0;
        auto l = torch::randn({N, V}) * 20.0;
        auto t = torch::randint(0, V, {N}, torch::kInt64);
        auto seed = torch::rand({N});
        auto [nf, gf] = run([&](auto &in) { return fusedSoftcapCrossEntropy(in[0], t, cap); }, {l}, seed);
        auto [nr, gr] = run([&](auto &in) {
            auto z = cap * torch::tanh(in[0] / cap);
            return torch::nn::functional::cross_entropy(
                z, t, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
        }, {l}, seed);
        QVERIFY(maxRelDiff(nf, nr) < 1e-5);
        QVERIFY(maxRelDiff(gf[0], gr[0]) < 1e-4);
    }

    void wholeModelFusedEqualsReference_data()
    {
        QTest::addColumn<int>("T");
        QTest::addColumn<std::vector<int>>("windows");
        QTest::addColumn<QStringList>("mixers");
        QTest::newRow("full attention, one tile") << 24 << std::vector<int>{} << QStringList{};
        QTest::newRow("mixed windows across tiles") << 150 << std::vector<int>{70, 0, 3} << QStringList{};
        QTest::newRow("state-space blocks beside attention")
            << 100 << std::vector<int>{} << QStringList{"ssm", "attention", "ssm"};
    }
    void wholeModelFusedEqualsReference()
    {
        QFETCH(int, T);
        QFETCH(std::vector<int>, windows);
        QFETCH(QStringList, mixers);
        torch::manual_seed(3);
        auto config = TestData::tinyGpt(128, 3, 64);
        config.layerWindows = windows;
        for (const QString &m : mixers)
            config.layerTypes.push_back(m.toStdString());
        Gpt model(config);
        {
            torch::NoGradGuard ng;
            for (auto &p : model->parameters())
                p.add_(torch::randn_like(p) * 0.05); // non-trivial blocks
        }
        auto ids = torch::randint(0, 128, {2, T}, torch::kInt64);
        auto tg = torch::randint(0, 128, {2, T}, torch::kInt64);
        auto lossAndGrads = [&](bool fused) {
            setFusedKernels(fused);
            model->zero_grad();
            auto loss = model->loss(ids, tg);
            loss.backward();
            std::vector<torch::Tensor> g;
            for (auto &p : model->parameters())
                g.push_back(p.grad().clone());
            setFusedKernels(true);
            return std::make_pair(loss.item<double>(), g);
        };
        auto [lf, gf] = lossAndGrads(true);
        auto [lr, gr] = lossAndGrads(false);
        QVERIFY(std::abs(lf - lr) < 1e-5 * std::abs(lr));
        for (size_t i = 0; i < gf.size(); ++i)
            QVERIFY2(maxRelDiff(gf[i], gr[i]) < 2e-4, qPrintable(QString("parameter %1").arg(i)));
    }
};

QTEST_GUILESS_MAIN(tst_FusedOps)
#include "tst_fusedops.moc"
