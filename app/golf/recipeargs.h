// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The recipe argument every compression command takes (a file or a bundled preset's name), and
// `golf quantize`'s options: torch-free, shared by the front (which explains a recipe against a
// golf-mixed-v1 file or a plain state dict without libtorch) and golf-torch.so (everything
// else quantize does).

#include "cli/args.h"
#include "recipe/recipe.h"

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

/// `--calib-files GLOB` and `--calib-tokens N`: the training tokens GPTQ settings calibrate on.
void addCalibrationOptions(ArgParser &args);

/// The parser with quantize's options.
ArgParser quantizeArguments();

} // namespace App
