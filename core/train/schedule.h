// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/trainconfig.h"

namespace Core {

/// Learning-rate multiplier of the official recipe: 1.0, then a linear warmdown to 0. With a
/// wall-clock cap the warmdown is time-based (warmdown_ms = warmdown_iters x average step time;
/// multiplier = remaining_ms / warmdown_ms once remaining_ms <= warmdown_ms); without one it is
/// over the last warmdown_iters iterations (deterministic, so equal seeds give equal curves).
double lrMultiplier(const TrainConfig &c, int64_t step, double elapsedMs);

/// Muon momentum: linear from muon_momentum_warmup_start to muon_momentum over
/// muon_momentum_warmup_steps, then constant.
double muonMomentumAt(const TrainConfig &c, int64_t step);

} // namespace Core
