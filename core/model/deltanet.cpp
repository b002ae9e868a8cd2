// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/deltanet_p.h"

#include "model/deltarule_p.h"
#include "model/fusedops_p.h"
#include "model/gpt_p.h" // rmsNorm, and causalDepthwiseConv through ssm_p.h

#include <cmath>

namespace Core {

namespace F = torch::nn::functional;

GatedDeltaNetImpl::GatedDeltaNetImpl(const GptConfig &c)
    : m_heads(c.numHeads)
    , m_headDim(c.headDim())
{
    const int64_t d = c.modelDim, H = m_heads, width = H * m_headDim, K = c.deltanetConv;
    // Decay rates A in [1, 16] (log stored) and step biases as Mamba's, so heads start with
    // memories from a few to a few hundred steps.
    A_log = register_parameter("A_log", torch::log(torch::empty({H}).uniform_(1.0, 16.0)));
    auto dt = torch::exp(torch::rand({H}) * (std::log(0.1) - std::log(1e-3)) + std::log(1e-3)).clamp_min(1e-4);
    dt_bias = register_parameter("dt_bias", dt + torch::log(-torch::expm1(-dt)));
    auto lin = [](int64_t in, int64_t out) { return torch::nn::LinearOptions(in, out).bias(false); };
    auto conv = [&]() { return torch::nn::Conv1d(torch::nn::Conv1dOptions(width, width, K).groups(width).bias(false)); };
    q_proj = register_module("q_proj", torch::nn::Linear(lin(d, width)));
    k_proj = register_module("k_proj", torch::nn::Linear(lin(d, width)));
    v_proj = register_module("v_proj", torch::nn::Linear(lin(d, width)));
    a_proj = register_module("a_proj", torch::nn::Linear(lin(d, H)));
    b_proj = register_module("b_proj", torch::nn::Linear(lin(d, H)));
    q_conv1d = register_module("q_conv1d", conv());
    k_conv1d = register_module("k_conv1d", conv());
    v_conv1d = register_module("v_conv1d", conv());
    g_proj = register_module("g_proj", torch::nn::Linear(lin(d, width)));
    o_norm = register_module("o_norm", HeadNorm(m_headDim));
    o_proj = register_module("o_proj", torch::nn::Linear(lin(width, d)));
    torch::NoGradGuard noGrad;
    o_proj->weight.zero_();
}

torch::Tensor GatedDeltaNetImpl::forward(const torch::Tensor &x)
{
    const int64_t B = x.size(0), T = x.size(1), H = m_heads, hd = m_headDim;
    auto branch = [&](torch::nn::Linear &proj, torch::nn::Conv1d &conv) {
        return F::silu(causalDepthwiseConv(proj(x), conv->weight, {})).view({B, T, H, hd});
    };
    // L2 norm with a floor, so an all-zero row (a padded or dead channel) stays finite.
    auto unit = [](const torch::Tensor &t) { return t * torch::rsqrt(t.square().sum(-1, true) + 1e-6); };
    const auto q = unit(branch(q_proj, q_conv1d)) * (1.0 / std::sqrt(double(hd)));
    const auto k = unit(branch(k_proj, k_conv1d));
    const auto v = branch(v_proj, v_conv1d);
    const auto beta = torch::sigmoid(b_proj(x));
    const auto g = -torch::exp(A_log) * F::softplus(a_proj(x) + dt_bias);
    auto o = canFuse(x) ? gatedDeltaRule(q, k, v, g, beta) : gatedDeltaRuleReference(q, k, v, g, beta);
    o = rmsNorm(o) * o_norm->weight * F::silu(g_proj(x).view({B, T, H, hd}));
    return o_proj(o.reshape({B, T, H * hd}));
}

} // namespace Core
