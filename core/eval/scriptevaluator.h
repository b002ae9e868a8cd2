// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Scoring weights with the user's own train_gpt.py, for architectures golf's GPT does not have.
// A long-lived Python child (packaging/python/golf_bridge.py, which documents the protocol)
// imports the script once, builds its model from its Hyperparameters and runs its evaluation
// function on request; golf hands it weights as torch.save files in a scratch folder. One
// import serves every candidate of a sensitivity table or an allocation.
//
// Failures are Core::Error and leave golf running: a script that cannot be imported, has no
// evaluation function or throws (the message carries the script's traceback), a child that
// dies (its exit status and the tail of its stderr), a request not answered in time (the
// child is killed).

#include "eval/evaluator.h"
#include "job/scriptoptions.h"
#include "model/namedtensors.h"
#include "pack/tensordesc.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace Core {

class ChildProcess;

class ScriptEvaluator
{
public:
    /// Starts the bridge and loads the script. Throws Core::Error as described above.
    explicit ScriptEvaluator(const ScriptEvaluatorOptions &options);
    ~ScriptEvaluator();
    ScriptEvaluator(const ScriptEvaluator &) = delete;
    ScriptEvaluator &operator=(const ScriptEvaluator &) = delete;

    /// The script's model's state dict, in its order ("float32", "bfloat16", ...).
    const std::vector<TensorDesc> &stateTensors() const { return state; }
    int64_t validationTokens() const { return valTokens; }
    /// "train_gpt.py (GPT on cpu, eval_val)"
    std::string describe() const;

    /// Loads a whole state dict into the script's model (strict: every name, same shapes).
    void loadState(const NamedTensors &tensors);
    /// Replaces the named tensors only.
    void patch(const NamedTensors &tensors);
    /// The script's evaluation on validation tokens [offset, offset + tokens] (tokens = 0: to
    /// the end; 0, 0 is the script's own validation set). `bytes` is derived from its bpb.
    EvalResult evaluate(int64_t offset, int64_t tokens);

private:
    nlohmann::json request(const nlohmann::json &req, double timeout);
    void sendTensors(const char *op, const NamedTensors &tensors);

    ScriptEvaluatorOptions o;
    std::unique_ptr<ChildProcess> child;
    std::string scratch;
    bool ownScratch = false;
    std::vector<TensorDesc> state;
    int64_t valTokens = 0;
    std::string modelName, deviceName;
};


} // namespace Core
