// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The expected-L0 penalty that drives a gated model (GptConfig::l0Gates) to a target sparsity.
// Sparsity is counted in parameters, not gates: a head group weighs what its c_q, c_k, c_v,
// ve_proj rows, q_gain entries and proj columns weigh, an MLP unit its fc row and proj column,
// so the target is a share of the gated bytes. With s the sparsity and t the target, the
// trainer adds
//
//     lambda (s - t)^2
//
// where s has the value of the test-time sparsity (the share the removal at load takes away)
// and the gradient of the expected sparsity, 1 - sum of P(gate open) x weight / total weight
// (a straight-through estimate: the test-time gates are not differentiable). With the expected
// sparsity alone, runs settled at their target in expectation but exported 3.5 points more
// (demo 4 x 256, 200 steps: 0.535 for 0.5), because gates just below log alpha -2.4 count as
// closed at test time but only mostly closed in expectation.
//
// and raises lambda by gradient ascent after each step (lambda += lr (s - t)^2), the quadratic
// term of the Lagrangian Wang, Wohlwend & Lei (2020) use for structured pruning with L0 gates.
// A fixed weight would settle wherever the task loss balances it; a growing one pulls s to t.
// Their linear term (lambda1 (s - t), also raised by ascent) is left out on purpose: it
// integrates the signed error, and on runs of a few hundred steps it wound up while the gates
// lagged and overshot the target by 40 points (demo, 2 x 128, 100 steps: 0.93 for a target of
// 0.5), where the quadratic term alone settles at the target (0.501; l0_lr 0.2,
// l0_lambda_lr 20). The target ramps from 0 to
// l0_target_sparsity over the first l0_warmup_fraction of training, so the model first learns
// what to keep.

#include "config/trainconfig.h"

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace Core {

class GptImpl;

class L0Penalty
{
public:
    L0Penalty(const TrainConfig &cfg, GptImpl &model);

    /// Back-propagates the penalty at training progress `progress` (in [0, 1]) into the gates'
    /// gradients, and remembers the sparsity it saw for updateMultipliers().
    void backward(double progress);
    /// The ascent step on lambda, once per optimizer step.
    void updateMultipliers();

    struct Stats
    {
        double expected = 0; ///< expected sparsity under the training noise
        double test = 0;     ///< sparsity of the test-time gates (what removal takes away)
        double target = 0;   ///< the target at this point of the ramp
        double lambda = 0;
    };
    Stats stats() const;

    /// Lambda, for the training state of a checkpoint.
    std::vector<std::pair<std::string, torch::Tensor>> state() const;
    void loadState(const std::vector<std::pair<std::string, torch::Tensor>> &state);

    std::string description() const;

private:
    struct Gate
    {
        torch::Tensor logAlpha;
        double weight; ///< parameters one gate of this tensor removes
    };
    double m_targetSparsity, m_warmup, m_lambdaLr;
    std::vector<Gate> m_gates;
    double m_totalWeight = 0;
    double m_lambda = 0;
    double testSparsity() const;
    double m_lastExpected = 0, m_lastTest = 0, m_lastTarget = 0;
};

} // namespace Core
