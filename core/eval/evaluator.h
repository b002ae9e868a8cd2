// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Validation loss and bits per byte, exactly as the official eval_val (PARAMETER_GOLF.md §2.3):
//   val_loss = sum of per-token cross-entropy (nats) / scored tokens
//   val_bpb  = (val_loss / ln 2) * tokens / bytes, bytes from the byte LUT rule.

#include "data/bytelut.h"
#include "job/evalresult.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace Core {

class Model;

struct EvalOptions
{
    int64_t seqLen = 1024;        ///< window length (TRAIN_SEQ_LEN)
    int64_t batchTokens = 524288; ///< tokens per forward batch (VAL_BATCH_SIZE)
    /// 0: non-overlapping windows over floor((N-1)/seqLen)*seqLen + 1 tokens (official).
    /// S > 0: sliding windows every S tokens; the first window scores all its targets, each
    /// later one only its last S, so every target is scored exactly once (no tail re-scoring).
    int64_t stride = 0;
    int64_t maxTokens = 0; ///< use only the first maxTokens tokens; 0 = all
    /// Data-parallel: score only share `shard` of `shards` contiguous shares of the windows
    /// (the official split of sequences across ranks); the caller sums the shares' totals
    /// (EvalResult::lossNats, tokens, bytes) and calls EvalResult::fromTotals.
    int shard = 0;
    int shards = 1;
};

/// Called with (scored so far, total to score); return false to cancel (evaluate then throws
/// Error("cancelled")).
using EvalProgress = std::function<bool(int64_t done, int64_t total)>;

/// Scores `tokens` (a BOS-prefixed stream, e.g. the concatenated val shards) with `model`.
/// The LUT is padded to the model's vocabulary; tokens must be < vocab.
EvalResult evaluate(Model &model, const std::vector<uint16_t> &tokens, const ByteLut &lut,
                    const EvalOptions &options, const EvalProgress &progress = {});

/// Which targets each window scores; exposed for tests. Window w feeds inputs
/// tokens[start, start+length) and scores targets at relative positions [scoreFrom, length).
struct EvalWindow
{
    int64_t start, length, scoreFrom;
};
std::vector<EvalWindow> evalWindows(int64_t numTokens, const EvalOptions &options);

} // namespace Core
