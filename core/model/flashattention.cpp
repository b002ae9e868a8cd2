// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/flashattention_p.h"

#include "model/fastmath_p.h"
#include "model/tilegemm_p.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace Core {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

namespace {

// Tile sizes: a 64 x 64 score tile and its 64 x hd operands stay in L1/L2 together.
constexpr int64_t kBr = 64; // query rows per block
constexpr int64_t kBc = 64; // keys per block

// A [B, heads, T, hd]-like tensor addressed by element strides; the last dimension is contiguous.
struct Rows
{
    float *data;
    int64_t sb, sh, st;
    float *at(int64_t b, int64_t h, int64_t t) const { return data + b * sb + h * sh + t * st; }
};

Rows rows(const torch::Tensor &t, int bDim, int hDim, int tDim)
{
    return {t.data_ptr<float>(), t.stride(bDim), t.stride(hDim), t.stride(tDim)};
}

torch::Tensor lastDimContiguous(const torch::Tensor &t) { return t.stride(-1) == 1 ? t : t.contiguous(); }

// The keys query i may read inside the key block [j0, j0 + cols): [lo, hi], empty when hi < lo.
struct KeyRange
{
    int64_t lo, hi;
};

KeyRange keyRange(int64_t i, int64_t j0, int64_t cols, int64_t window)
{
    return {window > 0 ? std::max(j0, i - window + 1) : j0, std::min(j0 + cols - 1, i)};
}

// Writes p = exp(scale s - shift) over the keys query i may read in this tile and exact zeros
// elsewhere (the polynomial exp never returns 0); returns the sum of p.
float maskedExp(float *row, int64_t cols, KeyRange r, int64_t j0, float scale, float shift)
{
    if (r.hi < r.lo) {
        std::fill(row, row + cols, 0.0f);
        return 0.0f;
    }
    const int64_t a = r.lo - j0, e = r.hi - j0 + 1;
    const float sum = fastmath::expShifted(row + a, scale, shift, row + a, e - a);
    std::fill(row, row + a, 0.0f);
    std::fill(row + e, row + cols, 0.0f);
    return sum;
}

struct FlashAttentionFn : torch::autograd::Function<FlashAttentionFn>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &qIn, const torch::Tensor &kIn,
                                 const torch::Tensor &vIn, int64_t window, double scaleIn)
    {
        const auto q = lastDimContiguous(qIn), k = lastDimContiguous(kIn), v = lastDimContiguous(vIn);
        const int64_t B = q.size(0), H = q.size(1), T = q.size(2), hd = q.size(3);
        const int64_t Hkv = k.size(1), G = H / Hkv, nI = (T + kBr - 1) / kBr;
        const float scale = float(scaleIn);
        auto y = torch::empty({B, T, H * hd}, q.options());
        auto lse = torch::empty({B, H, T}, q.options());
        const Rows Q = rows(q, 0, 1, 2), K = rows(k, 0, 1, 2), Vr = rows(v, 0, 2, 1);
        float *py = y.data_ptr<float>(), *pl = lse.data_ptr<float>();

        at::parallel_for(0, B * H * nI, 1, [&](int64_t begin, int64_t end) {
            std::vector<float> kt(size_t(hd * kBc)), s(size_t(kBr * kBc)), o(size_t(kBr * hd));
            std::vector<float> m(kBr), l(kBr);
            for (int64_t task = begin; task < end; ++task) {
                const int64_t b = task / (H * nI), h = task / nI % H, i0 = task % nI * kBr;
                const int64_t kvh = h / G, nRows = std::min(kBr, T - i0);
                const float *qi = Q.at(b, h, i0);
                std::fill(m.begin(), m.end(), -std::numeric_limits<float>::infinity());
                std::fill(l.begin(), l.end(), 0.0f);
                std::fill(o.begin(), o.end(), 0.0f);
                const int64_t first = window > 0 ? std::max<int64_t>(0, i0 - window + 1) : 0;
                for (int64_t j0 = first / kBc * kBc; j0 < i0 + nRows; j0 += kBc) {
                    const int64_t cols = std::min(kBc, T - j0);
                    tilegemm::transpose(cols, hd, K.at(b, kvh, j0), K.st, kt.data(), kBc);
                    tilegemm::gemm(nRows, cols, hd, qi, Q.st, kt.data(), kBc, s.data(), kBc, false);
                    for (int64_t r = 0; r < nRows; ++r) {
                        float *row = s.data() + r * kBc;
                        const KeyRange keys = keyRange(i0 + r, j0, cols, window);
                        if (keys.hi < keys.lo) {
                            std::fill(row, row + cols, 0.0f);
                            continue;
                        }
                        const float tileMax =
                            fastmath::maxOf(row + (keys.lo - j0), keys.hi - keys.lo + 1) * scale;
                        const float mNew = std::max(m[r], tileMax);
                        const float sum = maskedExp(row, cols, keys, j0, scale, mNew);
                        // Rescale what earlier tiles accumulated to the new running max.
                        if (m[r] != mNew) {
                            const float corr = std::exp(m[r] - mNew); // 0 for the first tile
                            fastmath::scale(o.data() + r * hd, corr, o.data() + r * hd, hd);
                            l[r] *= corr;
                        }
                        l[r] += sum;
                        m[r] = mNew;
                    }
                    tilegemm::gemm(nRows, hd, cols, s.data(), kBc, Vr.at(b, kvh, j0), Vr.st, o.data(), hd, true);
                }
                for (int64_t r = 0; r < nRows; ++r) {
                    const int64_t i = i0 + r;
                    fastmath::scale(o.data() + r * hd, 1.0f / l[r], py + ((b * T + i) * H + h) * hd, hd);
                    pl[(b * H + h) * T + i] = m[r] + std::log(l[r]);
                }
            }
        });
        ctx->save_for_backward({q, k, v, y, lse});
        ctx->saved_data["window"] = window;
        ctx->saved_data["scale"] = scaleIn;
        return y;
    }

    // Per (batch, KV head): every key block j, for each of its query heads and each query block i
    // that sees j, recompute P from the saved log-sum-exp, then dV_j += P^T dO_i, dP = dO_i V_j^T,
    // dS = scale P (dP - rowsum(dO o O)), dQ_i += dS K_j, dK_j += dS^T Q_i. A task owns its rows of
    // dQ, dK and dV, so no two tasks write the same memory.
    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &q = saved[0], &k = saved[1], &v = saved[2], &y = saved[3], &lse = saved[4];
        const int64_t window = ctx->saved_data["window"].toInt();
        const float scale = float(ctx->saved_data["scale"].toDouble());
        const auto dy = grads[0].contiguous();
        const int64_t B = q.size(0), H = q.size(1), T = q.size(2), hd = q.size(3);
        const int64_t Hkv = k.size(1), G = H / Hkv;
        auto dq = torch::zeros({B, H, T, hd}, q.options());
        auto dk = torch::empty({B, Hkv, T, hd}, q.options());
        auto dv = torch::empty({B, T, Hkv, hd}, q.options());
        const Rows Q = rows(q, 0, 1, 2), K = rows(k, 0, 1, 2), Vr = rows(v, 0, 2, 1);
        const Rows dO = {dy.data_ptr<float>(), T * H * hd, hd, H * hd};
        const Rows O = {y.data_ptr<float>(), T * H * hd, hd, H * hd};
        const Rows dQ = rows(dq, 0, 1, 2), dK = rows(dk, 0, 1, 2), dV = rows(dv, 0, 2, 1);
        const float *pl = lse.data_ptr<float>();

        at::parallel_for(0, B * Hkv, 1, [&](int64_t begin, int64_t end) {
            std::vector<float> delta(size_t(G * T)), kt(size_t(hd * kBc)), vt(size_t(hd * kBc));
            std::vector<float> p(size_t(kBr * kBc)), ds(size_t(kBr * kBc)), tr(size_t(kBc * kBr));
            std::vector<float> dkAcc(size_t(kBc * hd)), dvAcc(size_t(kBc * hd));
            for (int64_t task = begin; task < end; ++task) {
                const int64_t b = task / Hkv, kvh = task % Hkv;
                for (int64_t g = 0; g < G; ++g)
                    for (int64_t i = 0; i < T; ++i)
                        delta[size_t(g * T + i)] = fastmath::dot(dO.at(b, kvh * G + g, i), O.at(b, kvh * G + g, i), hd);
                for (int64_t j0 = 0; j0 < T; j0 += kBc) {
                    const int64_t cols = std::min(kBc, T - j0);
                    const float *kj = K.at(b, kvh, j0), *vj = Vr.at(b, kvh, j0);
                    tilegemm::transpose(cols, hd, kj, K.st, kt.data(), kBc);
                    tilegemm::transpose(cols, hd, vj, Vr.st, vt.data(), kBc);
                    std::fill(dkAcc.begin(), dkAcc.end(), 0.0f);
                    std::fill(dvAcc.begin(), dvAcc.end(), 0.0f);
                    // Query i reads key j when j <= i (and i < j + window): the blocks from j0's on.
                    const int64_t iEnd = window > 0 ? std::min(T, j0 + cols - 1 + window) : T;
                    for (int64_t g = 0; g < G; ++g) {
                        const int64_t h = kvh * G + g;
                        for (int64_t i0 = j0 / kBr * kBr; i0 < iEnd; i0 += kBr) {
                            const int64_t nRows = std::min(kBr, T - i0);
                            const float *qi = Q.at(b, h, i0), *doi = dO.at(b, h, i0);
                            tilegemm::gemm(nRows, cols, hd, qi, Q.st, kt.data(), kBc, p.data(), kBc, false);
                            for (int64_t r = 0; r < nRows; ++r)
                                maskedExp(p.data() + r * kBc, cols, keyRange(i0 + r, j0, cols, window), j0,
                                          scale, pl[(b * H + h) * T + i0 + r]);
                            tilegemm::transpose(nRows, cols, p.data(), kBc, tr.data(), kBr);
                            tilegemm::gemm(cols, hd, nRows, tr.data(), kBr, doi, dO.st, dvAcc.data(), hd, true);
                            tilegemm::gemm(nRows, cols, hd, doi, dO.st, vt.data(), kBc, ds.data(), kBc, false);
                            for (int64_t r = 0; r < nRows; ++r)
                                fastmath::softmaxTileBackward(p.data() + r * kBc, ds.data() + r * kBc,
                                                              delta[size_t(g * T + i0 + r)], scale,
                                                              ds.data() + r * kBc, cols);
                            tilegemm::gemm(nRows, hd, cols, ds.data(), kBc, kj, K.st, dQ.at(b, h, i0), dQ.st, true);
                            tilegemm::transpose(nRows, cols, ds.data(), kBc, tr.data(), kBr);
                            tilegemm::gemm(cols, hd, nRows, tr.data(), kBr, qi, Q.st, dkAcc.data(), hd, true);
                        }
                    }
                    for (int64_t c = 0; c < cols; ++c) {
                        std::copy_n(dkAcc.data() + c * hd, hd, dK.at(b, kvh, j0 + c));
                        std::copy_n(dvAcc.data() + c * hd, hd, dV.at(b, kvh, j0 + c));
                    }
                }
            }
        });
        return {dq, dk, dv, torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

torch::Tensor flashAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                             int64_t window, double scale)
{
    TORCH_CHECK(q.dim() == 4 && k.dim() == 4 && v.dim() == 4, "flashAttention expects 4-d q, k, v");
    TORCH_CHECK(q.size(1) % k.size(1) == 0, "query heads must be a multiple of the KV heads");
    return FlashAttentionFn::apply(q, k, v, window, scale);
}

torch::Tensor attentionMask(int64_t T, int64_t window, const torch::TensorOptions &options)
{
    const float inf = std::numeric_limits<float>::infinity();
    auto mask = torch::full({T, T}, -inf, options).triu(1); // the future
    if (window > 0 && window < T)
        mask = mask + torch::full({T, T}, -inf, options).tril(-window); // beyond the window
    return mask;
}

torch::Tensor attentionReference(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                                 int64_t window, double scale)
{
    const int64_t B = q.size(0), H = q.size(1), T = q.size(2), hd = q.size(3);
    const int64_t Hkv = k.size(1), G = H / Hkv;
    // Grouped-query attention without repeating K and V: query head h is row block h % G of KV
    // head h / G when q is viewed as [B, Hkv, G*T, hd].
    auto scores = torch::matmul(q.reshape({B, Hkv, G * T, hd}), k.transpose(-2, -1));
    scores = scores.view({B, Hkv, G, T, T}) * scale + attentionMask(T, window, scores.options());
    auto probs = torch::softmax(scores, -1).view({B, Hkv, G * T, T});
    auto out = torch::matmul(probs, v.transpose(1, 2)); // [B, Hkv, G*T, hd]
    return out.view({B, H, T, hd}).transpose(1, 2).reshape({B, T, H * hd});
}

} // namespace Core
