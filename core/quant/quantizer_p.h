// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) quantizers for every QuantSetting (pack/quantsetting.h documents the
// arithmetic). Two implementations of the same arithmetic live side by side:
//   quantize / dequantize            vectorised libtorch, the ones the product uses;
//   quantizeReference / dequantizeReference   plain scalar loops written straight from the
//                                   definitions, kept to test the fast path against.
// Both give identical codes and scales (tests/core/tst_quantizer.cpp).

#include "pack/quantizedtensor.h"

#include <torch/torch.h>

#include <string>

namespace Core {

/// Zeroes weights as `setting` prunes them (PruneMode::None returns `t` itself). The result is
/// float32 with t's shape.
torch::Tensor prune(const torch::Tensor &t, const QuantSetting &setting);
torch::Tensor pruneReference(const torch::Tensor &t, const QuantSetting &setting);

/// Prunes, then quantizes `t` (any float dtype, any shape) as `setting` says. Throws
/// Core::Error naming `name` for a setting invalid for this tensor.
QuantizedTensor quantize(const std::string &name, const torch::Tensor &t, const QuantSetting &setting);
QuantizedTensor quantizeReference(const std::string &name, const torch::Tensor &t,
                                  const QuantSetting &setting);

/// The scales quantize() derives for the float32 matrix `w` [rows, cols] (already pruned) under
/// `setting` (Int, Binary or Ternary), by the very same arithmetic: {stored, value} where
/// `stored` holds the scales in setting.scaleType and `value` the same numbers as float32, both
/// [scale groups] in scale-group order (quantsetting.h). GPTQ (quant/gptq.cpp) uses it so that
/// its scales are exactly the ones round-to-nearest would store.
std::pair<torch::Tensor, torch::Tensor> quantScales(const torch::Tensor &w,
                                                    const QuantSetting &setting);

/// Back to a tensor of the original shape and dtype (q.dtype). Throws Core::Error for
/// inconsistent sizes (codes vs shape, scale count, value bytes).
torch::Tensor dequantize(const QuantizedTensor &q);
torch::Tensor dequantizeReference(const QuantizedTensor &q);

} // namespace Core
