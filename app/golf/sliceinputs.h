// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Options the analysis commands (sensitivity, allocate, pareto) share: which tokens recipes are
// compared on, and the training shards for the Fisher proxy, defaulting to the data of the
// checkpoint's run.

#include "analysis/sensitivityslice.h"
#include "cli/args.h"
#include "recipe/recipe.h"

#include <string>

namespace Core {
class Model;
}

namespace App {

void addSliceOptions(ArgParser &args);

struct SliceInputs
{
    Core::EvalSlice slice;
    std::string trainGlob; ///< the run's training shards ("" if unknown)
};

/// Reads the options added by addSliceOptions for checkpoint `ckpt`. Throws UsageError when no
/// data can be found.
SliceInputs sliceInputs(const ArgParser &args, const std::string &ckpt);

/// The code bytes `--code FILE [--wrap-code]` count (0 without --code): the script as a
/// submission would ship it with a model file of `recipe` (ship/shippedscript.h: patched to
/// write that file itself, maybe wrapped), for `tensors`.
void addCodeOptions(ArgParser &args);
int64_t codeBytesOf(const ArgParser &args, const std::vector<Core::TensorDesc> &tensors, const Core::Recipe &recipe);

} // namespace App
