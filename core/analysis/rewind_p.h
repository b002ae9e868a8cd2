// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) side of pruning masks: reading a mask file against a model (the training
// hook in train/weightmask.cpp and the rewind driver share it) and the magnitude rule that
// makes the next round's mask (train/rewind.cpp). Exposed for tests.
//
// A mask file is a torch.save state dict {name: tensor} for some of the model's tensors, each
// with the weight's shape and only the values 0 (pruned) and 1 (kept); any dtype with those
// values reads (bool, uint8, float). We write bool.

#include "run/checkpoint_p.h"

#include <cstdint>
#include <string>

namespace Core {

/// The mask file at `path` as bool "keep" tensors (CPU), checked against `model`'s tensors.
/// Throws Core::Error naming the file and the tensor for an unknown name, a shape mismatch,
/// a non-finite value or a value other than 0 and 1.
NamedTensors loadMaskFile(const std::string &path, const NamedTensors &model);

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
