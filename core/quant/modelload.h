// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A Model from any model file: model/ knows the GPT and plain state dicts, quant/ the packed
// formats, so loading "whatever file the user gave" sits here, above both.

#include "model/model.h"
#include "quant/sizepricer.h"

#include <memory>

#include <string>

namespace Core {

/// Loads a model file of any kind quant/modelfile.h reads: a torch.save state dict (ours or the
/// official final_model.pt), an int8 .ptz or a golf-mixed-v1 file (dequantized). With no
/// config given, the shape is read from config.json beside a run's checkpoints folder if there
/// is one, else inferred from the tensor shapes (RoPE base, softcap, recurrence, the n-gram
/// hashes and the BOS id then keep their defaults). Strict: unknown, missing or mis-shaped tensors are an Error listing them.
/// A file whose tensors do not fit the GPT says so with kNotBaselineArchitecture.
/// A model trained with L0 gates (l0_gates) loads as the smaller model its gates select
/// (removeClosedGates, model/l0gates_p.h): what prices, quantizes, evaluates and exports it
/// sees the matrices without the removed rows and columns.
Model loadModel(const std::string &path, const GptConfig *config = nullptr);

/// A model file ready to price: golf's GPT when the file is one (GPTQ calibrates with it, golf
/// evaluates it), else (a record's architecture) no model and a pricer over its tensors alone.
struct PricedFile
{
    std::unique_ptr<Model> model; ///< nullptr: not the baseline architecture
    std::unique_ptr<SizePricer> pricer;
};
/// Throws loadModel's errors, except that of another architecture.
PricedFile loadForPricing(const std::string &path);

/// How loadModel's error starts when a readable file is not of our GPT's architecture.
inline constexpr const char *kNotBaselineArchitecture =
    "the model's architecture is not the baseline GPT family golf evaluates";

} // namespace Core
