// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Every recipe evaluated on a checkpoint, kept so the Pareto view (bytes vs val_bpb) can show
// them all: `golf pareto`, `golf allocate` and `golf export` append one record per round-trip
// evaluation. Plain values, torch-free (the GUI reads the history without libtorch).
//
// Where: one cache folder per checkpoint *content* (a renamed or copied checkpoint keeps its
// history; a retrained one starts afresh), outside the run folder so read-only checkpoints
// (the installed demo) work too:
//   $GOLF_CACHE_DIR/<fingerprint>/            when GOLF_CACHE_DIR is set (tests use it)
//   $XDG_CACHE_HOME/golf-studio/<fingerprint>/ else (~/.cache/golf-studio/<fingerprint>/)
// holding evals.jsonl (this file's records, one JSON object per line, appended) and the
// sensitivity tables (analysis/sensitivity.h).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

struct RecipeEval
{
    std::string label;        ///< "int5-mlp", "allocate 1,800,000", a recipe file's name
    nlohmann::json recipe;    ///< the golf-recipe-v1 JSON that was evaluated
    std::string format;       ///< container format of the model file
    int64_t modelBytes = 0;   ///< exact model file bytes
    int64_t codeBytes = 0;    ///< code bytes counted (0 when no code was given)
    double valLoss = 0;       ///< round trip (file read back, dequantized, evaluated)
    double valBpb = 0;
    int64_t evalTokens = 0;   ///< scored tokens: points are comparable only on equal slices
    std::string slice;        ///< which tokens, e.g. "val[0:65536]"
    std::string source;       ///< "pareto", "allocate", "export"
    std::string time;         ///< UTC, ISO 8601

    int64_t totalBytes() const { return modelBytes + codeBytes; }
    nlohmann::json toJson() const;
    static RecipeEval fromJson(const nlohmann::json &j, const std::string &what);
};

/// "<size>-<crc32 hex>" of the file's bytes. Throws Core::Error when it can't be read.
std::string checkpointFingerprint(const std::string &checkpointPath);
/// The cache folder for a checkpoint (see above); created on demand by the writers.
std::string checkpointCacheDir(const std::string &checkpointPath);

namespace EvalHistory {
/// <cache dir>/evals.jsonl for a checkpoint.
std::string pathFor(const std::string &checkpointPath);
/// All records of a history file; a missing file is an empty history. A malformed line (a
/// crash mid-append) is skipped, not fatal; `skipped` counts them when given.
std::vector<RecipeEval> load(const std::string &historyPath, int *skipped = nullptr);
/// Appends one record (creating folder and file as needed).
void append(const std::string &historyPath, const RecipeEval &record);
} // namespace EvalHistory

/// Indices of the points on the lower-left frontier (no other point has fewer or equal bytes
/// *and* a lower or equal bpb with one of them strictly better), sorted by bytes ascending.
/// Duplicated points keep the first one.
std::vector<size_t> paretoFrontier(const std::vector<int64_t> &bytes, const std::vector<double> &bpb);

/// CSV (header + one line per record): label,source,format,model_bytes,code_bytes,total_bytes,
/// val_loss,val_bpb,eval_tokens,slice,on_frontier,time. Fields with commas or quotes are quoted.
std::string evalHistoryCsv(const std::vector<RecipeEval> &records);

} // namespace Core
