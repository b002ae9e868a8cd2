// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The whole of "spend every byte well" in one call, shared by `golf allocate` and the GUI's
// Allocate action: measure the sensitivity table (analysis/sensitivity.h), plan an allocation
// for the budget (analysis/allocation.h), price the plan exactly and tighten it until the real
// file fits (only the header can differ from the table's figures), then verify it by a real
// round trip (analysis/roundtrip.h) and record that in the checkpoint's history. Torch-free:
// the model is passed in, progress and cancellation are plain callbacks.

#include "analysis/allocation.h"
#include "recipe/evalhistory.h"
#include "analysis/sensitivity.h"
#include "pack/sizereport.h"

#include <cstdint>
#include <string>

namespace Core {

class EvalTarget;
class Model;
class SizePricer;

struct AllocationRunOptions
{
    /// Base recipe, candidates, slice, Fisher sample, cache. `measure` is set from `estimate`
    /// (only CostEstimate::Measured evaluates every cell).
    SensitivityOptions sensitivity;
    CostEstimate estimate = CostEstimate::Measured;
    int64_t budget = kDefaultBudgetBytes; ///< the artifact's: model file + code
    int64_t codeBytes = 0;                ///< code counted beside the model
    /// Round-trip evaluation of the result on sensitivity.slice (recorded in historyPath).
    bool verify = true;
    std::string scratchDir;  ///< where the verification writes and reads back its model file
    std::string historyPath; ///< EvalHistory file the verification appends to ("" = none)
    std::string label;       ///< RecipeEval::label; "" = "allocate <budget> (<estimate>)"
    std::string source = "allocate";
    /// Exact-pricing rounds before giving up (each holds back the previous overshoot).
    int maxAttempts = 8;
};

struct AllocationRunResult
{
    SensitivityTable table;
    AllocationPlan plan; ///< plan.allocation.feasible false: nothing fits
    SizeReport priced;   ///< the exact price of plan.recipe (when feasible)
    int64_t margin = 0;  ///< bytes held back for the header after exact pricing
    int attempts = 0;    ///< planning rounds used
    /// Header + the smallest candidate of every tensor: what the model needs at the least.
    int64_t smallestModelBytes = 0;
    bool verified = false;
    RecipeEval measured; ///< the round trip (when verified)

    CostEstimate estimate = CostEstimate::Measured;
    int64_t budget = 0, codeBytes = 0;
    int64_t modelBudget() const { return budget - codeBytes; }
    bool feasible() const { return plan.allocation.feasible; }
    /// The exactly priced artifact fits the budget.
    bool fits() const { return feasible() && priced.modelBytes + codeBytes <= budget; }
    /// Full-precision bpb of the slice plus the plan's estimated increase; NaN unless the
    /// estimate is CostEstimate::Measured (only a measured table has the full-precision bpb).
    double estimatedBpb() const;
};

/// Stages reported: the sensitivity ones ("pricing", "fisher", "measuring"), then "planning"
/// and "verifying". Returning false cancels: Core::Error("cancelled") is thrown.
using AllocationProgress = SensitivityProgress;

/// Runs the whole allocation on `target` (golf's GPT or the user's script,
/// analysis/evaltarget.h); `pricer`, when given, must have been made from its weights.
AllocationRunResult runAllocation(EvalTarget &target, const AllocationRunOptions &options,
                                  const AllocationProgress &progress = {},
                                  SizePricer *pricer = nullptr);

/// Runs the whole allocation on `model` (weights restored afterwards). `pricer`, when given,
/// must have been made from `model` (its stream cache is reused); else one is made. Throws
/// Core::Error for bad inputs (a Fisher estimate without training shards) and on cancel. An
/// allocation that does not fit is a result (feasible() false), not an error.
AllocationRunResult runAllocation(Model &model, const AllocationRunOptions &options,
                                  const AllocationProgress &progress = {},
                                  SizePricer *pricer = nullptr);

} // namespace Core
