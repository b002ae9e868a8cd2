// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) checkpoint I/O. A checkpoint is a plain state dict {name: tensor} saved in
// torch.save's format (torch::pickle_save), so Python's torch.load reads it and
// load_state_dict(strict=True) accepts it; and the official script's torch.save files load here.

#include "config/gptconfig.h"
#include "model/namedtensors.h"
#include "pack/tensordesc.h"

#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

namespace Core {


/// Python's name for a dtype ("float32", "bfloat16", ...), as the official format records it.
std::string dtypeName(torch::ScalarType type);

/// Serialises a {string: IValue} dict in torch.save format, atomically.
void savePickledDict(const std::string &path, const c10::impl::GenericDict &dict);
/// Reads a torch.save file holding a dict with string keys. Errors name the file.
c10::impl::GenericDict loadPickledDict(const std::string &path);

void saveStateDict(const std::string &path, const NamedTensors &tensors);
NamedTensors loadStateDict(const std::string &path);

/// Name, shape, size and dtype of each tensor, for recipes and tables.
std::vector<TensorDesc> describeTensors(const NamedTensors &tensors);

/// A tensor's sizes as the errors about mismatched tensors quote them: "[1024,512]".
std::string sizesText(const torch::Tensor &t);

/// Copies `source` into `target` by name (strict: every name on both sides, same shapes; dtypes
/// are converted). Error lists unknown, missing and mis-shaped names, quoting `what`.
void assignStrict(const NamedTensors &target, const NamedTensors &source, const std::string &what);

/// Reads the model shape off official state-dict names and shapes.
GptConfig inferConfig(const NamedTensors &tensors, const std::string &what);

} // namespace Core
