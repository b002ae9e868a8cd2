// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One training step exactly as Core::Trainer takes it (GptImpl::loss, backward, Muon on block
// matrices, Adam on the rest, grads set to none), for the interop tool and the benchmark, using
// the Trainer's own optimizer split (core/train/optimizers_p.h) at the official settings.

#include "model/gpt_p.h"
#include "train/optimizers_p.h"
#include "config/trainconfig.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace GolfTest {

using Optimizers = Core::Optimizers;

/// The Trainer's optimizers at the official settings (TrainConfig's defaults), with the given
/// Muon momentum.
inline Optimizers officialOptimizers(Core::GptImpl &gpt, double muonMomentum)
{
    Core::TrainConfig cfg; // official defaults
    cfg.muon_momentum = muonMomentum;
    return Core::Optimizers::official(gpt, cfg);
}

/// Forward, backward and both optimizer steps on one batch; returns the loss before the step.
inline double trainStep(Core::GptImpl &gpt, Optimizers &opt, const torch::Tensor &x,
                        const torch::Tensor &y)
{
    auto loss = gpt.loss(x, y);
    const double value = loss.item<double>();
    loss.backward();
    opt.step(gpt, 1.0, opt.muon->momentum());
    return value;
}

} // namespace GolfTest
