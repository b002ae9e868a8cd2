// SPDX-License-Identifier: GPL-3.0-or-later
// The blocked attention kernel against the plain ATen composition (values and the gradients of
// q, k and v) across tile edges, head widths, grouped heads and windows; the tile products
// against torch::matmul; and the window's meaning checked directly, not through the reference.

#include "model/flashattention_p.h"
#include "model/tilegemm_p.h"
#include "tensordiff.h"

#include <QtTest>

using namespace Core;
using TestData::maxRelDiff;

namespace {

struct Result
{
    torch::Tensor y, dq, dk, dv;
};

template <typename F> Result run(F attention, const torch::Tensor &q0, const torch::Tensor &k0,
                                 const torch::Tensor &v0, const torch::Tensor &seed)
{
    auto q = q0.detach().clone().requires_grad_(true);
    auto k = k0.detach().clone().requires_grad_(true);
    auto v = v0.detach().clone().requires_grad_(true);
    auto y = attention(q, k, v);
    y.backward(seed);
    return {y.detach(), q.grad(), k.grad(), v.grad()};
}

} // namespace

class tst_FlashAttention : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void tileProducts_data()
    {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<bool>("accumulate");
        QTest::newRow("one full tile") << 64 << 64 << 64 << false;
        QTest::newRow("ragged edges, accumulating") << 37 << 45 << 19 << true;
        QTest::newRow("one row, narrow") << 1 << 3 << 7 << false;
        QTest::newRow("wider than two vectors") << 13 << 100 << 64 << true;
    }
    void tileProducts()
    {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(bool, accumulate);
        torch::manual_seed(m * 1000 + n);
        // Leading dimensions wider than the matrices, as for tiles cut out of bigger tensors.
        auto a = torch::randn({m, k + 5}), b = torch::randn({k, n + 3}), c = torch::randn({m, n + 2});
        auto expected = torch::matmul(a.narrow(1, 0, k), b.narrow(1, 0, n));
        if (accumulate)
            expected += c.narrow(1, 0, n);
        tilegemm::gemm(m, n, k, a.data_ptr<float>(), k + 5, b.data_ptr<float>(), n + 3, c.data_ptr<float>(),
                       n + 2, accumulate);
        QVERIFY2(maxRelDiff(c.narrow(1, 0, n), expected) < 1e-5, tilegemm::isa());

        auto t = torch::empty({n, m});
        tilegemm::transpose(m, n, c.data_ptr<float>(), n + 2, t.data_ptr<float>(), m);
        QVERIFY(torch::equal(t, c.narrow(1, 0, n).t()));
    }

    void kernelEqualsReference_data()
    {
        QTest::addColumn<int>("B");
        QTest::addColumn<int>("H");
        QTest::addColumn<int>("Hkv");
        QTest::addColumn<int>("T");
        QTest::addColumn<int>("hd");
        QTest::addColumn<int>("window");
        QTest::newRow("one row") << 1 << 2 << 2 << 1 << 16 << 0;
        QTest::newRow("inside one tile") << 2 << 4 << 2 << 24 << 16 << 0;
        QTest::newRow("across tiles, ragged end") << 1 << 2 << 1 << 150 << 64 << 0;
        QTest::newRow("exactly two tiles, GQA 4") << 1 << 4 << 1 << 128 << 32 << 0;
        QTest::newRow("head width not a vector multiple") << 2 << 2 << 2 << 70 << 24 << 0;
        QTest::newRow("window inside a tile") << 1 << 2 << 1 << 150 << 32 << 17;
        QTest::newRow("window of one tile") << 2 << 2 << 2 << 200 << 16 << 64;
        QTest::newRow("window across tile edges") << 1 << 4 << 2 << 260 << 32 << 100;
        QTest::newRow("window of one key") << 1 << 2 << 1 << 80 << 16 << 1;
        QTest::newRow("window longer than T") << 1 << 2 << 2 << 90 << 16 << 500;
    }
    void kernelEqualsReference()
    {
        QFETCH(int, B);
        QFETCH(int, H);
        QFETCH(int, Hkv);
        QFETCH(int, T);
        QFETCH(int, hd);
        QFETCH(int, window);
        torch::manual_seed(T * 31 + hd + window);
        const double scale = 1.0 / std::sqrt(double(hd));
        // q and k as the model hands them over ([B, H, T, hd] contiguous); v as a view of c_v's
        // output [B, T, Hkv, hd]. Scores up to ~±12 make the softmax peaked, as trained ones are.
        auto q = torch::randn({B, H, T, hd}) * 2.0, k = torch::randn({B, Hkv, T, hd}) * 2.0;
        auto v = torch::randn({B, T, Hkv, hd});
        auto seed = torch::randn({B, T, H * hd});
        auto fused = run([&](auto &a, auto &b, auto &c) { return flashAttention(a, b, c, window, scale); },
                         q, k, v, seed);
        auto ref = run([&](auto &a, auto &b, auto &c) { return attentionReference(a, b, c, window, scale); },
                       q, k, v, seed);
        QVERIFY2(maxRelDiff(fused.y, ref.y) < 2e-6, qPrintable(QString::number(maxRelDiff(fused.y, ref.y))));
        QVERIFY2(maxRelDiff(fused.dq, ref.dq) < 2e-5, qPrintable(QString::number(maxRelDiff(fused.dq, ref.dq))));
        QVERIFY2(maxRelDiff(fused.dk, ref.dk) < 2e-5, qPrintable(QString::number(maxRelDiff(fused.dk, ref.dk))));
        QVERIFY2(maxRelDiff(fused.dv, ref.dv) < 2e-5, qPrintable(QString::number(maxRelDiff(fused.dv, ref.dv))));
    }

    // Strided inputs (q as a transposed [B, T, H, hd] tensor) take the same path.
    void stridedInputs()
    {
        torch::manual_seed(5);
        auto q = torch::randn({2, 90, 4, 32}).transpose(1, 2), k = torch::randn({2, 90, 2, 32}).transpose(1, 2);
        auto v = torch::randn({2, 90, 2, 32});
        QVERIFY(maxRelDiff(flashAttention(q, k, v, 0, 0.2), attentionReference(q, k, v, 0, 0.2)) < 2e-6);
    }

    // The window's meaning, from its definition: with a window of 1 a query reads only its own
    // key, so the output is its own value; with window w, a key w or more positions back has no
    // influence at all, and one w - 1 back does.
    void windowMeaning()
    {
        torch::manual_seed(9);
        const int T = 140, w = 40;
        auto q = torch::randn({1, 2, T, 16}), k = torch::randn({1, 1, T, 16}), v = torch::randn({1, T, 1, 16});
        auto own = flashAttention(q, k, v, 1, 0.25).view({T, 2, 16});
        QVERIFY(maxRelDiff(own.select(1, 0), v.view({T, 16})) < 1e-6);
        QVERIFY(maxRelDiff(own.select(1, 1), v.view({T, 16})) < 1e-6);

        const int t = 120;
        auto base = flashAttention(q, k, v, w, 0.25).view({T, 32})[t];
        auto outside = v.clone(), inside = v.clone();
        outside[0][t - w][0] += 100.0;
        inside[0][t - w + 1][0] += 100.0;
        QVERIFY(torch::equal(flashAttention(q, k, outside, w, 0.25).view({T, 32})[t], base));
        QVERIFY(!torch::allclose(flashAttention(q, k, inside, w, 0.25).view({T, 32})[t], base));
        // And never a future key.
        auto future = v.clone();
        future[0][t + 1][0] += 100.0;
        QVERIFY(torch::equal(flashAttention(q, k, future, 0, 0.25).view({T, 32})[t], flashAttention(q, k, v, 0, 0.25).view({T, 32})[t]));
    }
};

QTEST_GUILESS_MAIN(tst_FlashAttention)
#include "tst_flashattention.moc"
