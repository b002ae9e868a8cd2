// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A Gated DeltaNet token mixer (Yang, Kautz & Hatamizadeh 2025), linear in T, with the block's
// norm and residual around it as for attention. Per head (num_heads of width head_dim for keys
// and values):
//
//     q, k, v = SiLU(causal depthwise conv(q_proj x)), ... (k_proj, v_proj)
//     q = q / |q| / sqrt(dk);  k = k / |k|                   (L2-normalised queries and keys)
//     beta = sigmoid(b_proj x);  g = -exp(A_log) softplus(a_proj x + dt_bias)   (Mamba-2's decay)
//     o = gated delta rule(q, k, v, g, beta)                  (deltarule_p.h)
//     out = o_proj(RMSNorm(o) * o_norm.weight * SiLU(g_proj x))   (per head; an output gate)
//
// State-dict names and order (blocks.N.deltanet.*): A_log [H], dt_bias [H], q_proj, k_proj,
// v_proj, a_proj [H, d], b_proj [H, d] (.weight, no biases), q_conv1d, k_conv1d, v_conv1d
// (.weight [H hd, 1, deltanet_conv], no bias), g_proj.weight, o_norm.weight [hd],
// o_proj.weight [d, H hd]. o_proj starts at zero, so a new block is the identity.

#include "config/gptconfig.h"

#include <torch/torch.h>

namespace Core {

/// A per-head RMSNorm weight, as a module so that its name is o_norm.weight.
class HeadNormImpl : public torch::nn::Module
{
public:
    explicit HeadNormImpl(int64_t width) { weight = register_parameter("weight", torch::ones({width})); }
    torch::Tensor weight;
};
TORCH_MODULE(HeadNorm);

class GatedDeltaNetImpl : public torch::nn::Module
{
public:
    explicit GatedDeltaNetImpl(const GptConfig &c);
    torch::Tensor forward(const torch::Tensor &x); // [B, T, d] -> [B, T, d]

    torch::Tensor A_log, dt_bias;
    torch::nn::Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, a_proj{nullptr}, b_proj{nullptr};
    torch::nn::Conv1d q_conv1d{nullptr}, k_conv1d{nullptr}, v_conv1d{nullptr};
    torch::nn::Linear g_proj{nullptr};
    HeadNorm o_norm{nullptr};
    torch::nn::Linear o_proj{nullptr};

private:
    int64_t m_heads, m_headDim;
};
TORCH_MODULE(GatedDeltaNet);

} // namespace Core
