// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the analysis drivers measure (sensitivity, allocation, round trips, the Pareto view):
// named weights, and a way to score them on a slice. Two kinds:
//   builtin  golf's own GPT and libtorch evaluator: the default, for the baseline family;
//   script   any architecture, scored by the user's train_gpt.py through the evaluator bridge
//            (eval/scriptevaluator.h): the weights are a model file's tensors, dequantized.
// The drivers change one weight at a time (setWeight), score, and put it back; a script target
// sends only the changed tensors to its child before each score. The header is torch-free (the
// commands hold targets); code that handles the weights includes torch.

#include "analysis/sensitivityslice.h"
#include "eval/evaluator.h"
#include "eval/scriptevaluator.h"
#include "model/namedtensors.h"
#include "pack/tensordesc.h"

#include <memory>
#include <string>

namespace Core {

class Model;
class SizePricer;

class EvalTarget
{
public:
    virtual ~EvalTarget() = default;

    /// "golf's GPT" / "train_gpt.py (GPT on cpu, eval_val)", for messages.
    virtual std::string describe() const = 0;
    /// The file name of the scoring script, "" for golf's GPT (EvalSlice::evaluator).
    virtual std::string evaluator() const = 0;
    /// What else decides the scores (EvalSlice::evaluatorId), "" for golf's GPT.
    virtual std::string evaluatorId() const { return {}; }
    /// Sets `slice`'s evaluator and evaluatorId to this target's.
    void label(EvalSlice &slice) const
    {
        slice.evaluator = evaluator();
        slice.evaluatorId = evaluatorId();
    }
    /// The current weights (handles; do not modify them in place: use setWeight).
    virtual NamedTensors weights() = 0;
    /// Name, shape and dtype of each weight.
    std::vector<TensorDesc> tensors();
    /// A pricer over the weights as the exporter stores them.
    virtual std::unique_ptr<SizePricer> makePricer() = 0;
    /// Stores `value` (same shape) as weight `name` until it is set again.
    virtual void setWeight(const std::string &name, const at::Tensor &value) = 0;
    /// Scores the current weights on `slice`.
    virtual EvalResult score(const EvalSlice &slice) = 0;
    /// Scores the tensors of a model file (dequantized), leaving the current weights as they are.
    virtual EvalResult scoreFile(const std::string &path, const EvalSlice &slice) = 0;
    /// golf's GPT when that is what is measured: the Fisher proxy and GPTQ's calibration need
    /// its gradients and activations. nullptr for a script.
    virtual Model *model() { return nullptr; }
};

/// Golf's GPT. `preloaded`, when given, is the data every score uses, whatever slice is asked
/// for (a caller that loaded its slice already); else each slice is loaded when first asked.
std::unique_ptr<EvalTarget> builtinTarget(Model &model, const SliceData *preloaded = nullptr);

/// The tensors of `modelFile` scored by the user's script. Throws Core::Error when the bridge
/// fails to load the script or the file's tensors do not match the script's model (names and
/// shapes listed).
std::unique_ptr<EvalTarget> scriptTarget(const std::string &modelFile, const ScriptEvaluatorOptions &options);

} // namespace Core
