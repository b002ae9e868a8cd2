// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/muon_p.h"

#include "common/error.h"
#include "dist/collective.h"

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
    const int world = m_world ? m_world->size() : 1, rank = m_world ? m_world->rank() : 0;
    int64_t total = 0;
    for (const auto &p : m_params)
        total += p.tensor.numel();
    if (world > 1) {
        if (!m_updates.defined() || m_updates.numel() != total)
            m_updates = torch::empty({total}, m_params.front().tensor.options().dtype(torch::kFloat32));
        m_updates.zero_();
    }
    int64_t offset = 0;
    for (size_t i = 0; i < m_params.size(); ++i) {
        auto &p = m_params[i];
        const int64_t at = offset;
        offset += p.tensor.numel();
        const auto &grad = p.tensor.grad();
        if (!grad.defined())
            continue;
        if (!p.momentumBuffer.defined())
            p.momentumBuffer = torch::zeros_like(grad);
        auto &buf = p.momentumBuffer;
        buf.mul_(m_momentum).add_(grad);
        if (int(i % size_t(world)) != rank)
            continue;
        auto g = m_nesterov ? grad.add(buf, m_momentum) : buf;
        g = newtonSchulz5(g, m_steps, m_nsDtype);
        if (world > 1)
            m_updates.narrow(0, at, p.tensor.numel()).copy_(g.reshape({-1}));
        else
            apply(p, g);
    }
    if (world == 1)
        return;
    m_world->allReduceSum(m_updates, "the Muon update exchange");
    offset = 0;
    for (auto &p : m_params) {
        const int64_t at = offset;
        offset += p.tensor.numel();
        if (p.tensor.grad().defined())
            apply(p, m_updates.narrow(0, at, p.tensor.numel()).view(p.tensor.sizes()));
    }
}

void Muon::apply(Param &p, const torch::Tensor &update)
{
    // Scale correction from the Muon reference: sqrt(max(1, rows/cols)).
    const double scale = std::sqrt(std::max(1.0, double(update.size(0)) / double(update.size(1))));
    p.tensor.add_(update.to(p.tensor.scalar_type()), -m_lr * scale);
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
