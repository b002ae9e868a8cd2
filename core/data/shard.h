// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The challenge's token shard format (PARAMETER_GOLF.md §3.1), written by the official
// data/download_hf_docs_and_tokenize.py and read by train_gpt.py:
//   header: 256 little-endian int32 = 1,024 bytes: [20240520 magic, 1 version, n tokens, 0...]
//   body:   n little-endian uint16 token ids.
// Documents are BOS-prefixed and concatenated; a document may straddle two shards.

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

constexpr int32_t kShardMagic = 20240520;
constexpr int32_t kShardVersion = 1;
constexpr int kShardHeaderInts = 256;
constexpr int64_t kShardHeaderBytes = kShardHeaderInts * 4;

/// Reads and validates the header only; returns the token count. Throws Error naming the file
/// and the problem (missing, too short, wrong magic, wrong version, size mismatch).
int64_t readShardTokenCount(const std::string &path);

/// Reads a whole shard. If `vocabSize` > 0, every token must be < vocabSize, else Error names
/// the first offending position and id.
std::vector<uint16_t> readShard(const std::string &path, int64_t vocabSize = 0);

/// Writes a shard atomically (temp file + rename).
void writeShard(const std::string &path, const std::vector<uint16_t> &tokens);

/// Expands a glob like "data/fineweb_train_*.bin" into sorted paths, as the official loader's
/// sorted(glob.glob(pattern)). Throws Error if nothing matches.
std::vector<std::string> expandShardGlob(const std::string &pattern);

} // namespace Core
