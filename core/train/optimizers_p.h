// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The official optimizer split (PARAMETER_GOLF.md §4.3), in one place for the Trainer, the
// interop peer and the benchmarks: Muon on 2-D block matrices, Adam on the embedding, an untied
// head and every scalar/control tensor.

#include "config/controltensors.h"
#include "model/gpt_p.h"
#include "train/adam_p.h"
#include "train/muon_p.h"
#include "config/trainconfig.h"

#include <memory>
#include <string>

namespace Core {

struct Optimizers
{
    std::unique_ptr<Muon> muon;
    std::unique_ptr<Adam> adam;

    /// Splits `gpt`'s parameters and sets the learning rates, betas and Muon settings of `cfg`.
    static Optimizers official(GptImpl &gpt, const TrainConfig &cfg);

    /// One optimizer step at the schedule's lr multiplier and Muon momentum, then every gradient
    /// is set to none (zero_grad(set_to_none=True)).
    void step(GptImpl &gpt, double lrMultiplier, double muonMomentum);
};

} // namespace Core
