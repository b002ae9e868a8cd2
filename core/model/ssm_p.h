// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A selective state-space token mixer (Mamba, Gu & Dao 2023, the block of mamba_simple.py without
// its own norm and residual, which our Block provides): the block's normed input goes through
//
//     x, z = in_proj(u)                        [B, T, Di] each, Di = ssm_expand * model_dim
//     x = silu(causal depthwise conv1d(x))     ssm_conv taps, with bias
//     dt_low, B, C = x_proj(x)                 [dt_rank], [N], [N]
//     delta = softplus(dt_proj(dt_low))        [B, T, Di] (dt_proj has a bias)
//     y = selective_scan(x, delta, A = -exp(A_log), B, C, D)   (ssmscan_p.h)
//     out = out_proj(y * silu(z))
//
// State-dict names and order (blocks.N.ssm.*): A_log [Di, N], D [Di], in_proj.weight [2 Di, d],
// conv1d.weight [Di, 1, ssm_conv], conv1d.bias [Di], x_proj.weight [dt_rank + 2N, Di],
// dt_proj.weight [Di, dt_rank], dt_proj.bias [Di], out_proj.weight [d, Di]. Initialised as
// Mamba's reference (A_log = log 1..N, D = 1, dt_proj's bias the inverse softplus of a
// log-uniform step in [0.001, 0.1]), except out_proj, which starts at zero like every output
// projection here, so a new block is the identity.

#include "config/gptconfig.h"

#include <torch/torch.h>

namespace Core {

class SelectiveSsmImpl : public torch::nn::Module
{
public:
    explicit SelectiveSsmImpl(const GptConfig &c);
    torch::Tensor forward(const torch::Tensor &u); // [B, T, d] -> [B, T, d]

    torch::Tensor A_log, D;
    torch::nn::Linear in_proj{nullptr}, x_proj{nullptr}, dt_proj{nullptr}, out_proj{nullptr};
    torch::nn::Conv1d conv1d{nullptr};

private:
    int64_t m_inner, m_state, m_dtRank, m_conv;
};
TORCH_MODULE(SelectiveSsm);

/// The causal depthwise convolution of x [B, T, C] with weight [C, 1, K] and bias [C] (or none): output t
/// reads inputs t - K + 1 .. t (zeros before the start), as Conv1d(padding = K - 1) trimmed to
/// the first T outputs. Written as K shifted multiply-adds on the [B, T, C] layout.
torch::Tensor causalDepthwiseConv(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias);

} // namespace Core
