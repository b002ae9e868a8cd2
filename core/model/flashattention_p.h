// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Causal attention, optionally windowed, without a T x T matrix: the blocked online-softmax
// algorithm of FlashAttention (Dao et al. 2022; the backward as in FlashAttention-2, Dao 2023) on
// the CPU. Queries go in blocks of 64 rows against keys in blocks of 64; each tile's scores live
// only in a 64 x 64 scratch, the softmax is carried as a running max and sum per row, and the
// backward recomputes the tiles from the saved log-sum-exp per row. Memory per layer is O(T)
// (the output and one float per query row) instead of the O(T^2) probabilities the plain path
// keeps for its backward, and tiles wholly above the diagonal (or outside the window) are never
// computed, which halves the work of causal attention.
//
// Grouped-query attention: query head h reads KV head h / (H / Hkv).
// Window: query t sees keys t - window + 1 .. t (itself and window - 1 before); 0 = all of 0..t.

#include <torch/torch.h>

namespace Core {

/// softmax(scale q k^T + causal/window mask) v for fp32 CPU tensors. q [B, H, T, hd],
/// k [B, Hkv, T, hd] and v [B, T, Hkv, hd], each with a contiguous last dimension (other strides
/// free: q and k come straight from the QK-norm kernel, v straight from c_v). Returns
/// [B, T, H * hd], ready for the output projection. Differentiable in q, k and v.
torch::Tensor flashAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                             int64_t window, double scale);

/// The same with plain ATen ops (scores, additive mask, softmax, matmul): the reference the
/// kernel is tested against, and the path for tensors it does not take (CUDA, bf16).
torch::Tensor attentionReference(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                                 int64_t window, double scale);

/// The additive mask [T, T] of attentionReference: 0 where query i may read key j, -inf elsewhere.
torch::Tensor attentionMask(int64_t T, int64_t window, const torch::TensorOptions &options);

} // namespace Core
