// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The measured truth for a recipe: quantize and compress the model exactly as the exporter
// does, write the file, read it back from disk, dequantize, evaluate it on a slice. This is
// what allocation's estimates are checked against and what the Pareto view plots.

#include "recipe/evalhistory.h"
#include "analysis/sensitivityslice.h"
#include "common/utctime.h"
#include "recipe/recipe.h"

#include <string>

namespace Core {

class EvalTarget;
class Model;
class SizePricer;

struct RoundTripOptions
{
    std::string scratchDir; ///< where the model file is written and read back (then removed)
    std::string label;      ///< RecipeEval::label
    std::string source;     ///< RecipeEval::source
    int64_t codeBytes = 0;  ///< code counted beside the model
};

/// Prices, encodes, writes, reads back and scores `recipe` on `slice` with `target` (golf's GPT
/// or the user's script, analysis/evaltarget.h). `pricer` must have been made from its weights.
RecipeEval evaluateRecipe(EvalTarget &target, SizePricer &pricer, const Recipe &recipe,
                          const EvalSlice &slice, const RoundTripOptions &options);

/// Prices, encodes, writes, reloads and evaluates `recipe` on `slice`. `pricer` must have been
/// made from `model` (its stream cache makes repeated evaluations cheap).
RecipeEval evaluateRecipe(Model &model, SizePricer &pricer, const Recipe &recipe,
                          const SliceData &slice, const RoundTripOptions &options);

} // namespace Core
