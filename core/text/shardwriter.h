// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Cuts one split's token stream into official shards (PARAMETER_GOLF.md §3.1).

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

/// Collects the tokens of one split ("val" or "train") and writes `<prefix>_<split>_NNNNNN.bin`
/// shards of exactly `shardTokens` tokens each as they fill, then a shorter last one, as the
/// official exporter does: documents straddle shard boundaries. Each shard is written atomically
/// (writeShard). Memory use is one shard's tokens (200 MB at the official 10^8).
class ShardWriter
{
public:
    /// Throws Error if shardTokens is not positive or too large for a shard header.
    ShardWriter(std::string folder, std::string prefix, std::string split, int64_t shardTokens);

    /// Appends tokens, writing every shard that fills. Throws Error on I/O failure.
    void append(const std::vector<uint16_t> &tokens);
    /// Writes the last, partly filled shard (nothing if it is empty). Call once at the end.
    void finish();

    /// Paths written so far, in order.
    const std::vector<std::string> &files() const { return m_files; }
    int64_t tokens() const { return m_tokens; }

    /// "<prefix>_<split>_%06d.bin", e.g. "fineweb_val_000000.bin".
    static std::string shardName(const std::string &prefix, const std::string &split, int index);

private:
    void flush();

    std::string m_folder, m_prefix, m_split;
    int64_t m_shardTokens;
    std::vector<uint16_t> m_buffer;
    std::vector<std::string> m_files;
    int64_t m_tokens = 0;
};

} // namespace Core
