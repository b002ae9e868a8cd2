// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The records' byte shuffle (record-formats.md §2.2): `BSHF`, one stride byte s, then the
// payload de-interleaved by stride, src[0::s] ‖ src[1::s] ‖ … ‖ src[s-1::s]. Scripts apply it to
// the torch.save bytes before compressing, so fp16 scales' high and low bytes land in separate
// runs; the marker therefore sits *inside* the compressed stream. Torch-free.

#include <string>
#include <string_view>

namespace Core {

inline constexpr std::string_view kBshfMagic{"BSHF", 4};

/// Whether decompressed bytes start with the marker and its stride byte.
bool hasByteShuffle(std::string_view bytes);

/// The stride byte of a shuffled stream (call only when hasByteShuffle).
int byteShuffleStride(std::string_view bytes);

/// Undoes the shuffle of `bytes` (marker, stride, payload): lane p holds n/s + (p < n%s) bytes.
/// A stride below 2 means the payload is stored as is, as the records' reader treats it.
/// Throws Core::Error naming `what` when the marker is missing.
std::string byteUnshuffle(std::string_view bytes, const std::string &what);

/// The shuffle itself (marker included), for tests and fixtures; `stride` in 1..255.
std::string byteShuffle(std::string_view raw, int stride);

} // namespace Core
