// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// zlib streams (RFC 1950), as Python's zlib.compress/zlib.decompress write and read them: the
// official export wraps torch.save bytes in one (PARAMETER_GOLF.md §5.2). Torch-free so that
// size accounting and tools can use it without libtorch.

#include <string>
#include <string_view>

namespace Core {

/// zlib.compress(bytes, level). Level 9 is what the official export uses.
std::string zlibCompress(std::string_view bytes, int level = 9);

/// Raw deflate (RFC 1951, no header or checksum; memLevel 9), the golf-mixed-v1 zlib codec.
std::string deflateRaw(std::string_view bytes, int level);

/// zlib.decompress(bytes). Throws Core::Error naming `what` for corrupt or truncated input.
std::string zlibDecompress(std::string_view bytes, const std::string &what);

} // namespace Core
