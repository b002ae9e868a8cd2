// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// golf-mixed-v1: our container for recipes the official int8 format can't express (int5 MLPs,
// ternary, fp16 embeddings, groups, pruning). Layout, byte for byte, in
// core/pack/MIXED_FORMAT.md; a Python reader that a train_gpt.py can embed is
// packaging/python/golf_mixed.py.
//
// Every tensor owns its streams (codes or values, plus scales), each compressed on its own, so
// the file's size is exactly
//   header bytes + sum of the tensors' stream bytes
// and re-pricing one tensor needs only that tensor's streams (DESIGN.md §4). Codes are packed
// base 2*qmax+1 (several per byte below 16 levels), floats and scales byte-shuffled, and each
// tensor's codes or values go row- or column-major, whichever compresses smaller; a stream that
// does not shrink is stored as is. The header is a compact binary table compressed with the
// file's codec, and a CRC-32 covers the file.

#include "pack/quantizedtensor.h"
#include "pack/codec.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Core {

inline constexpr const char *kMixedFormatTag = "golf-mixed-v1";

/// One tensor's stream, ready to be assembled. `meta` is what the header records about it
/// (shape, dtype, scheme, chosen layout, raw and stream sizes).
struct EncodedTensor
{
    std::string name;
    std::string stream;   ///< the tensor's streams as written (main, then scales), concatenated
    std::string meta;     ///< serialized header entry plus codec and level (format-private)
    int64_t rawBytes = 0; ///< size of the streams before compression (packed codes, scales, values)
};

/// Encodes one tensor's streams (the part of the file attributable to it). Deterministic. Throws
/// Core::Error naming the tensor for an invalid setting, codes out of range, or codes, scales or
/// values whose sizes do not match the shape and setting.
EncodedTensor encodeTensor(const QuantizedTensor &tensor, Codec codec, int level);

/// The whole file: magic, header, streams in the given order. The tensors must have been encoded
/// with this codec and level and have distinct names (Core::Error otherwise).
std::string assembleMixed(const std::vector<EncodedTensor> &tensors, Codec codec, int level);
/// Header bytes of the file assembleMixed would write (its size minus the streams).
int64_t mixedHeaderBytes(const std::vector<EncodedTensor> &tensors, Codec codec, int level);

/// Parses a file. Throws Core::Error naming `what` for a wrong magic or version, a corrupt
/// header, truncated or corrupt streams, inconsistent sizes; never crashes on bad input.
std::vector<QuantizedTensor> readMixed(std::string_view bytes, const std::string &what);

/// Per-tensor byte figures of an existing file (for `golf inspect`): header bytes first, then
/// each tensor's stream bytes; they sum to bytes.size().
/// What the header records about one tensor's streams: `main` is the codes (Int, Binary,
/// Ternary) or the values (Float), `scale` the scales (0 bytes for Float). A stream whose stored
/// size equals its raw size is stored uncompressed.
struct MixedTensorStreams
{
    std::string name;
    bool columnMajor = false; ///< main stream in column-major order (chosen per tensor)
    int64_t mainBytes = 0, mainRawBytes = 0;
    int64_t scaleBytes = 0, scaleRawBytes = 0;
};

struct MixedFileLayout
{
    int64_t headerBytes = 0;
    Codec codec = Codec::Lzma;
    int level = 0;
    std::vector<std::pair<std::string, int64_t>> streamBytes;
    std::vector<MixedTensorStreams> tensors; ///< same order as streamBytes, with the details
};
MixedFileLayout mixedLayout(std::string_view bytes, const std::string &what);

/// True when the bytes start with the golf-mixed-v1 magic.
bool isMixedFile(std::string_view bytes);

} // namespace Core
