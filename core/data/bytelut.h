// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Byte look-up tables for bits-per-byte (PARAMETER_GOLF.md §2.2, build_sentencepiece_luts):
// the torch side never sees the tokenizer, only these tables, which golf-tokenize writes as a
// JSON sidecar (tokenizer.luts.json) next to the shards.

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

struct ByteLut
{
    /// UTF-8 bytes of the piece without its leading U+2581; 1 for byte-fallback pieces; 0 for
    /// control/unknown/unused tokens.
    std::vector<int16_t> baseBytes;
    /// Piece starts with U+2581 (the space marker), which is one byte (a space) unless the
    /// previous token is a boundary.
    std::vector<uint8_t> hasLeadingSpace;
    /// Control, unknown or unused tokens (pad, BOS, EOS, unk) and ids past the tokenizer's
    /// vocabulary: zero bytes, and no leading space counted for the token after them.
    std::vector<uint8_t> isBoundary;
    /// Piece strings, for display and for the byte-exactness audit; may be empty.
    std::vector<std::string> pieces;
    /// Tokenizer file the tables came from (informational).
    std::string tokenizer;

    int64_t vocabSize() const { return int64_t(baseBytes.size()); }

    /// Bytes credited to `target` when it follows `prev`, exactly as the official eval_val.
    int tokenBytes(uint16_t prev, uint16_t target) const
    {
        return baseBytes[target] + ((hasLeadingSpace[target] && !isBoundary[prev]) ? 1 : 0);
    }

    /// Sum of tokenBytes over consecutive pairs of `tokens` (tokens.size()-1 targets).
    int64_t streamBytes(const uint16_t *tokens, int64_t count) const;

    /// Tables padded to `vocabSize` entries (as the official code does with max(sp, VOCAB_SIZE)):
    /// extra ids are boundaries with zero bytes. Throws Error if the tables are larger.
    ByteLut paddedTo(int64_t vocabSize) const;

    /// JSON sidecar I/O. load() validates lengths and value ranges and throws Error naming the
    /// file on any problem; save() writes atomically.
    static ByteLut load(const std::string &path);
    void save(const std::string &path) const;
};

} // namespace Core
