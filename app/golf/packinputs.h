// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Inputs the compression commands (quantize, export, pareto) share: the recipe argument, which
// is a file or the name of a bundled preset, the shipped Python reader of golf-mixed-v1, and
// the calibration data for recipes that use GPTQ.

#include "cli/args.h"
#include "quant/calibration.h"
#include "recipe/recipe.h"

#include <optional>

#include <string>
#include <vector>

namespace Core {
class Model;
}

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

/// `--calib-files GLOB` and `--calib-tokens N`: the training tokens GPTQ settings calibrate on.
void addCalibrationOptions(ArgParser &args);

/// Where calibration tokens come from when `--calib-files` is not given.
struct CalibrationDefaults
{
    std::string trainGlob; ///< the training shards of --data, else of the checkpoint's run
    int64_t seqLen = 0;    ///< 0: the run's train_seq_len, else 1024
};

/// The training shards of `--data DIR` if given, else those of the run `ckpt` belongs to ("" if
/// neither), and that run's sequence length.
CalibrationDefaults calibrationDefaults(const ArgParser &args, const std::string &ckpt);

/// When any of `resolutions` uses gptq: checks that every gptq tensor is a linear layer's weight
/// of `model`, then collects the calibration from the training shards (progress on stderr).
/// Returns nothing when no recipe uses gptq. Throws UsageError when no training shards are
/// known; validation shards are refused (quant/calibration.h).
std::optional<Core::Calibration> calibrationFor(const ArgParser &args, Core::Model &model,
                                                const std::vector<Core::Resolution> &resolutions,
                                                const CalibrationDefaults &defaults);
/// Collects the calibration unconditionally (the options and errors of calibrationFor).
Core::Calibration collectCalibration(const ArgParser &args, Core::Model &model,
                                     const CalibrationDefaults &defaults);

} // namespace App
