// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The sensitivity options `golf sensitivity` and `golf allocate` share (base recipe, candidate
// settings and tensors, Fisher sample, cache), read from the command line.

#include "analysis/sensitivity.h"
#include "cli/args.h"
#include "cli/progress.h"

#include <string>

namespace Core {
class Model;
}

namespace App {

void addSensitivityOptions(ArgParser &args);

/// Options for checkpoint `ckpt`; `measure` and Fisher as the caller needs them.
Core::SensitivityOptions sensitivityOptions(const ArgParser &args, const std::string &ckpt);

/// Collects the gptq calibration (training tokens: --calib-files, --data or the checkpoint's
/// run) when a candidate or the base recipe uses gptq; leaves o.calibration empty otherwise.
void attachCalibration(Core::SensitivityOptions &o, const ArgParser &args, Core::Model &model,
                       const std::string &ckpt);

/// "progress: <stage> <done>/<total>" on stderr (rate-limited; a parent process parses it).
Core::SensitivityProgress progressPrinter(ProgressLine &line);

} // namespace App
