// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) side of quant/sizepricer.h: a pricer over any named weights, for models that
// are not golf's GPT (a record's architecture evaluated through the user's script).

#include "model/checkpoint_p.h"
#include "quant/sizepricer.h"

namespace Core {

/// A pricer over copies of `weights`, in their order and dtypes.
SizePricer pricerOf(const NamedTensors &weights);

} // namespace Core
