// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the fast quantizer (quantizer.cpp, prune.cpp) and the reference one
// (quantizer_reference.cpp) share: the scale-group geometry and the input checks. No
// arithmetic lives here, so the two implementations stay independent where it matters.

#include "pack/quantizedtensor.h"

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

// Codes, scales and values are stored as the host's bytes; the formats say little-endian.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "quantizer byte layout assumes little-endian");

namespace Core::Internal {

/// How the scale groups tile a tensor: the tensor as [rows, cols] (Tensor granularity: one row
/// of all values), each row cut into `groupsPerRow` runs of `groupLen` values, the last of which
/// may be shorter. The fast path pads every row to groupsPerRow * groupLen to get a
/// [count(), groupLen] view.
struct ScaleLayout
{
    int64_t rows = 0;
    int64_t cols = 0;
    int64_t groupsPerRow = 0;
    int64_t groupLen = 0;

    int64_t count() const { return rows * groupsPerRow; }
    int64_t paddedCols() const { return groupsPerRow * groupLen; }
    /// Length of the j-th group of a row (groupLen except for a short last one).
    int64_t lengthOf(int64_t j) const { return std::min(groupLen, cols - j * groupLen); }
};

/// The layout for q.shape and q.setting; count() equals q.scaleCount().
ScaleLayout scaleLayout(const QuantizedTensor &q);

std::vector<int64_t> shapeOf(const torch::Tensor &t);
torch::ScalarType torchType(FloatType type);
/// The FloatType of a float16/bfloat16 dtype; float32 for any other.
FloatType floatTypeOf(torch::ScalarType type);
/// A tensor's raw bytes (made contiguous): how codes, scales and values are stored.
std::string tensorBytes(const torch::Tensor &t);
/// Largest finite value of a float type, as a double (scales saturate there instead of inf).
double maxFinite(FloatType type);
/// float32 / float64 / float16 / bfloat16 from their names; Error naming `what` otherwise.
torch::ScalarType floatDtypeFromName(const std::string &name, const std::string &what);

/// Number of elements (or blocks) a sparsity prunes: floor(sparsity * total).
int64_t prunedCount(double sparsity, int64_t total);

/// Before quantizing tensor `name`: the setting is valid, the tensor is floating point, and
/// Binary is not combined with pruning. Values are checked for finiteness by each path.
void checkQuantizable(const std::string &name, const torch::Tensor &t, const QuantSetting &setting);

/// Before dequantizing: a valid setting, a known dtype, a sane shape, payload sizes that fit
/// the shape (codes, scale bytes, value bytes), codes inside the scheme's range, finite
/// non-negative scales. Errors name q.name.
void checkQuantized(const QuantizedTensor &q);

} // namespace Core::Internal
