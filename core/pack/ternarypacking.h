// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The bit packings of the ternary records (#640 family, record-formats.md §2.5), torch-free:
//   base-3   5 trits per byte, byte = Σ (t_i + 1)·3^i (i = 0..4), the last byte zero-padded
//   bitmask  packbits(t != 0) ‖ packbits(t[t != 0] > 0): numpy's packbits, most significant bit
//            first, each part zero-padded to whole bytes
//   nibbles  fp4 entries: two 4-bit codes per byte, low nibble first, code = q + 8 (q in -8..7)
// Unpacking is strict: a length other than the one the packer writes, or a base-3 byte above
// 242 (3^5 - 1), is corrupt data and an error, never silently wrong weights.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Core {

/// `n` trits in {-1, 0, +1} from base-3 bytes. Throws Core::Error naming `what`.
std::vector<int8_t> unpackTernaryBase3(std::string_view packed, int64_t n, const std::string &what);

/// `n` trits from a nonzero mask and the signs of the nonzero ones. Throws Core::Error.
std::vector<int8_t> unpackTernaryBitmask(std::string_view packed, int64_t n, const std::string &what);

/// `n` signed 4-bit codes (-8..7) from nibble pairs. Throws Core::Error naming `what` when
/// `packed` holds other than ceil(n / 2) bytes.
std::vector<int8_t> unpackNibbles(std::string_view packed, int64_t n, const std::string &what);

} // namespace Core
