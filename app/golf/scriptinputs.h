// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `--script train_gpt.py` on the commands that evaluate (eval, sensitivity, allocate, pareto,
// export):
// the model file's tensors are scored by the user's own script through the evaluator bridge
// (eval/scriptevaluator.h) instead of golf's GPT, so any architecture can be measured. What
// the analysis commands measure either way is an EvalTarget (analysis/evaltarget.h).

#include "analysis/evaltarget.h"
#include "analysis/sensitivity.h"
#include "cli/args.h"
#include "model/model.h"

#include <memory>
#include <string>

namespace App {

void addScriptOptions(ArgParser &args);
bool usesScript(const ArgParser &args);

/// The bridge's options from --script, --script-env, --script-eval, --python and --device. The
/// dataset of --data, when given, becomes the script's DATA_PATH (unless --script-env sets it)
/// and its tokenizer.luts.json the byte LUT; --luts names the LUT directly.
Core::ScriptEvaluatorOptions scriptOptions(const ArgParser &args);

/// What an analysis command measures: golf's GPT loaded from `ckpt`, or (--script) `ckpt`'s
/// tensors scored by the script. `model` is set only for golf's GPT.
struct AnalysisTarget
{
    std::unique_ptr<Core::Model> model;
    std::unique_ptr<Core::EvalTarget> target;
};

/// Loads the target for `ckpt`. With --script it labels the slice with the script (its name
/// and a digest of what decides its scores), so measurements are shown and cached apart.
AnalysisTarget analysisTarget(const ArgParser &args, const std::string &ckpt, Core::EvalSlice &slice);

/// analysisTarget for sensitivity and allocation: also collects the gptq calibration o asks for
/// (golf's GPT, analysisinputs.h), and with --script refuses GPTQ and drops the Fisher sample,
/// both of which need golf's GPT.
AnalysisTarget sensitivityTarget(const ArgParser &args, const std::string &ckpt, Core::SensitivityOptions &o);

} // namespace App
