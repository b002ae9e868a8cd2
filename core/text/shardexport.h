// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Text -> the challenge's token shards, plus the sidecars the torch side needs (it never loads
// SentencePiece): tokenizer.luts.json, a copy of the tokenizer, and dataset.json.

#include "text/datasetsplit.h"
#include "text/textprogress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

class DocumentReader;
class Tokenizer;

struct ShardExportOptions
{
    std::string folder;                ///< output folder, created if missing
    std::string prefix = "fineweb";    ///< shard names: <prefix>_val_000000.bin, ...
    int64_t shardTokens = 100'000'000; ///< tokens per shard (official SHARD_SIZE = 10^8)
    DatasetSplit split = DatasetSplit::fraction(0.1);
    int threads = 2;                 ///< encoder threads
    std::vector<std::string> inputs; ///< recorded in dataset.json only
};

/// Totals of one split. Tokens include one BOS per document.
struct SplitStats
{
    int64_t documents = 0;
    int64_t tokens = 0;
    /// Bytes the LUT credits to the split's tokens (ByteLut::streamBytes over each [BOS, doc]),
    /// i.e. the denominator of val_bpb when this split is scored.
    int64_t lutBytes = 0;
    /// UTF-8 bytes of the input documents as read (before SentencePiece's normalization).
    int64_t textBytes = 0;
    std::vector<std::string> files; ///< shard paths written, in order
};

struct ShardExportResult
{
    SplitStats val, train;
    std::string datasetPath; ///< <folder>/dataset.json
    std::string lutsPath;    ///< <folder>/tokenizer.luts.json
    std::string modelPath;   ///< <folder>/<tokenizer name>, with its .vocab beside it
    int removedStale = 0;    ///< old <prefix>_{val,train}_NNNNNN.bin files deleted
    double seconds = 0;
};

/// File name of the dataset description written next to the shards.
constexpr const char *kDatasetFileName = "dataset.json";
/// File name of the byte LUT sidecar written next to the shards.
constexpr const char *kLutsFileName = "tokenizer.luts.json";

/// Tokenizes every document of `reader` and writes the shards as the official
/// download_hf_docs_and_tokenize.py does: each document becomes [BOS, ids...] (no EOS), the
/// documents of a split are concatenated and cut into shards of options.shardTokens tokens
/// (documents straddle shards), validation goes to <prefix>_val_NNNNNN.bin and training to
/// <prefix>_train_NNNNNN.bin, each split starting at shard 0. Shards are written atomically as
/// they fill; the sidecars follow, dataset.json last, so a folder with dataset.json is complete.
/// Shards of an earlier export with the same prefix that this one did not rewrite are deleted
/// afterwards (the official exporter clears them too), so a glob never mixes two exports.
/// Throws Error if the vocabulary exceeds 65536 ids, the tokenizer has no BOS, or on I/O failure.
ShardExportResult exportShards(DocumentReader &reader, const Tokenizer &tokenizer,
                               const ShardExportOptions &options,
                               const TextProgressFn &progress = {});

} // namespace Core
