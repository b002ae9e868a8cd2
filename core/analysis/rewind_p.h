// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) side of rewinding: the magnitude rule that makes the next round's pruning
// mask (analysis/rewind.cpp). Mask files themselves: train/weightmask_p.h. Exposed for tests.

#include "train/weightmask_p.h"

#include <cstdint>
#include <string>

namespace Core {

/// How many of `numel` weights are pruned after pruning `fraction` of the `pruned`-so-far
/// survivors: pruned + floor(fraction * (numel - pruned)) (the export's floor rule).
int64_t nextPrunedCount(int64_t numel, int64_t pruned, double fraction);

/// The keep mask (bool, w's shape) that prunes exactly `prunedTotal` weights of `w`: every
/// weight `keep` already prunes, then the surviving weights with the smallest |w|. Ties go to
/// the lower flat index (stable sort), so the result is reproducible. `keep` may be undefined
/// (all kept). Throws Error when prunedTotal is below the already pruned count or above numel.
torch::Tensor magnitudeKeepMask(const torch::Tensor &w, const torch::Tensor &keep,
                                int64_t prunedTotal);

} // namespace Core
