// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// 8-bit floats, decoded by hand: libtorch 1.13 has no float8 dtypes, but the ternary records
// store some tensors as torch.float8_e4m3fn (record-formats.md §2.5). Every value of both
// formats is exact in float32. Torch-free.
//   e4m3fn  sign, 4 exponent bits (bias 7), 3 mantissa bits; no infinities, S.1111.111 is NaN;
//           largest finite 448
//   e5m2    sign, 5 exponent bits (bias 15), 2 mantissa bits: the upper byte of an IEEE half,
//           with its infinities and NaNs

#include <cstdint>

namespace Core {

float float8e4m3fnToFloat(uint8_t bits);
float float8e5m2ToFloat(uint8_t bits);

} // namespace Core
