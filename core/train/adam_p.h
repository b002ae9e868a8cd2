// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Adam exactly as torch.optim.Adam (no weight decay, no amsgrad), with its state in plain named
// tensors so checkpoints can carry it and resume bit-for-bit.

#include <torch/torch.h>

#include <string>
#include <vector>

namespace Core {

class Adam
{
public:
    struct Param
    {
        std::string name;
        torch::Tensor tensor;
        double baseLr;
        torch::Tensor expAvg, expAvgSq; // created on first step
        int64_t step = 0;
    };

    Adam(double beta1, double beta2, double eps)
        : m_beta1(beta1)
        , m_beta2(beta2)
        , m_eps(eps)
    {}

    /// Adds a parameter group member with its own base learning rate.
    void add(const std::string &name, const torch::Tensor &t, double baseLr)
    {
        m_params.push_back({name, t, baseLr, {}, {}, 0});
    }
    /// Every group's lr = base lr * mul (the schedule's multiplier).
    void setLrMultiplier(double mul) { m_mul = mul; }
    void step();

    /// State as "<name>.exp_avg", "<name>.exp_avg_sq" tensors and "<name>.step" scalars.
    std::vector<std::pair<std::string, torch::Tensor>> state() const;
    void loadState(const std::vector<std::pair<std::string, torch::Tensor>> &state);
    const std::vector<Param> &params() const { return m_params; }

private:
    std::vector<Param> m_params;
    double m_beta1, m_beta2, m_eps, m_mul = 1.0;
};

} // namespace Core
