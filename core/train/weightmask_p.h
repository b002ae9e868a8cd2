// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch): pruning mask files, read by the training hook that holds pruned weights at
// zero (train/weightmask.cpp) and by the rewind driver (analysis/rewind.cpp).
//
// A mask file is a torch.save state dict {name: tensor} for some of the model's tensors, each
// with the weight's shape and only the values 0 (pruned) and 1 (kept); any dtype with those
// values reads (bool, uint8, float). We write bool.

#include "model/checkpoint_p.h"

#include <string>

namespace Core {

/// The mask file at `path` as bool "keep" tensors (CPU), checked against `model`'s tensors.
/// Throws Core::Error naming the file and the tensor for an unknown name, a shape mismatch,
/// a non-finite value or a value other than 0 and 1.
NamedTensors loadMaskFile(const std::string &path, const NamedTensors &model);

} // namespace Core
