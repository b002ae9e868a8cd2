// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/adam_p.h"

#include "common/error.h"

#include <cmath>
#include <map>

namespace Core {

void Adam::step()
{
    torch::NoGradGuard noGrad;
    for (auto &p : m_params) {
        const auto &grad = p.tensor.grad();
        if (!grad.defined())
            continue;
        if (!p.expAvg.defined()) {
            p.expAvg = torch::zeros_like(p.tensor);
            p.expAvgSq = torch::zeros_like(p.tensor);
        }
        ++p.step;
        const double bc1 = 1.0 - std::pow(m_beta1, double(p.step));
        const double bc2 = 1.0 - std::pow(m_beta2, double(p.step));
        p.expAvg.mul_(m_beta1).add_(grad, 1.0 - m_beta1);
        p.expAvgSq.mul_(m_beta2).addcmul_(grad, grad, 1.0 - m_beta2);
        // Same operation order as torch.optim.Adam's single-tensor path.
        auto denom = (p.expAvgSq.sqrt() / std::sqrt(bc2)).add_(m_eps);
        p.tensor.addcdiv_(p.expAvg, denom, -(p.baseLr * m_mul) / bc1);
    }
}

std::vector<std::pair<std::string, torch::Tensor>> Adam::state() const
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto &p : m_params) {
        if (!p.expAvg.defined())
            continue;
        out.emplace_back(p.name + ".exp_avg", p.expAvg);
        out.emplace_back(p.name + ".exp_avg_sq", p.expAvgSq);
        out.emplace_back(p.name + ".step", torch::tensor(p.step, torch::kInt64));
    }
    return out;
}

void Adam::loadState(const std::vector<std::pair<std::string, torch::Tensor>> &state)
{
    std::map<std::string, torch::Tensor> m(state.begin(), state.end());
    for (auto &p : m_params) {
        auto it = m.find(p.name + ".exp_avg");
        if (it == m.end())
            continue;
        auto sq = m.find(p.name + ".exp_avg_sq");
        auto st = m.find(p.name + ".step");
        check(sq != m.end() && st != m.end() && it->second.sizes().equals(p.tensor.sizes())
                  && sq->second.sizes().equals(p.tensor.sizes()),
              "checkpoint: Adam state for " + p.name + " is incomplete or mis-shaped");
        p.expAvg = it->second.to(p.tensor.scalar_type()).clone();
        p.expAvgSq = sq->second.to(p.tensor.scalar_type()).clone();
        p.step = st->second.item<int64_t>();
    }
}

} // namespace Core
