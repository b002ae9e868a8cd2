// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Hard-concrete gates (Louizos, Welling & Kingma, "Learning Sparse Neural Networks through L0
// Regularization", 2018) on a block's head groups and MLP hidden units (GptConfig::l0Gates).
// A gate with parameter log alpha is, in training, a sample
//     u ~ U(0,1);  s = sigmoid((log u - log(1-u) + log alpha) / beta);  z = clamp(s (zeta - gamma) + gamma, 0, 1)
// The stretch (gamma < 0 < 1 < zeta) is what gives the distribution mass at exactly 0 and 1.
// P(z != 0) = sigmoid(log alpha - beta log(-gamma / zeta)) is the expected-L0 term.
//
// At test time the paper's gate is z = clamp(sigmoid(log alpha) (zeta - gamma) + gamma, 0, 1).
// That alone keeps gates the training noise had mostly closed (it is 0 only for log alpha below
// log(-gamma / zeta) = -2.4), so a run that met its expected sparsity exports less sparse. As in
// CoFi (Xia, Zhong & Chen 2022), the test-time gates of a tensor also close its k lowest-scoring
// gates, k = round(sum of P(z = 0)) being the expected number of closed ones: what is removed
// then matches the sparsity the penalty trained for.

#include "config/gatetensors.h"
#include "config/gptconfig.h"
#include "model/namedtensors.h"

#include <torch/torch.h>

namespace Core {

namespace HardConcrete {
inline constexpr double kBeta = 2.0 / 3.0, kGamma = -0.1, kZeta = 1.1; // the paper's values
/// Initial log alpha for a tensor of `n` gates: high enough that every test-time gate is exactly
/// 1 (log alpha > 2.4) and that the expected number of closed gates rounds to 0, so a gated
/// model starts as the plain one.
double initLogAlpha(int64_t n);
} // namespace HardConcrete

/// A training sample of the gates for `logAlpha` (any shape), noise from `generator`.
torch::Tensor sampleGates(const torch::Tensor &logAlpha, at::Generator generator);
/// The test-time gates (see above).
torch::Tensor testGates(const torch::Tensor &logAlpha);
/// P(gate != 0) per gate, differentiable in log alpha.
torch::Tensor openProbability(const torch::Tensor &logAlpha);

/// The model a gated one stands for, smaller: every closed gate's rows and columns removed
/// (the head group's c_q, c_k, c_v, ve_proj rows, q_gain entries and proj columns; the unit's fc
/// row and proj column) and each open gate's test-time value folded into the output projection's
/// columns, so the result computes exactly what the gated model computes at test time. A block
/// keeps at least its strongest head group and hidden unit. The config comes back without
/// l0_gates and with layer_kv_heads / layer_mlp_hidden. `tensors` are the gated model's, in its
/// state-dict order.
std::pair<GptConfig, NamedTensors> removeClosedGates(const GptConfig &config, const NamedTensors &tensors);

} // namespace Core
