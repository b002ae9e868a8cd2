// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/ssmscan_p.h"

#include "model/fastexp_p.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <vector>

namespace Core {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

namespace {

constexpr int64_t L = 16;      // channels per block: one AVX-512 register, two AVX2 ones
constexpr int64_t kChunk = 64; // steps between the states kept for the backward

struct Dims
{
    int64_t B, T, Di, N, chunks;
};

// One block of up to L channels [c0, c0 + width) of sequence b, copied into lane-major buffers
// [T][L] padded with zeros: the inner loops then always run over L lanes. A padded lane has
// x = delta = 0, so its state stays 0 and it contributes nothing.
void gather(const float *src, const Dims &d, int64_t b, int64_t c0, int64_t width, float *dst)
{
    for (int64_t t = 0; t < d.T; ++t) {
        const float *row = src + (b * d.T + t) * d.Di + c0;
        std::copy_n(row, width, dst + t * L);
        std::fill(dst + t * L + width, dst + (t + 1) * L, 0.0f);
    }
}

void scatter(const float *src, const Dims &d, int64_t b, int64_t c0, int64_t width, float *dst)
{
    for (int64_t t = 0; t < d.T; ++t)
        std::copy_n(src + t * L, width, dst + (b * d.T + t) * d.Di + c0);
}

// a[n][l] = A[c0 + l][n] (0 in padded lanes).
void laneMajorA(const float *A, const Dims &d, int64_t c0, int64_t width, float *a)
{
    std::fill(a, a + d.N * L, 0.0f);
    for (int64_t l = 0; l < width; ++l)
        for (int64_t n = 0; n < d.N; ++n)
            a[n * L + l] = A[(c0 + l) * d.N + n];
}

// Where the state at the start of `chunk` is kept: hSaved [B][chunks][N][Di].
int64_t savedStateOffset(const Dims &d, int64_t b, int64_t chunk) { return (b * d.chunks + chunk) * d.N * d.Di; }

// The forward recurrence over all T steps of one channel block; writes y lanes and the state at
// each chunk start.
GOLF_CLONES void forwardLanes(const Dims &d, const float *xs, const float *ds, const float *a, const float *dd,
                              const float *Bm, const float *C, float *h, float *ys, float *hSaved, int64_t c0,
                              int64_t width, int64_t b)
{
    const int64_t N = d.N;
    std::fill(h, h + N * L, 0.0f);
    for (int64_t t = 0; t < d.T; ++t) {
        if (t % kChunk == 0) {
            float *keep = hSaved + savedStateOffset(d, b, t / kChunk);
            for (int64_t n = 0; n < N; ++n)
                std::copy_n(h + n * L, width, keep + n * d.Di + c0);
        }
        const float *xt = xs + t * L, *dt = ds + t * L, *bt = Bm + (b * d.T + t) * N, *ct = C + (b * d.T + t) * N;
        float *y = ys + t * L;
        float dtx[L];
#pragma omp simd
        for (int64_t l = 0; l < L; ++l) {
            y[l] = dd[l] * xt[l];
            dtx[l] = dt[l] * xt[l];
        }
        for (int64_t n = 0; n < N; ++n) {
            const float bn = bt[n], cn = ct[n];
            float *hn = h + n * L;
            const float *an = a + n * L;
#pragma omp simd
            for (int64_t l = 0; l < L; ++l) {
                hn[l] = fastmath::expPoly(dt[l] * an[l]) * hn[l] + dtx[l] * bn;
                y[l] += hn[l] * cn;
            }
        }
    }
}

// The backward of one channel block of sequence b, chunk by chunk from the end. `g` carries
// exp(delta_{t+1} A) g_{t+1} between steps (and chunks); dA and dD accumulate over b.
GOLF_CLONES void backwardLanes(const Dims &d, const float *xs, const float *ds, const float *dys, const float *a,
                               const float *dd, const float *Bm, const float *C, const float *hSaved, int64_t c0,
                               int64_t width, int64_t b, float *hs, float *das, float *g, float *dxs, float *dds,
                               float *dA, float *dD, float *dBpart, float *dCpart)
{
    const int64_t N = d.N, NL = N * L;
    std::fill(g, g + NL, 0.0f);
    for (int64_t chunk = d.chunks - 1; chunk >= 0; --chunk) {
        const int64_t t0 = chunk * kChunk, len = std::min(kChunk, d.T - t0);
        // Recompute the chunk's states: hs[k + 1] after step t0 + k, hs[0] the saved start.
        const float *start = hSaved + savedStateOffset(d, b, chunk);
        std::fill(hs, hs + NL, 0.0f);
        for (int64_t n = 0; n < N; ++n)
            std::copy_n(start + n * d.Di + c0, width, hs + n * L);
        for (int64_t k = 0; k < len; ++k) {
            const int64_t t = t0 + k;
            const float *xt = xs + t * L, *dt = ds + t * L, *bt = Bm + (b * d.T + t) * N;
            for (int64_t n = 0; n < N; ++n) {
                const float bn = bt[n];
                const float *an = a + n * L, *hp = hs + k * NL + n * L;
                float *hn = hs + (k + 1) * NL + n * L, *dan = das + k * NL + n * L;
#pragma omp simd
                for (int64_t l = 0; l < L; ++l) {
                    dan[l] = fastmath::expPoly(dt[l] * an[l]);
                    hn[l] = dan[l] * hp[l] + dt[l] * xt[l] * bn;
                }
            }
        }
        for (int64_t k = len - 1; k >= 0; --k) {
            const int64_t t = t0 + k;
            const float *xt = xs + t * L, *dt = ds + t * L, *dy = dys + t * L;
            const float *bt = Bm + (b * d.T + t) * N, *ct = C + (b * d.T + t) * N;
            float *dx = dxs + t * L, *ddl = dds + t * L;
#pragma omp simd
            for (int64_t l = 0; l < L; ++l) {
                dx[l] = dd[l] * dy[l];
                ddl[l] = 0.0f;
                dD[l] += dy[l] * xt[l];
            }
            for (int64_t n = 0; n < N; ++n) {
                const float bn = bt[n], cn = ct[n];
                const float *an = a + n * L, *hp = hs + k * NL + n * L, *hc = hs + (k + 1) * NL + n * L,
                            *dan = das + k * NL + n * L;
                float *gn = g + n * L, *dAn = dA + n * L;
                float sC = 0.0f, sB = 0.0f;
#pragma omp simd reduction(+ : sC, sB)
                for (int64_t l = 0; l < L; ++l) {
                    const float gl = gn[l] + dy[l] * cn; // dL/dh_t
                    sC += dy[l] * hc[l];
                    sB += gl * dt[l] * xt[l];
                    dx[l] += gl * dt[l] * bn;
                    const float q = gl * hp[l] * dan[l]; // dL/d(decay) * decay
                    ddl[l] += gl * xt[l] * bn + q * an[l];
                    dAn[l] += q * dt[l];
                    gn[l] = gl * dan[l];
                }
                dCpart[(b * d.T + t) * N + n] = sC;
                dBpart[(b * d.T + t) * N + n] = sB;
            }
        }
    }
}

struct SelectiveScanFn : torch::autograd::Function<SelectiveScanFn>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &xIn, const torch::Tensor &deltaIn,
                                 const torch::Tensor &AIn, const torch::Tensor &BIn, const torch::Tensor &CIn,
                                 const torch::Tensor &DIn)
    {
        const auto x = xIn.contiguous(), delta = deltaIn.contiguous(), A = AIn.contiguous(), Bm = BIn.contiguous(),
                   C = CIn.contiguous(), D = DIn.contiguous();
        const Dims d{x.size(0), x.size(1), x.size(2), A.size(1), (x.size(1) + kChunk - 1) / kChunk};
        auto y = torch::empty_like(x);
        auto hSaved = torch::empty({d.B, d.chunks, d.N, d.Di}, x.options());
        const float *px = x.data_ptr<float>(), *pd = delta.data_ptr<float>(), *pA = A.data_ptr<float>(),
                    *pB = Bm.data_ptr<float>(), *pC = C.data_ptr<float>(), *pD = D.data_ptr<float>();
        float *py = y.data_ptr<float>(), *ph = hSaved.data_ptr<float>();
        const int64_t blocks = (d.Di + L - 1) / L;
        at::parallel_for(0, blocks, 1, [&](int64_t begin, int64_t end) {
            std::vector<float> xs(size_t(d.T * L)), ds(size_t(d.T * L)), ys(size_t(d.T * L));
            std::vector<float> a(size_t(d.N * L)), h(size_t(d.N * L)), dd(L);
            for (int64_t blk = begin; blk < end; ++blk) {
                const int64_t c0 = blk * L, width = std::min(L, d.Di - c0);
                laneMajorA(pA, d, c0, width, a.data());
                std::fill(dd.begin(), dd.end(), 0.0f);
                std::copy_n(pD + c0, width, dd.data());
                for (int64_t b = 0; b < d.B; ++b) {
                    gather(px, d, b, c0, width, xs.data());
                    gather(pd, d, b, c0, width, ds.data());
                    forwardLanes(d, xs.data(), ds.data(), a.data(), dd.data(), pB, pC, h.data(), ys.data(), ph, c0,
                                 width, b);
                    scatter(ys.data(), d, b, c0, width, py);
                }
            }
        });
        ctx->save_for_backward({x, delta, A, Bm, C, D, hSaved});
        return y;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &x = saved[0], &delta = saved[1], &A = saved[2], &Bm = saved[3], &C = saved[4], &D = saved[5],
                   &hSaved = saved[6];
        const auto dy = grads[0].contiguous();
        const Dims d{x.size(0), x.size(1), x.size(2), A.size(1), (x.size(1) + kChunk - 1) / kChunk};
        const int64_t blocks = (d.Di + L - 1) / L;
        auto dx = torch::empty_like(x), ddelta = torch::empty_like(delta);
        auto dA = torch::empty_like(A), dD = torch::empty_like(D);
        // dB and dC sum over every channel: one partial per channel block, added up at the end.
        auto dBparts = torch::empty({blocks, d.B, d.T, d.N}, x.options());
        auto dCparts = torch::empty({blocks, d.B, d.T, d.N}, x.options());
        const float *px = x.data_ptr<float>(), *pd = delta.data_ptr<float>(), *pA = A.data_ptr<float>(),
                    *pB = Bm.data_ptr<float>(), *pC = C.data_ptr<float>(), *pD = D.data_ptr<float>(),
                    *ph = hSaved.data_ptr<float>(), *pdy = dy.data_ptr<float>();
        float *pdx = dx.data_ptr<float>(), *pdd = ddelta.data_ptr<float>(), *pdA = dA.data_ptr<float>(),
              *pdD = dD.data_ptr<float>(), *pdB = dBparts.data_ptr<float>(), *pdC = dCparts.data_ptr<float>();
        at::parallel_for(0, blocks, 1, [&](int64_t begin, int64_t end) {
            const size_t TL = size_t(d.T * L), NL = size_t(d.N * L);
            std::vector<float> xs(TL), ds(TL), dys(TL), dxs(TL), dds(TL);
            std::vector<float> a(NL), g(NL), dAacc(NL), hs((kChunk + 1) * NL), das(kChunk * NL), dd(L), dDacc(L);
            for (int64_t blk = begin; blk < end; ++blk) {
                const int64_t c0 = blk * L, width = std::min(L, d.Di - c0);
                laneMajorA(pA, d, c0, width, a.data());
                std::fill(dd.begin(), dd.end(), 0.0f);
                std::copy_n(pD + c0, width, dd.data());
                std::fill(dAacc.begin(), dAacc.end(), 0.0f);
                std::fill(dDacc.begin(), dDacc.end(), 0.0f);
                for (int64_t b = 0; b < d.B; ++b) {
                    gather(px, d, b, c0, width, xs.data());
                    gather(pd, d, b, c0, width, ds.data());
                    gather(pdy, d, b, c0, width, dys.data());
                    backwardLanes(d, xs.data(), ds.data(), dys.data(), a.data(), dd.data(), pB, pC, ph, c0, width, b,
                                  hs.data(), das.data(), g.data(), dxs.data(), dds.data(), dAacc.data(), dDacc.data(),
                                  pdB + blk * d.B * d.T * d.N, pdC + blk * d.B * d.T * d.N);
                    scatter(dxs.data(), d, b, c0, width, pdx);
                    scatter(dds.data(), d, b, c0, width, pdd);
                }
                for (int64_t l = 0; l < width; ++l) {
                    for (int64_t n = 0; n < d.N; ++n)
                        pdA[(c0 + l) * d.N + n] = dAacc[size_t(n * L + l)];
                    pdD[c0 + l] = dDacc[size_t(l)];
                }
            }
        });
        return {dx, ddelta, dA, dBparts.sum(0), dCparts.sum(0), dD};
    }
};

} // namespace

torch::Tensor selectiveScan(const torch::Tensor &x, const torch::Tensor &delta, const torch::Tensor &A,
                            const torch::Tensor &Bm, const torch::Tensor &C, const torch::Tensor &D)
{
    TORCH_CHECK(x.dim() == 3 && delta.sizes() == x.sizes() && A.dim() == 2 && A.size(0) == x.size(2)
                    && Bm.dim() == 3 && Bm.size(2) == A.size(1) && C.sizes() == Bm.sizes() && D.numel() == x.size(2),
                "selectiveScan: shapes do not fit");
    return SelectiveScanFn::apply(x, delta, A, Bm, C, D);
}

torch::Tensor selectiveScanReference(const torch::Tensor &x, const torch::Tensor &delta, const torch::Tensor &A,
                                     const torch::Tensor &Bm, const torch::Tensor &C, const torch::Tensor &D)
{
    const int64_t B = x.size(0), T = x.size(1), Di = x.size(2), N = A.size(1);
    auto decay = torch::exp(delta.unsqueeze(-1) * A);                 // [B, T, Di, N]
    auto input = (delta * x).unsqueeze(-1) * Bm.unsqueeze(2);        // [B, T, Di, N]
    auto h = torch::zeros({B, Di, N}, x.options());
    // unbind, not select per step: select's backward writes a zero tensor of the whole input
    // for every step (O(T^2) memory traffic: 97 s for a 4 x 1024 backward); unbind's stacks once.
    const auto decays = decay.unbind(1), inputs = input.unbind(1), Cs = C.unbind(1);
    std::vector<torch::Tensor> ys;
    for (int64_t t = 0; t < T; ++t) {
        h = decays[size_t(t)] * h + inputs[size_t(t)];
        ys.push_back((h * Cs[size_t(t)].unsqueeze(1)).sum(-1)); // [B, Di]
    }
    return torch::stack(ys, 1) + x * D;
}

} // namespace Core
