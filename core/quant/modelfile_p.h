// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) side of quant/modelfile.h.

#include "quant/modelfile.h"
#include "model/checkpoint_p.h"

namespace Core {

/// The file's tensors in its own order, dequantized to their original dtypes.
NamedTensors readModelTensors(const std::string &path);

} // namespace Core
