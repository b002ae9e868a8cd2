// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The gated delta rule (Gated DeltaNet, Yang, Kautz & Hatamizadeh 2025): per head, a state S
// (dk x dv) that each step decays by alpha_t, erases along k_t and writes v_t there,
//
//     S_t = alpha_t (I - beta_t k_t k_t^T) S_{t-1} + beta_t k_t v_t^T,      o_t = S_t^T q_t,
//
// with alpha_t = exp(g_t) (g_t <= 0) and beta_t in (0, 1). Linear in T: no T x T matrix.
//
// The chunked form used for training (chunks of 64 steps, all chunks' matrices at once, then
// one small recurrence across chunks). Within a chunk with state S0 coming in, b_i =
// prod_{j<=i} alpha_j, and u_i = beta_i (v_i - alpha_i S_{i-1}^T k_i) the value actually written:
//
//     U = (I + diag(beta) M)^-1 diag(beta) (V - diag(b) K S0),  M_ij = (b_i / b_j) k_i.k_j, j < i
//     O = diag(b) Q S0 + ((Q K^T) o D) U,                          D_ij = b_i / b_j,       j <= i
//     S_C = b_C S0 + (K o b_C / b)^T U
//
// (the unit lower-triangular solve is the UT transform of DeltaNet's chunked training). Ratios of
// b are exponentials of differences of cumulative log decays, never above 1. The step-by-step
// recurrence beside it is the reference the chunked form is tested against; both are ATen ops
// that autograd differentiates.

#include <torch/torch.h>

namespace Core {

/// q, k [B, T, H, dk]; v [B, T, H, dv]; g (log alpha) and beta [B, T, H]. Returns o [B, T, H, dv].
torch::Tensor gatedDeltaRule(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                             const torch::Tensor &g, const torch::Tensor &beta, int64_t chunk = 64);
torch::Tensor gatedDeltaRuleReference(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                                      const torch::Tensor &g, const torch::Tensor &beta);

} // namespace Core
