// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The general-purpose compressors a container can use, as bare streams (no per-stream framing
// we don't need: the container records the raw size and the codec settings itself, and has its
// own CRC). Bytes are reproducible: the same input and settings give the same output on every
// machine (single-threaded encoders). Why these options: core/pack/MIXED_FORMAT.md §3, §7.
//   Zlib  raw deflate (RFC 1951), deflateInit2(level, Z_DEFLATED, -15, memLevel 9,
//         Z_DEFAULT_STRATEGY); levels 0-9. Python: zlib.decompressobj(-15)
//   Zstd  one frame in the magicless format (no magic, content size, checksum or dictionary id);
//         levels 1-22. Python: zstandard.ZstdDecompressor(format=zstandard.FORMAT_ZSTD1_MAGICLESS)
//         .decompressobj().decompress(b)
//   Lzma  raw LZMA2 with lzma_lzma_preset(level % 10 | extreme if level >= 10), then lc=0 lp=0 pb=0
//         and the dictionary capped at the input size (min 4 KiB); levels 0-9, +10 = extreme.
//         Python: lzma.decompress(b, lzma.FORMAT_RAW,
//         filters=[{"id": lzma.FILTER_LZMA2, "preset": level % 10 | (lzma.PRESET_EXTREME if
//         level >= 10 else 0)}]) (lc/lp/pb travel in the LZMA2 chunks)
//   Brotli  one raw brotli stream (RFC 7932), generic mode, quality = level (0-11), window
//         lgwin = the smallest of 10..24 whose window holds the input (like lzma's dictionary:
//         larger finds nothing more); levels 0-11. Python: brotli.decompress(b)
//
// Every fact about a codec (name, wire code, levels, encoder, decoder) is one row of codecs();
// the container, recipes, the CLI's help and the window's lists read it, so a new codec is one
// row plus its two functions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Core {

enum class Codec { Zlib, Zstd, Lzma, Brotli };

/// One codec's row of the table.
struct CodecInfo
{
    Codec codec;
    const char *name;    ///< in recipes, on the command line and in the window: "zlib", ...
    uint8_t wireCode;    ///< golf-mixed-v1's codec code (MIXED_FORMAT.md §1; 3 bits)
    int minLevel, maxLevel;
    int strongestLevel;  ///< a recipe's level when it names none (zlib 9, zstd 22, lzma 9, ...)
    const char *levelNote; ///< appended to a level-range error ("" for none)
    std::string (*encode)(std::string_view raw, int level);
    std::string (*decode)(std::string_view packed, int level, int64_t rawSize,
                          const std::string &what);
};

/// Every codec, in wire-code order.
const std::vector<CodecInfo> &codecs();
const CodecInfo &codecInfo(Codec codec);
/// The codec with golf-mixed-v1 wire code `code`, or nullptr.
const CodecInfo *codecByWireCode(unsigned code);

/// "zlib" / "zstd" / "lzma" / "brotli".
const char *codecName(Codec codec);
/// "zlib, zstd, lzma, brotli": the names, for help and error texts.
std::string codecNameList();
/// The codec called `name`; throws Core::Error naming `what` for any other name.
Codec codecFromName(const std::string &name, const std::string &what);

/// Throws Core::Error naming `what` for a level outside the codec's range.
void checkCodecLevel(Codec codec, int level, const std::string &what);

std::string compress(std::string_view raw, Codec codec, int level);
/// `rawSize` is the exact decompressed size (recorded by the container). Throws Core::Error
/// naming `what` for corrupt or truncated data and for a size mismatch.
std::string decompress(std::string_view packed, Codec codec, int level, int64_t rawSize,
                       const std::string &what);

} // namespace Core
