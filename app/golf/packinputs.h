// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Inputs the compression commands (quantize, export, pareto) share: the recipe argument
// (recipeargs.h), the shipped Python reader of golf-mixed-v1, and the calibration data for
// recipes that use GPTQ.

#include "cli/args.h"
#include "recipeargs.h"
#include "quant/calibration.h"
#include "recipe/recipe.h"

#include <optional>

#include <string>
#include <vector>

namespace Core {
class Model;
}

namespace App {

/// packaging/python/golf_mixed.py of the source tree or the installed copy; "" if neither.
std::string mixedReaderPath();

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
