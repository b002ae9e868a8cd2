// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The selective scan of a state-space layer (Mamba's S6, Gu & Dao 2023, Algorithm 2): for each
// sequence b and inner channel d, from a zero state h (N values),
//
//     h_t = exp(delta_t A_d) * h_{t-1} + delta_t x_t B_t        (elementwise over the N states)
//     y_t = C_t . h_t + D_d x_t
//
// with delta, x per (t, d) and B, C per t shared by all channels. The fused kernel runs 16
// channels side by side in vector registers with the state kept there, and keeps only the
// state at every 64th step for the backward, which recomputes each 64-step chunk's states from
// its start (as Mamba's kernel does) and runs the recurrence in reverse:
//
//     g_t = C_t dy_t + exp(delta_{t+1} A) g_{t+1}              (dL/dh_t)
//
// so memory is O(B T D_inner) like the activations, not O(B T D_inner N). The ATen reference
// beside it loops over t with whole-tensor ops and lets autograd differentiate.

#include <torch/torch.h>

namespace Core {

/// x, delta [B, T, Di]; A [Di, N]; Bm, C [B, T, N]; D [Di]; all fp32 CPU. Returns y [B, T, Di].
/// Differentiable in every input.
torch::Tensor selectiveScan(const torch::Tensor &x, const torch::Tensor &delta, const torch::Tensor &A,
                            const torch::Tensor &Bm, const torch::Tensor &C, const torch::Tensor &D);
torch::Tensor selectiveScanReference(const torch::Tensor &x, const torch::Tensor &delta, const torch::Tensor &A,
                                     const torch::Tensor &Bm, const torch::Tensor &C, const torch::Tensor &D);

} // namespace Core
