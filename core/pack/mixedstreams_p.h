// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The byte layouts of golf-mixed-v1 streams before compression (MIXED_FORMAT.md §3): codes
// packed base L = 2*qmax+1 with as many codes per byte as fit, floats byte-shuffled, and the
// optional column-major order. Pure functions over plain buffers, private to pack/.

#include "pack/quantsetting.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Core::Internal {

/// Number of distinct codes: 2*qmax+1 (Int, Ternary), 2 (Binary: -1, +1).
int codeLevels(const QuantSetting &setting);
/// Codes per byte: the largest k with levels^k <= 256 (8, 5, 2, 2, 1 for 2, 3, 7, 15, >=16 levels).
int codesPerByte(int levels);
/// Bytes of a packed code stream of n codes.
int64_t packedCodeBytes(int64_t n, const QuantSetting &setting);

/// Packs codes (already in stream order). Byte j holds codes j*k .. j*k+k-1 as the base-L digits
/// d_0 + d_1*L + ... + d_{k-1}*L^(k-1), d = code + qmax (Binary: (code + 1) / 2); the missing
/// digits of the last byte are 0. Codes must be in range (the caller checked).
std::string packCodes(const int8_t *codes, int64_t n, const QuantSetting &setting);
/// The inverse. Throws Core::Error naming `what` for a byte that is not a valid packing of
/// in-range codes (a byte >= L^k, or non-zero padding digits in the last byte). `bytes` must be
/// packedCodeBytes(n) long.
std::vector<int8_t> unpackCodes(std::string_view bytes, int64_t n, const QuantSetting &setting,
                                const std::string &what);

/// Row-major [rows, cols] elements of `elemBytes` bytes each -> column-major, and back.
std::string toColumnMajor(std::string_view data, int64_t rows, int64_t cols, int elemBytes);
std::string fromColumnMajor(std::string_view data, int64_t rows, int64_t cols, int elemBytes);

/// Byte shuffle (the records' "BSHF" idea): for values of `stride` bytes, all first bytes, then
/// all second bytes, ... The size must be a multiple of stride.
std::string shuffleBytes(std::string_view data, int stride);
std::string unshuffleBytes(std::string_view data, int stride);

} // namespace Core::Internal
