// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

/// Streams tokens across the shards of a glob exactly as the official TokenStream does: shards in
/// sorted order, read sequentially, wrapping around to the first after the last, no shuffling.
/// The position (shard index, offset) is plain data so a checkpoint can restore it exactly.
class TokenStream
{
public:
    struct Position
    {
        int64_t shard = 0;  ///< index into paths()
        int64_t offset = 0; ///< next token within that shard
    };

    /// Validates every shard's header up front (a bad shard fails now, not hours into a run).
    /// Tokens are checked against `vocabSize` as each shard is loaded.
    TokenStream(const std::string &pattern, int64_t vocabSize);

    /// Appends the next `n` tokens to `out`, crossing shard boundaries as needed.
    void take(int64_t n, std::vector<uint16_t> &out);

    /// Moves past the next `n` tokens, crossing shard boundaries as needed.
    void skip(int64_t n);

    /// One training micro-batch as the official DistributedTokenLoader.next_batch: every rank
    /// reads the same stream and takes `(tokens + 1) * worldSize` tokens, of which rank r keeps
    /// span r; inputs are [0, tokens), targets [1, tokens + 1) of that span. So W ranks with
    /// A micro-batches each see the spans one rank with W*A micro-batches sees.
    void nextBatch(int64_t tokens, std::vector<uint16_t> &span, int rank = 0, int worldSize = 1);

    Position position() const { return m_pos; }
    void seek(const Position &p);
    const std::vector<std::string> &paths() const { return m_paths; }
    int64_t totalTokens() const { return m_total; }

private:
    void load(int64_t shard);
    std::vector<std::string> m_paths;
    std::vector<int64_t> m_counts;
    int64_t m_vocab;
    int64_t m_total = 0;
    Position m_pos;
    int64_t m_loaded = -1;
    std::vector<uint16_t> m_tokens;
};

/// All tokens of every shard matching `pattern`, concatenated (the validation stream).
std::vector<uint16_t> loadTokens(const std::string &pattern, int64_t vocabSize);

} // namespace Core
