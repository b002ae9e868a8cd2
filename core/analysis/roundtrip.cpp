// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/roundtrip.h"

#include "analysis/evaltarget.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "eval/evaluator.h"
#include "model/model.h"
#include "quant/sizepricer.h"
#include "quant/modelload.h"

#include <chrono>
#include <filesystem>

#include <unistd.h>

namespace Core {

RecipeEval evaluateRecipe(Model &model, SizePricer &pricer, const Recipe &recipe,
                          const SliceData &slice, const RoundTripOptions &options)
{
    // The target scores the preloaded data whatever slice it is asked for.
    RecipeEval e = evaluateRecipe(*builtinTarget(model, &slice), pricer, recipe, EvalSlice(), options);
    e.slice = slice.label;
    return e;
}

RecipeEval evaluateRecipe(EvalTarget &target, SizePricer &pricer, const Recipe &recipe,
                          const EvalSlice &slice, const RoundTripOptions &options)
{
    namespace fs = std::filesystem;
    const Resolution resolution = recipe.resolve(pricer.tensors());
    const std::string bytes = pricer.encode(resolution, recipe.container);

    // Read back from disk, as the official script scores the file it wrote; the file is ours
    // alone (pid in the name) and removed whatever happens.
    makeDirs(options.scratchDir);
    const fs::path file = fs::path(options.scratchDir) / (".roundtrip-" + std::to_string(::getpid()) + ".ptz");
    const RemoveOnExit remove(file.string());
    writeFileAtomic(file.string(), bytes);
    const EvalResult r = target.scoreFile(file.string(), slice);

    RecipeEval e;
    e.label = options.label.empty() ? (recipe.name.empty() ? std::string("recipe") : recipe.name) : options.label;
    e.recipe = recipe.toJson();
    e.format = recipe.container.format;
    e.modelBytes = int64_t(bytes.size());
    e.codeBytes = options.codeBytes;
    e.valLoss = r.valLoss;
    e.valBpb = r.valBpb;
    e.evalTokens = r.tokens;
    e.slice = slice.label();
    e.source = options.source;
    e.time = utcTimestamp();
    return e;
}

} // namespace Core
