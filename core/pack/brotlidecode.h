// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Brotli (RFC 7932) decoding of whole streams, as Python's brotli.decompress reads what the
// records' scripts write (quality 11, lgwin 24). Decoding only: a brotli stream has no magic, so
// a reader tries it last, after every format that has one. Torch-free; Debian's libbrotlidec.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace Core {

/// Runs the decoder over one complete brotli stream, handing each decoded chunk to `sink` (which
/// may throw to stop it). Returns how many bytes of `packed` follow the end of the stream. Throws
/// Core::Error naming `what` for a corrupt or truncated stream.
size_t brotliDecodeStream(std::string_view packed, const std::string &what,
                          const std::function<void(const char *data, size_t size)> &sink);

/// Decodes one complete brotli stream. Throws Core::Error naming `what` for corrupt or truncated
/// input, bytes after the end of the stream, and output beyond `maxBytes` (decoding stops
/// there, so a small file cannot demand unbounded memory).
std::string brotliDecompress(std::string_view packed, const std::string &what, size_t maxBytes);

} // namespace Core
