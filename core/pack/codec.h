// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The general-purpose compressors a container can use, as bare streams (no per-stream framing
// we don't need: the container records the raw size and the codec settings itself). Bytes are
// reproducible: the same input and settings give the same output on every machine.
//   Zlib  raw deflate (RFC 1951; Python: zlib.decompress(b, -15)), levels 0-9
//   Zstd  one zstd frame without checksum (Python: zstandard.ZstdDecompressor()
//         .decompress(b, max_output_size=n)), levels 1-22
//   Lzma  raw LZMA2 (Python: lzma.decompress(b, lzma.FORMAT_RAW,
//         filters=[{"id": lzma.FILTER_LZMA2, "preset": p}])), presets 0-9, +10 = extreme

#include "quant/recipe.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace Core {

/// Throws Core::Error naming `what` for a level outside the codec's range.
void checkCodecLevel(Codec codec, int level, const std::string &what);

std::string compress(std::string_view raw, Codec codec, int level);
/// `rawSize` is the exact decompressed size (recorded by the container). Throws Core::Error
/// naming `what` for corrupt or truncated data and for a size mismatch.
std::string decompress(std::string_view packed, Codec codec, int level, int64_t rawSize,
                       const std::string &what);

} // namespace Core
