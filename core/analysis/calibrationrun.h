// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Running a model over training tokens to collect GPTQ's calibration statistics
// (quant/calibration.h holds them; gptq uses them). A driver, so it lives in analysis/.

#include "quant/calibration.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace Core {

class Model;

/// Runs `model` (eval mode, no gradients) over the options' training tokens and accumulates
/// every calibratable tensor's H. `progress(done, total)` gets sequences and may return false
/// to cancel (Core::Error "cancelled"). Throws Core::Error for missing shards, fewer tokens
/// than one sequence, or validation shards.
Calibration collectCalibration(Model &model, const CalibrationOptions &options,
                               const std::function<bool(int64_t, int64_t)> &progress = {});

/// The tensors of `model` calibration collects H for (the block linears c_q, c_k, c_v, proj,
/// fc, proj and an untied lm_head), in the model's order.
std::vector<std::string> calibratableTensors(const Model &model);

} // namespace Core
