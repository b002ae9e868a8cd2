// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The outer compression of the records' artifacts (record-formats.md §2.1): one whole stream of
// zlib (`78 ..`, Python's zlib.compress), zstd (`28 B5 2F FD`, a standard frame), xz
// (`FD 37 7A 58 5A 00`, Python's lzma.compress) or brotli (no magic, so tried last), and inside
// it, optionally, the BSHF byte shuffle (pack/bshf.h). Sniffed by content, never by file name.
// Decoding only; golf-mixed-v1's own codecs are pack/codec.h. Torch-free.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace Core {

enum class RecordCodec { Zlib, Zstd, Xz, Brotli };

/// "zlib" / "zstd" / "xz" / "brotli".
const char *recordCodecName(RecordCodec codec);

/// What a decompressed artifact may inflate to at most: 1 GiB (a 16 MB artifact of int6 codes
/// inflates to ~25 MB; a bomb could otherwise demand gigabytes before anything checks it).
inline constexpr size_t kMaxRecordInflatedBytes = size_t(1) << 30;

/// The codec whose magic `head` starts with; nullopt when none matches (brotli has no magic).
std::optional<RecordCodec> sniffRecordCodec(std::string_view head);

/// Decodes one whole stream of `codec`. Throws Core::Error naming `what` for corrupt or
/// truncated input, trailing bytes, and output beyond `maxBytes`.
std::string decodeRecordCodec(std::string_view packed, RecordCodec codec, const std::string &what,
                              size_t maxBytes = kMaxRecordInflatedBytes);

struct RecordStream
{
    RecordCodec codec = RecordCodec::Zlib;
    int shuffleStride = 0;  ///< BSHF stride inside the stream; 0 when not shuffled
    std::string raw;        ///< decompressed and unshuffled bytes
    /// "zstd", "brotli + BSHF/2", ...
    std::string describe() const;
};

/// Sniffs and decodes a whole file: the codec of its magic, or brotli when no magic matches;
/// then undoes a BSHF shuffle. Throws Core::Error naming `what` when nothing decodes it.
RecordStream decodeRecordStream(std::string_view file, const std::string &what,
                                size_t maxBytes = kMaxRecordInflatedBytes);

} // namespace Core
