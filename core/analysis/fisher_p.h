// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch): the diagonal empirical Fisher of the training loss, the curvature estimate
// behind the "fisher" sensitivity proxy: dL ~ 1/2 sum_j F_j dw_j^2 for a small change dw.

#include <torch/torch.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace Core {

class Model;

/// F for each named weight from `tokens` training tokens of the shards `trainGlob`, read in
/// sequences of `seqLen`. Per-token gradients would be exact but cost a backward pass per token;
/// the gradient g_s of each sequence's mean loss is used instead and F = seqLen * mean_s g_s^2,
/// which matches E[g_token^2] when tokens' gradients are roughly independent. Only a ranking
/// and a rough scale are needed (its agreement with measurement is reported).
std::map<std::string, torch::Tensor> fisherDiagonal(Model &model, const std::vector<std::string> &names,
                                                    const std::string &trainGlob, int64_t tokens,
                                                    int64_t seqLen,
                                                    const std::function<bool(int64_t, int64_t)> &progress);

} // namespace Core
