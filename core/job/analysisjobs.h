// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The analysis jobs the window hands a golf child (job/serveprotocol.h): a round-trip
// evaluation of a recipe (analysis/roundtrip.h) and a whole allocation (analysis/allocationrun.h),
// as plain values with their JSON, and what the window shows of an allocation's result.

#include "job/evalslice.h"
#include "job/scriptoptions.h"
#include "pack/sizereport.h"
#include "recipe/evalhistory.h"
#include "recipe/recipe.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace Core {

/// Which number the allocator minimises.
enum class CostEstimate
{
    Measured, ///< the measured loss increase of each cell (needs a measured table)
    Fisher,   ///< the diagonal-Fisher proxy (nats; needs the Fisher pass)
    Weight    ///< the weight-space squared error (unitless: no bpb estimate)
};
CostEstimate costEstimateFromName(const std::string &name); ///< "measured", "fisher", "weight"
const char *costEstimateName(CostEstimate estimate);

/// Round trip of `recipe` on `slice`, appended to the checkpoint's history.
struct EvaluateJob
{
    std::string checkpoint;
    Recipe recipe = Recipe::defaultRecipe();
    EvalSlice slice;
    int64_t codeBytes = 0;
    std::string label;
    /// Score with the user's train_gpt.py (a model of another architecture); else golf's GPT.
    std::optional<ScriptEvaluatorOptions> script;
};

/// A whole allocation (analysis/allocationrun.h's AllocationRunOptions, as the window sets it).
struct AllocateJob
{
    std::string checkpoint;
    std::optional<ScriptEvaluatorOptions> script;
    Recipe base = Recipe::defaultRecipe(); ///< container and settings of what is no candidate
    EvalSlice slice;
    int64_t minNumel = 4096;
    std::string cacheDir;   ///< the sensitivity cell cache
    std::string fisherGlob; ///< training shards for the Fisher proxy; "" = none
    int64_t fisherTokens = 16384;
    CostEstimate estimate = CostEstimate::Measured;
    int64_t budget = kDefaultBudgetBytes; ///< model file + code
    int64_t codeBytes = 0;
    bool verify = true;
    std::string scratchDir;
    std::string historyPath;
};

/// What the window shows of an allocation (analysis/allocationrun.h's AllocationRunResult).
struct AllocationSummary
{
    CostEstimate estimate = CostEstimate::Measured;
    int64_t budget = 0, codeBytes = 0;
    bool feasible = false;   ///< some allocation fits the model budget by the table's figures
    Recipe recipe = Recipe::defaultRecipe(); ///< the plan (when feasible)
    int64_t estimatedModelBytes = 0;
    double estimatedDeltaBpb = 0;  ///< NaN for the weight estimate
    double estimatedBpb = std::numeric_limits<double>::quiet_NaN(); ///< NaN unless measured
    int64_t pricedModelBytes = 0;  ///< the plan's exact model file
    int64_t margin = 0;            ///< bytes held back for the header after exact pricing
    int64_t smallestModelBytes = 0;
    bool verified = false;
    RecipeEval measured; ///< the round trip (when verified)
    // The sensitivity table it was planned on.
    std::string slice;
    double baseBpb = 0; ///< full precision on the slice
    int64_t candidateTensors = 0, measuredCells = 0, cachedCells = 0;
    double spearmanFisher = std::numeric_limits<double>::quiet_NaN();

    int64_t modelBudget() const { return budget - codeBytes; }
    /// The exactly priced artifact fits the budget.
    bool fits() const { return feasible && pricedModelBytes + codeBytes <= budget; }
};

nlohmann::json toJson(const EvaluateJob &job);
EvaluateJob evaluateJobFromJson(const nlohmann::json &json);
nlohmann::json toJson(const AllocateJob &job);
AllocateJob allocateJobFromJson(const nlohmann::json &json);
nlohmann::json toJson(const AllocationSummary &summary);
AllocationSummary allocationSummaryFromJson(const nlohmann::json &json);

} // namespace Core
