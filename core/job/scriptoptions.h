// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// How to score weights with the user's own train_gpt.py (eval/scriptevaluator.h runs it): the
// settings the window sends a golf child with a job on a model of another architecture.

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>

namespace Core {

struct ScriptEvaluatorOptions
{
    std::string script; ///< the user's train_gpt.py
    /// The Python that runs it: $GOLF_PYTHON when set, else python3 on PATH.
    std::string python;
    std::map<std::string, std::string> env; ///< overrides for its Hyperparameters (DATA_PATH=...)
    std::string evalFunction = "eval_val";  ///< the script's evaluation function
    std::string luts;   ///< tokenizer.luts.json; "" = the script's build_sentencepiece_luts
    std::string device = "auto"; ///< "auto" (cuda when the child's torch has it), "cpu", "cuda"
    std::string bridge; ///< golf_bridge.py; "" = the installed one (common/resourcedir.h)
    std::string scratchDir; ///< where weight files are written for the child; "" = a temp folder
    double loadTimeout = 600;  ///< seconds for importing the script and building its model
    double evalTimeout = 3600; ///< seconds for one evaluation or weight transfer
};

/// The Python golf runs scripts with: $GOLF_PYTHON, else "python3".
std::string defaultPython();

nlohmann::json toJson(const ScriptEvaluatorOptions &options);
ScriptEvaluatorOptions scriptOptionsFromJson(const nlohmann::json &json, const std::string &what);

} // namespace Core
