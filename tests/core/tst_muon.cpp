// SPDX-License-Identifier: GPL-3.0-or-later
// Muon: Newton-Schulz orthogonalisation and the optimizer step, against references computed
// here (SVD polar factor; the momentum/Nesterov formulas by hand).

#include "train/muon_p.h"

#include <QtTest>

using namespace Core;

class tst_Muon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(2);
        torch::manual_seed(0);
    }

    void orthogonalises_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::newRow("square") << 64 << 64;
        QTest::newRow("wide") << 32 << 96;
        QTest::newRow("tall (transposed inside)") << 128 << 48;
    }
    void orthogonalises()
    {
        QFETCH(int, rows);
        QFETCH(int, cols);
        // A gradient-like spectrum: singular values spread over [0.05, 1] (a plain Gaussian
        // square matrix has near-zero ones that 5 steps cannot lift, by design).
        const int r = std::min(rows, cols);
        auto [U0, S0, V0] = torch::linalg_svd(torch::randn({rows, cols}, torch::kFloat64), false);
        auto spectrum = torch::linspace(0.05, 1.0, r, torch::kFloat64);
        auto G = torch::matmul(U0 * spectrum, V0).to(torch::kFloat32);
        auto X = newtonSchulz5(G, 5, torch::kFloat32);
        QVERIFY((X.sizes().vec() == std::vector<int64_t>{rows, cols}));
        // The quintic pushes every singular value into a band around 1 (it trades exactness for
        // speed: roughly [0.7, 1.2] after 5 steps for a Gaussian matrix).
        auto sv = std::get<1>(torch::linalg_svd(X.to(torch::kFloat64), false));
        const double lo = sv.min().item<double>(), hi = sv.max().item<double>();
        QVERIFY2(lo > 0.5 && hi < 1.25, qPrintable(QString("singular values in [%1, %2]").arg(lo).arg(hi)));
        // ... and points the way of the exact polar factor U V^T.
        auto [U, S, Vh] = torch::linalg_svd(G.to(torch::kFloat64), false);
        auto polar = torch::matmul(U, Vh);
        const double cos = (X.to(torch::kFloat64) * polar).sum().item<double>()
                           / (X.to(torch::kFloat64).norm().item<double>() * polar.norm().item<double>());
        QVERIFY2(cos > 0.97, qPrintable(QString("cosine to U V^T = %1").arg(cos)));
    }

    void transposeSymmetry()
    {
        auto G = torch::randn({40, 24});
        QVERIFY(torch::allclose(newtonSchulz5(G).t(), newtonSchulz5(G.t()), 1e-5, 1e-5));
    }

    void scaleInvariant()
    {
        // The Frobenius normalisation makes the result independent of the gradient's scale.
        auto G = torch::randn({16, 16});
        QVERIFY(torch::allclose(newtonSchulz5(G), newtonSchulz5(G * 1000.0), 1e-4, 1e-4));
    }

    void stepMatchesHandComputation()
    {
        // Two steps with Nesterov momentum mu and lr: buf1 = g1, update1 = NS(g1 + mu*buf1);
        // buf2 = mu*buf1 + g2, update2 = NS(g2 + mu*buf2); W -= lr * sqrt(max(1, r/c)) * update.
        const double lr = 0.02, mu = 0.9;
        auto W0 = torch::randn({48, 16});
        auto W = W0.clone().requires_grad_(true);
        Muon opt({{"w", W}}, lr, mu, 5, true, torch::kFloat32);
        auto g1 = torch::randn({48, 16}), g2 = torch::randn({48, 16});
        W.mutable_grad() = g1.clone();
        opt.step();
        W.mutable_grad() = g2.clone();
        opt.step();
        const double scale = std::sqrt(48.0 / 16.0);
        auto buf1 = g1;
        auto W1 = W0 - lr * scale * newtonSchulz5(g1 + mu * buf1);
        auto buf2 = mu * buf1 + g2;
        auto W2 = W1 - lr * scale * newtonSchulz5(g2 + mu * buf2);
        QVERIFY(torch::allclose(W.detach(), W2, 1e-5, 1e-5));
        QCOMPARE(int(opt.state().size()), 1);
        QVERIFY(torch::allclose(opt.state()[0].second, buf2));
    }
};

QTEST_GUILESS_MAIN(tst_Muon)
#include "tst_muon.moc"
