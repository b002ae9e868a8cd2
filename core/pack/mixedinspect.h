// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The size table of a golf-mixed-v1 file without libtorch (`golf inspect` starts without
// loading it): every tensor's stream bytes as the header records them, its setting, and the
// share of its values that are zero once dequantized, decided from the stored codes and scales
// exactly as dequantization would round them.

#include "pack/quantizedtensor.h"
#include "pack/sizereport.h"

#include <string>
#include <string_view>

namespace Core {

/// The per-tensor table of a golf-mixed-v1 file's bytes; the figures sum to bytes.size().
/// Throws Core::Error naming `what` for a damaged file (as readMixed does).
SizeReport inspectMixedFile(std::string_view bytes, const std::string &what);

/// Fraction of `q`'s values that dequantize to exactly zero in its original dtype: code x scale
/// computed in fp32 (or the stored float), then rounded to the dtype as dequantization does.
double storedZeroFraction(const QuantizedTensor &q);

} // namespace Core
