// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Quantization-aware training (late QAT) from a recipe: the public, torch-free side. The hook
// itself (train/qat.cpp, made by makeQatHook in train/weighthook_p.h) works like this:
//
//   - The recipe (TrainConfig::qat_recipe, a golf-recipe-v1 document) is resolved once against
//     the model's tensors, exactly as an export resolves it.
//   - From the first step whose progress (TrainConfig::qat_start_fraction, by iterations or by
//     time under a wall-clock cap) is reached on, every tensor the recipe does not store as plain
//     fp32 is replaced, before the forward pass, by dequantize(quantize(w)) with the export's
//     own arithmetic (quant/quantizer_p.h: Int b, binary, ternary, clipping, pruning; Float
//     settings are a cast round trip, e.g. fp16). The latent fp32 weight is kept aside.
//   - After the backward pass the latent weights are put back, so the optimizers update them
//     with gradients taken at the quantized point: the straight-through estimator.
//   - So checkpoints always hold the latent weights, and the hook keeps no state of its own: a
//     run stopped and resumed during QAT is bit-for-bit the uninterrupted one.
//   - Validation during training evaluates the latent weights (what the checkpoint holds); the
//     exported model's score comes from `golf pareto CKPT --recipe R` (a real round trip).
//   - Every tensor is fake-quantized by round to nearest: "method": "gptq" is an export-time
//     choice (it needs calibration data, and its codes would change every step); QAT trains
//     for the same scheme and scales, and the export's GPTQ then starts from weights that
//     already sit near the grid. The log says how many tensors this concerns.
//
// train.log gets "qat: ..." when training starts or resumes and "qat:on step:N recipe:NAME
// tensors:K" at the first fake-quantized step of the session.

#include "pack/tensordesc.h"

#include "pack/quantsetting.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

struct QatPlan
{
    std::string recipeName; ///< the recipe's name, "unnamed" when it has none
    int gptqTensors = 0;    ///< tensors the recipe exports with GPTQ (QAT rounds them to nearest)
    /// Tensors that are fake-quantized (every one whose setting is not plain fp32), with the
    /// settings the recipe exports them in, in the model's order.
    std::vector<std::pair<std::string, QuantSetting>> tensors;
};

/// Parses `recipe` (a TrainConfig::qat_recipe) and resolves it against `tensors`. Throws
/// Core::Error whose text starts with "qat_recipe" and names the bad key or tensor (e.g.
/// "qat_recipe: defaults.quant: unknown value \"int9\"").
QatPlan planQat(const nlohmann::json &recipe, const std::vector<TensorDesc> &tensors);

/// The first step at which QAT is on, by iterations (step / iterations >= fraction, the
/// trainer's own progress arithmetic); `iterations` when it never switches on by iterations.
int64_t qatStartStep(double fraction, int64_t iterations);

} // namespace Core
