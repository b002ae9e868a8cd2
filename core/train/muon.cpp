// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/muon_p.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace Core {

torch::Tensor newtonSchulz5(const torch::Tensor &G, int steps, torch::ScalarType dtype)
{
    TORCH_CHECK(G.dim() == 2, "newtonSchulz5 expects a matrix");
    constexpr double a = 3.4445, b = -4.7750, c = 2.0315;
    auto X = G.to(dtype);
    X = X / (X.norm() + 1e-7);
    const bool transposed = G.size(0) > G.size(1);
    if (transposed)
        X = X.t();
    for (int i = 0; i < steps; ++i) {
        auto A = torch::matmul(X, X.t());          // [r, r], r = min(rows, cols)
        auto B = torch::addmm(A, A, A, b, c);      // b*A + c*A@A
        X = torch::addmm(X, B, X, a, 1.0);         // a*X + B@X
    }
    return transposed ? X.t() : X;
}

Muon::Muon(std::vector<std::pair<std::string, torch::Tensor>> params, double lr, double momentum,
           int backendSteps, bool nesterov, torch::ScalarType nsDtype)
    : m_baseLr(lr)
    , m_lr(lr)
    , m_momentum(momentum)
    , m_steps(backendSteps)
    , m_nesterov(nesterov)
    , m_nsDtype(nsDtype)
{
    for (auto &[name, t] : params)
        m_params.push_back({name, t, {}});
}

void Muon::step()
{
    torch::NoGradGuard noGrad;
    for (auto &p : m_params) {
        const auto &grad = p.tensor.grad();
        if (!grad.defined())
            continue;
        if (!p.momentumBuffer.defined())
            p.momentumBuffer = torch::zeros_like(grad);
        auto &buf = p.momentumBuffer;
        buf.mul_(m_momentum).add_(grad);
        auto g = m_nesterov ? grad.add(buf, m_momentum) : buf;
        g = newtonSchulz5(g, m_steps, m_nsDtype);
        // Scale correction from the Muon reference: sqrt(max(1, rows/cols)).
        const double scale = std::sqrt(std::max(1.0, double(g.size(0)) / double(g.size(1))));
        p.tensor.add_(g.to(p.tensor.scalar_type()), -m_lr * scale);
    }
}

void Muon::zeroGrad()
{
    for (auto &p : m_params)
        if (p.tensor.grad().defined())
            p.tensor.mutable_grad().zero_();
}

std::vector<std::pair<std::string, torch::Tensor>> Muon::state() const
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto &p : m_params)
        if (p.momentumBuffer.defined())
            out.emplace_back(p.name, p.momentumBuffer);
    return out;
}

void Muon::loadState(const std::vector<std::pair<std::string, torch::Tensor>> &state)
{
    std::map<std::string, torch::Tensor> m(state.begin(), state.end());
    for (auto &p : m_params) {
        auto it = m.find(p.name);
        if (it == m.end())
            continue;
        check(it->second.sizes().equals(p.tensor.sizes()),
              "checkpoint: Muon state for " + p.name + " has the wrong shape");
        p.momentumBuffer = it->second.to(p.tensor.scalar_type()).clone();
    }
}

} // namespace Core
