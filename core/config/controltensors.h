// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The baseline's CONTROL_TENSOR_NAME_PATTERNS (PARAMETER_GOLF.md §4.3): small tensors that
// steer the residual stream (attn_scale, mlp_scale, resid_mix, q_gain, skip_weight and their
// plurals). The optimizer split sends them to Adam even when 2-D, and the official export keeps
// them fp32. One list for the trainer, the recipes and the official container.

#include <string>
#include <vector>

namespace Core {

/// The name fragments, in the official order.
const std::vector<std::string> &controlTensorPatterns();
/// True when `name` contains one of the patterns.
bool isControlTensor(const std::string &name);

} // namespace Core
