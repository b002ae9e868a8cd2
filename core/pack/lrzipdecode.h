// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// lrzip streams (the groups of the top record's PGRP container, record-formats.md §2.4: lrzip
// -z -L 9, ZPAQ). Debian 12 ships lrzip only as a program (its library was dropped upstream),
// so decoding runs `lrzip -d` as a child process on a private temporary file and reads its
// standard output, with the output size capped. Torch-free.
//
// The program is $GOLF_LRZIP when set, else `lrzip` on PATH. Header (v0.6): "LRZI", major 0,
// minor 6, the uncompressed size as u64 LE in bytes 6-13.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace Core {

inline constexpr std::string_view kLrzipMagic{"LRZI", 4};

/// The uncompressed size an lrzip header declares. Throws Core::Error naming `what` for a
/// missing magic, a header shorter than 14 bytes or a version other than 0.6.
int64_t lrzipDeclaredSize(std::string_view packed, const std::string &what);

/// Decompresses one lrzip stream of at most `maxBytes` declared and actual bytes. Throws
/// Core::Error naming `what` when the lrzip program is missing (saying how to install it), when
/// it fails (quoting its complaint), or when the output differs from the declared size.
std::string lrzipDecompress(std::string_view packed, const std::string &what, size_t maxBytes);

} // namespace Core
