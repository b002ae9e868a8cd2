// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/fusedops_p.h"

#include "model/fastmath_p.h"

#include <ATen/Parallel.h>

#include <atomic>
#include <cfloat>
#include <cmath>

namespace Core {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

namespace {

std::atomic_bool g_fused{true};
constexpr float kEps = FLT_EPSILON; // torch.finfo(float32).eps, F.rms_norm's default

torch::TensorOptions f32() { return torch::TensorOptions().dtype(torch::kFloat32); }

// Rows per parallel task: enough work per task to amortise the scheduling.
int64_t grain(int64_t rowLen) { return std::max<int64_t>(1, 16384 / std::max<int64_t>(rowLen, 1)); }

// ---------------------------------------------------------------------------------------------
// RMSNorm over rows of length D: y = x r, r = (mean(x^2) + eps)^-1/2.
// Backward: dx = r dy - r^3 x (dy . x) / D.

struct RmsNormFn : torch::autograd::Function<RmsNormFn>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &xIn)
    {
        auto x = xIn.contiguous();
        const int64_t D = x.size(-1), rows = x.numel() / D;
        auto y = torch::empty_like(x);
        auto r = torch::empty({rows}, f32());
        const float *px = x.data_ptr<float>();
        float *py = y.data_ptr<float>(), *pr = r.data_ptr<float>();
        at::parallel_for(0, rows, grain(D), [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i) {
                const float rr = 1.0f / std::sqrt(fastmath::sumSquares(px + i * D, D) / float(D) + kEps);
                fastmath::scale(px + i * D, rr, py + i * D, D);
                pr[i] = rr;
            }
        });
        ctx->save_for_backward({x, r});
        return y;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &x = saved[0], &r = saved[1];
        auto dy = grads[0].contiguous();
        const int64_t D = x.size(-1), rows = x.numel() / D;
        auto dx = torch::empty_like(x);
        const float *px = x.data_ptr<float>(), *pr = r.data_ptr<float>(), *pdy = dy.data_ptr<float>();
        float *pdx = dx.data_ptr<float>();
        at::parallel_for(0, rows, grain(D), [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i) {
                const float rr = pr[i];
                const float c = rr * rr * rr * fastmath::dot(pdy + i * D, px + i * D, D) / float(D);
                fastmath::axpby(rr, pdy + i * D, -c, px + i * D, pdx + i * D, D);
            }
        });
        return {dx};
    }
};

// ---------------------------------------------------------------------------------------------
// QK-norm + RoPE + gain. Row (b, t, h) of u [B,T,H,hd] becomes row (b, h, t) of o [B,H,T,hd]:
//   n = u r;  rot = [n1 c + n2 s, n2 c - n1 s];  o = g_h rot
// Backward: drot = g_h do; dg_h = sum over rows of do . rot;
//   dn1 = drot1 c - drot2 s;  dn2 = drot1 s + drot2 c;  du = r dn - r^3 u (dn . u) / hd.

struct QkNormRopeFn : torch::autograd::Function<QkNormRopeFn>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &uIn,
                                 const torch::Tensor &cos, const torch::Tensor &sin,
                                 const torch::Tensor &gain)
    {
        auto u = uIn.contiguous();
        const int64_t B = u.size(0), T = u.size(1), H = u.size(2), hd = u.size(3), half = hd / 2;
        auto o = torch::empty({B, H, T, hd}, f32());
        auto r = torch::empty({B * T * H}, f32());
        auto g = gain.contiguous();
        const float *pu = u.data_ptr<float>(), *pc = cos.data_ptr<float>(),
                    *ps = sin.data_ptr<float>(), *pg = g.data_ptr<float>();
        float *po = o.data_ptr<float>(), *pr = r.data_ptr<float>();
        at::parallel_for(0, B * T * H, grain(hd), [&](int64_t b0, int64_t e0) {
            for (int64_t i = b0; i < e0; ++i) {
                const int64_t h = i % H, t = (i / H) % T, b = i / (H * T);
                const float *row = pu + i * hd;
                const float rr = 1.0f / std::sqrt(fastmath::sumSquares(row, hd) / float(hd) + kEps);
                pr[i] = rr;
                const float gs = pg[h] * rr;
                const float *c = pc + t * half, *s = ps + t * half;
                float *out = po + ((b * H + h) * T + t) * hd;
                for (int64_t k = 0; k < half; ++k) {
                    const float n1 = row[k], n2 = row[k + half];
                    out[k] = gs * (n1 * c[k] + n2 * s[k]);
                    out[k + half] = gs * (n2 * c[k] - n1 * s[k]);
                }
            }
        });
        ctx->save_for_backward({u, r, cos, sin, g});
        return o;
    }

    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &u = saved[0], &r = saved[1], &cos = saved[2], &sin = saved[3], &g = saved[4];
        const bool hasGain = ctx->needs_input_grad(3);
        auto dout = grads[0].contiguous();
        const int64_t B = u.size(0), T = u.size(1), H = u.size(2), hd = u.size(3), half = hd / 2;
        auto du = torch::empty_like(u);
        auto dgRows = torch::empty({B * T * H}, f32()); // per-row share of dgain, summed below
        const float *pu = u.data_ptr<float>(), *pr = r.data_ptr<float>(), *pc = cos.data_ptr<float>(),
                    *ps = sin.data_ptr<float>(), *pg = g.data_ptr<float>(), *pdo = dout.data_ptr<float>();
        float *pdu = du.data_ptr<float>(), *pdg = dgRows.data_ptr<float>();
        at::parallel_for(0, B * T * H, grain(hd), [&](int64_t b0, int64_t e0) {
            std::vector<float> dn(static_cast<size_t>(hd));
            for (int64_t i = b0; i < e0; ++i) {
                const int64_t h = i % H, t = (i / H) % T, b = i / (H * T);
                const float *row = pu + i * hd, *d = pdo + ((b * H + h) * T + t) * hd;
                const float *c = pc + t * half, *s = ps + t * half;
                const float rr = pr[i], gh = pg[h];
                float dg = 0;
                for (int64_t k = 0; k < half; ++k) {
                    const float n1 = row[k] * rr, n2 = row[k + half] * rr;
                    dg += d[k] * (n1 * c[k] + n2 * s[k]) + d[k + half] * (n2 * c[k] - n1 * s[k]);
                    const float d1 = gh * d[k], d2 = gh * d[k + half];
                    dn[size_t(k)] = d1 * c[k] - d2 * s[k];
                    dn[size_t(k + half)] = d1 * s[k] + d2 * c[k];
                }
                pdg[i] = dg;
                const float cc = rr * rr * rr * fastmath::dot(dn.data(), row, hd) / float(hd);
                fastmath::axpby(rr, dn.data(), -cc, row, pdu + i * hd, hd);
            }
        });
        torch::Tensor dgain;
        if (hasGain)
            dgain = dgRows.view({B * T, H}).sum(0);
        return {du, torch::Tensor(), torch::Tensor(), dgain};
    }
};

// ---------------------------------------------------------------------------------------------
// relu(x)^2; backward 2 relu(x) dy.

struct ReluSquareFn : torch::autograd::Function<ReluSquareFn>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &xIn)
    {
        auto x = xIn.contiguous();
        auto y = torch::empty_like(x);
        const int64_t n = x.numel();
        const float *px = x.data_ptr<float>();
        float *py = y.data_ptr<float>();
        at::parallel_for(0, n, 32768, [&](int64_t b, int64_t e) { fastmath::reluSquare(px + b, py + b, e - b); });
        ctx->save_for_backward({x});
        return y;
    }
    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto x = ctx->get_saved_variables()[0];
        auto dy = grads[0].contiguous();
        auto dx = torch::empty_like(x);
        const int64_t n = x.numel();
        const float *px = x.data_ptr<float>(), *pdy = dy.data_ptr<float>();
        float *pdx = dx.data_ptr<float>();
        at::parallel_for(0, n, 32768, [&](int64_t b, int64_t e) {
            fastmath::reluSquareBackward(px + b, pdy + b, pdx + b, e - b);
        });
        return {dx};
    }
};

// ---------------------------------------------------------------------------------------------
// Softcapped cross-entropy per row: z = cap tanh(l / cap); nll = lse(z) - z_t.
// Backward: dl_j = g (softmax(z)_j - [j = t]) (1 - (z_j / cap)^2).

struct SoftcapCrossEntropyFn : torch::autograd::Function<SoftcapCrossEntropyFn>
{
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &lIn,
                                 const torch::Tensor &targetsIn, double cap)
    {
        auto l = lIn.contiguous();
        auto targets = targetsIn.contiguous();
        const int64_t N = l.size(0), V = l.size(1);
        auto z = torch::empty_like(l);
        auto lse = torch::empty({N}, f32());
        auto nll = torch::empty({N}, f32());
        const float *pl = l.data_ptr<float>();
        const int64_t *pt = targets.data_ptr<int64_t>();
        float *pz = z.data_ptr<float>(), *plse = lse.data_ptr<float>(), *pn = nll.data_ptr<float>();
        const float c = float(cap);
        at::parallel_for(0, N, grain(V), [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i) {
                float *zr = pz + i * V;
                fastmath::softcap(pl + i * V, c, zr, V);
                plse[i] = fastmath::logSumExp(zr, V);
                const int64_t t = pt[i];
                TORCH_CHECK(t >= 0 && t < V, "target ", t, " out of range for ", V, " classes");
                pn[i] = plse[i] - zr[t];
            }
        });
        ctx->save_for_backward({z, lse, targets});
        ctx->saved_data["cap"] = cap;
        return nll;
    }
    static variable_list backward(AutogradContext *ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const auto &z = saved[0], &lse = saved[1], &targets = saved[2];
        const float c = float(ctx->saved_data["cap"].toDouble());
        auto g = grads[0].contiguous();
        const int64_t N = z.size(0), V = z.size(1);
        auto dl = torch::empty_like(z);
        const float *pz = z.data_ptr<float>(), *plse = lse.data_ptr<float>(), *pg = g.data_ptr<float>();
        const int64_t *pt = targets.data_ptr<int64_t>();
        float *pdl = dl.data_ptr<float>();
        at::parallel_for(0, N, grain(V), [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i) {
                fastmath::softcapCrossEntropyBackward(pz + i * V, plse[i], pg[i], c, pdl + i * V, V);
                const int64_t t = pt[i];
                const float zt = pz[i * V + t] / c;
                pdl[i * V + t] -= pg[i] * (1.0f - zt * zt);
            }
        });
        return {dl, torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

void setFusedKernels(bool enabled) { g_fused = enabled; }
bool fusedKernelsEnabled() { return g_fused; }

bool canFuse(const torch::Tensor &t)
{
    return g_fused && t.device().is_cpu() && t.scalar_type() == torch::kFloat32;
}

torch::Tensor fusedRmsNorm(const torch::Tensor &x) { return RmsNormFn::apply(x); }

torch::Tensor fusedQkNormRope(const torch::Tensor &u, const torch::Tensor &cos,
                              const torch::Tensor &sin, const torch::Tensor &gain)
{
    // Autograd functions take no undefined inputs: "no gain" is a constant 1 (no gradient).
    return QkNormRopeFn::apply(u, cos.contiguous(), sin.contiguous(),
                               gain.defined() ? gain : torch::ones({u.size(2)}, f32()));
}

torch::Tensor qkNormRopeReference(const torch::Tensor &u, const torch::Tensor &cos,
                                  const torch::Tensor &sin, const torch::Tensor &gain)
{
    auto n = u * torch::rsqrt(u.square().mean(-1, true) + double(kEps));
    const int64_t half = u.size(-1) / 2;
    auto n1 = n.narrow(-1, 0, half), n2 = n.narrow(-1, half, half);
    auto c = cos.view({1, cos.size(0), 1, half}), s = sin.view({1, sin.size(0), 1, half});
    auto o = torch::cat({n1 * c + n2 * s, n2 * c - n1 * s}, -1);
    if (gain.defined())
        o = o * gain.view({1, 1, -1, 1});
    return o.transpose(1, 2).contiguous();
}

torch::Tensor fusedReluSquare(const torch::Tensor &x) { return ReluSquareFn::apply(x); }

torch::Tensor fusedSoftcapCrossEntropy(const torch::Tensor &logits, const torch::Tensor &targets,
                                       double cap)
{
    return SoftcapCrossEntropyFn::apply(logits, targets, cap);
}

} // namespace Core
