// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The kernel tests' one measure of agreement between a fast path and its reference.

#include <torch/torch.h>

#include <algorithm>

namespace TestData {

/// max |a - b| relative to the reference's largest entry, or to `floor` when that is larger:
/// floor 1 (the inputs' scale) where an exact zero in theory comes out as rounding noise on both
/// sides (a query reading a single key has dq = 0; dP - rowsum(dO o O) is two terms of ~hd).
inline double maxRelDiff(const torch::Tensor &a, const torch::Tensor &b, double floor = 1.0)
{
    const double scale = std::max(floor, b.abs().max().item<double>());
    return (a - b).abs().max().item<double>() / scale;
}

} // namespace TestData
