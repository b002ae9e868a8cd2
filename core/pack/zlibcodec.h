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

/// What zlibDecompress inflates at most by default: 1 GiB. A 16,000,000-byte artifact's int8
/// export inflates to well under 100 MB; deflate's ~1000:1 ratio would otherwise let a 16 MB
/// file (a zip bomb) demand 16 GB before anything could check it.
inline constexpr size_t kMaxInflatedBytes = size_t(1) << 30;

/// zlib.decompress(bytes). Throws Core::Error naming `what` for corrupt or truncated input, and
/// for a stream that inflates to more than `maxBytes` (stopping there, so memory stays bounded).
std::string zlibDecompress(std::string_view bytes, const std::string &what,
                           size_t maxBytes = kMaxInflatedBytes);

} // namespace Core
