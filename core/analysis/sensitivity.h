// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What storing one tensor differently costs. For every candidate tensor and every candidate
// setting: the exact compressed bytes of that tensor's stream (the pricer's, so the bytes the
// exporter writes) and the loss increase measured on a fixed slice of tokens with *only that
// tensor* quantized (every other weight at full precision). Beside the measurement, two cheap
// proxies that need no evaluation per cell, and how well they agree with it:
//   weight  sum (w - w_hat)^2, the weight-space error;
//   fisher  1/2 sum F (w - w_hat)^2 with F the diagonal empirical Fisher from a few training
//           sequences (never validation): a second-order estimate of the loss increase, in nats.
// The measured cells are cached per checkpoint content (recipe/evalhistory.h
// checkpointCacheDir) and per slice, one JSON line per cell, so a re-run is instant, an
// interrupted run resumes, and a longer candidate list measures only what is new.
//
// Measured increases assume the tensors' effects add up; allocation (analysis/allocation.h)
// relies on that, and its verification (a real round trip) reports how far it holds.

#include "analysis/sensitivityslice.h"
#include "quant/calibration.h"
#include "recipe/recipe.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace Core {

class Collective;
class EvalTarget;
class Model;
class SizePricer;

struct SensitivityOptions
{
    /// The container and the settings of every tensor that is not a candidate. Must use the
    /// golf-mixed-v1 container (its per-tensor bytes are exact).
    Recipe base = Recipe::defaultRecipe();
    /// Settings tried on each candidate tensor; empty = defaultCandidates().
    std::vector<QuantSetting> candidates;
    /// Candidate tensors: 2-D with at least this many values (and matching `only` if set).
    int64_t minNumel = 4096;
    std::string only; ///< regex (RE2 syntax) searched in tensor names; "" = all
    EvalSlice slice;  ///< where the loss increase is measured
    bool measure = true; ///< false: bytes and proxies only (no evaluation per cell)
    /// Training shards for the Fisher proxy; "" skips it.
    std::string fisherGlob;
    int64_t fisherTokens = 16384;
    /// Folder of the cell cache ("" = no cache): checkpointCacheDir(checkpoint) normally.
    std::string cacheDir;
    /// Statistics for candidates (or base settings) with method gptq, from training tokens
    /// (quant/calibration.h). A gptq candidate is skipped on tensors it holds no H for (the
    /// embedding); with an empty calibration gptq settings are an error.
    Calibration calibration;
    /// Data-parallel: the cells to measure are dealt out across the ranks (cell k of the
    /// uncached ones to rank k mod W), and each round's results gathered to rank 0, which
    /// writes them to its cache as they arrive. Every rank calls measureSensitivity with the
    /// same options; only rank 0's table is filled (the others return an empty one). A rank
    /// that dies ends the run with an Error; the rounds completed are cached, the rest is
    /// measured by the next run.
    const Collective *world = nullptr;
};

inline constexpr double kNotMeasured = std::numeric_limits<double>::quiet_NaN();

struct SensitivityCell
{
    QuantSetting setting;
    int64_t bytes = 0;       ///< the tensor's compressed stream in the base container
    double relError = 0;     ///< ||w - w_hat|| / ||w||
    double sqError = 0;      ///< sum (w - w_hat)^2
    double fisher = kNotMeasured;    ///< 1/2 sum F (w - w_hat)^2, nats per token
    double deltaLoss = kNotMeasured; ///< measured loss increase, nats per token
    double deltaBpb = kNotMeasured;  ///< the same in bits per byte of the slice
    bool fromCache = false;
};

struct TensorSensitivity
{
    std::string name;
    std::vector<int64_t> shape;
    int64_t numel = 0;
    QuantSetting baseSetting; ///< what the base recipe gives it
    std::vector<SensitivityCell> cells; ///< one per candidate valid for this tensor
};

struct SensitivityTable
{
    std::string slice;        ///< EvalSlice::label()
    double baseLoss = 0, baseBpb = 0; ///< full precision on the slice
    int64_t evalTokens = 0, evalBytes = 0;
    ContainerSpec container;
    /// Header + every non-candidate tensor under the base recipe: bytes no allocation changes
    /// (the header grows by a few bytes with some settings; allocation re-checks exactly).
    int64_t fixedBytes = 0;
    std::vector<TensorSensitivity> tensors;
    int64_t measuredCells = 0, cachedCells = 0;
    double seconds = 0;
    /// Rank agreement (Spearman) of each proxy with the measured loss increase over all cells;
    /// NaN when not measured.
    double spearmanWeight = kNotMeasured, spearmanFisher = kNotMeasured;

    /// nats per token -> bits per byte on this slice.
    double toBpb(double nats) const;
    nlohmann::json toJson() const;
};

/// fp16, int8..int3 per row and ternary per row: the formats worth comparing by default.
std::vector<QuantSetting> defaultCandidates();

/// `candidates` plus, after each Int, Binary or Ternary setting of at most `maxBits` stored bits
/// with method rtn, the same setting with method gptq (what `--gptq` tries).
std::vector<QuantSetting> withGptqTwins(const std::vector<QuantSetting> &candidates, int maxBits = 6);

/// True when some candidate (or the default ones when `candidates` is empty) uses gptq.
bool anyGptq(const std::vector<QuantSetting> &candidates);

/// Parses a candidate list: a JSON array of setting objects as recipes write them
/// ([{"quant": "int6", "clip": "std", "clip_value": 12.85}, ...]), from a file or inline text.
std::vector<QuantSetting> parseCandidates(const std::string &fileOrJson);

/// Called with a stage ("pricing", "fisher", "measuring") and progress; return false to cancel
/// (throws Core::Error("cancelled"); cells measured so far stay cached).
using SensitivityProgress = std::function<bool(const std::string &stage, int64_t done, int64_t total)>;

/// Measures `target`: golf's GPT or a model scored by the user's script (analysis/evaltarget.h).
/// Its weights are restored afterwards. `pricer`, when given, must have been made from the
/// target's weights and hold options.calibration. A Fisher sample needs golf's GPT.
SensitivityTable measureSensitivity(EvalTarget &target, const SensitivityOptions &options,
                                    const SensitivityProgress &progress = {},
                                    SizePricer *pricer = nullptr);

/// Measures `model` (its weights are restored afterwards). `pricer`, when given, must have been
/// made from `model` and hold options.calibration (its streams are reused, and the ones the
/// cells price stay cached for the caller); else one is made.
SensitivityTable measureSensitivity(Model &model, const SensitivityOptions &options,
                                    const SensitivityProgress &progress = {},
                                    SizePricer *pricer = nullptr);

/// The per-tensor text table: one line per tensor and candidate (bytes, rel. error, proxies,
/// measured increase in bpb), then the proxies' agreement.
std::string formatSensitivityTable(const SensitivityTable &table);

} // namespace Core
