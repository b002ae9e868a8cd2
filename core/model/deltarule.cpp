// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/deltarule_p.h"

#include <limits>

namespace Core {

torch::Tensor gatedDeltaRule(const torch::Tensor &qIn, const torch::Tensor &kIn, const torch::Tensor &vIn,
                             const torch::Tensor &gIn, const torch::Tensor &betaIn, int64_t C)
{
    const int64_t B = qIn.size(0), T = qIn.size(1), H = qIn.size(2), dk = qIn.size(3), dv = vIn.size(3);
    const int64_t n = (T + C - 1) / C, pad = n * C - T;
    // [B, H, T, .], padded to whole chunks. A padded step has k = v = 0, beta = 0 and g = 0
    // (alpha = 1): it leaves the state as it is, and its output is dropped.
    auto heads = [&](const torch::Tensor &x) {
        auto t = x.dim() == 4 ? x.permute({0, 2, 1, 3}) : x.permute({0, 2, 1}).unsqueeze(-1);
        if (pad > 0)
            t = torch::constant_pad_nd(t, {0, 0, 0, pad});
        return t.reshape({B, H, n, C, t.size(-1)});
    };
    const auto q = heads(qIn), k = heads(kIn), v = heads(vIn);
    const auto beta = heads(betaIn), gamma = heads(gIn).cumsum(3); // [B, H, n, C, 1]
    const auto opts = q.options();
    const auto upper = torch::ones({C, C}, opts.dtype(torch::kBool)).triu(1);  // j > i
    const auto diagonal = torch::eye(C, opts.dtype(torch::kBool));
    // D_ij = b_i / b_j for j <= i, 0 above the diagonal.
    const auto decay = (gamma - gamma.transpose(-1, -2))
                           .masked_fill(upper, -std::numeric_limits<float>::infinity())
                           .exp(); // [B, H, n, C, C]
    const auto b = gamma.exp();                                            // [B, H, n, C, 1]
    const auto M = torch::matmul(k, k.transpose(-1, -2)) * decay;          // diagonal dropped below
    const auto A = torch::eye(C, opts) + (beta * M).masked_fill(diagonal, 0.0);
    const auto W = torch::linalg_solve_triangular(A, beta * b * k, /*upper=*/false, /*left=*/true,
                                                  /*unitriangular=*/true);  // [.., C, dk]
    const auto U0 = torch::linalg_solve_triangular(A, beta * v, false, true, true); // [.., C, dv]
    const auto P = torch::matmul(q, k.transpose(-1, -2)) * decay;          // [.., C, C]
    const auto Qb = q * b;
    const auto last = gamma.select(3, C - 1);                              // [B, H, n, 1]
    const auto Kd = k * (last.unsqueeze(3) - gamma).exp();                 // b_C / b_j
    const auto bC = last.exp();                                            // [B, H, n, 1]

    auto S = torch::zeros({B, H, dk, dv}, opts);
    std::vector<torch::Tensor> outs;
    // Chunks by unbind, not select: select's backward writes a zero tensor of the whole input per
    // chunk, unbind's stacks the chunks' gradients once.
    const auto U0c = U0.unbind(2), Wc = W.unbind(2), Qbc = Qb.unbind(2), Pc = P.unbind(2), bCc = bC.unbind(2),
               Kdc = Kd.unbind(2);
    for (size_t c = 0; c < size_t(n); ++c) {
        const auto U = U0c[c] - torch::matmul(Wc[c], S);
        outs.push_back(torch::matmul(Qbc[c], S) + torch::matmul(Pc[c], U));
        S = bCc[c].unsqueeze(-1) * S + torch::matmul(Kdc[c].transpose(-1, -2), U);
    }
    auto o = torch::cat(outs, 2); // [B, H, n*C, dv]
    if (pad > 0)
        o = o.narrow(2, 0, T);
    return o.permute({0, 2, 1, 3});
}

torch::Tensor gatedDeltaRuleReference(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                                      const torch::Tensor &g, const torch::Tensor &beta)
{
    const int64_t B = q.size(0), T = q.size(1), H = q.size(2), dk = q.size(3), dv = v.size(3);
    auto S = torch::zeros({B, H, dk, dv}, q.options());
    std::vector<torch::Tensor> outs;
    const auto ks = k.unbind(1), qs = q.unbind(1), vs = v.unbind(1), gs = g.unbind(1), betas = beta.unbind(1);
    for (size_t t = 0; t < size_t(T); ++t) {
        const auto &kt = ks[t], &qt = qs[t], &vt = vs[t]; // [B, H, d]
        const auto alpha = gs[t].exp().view({B, H, 1, 1}), bt = betas[t].view({B, H, 1, 1});
        S = alpha * S;
        // Erase along k (S -= beta k (k^T S)), then write v there.
        const auto read = torch::matmul(kt.unsqueeze(-2), S); // [B, H, 1, dv]
        S = S + bt * torch::matmul(kt.unsqueeze(-1), vt.unsqueeze(-2) - read);
        outs.push_back(torch::matmul(qt.unsqueeze(-2), S).squeeze(-2)); // [B, H, dv]
    }
    return torch::stack(outs, 1);
}

} // namespace Core
