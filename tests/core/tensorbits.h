// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Bit-exact tensor comparison for the core tests.

#include <torch/torch.h>

#include <cstring>

namespace TestData {

/// Same dtype, shape and bytes (so -0 and +0 differ, and NaNs compare by payload, which
/// torch::equal would not see).
inline bool sameBits(const torch::Tensor &a, const torch::Tensor &b)
{
    if (a.scalar_type() != b.scalar_type() || !a.sizes().equals(b.sizes()))
        return false;
    const torch::Tensor x = a.contiguous(), y = b.contiguous();
    // An empty tensor's data pointer may be null, which memcmp must not get even for 0 bytes.
    return x.nbytes() == 0 || std::memcmp(x.data_ptr(), y.data_ptr(), x.nbytes()) == 0;
}

} // namespace TestData
