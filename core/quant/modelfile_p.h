// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) side of pack/modelfile.h.

#include "pack/modelfile.h"
#include "run/checkpoint_p.h"

namespace Core {

/// The file's tensors in its own order, dequantized to their original dtypes.
NamedTensors readModelTensors(const std::string &path);

} // namespace Core
