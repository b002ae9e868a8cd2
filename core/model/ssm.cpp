// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/ssm_p.h"

#include "model/fusedops_p.h"
#include "model/ssmscan_p.h"

#include <cmath>

namespace Core {

namespace F = torch::nn::functional;

SelectiveSsmImpl::SelectiveSsmImpl(const GptConfig &c)
    : m_inner(c.ssmInner())
    , m_state(c.ssmState)
    , m_dtRank(c.ssmDtRankValue())
    , m_conv(c.ssmConv)
{
    const int64_t d = c.modelDim, di = m_inner, n = m_state, r = m_dtRank;
    // Own parameters first, then the submodules: the order of Python's state_dict as well.
    A_log = register_parameter("A_log", torch::log(torch::arange(1, n + 1, torch::kFloat32)).repeat({di, 1}));
    D = register_parameter("D", torch::ones({di}));
    auto lin = [](int64_t in, int64_t out, bool bias) { return torch::nn::LinearOptions(in, out).bias(bias); };
    in_proj = register_module("in_proj", torch::nn::Linear(lin(d, 2 * di, false)));
    conv1d = register_module("conv1d", torch::nn::Conv1d(torch::nn::Conv1dOptions(di, di, m_conv).groups(di)));
    x_proj = register_module("x_proj", torch::nn::Linear(lin(di, r + 2 * n, false)));
    dt_proj = register_module("dt_proj", torch::nn::Linear(lin(r, di, true)));
    out_proj = register_module("out_proj", torch::nn::Linear(lin(di, d, false)));

    torch::NoGradGuard noGrad;
    const double dtInitStd = 1.0 / std::sqrt(double(r));
    dt_proj->weight.uniform_(-dtInitStd, dtInitStd);
    // Steps log-uniform in [1e-3, 1e-1]; the bias is their inverse softplus, dt + log(1 - e^-dt).
    auto dt = torch::exp(torch::rand({di}) * (std::log(0.1) - std::log(1e-3)) + std::log(1e-3)).clamp_min(1e-4);
    dt_proj->bias.copy_(dt + torch::log(-torch::expm1(-dt)));
    out_proj->weight.zero_();
}

torch::Tensor causalDepthwiseConv(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias)
{
    const int64_t T = x.size(1), K = weight.size(2);
    const auto padded = torch::constant_pad_nd(x, {0, 0, K - 1, 0}); // K - 1 zeros before t = 0
    auto y = padded.narrow(1, 0, T) * weight.select(1, 0).select(1, 0);
    for (int64_t k = 1; k < K; ++k)
        y = y + padded.narrow(1, k, T) * weight.select(1, 0).select(1, k);
    return bias.defined() ? y + bias : y;
}

torch::Tensor SelectiveSsmImpl::forward(const torch::Tensor &u)
{
    const auto xz = in_proj(u);
    auto x = xz.narrow(-1, 0, m_inner);
    const auto z = xz.narrow(-1, m_inner, m_inner);
    x = F::silu(causalDepthwiseConv(x, conv1d->weight, conv1d->bias));
    const auto dbc = x_proj(x);
    const auto delta = F::softplus(dt_proj(dbc.narrow(-1, 0, m_dtRank)));
    const auto Bm = dbc.narrow(-1, m_dtRank, m_state), C = dbc.narrow(-1, m_dtRank + m_state, m_state);
    const auto A = -torch::exp(A_log);
    const auto y = canFuse(x) ? selectiveScan(x, delta, A, Bm, C, D) : selectiveScanReference(x, delta, A, Bm, C, D);
    return out_proj(y * F::silu(z));
}

} // namespace Core
