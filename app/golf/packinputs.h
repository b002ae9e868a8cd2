// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Inputs the compression commands (quantize, export) share: the recipe argument, which is a
// file or the name of a bundled preset, and the shipped Python reader of golf-mixed-v1.

#include "quant/recipe.h"

#include <string>
#include <vector>

namespace App {

/// `--recipe`: a JSON file path, or a preset name from resources/recipes ("int6-records").
/// Empty: the built-in default. Throws Core::Error listing the presets for an unknown name.
Core::Recipe loadRecipeArg(const std::string &value);

/// The names of the bundled presets (for --help and errors).
std::string recipePresetList();
/// The same names as a sorted list (for `golf pareto --presets`).
std::vector<std::string> recipePresetNames();

/// packaging/python/golf_mixed.py of the source tree or the installed copy; "" if neither.
std::string mixedReaderPath();

} // namespace App
