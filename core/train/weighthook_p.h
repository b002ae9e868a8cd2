// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Changes the trainer makes to the weights around each step, beside the optimizers, so that a
// model can be trained for the form it will be exported in:
//   QAT (train/qat.cpp)              the forward and backward passes see the weights
//                                    fake-quantized as a recipe stores them (straight-through);
//   pruning mask (train/weightmask.cpp)  pruned weights stay exactly zero (lottery-ticket
//                                    retraining after a rewind).
// The trainer owns one list of hooks, built once from the configuration, and calls every hook
// at each point in list order. Hooks keep no state that a resume would need beyond what the
// configuration and the checkpointed weights already say.

#include "config/trainconfig.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace Core {

class GptImpl;

class WeightHook
{
public:
    virtual ~WeightHook() = default;

    /// Before the first forward pass of a step. `step` counts the steps already done;
    /// `progress` is the fraction of training done, in [0, 1] (by iterations or, under a
    /// wall-clock cap, by time, whichever is further).
    virtual void beforeForward(int64_t step, double progress) { (void)step, (void)progress; }
    /// After the last backward pass of the step, before gradient clipping and the optimizers.
    virtual void afterBackward(int64_t step) { (void)step; }
    /// After the optimizers have updated the weights.
    virtual void afterStep(int64_t step) { (void)step; }
    /// Once, after the hook is built: may log what the hook will do. `log` may be kept and
    /// called later; it writes to the log of the trainer's current run (or nowhere between runs).
    virtual void describe(const std::function<void(const std::string &)> &log) const { (void)log; }
};

using WeightHooks = std::vector<std::unique_ptr<WeightHook>>;

/// Quantization-aware training from cfg.qat_recipe; nullptr when QAT is off.
std::unique_ptr<WeightHook> makeQatHook(const TrainConfig &cfg, GptImpl &model);
/// Pruning mask from cfg.prune_mask; nullptr when there is no mask.
std::unique_ptr<WeightHook> makeMaskHook(const TrainConfig &cfg, GptImpl &model);

/// Every hook the configuration asks for, in the order the trainer must call them: the mask
/// first (so QAT quantizes the pruned weights), then QAT.
WeightHooks makeWeightHooks(const TrainConfig &cfg, GptImpl &model);

} // namespace Core
