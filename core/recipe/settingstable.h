// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The settings table (core/pack/MIXED_FORMAT.md §8): every tensor's resolved setting in the
// order the golf-mixed-v1 writer stores the tensors, with the container's codec and level and,
// for GPTQ, the calibration that produced the Hessians. packaging/python/golf_mixed.py's
// write_mixed() reads it, so a train_gpt.py can write the very file `golf quantize` writes
// without knowing recipes. Torch-free.

#include "recipe/calibrationoptions.h"
#include "recipe/recipe.h"

#include <nlohmann/json.hpp>

namespace Core {

/// {"format": "golf-settings-v1", "codec", "level", "tensors": [{"name", "setting"}...],
///  "gptq": {"block_size", "dampening"}, "calibration": {"tokens", "seq_len", "batch_tokens",
///  "offset"}}. "tensors" follows resolution.tensors (the model's order, which is the file's);
/// "setting" is QuantSetting::toJson(). "calibration" is present only when `calibration` is
/// given (the training glob is left out: the Python side names its own shards). Throws
/// Core::Error for a container other than golf-mixed-v1.
nlohmann::json settingsTable(const Resolution &resolution, const ContainerSpec &container,
                             const CalibrationOptions *calibration = nullptr);

} // namespace Core
