// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Fused CPU kernels for the elementwise parts of the GPT, each a torch::autograd::Function with a
// hand-written backward. On a CPU the matmuls are only half the work at demo size; the rest is
// passes over activations (norms, RoPE, softcap, cross-entropy; attention is flashattention_p.h),
// and every ATen op is one more pass plus one more saved tensor. Each kernel here does its whole
// job in one or two passes.
// The plain ATen composition stays beside each (the *Reference functions, and the model's
// reference path), and tests check fused == reference for values and gradients.
//
// All kernels take fp32 CPU tensors; anything else (CUDA, bf16) goes down the reference path.

#include <torch/torch.h>

namespace Core {

/// Switches the model between the fused kernels (default) and the plain ATen reference path.
void setFusedKernels(bool enabled);
bool fusedKernelsEnabled();
/// True if `t` can take the fused path (fp32, CPU, and the switch is on).
bool canFuse(const torch::Tensor &t);

/// y = x * rsqrt(mean(x^2, -1) + eps), eps = FLT_EPSILON (F.rms_norm's default for fp32).
torch::Tensor fusedRmsNorm(const torch::Tensor &x);

/// QK-norm + RoPE (+ per-head gain) in one pass. u: [B, T, H, hd] contiguous (straight out of the
/// projection); cos, sin: [T, hd/2]; gain: [H] or undefined. Returns [B, H, T, hd] contiguous:
/// o = gain[h] * rope(rmsnorm(u)) with the official half-split sign convention.
torch::Tensor fusedQkNormRope(const torch::Tensor &u, const torch::Tensor &cos,
                              const torch::Tensor &sin, const torch::Tensor &gain);
torch::Tensor qkNormRopeReference(const torch::Tensor &u, const torch::Tensor &cos,
                                  const torch::Tensor &sin, const torch::Tensor &gain);

/// relu(x)^2.
torch::Tensor fusedReluSquare(const torch::Tensor &x);

/// Cross-entropy of softcapped logits: z = cap * tanh(l / cap), nll = logsumexp(z) - z[target].
/// logits [N, V] fp32, targets [N] int64. Returns per-row nll [N] (reduce yourself) — the
/// backward needs no [N, V] temporaries beyond the saved z.
torch::Tensor fusedSoftcapCrossEntropy(const torch::Tensor &logits, const torch::Tensor &targets,
                                       double cap);

} // namespace Core
