// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Splitting a byte count in proportion to weights so that the parts sum exactly to it: how a
// single compressed stream's bytes are attributed to the tensors inside it (pack/sizereport.h).
// Torch-free.

#include <cstdint>
#include <vector>

namespace Core {

/// `total` split in proportion to `weights` (largest-remainder rounding, ties to the earlier
/// entry, so the split is reproducible); all to the first entry when every weight is 0.
std::vector<int64_t> apportionBytes(int64_t total, const std::vector<int64_t> &weights);

} // namespace Core
