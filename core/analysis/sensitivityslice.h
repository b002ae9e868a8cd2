// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The tokens of an evaluation slice (job/evalslice.h), loaded.

#include "data/bytelut.h"
#include "eval/evaluator.h"
#include "job/evalslice.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

/// The slice's tokens and LUT, loaded once.
struct SliceData
{
    std::vector<uint16_t> tokens;
    ByteLut lut;
    EvalOptions options;
    std::string label;
};

/// Loads the slice for a model of `vocabSize`. Throws Core::Error for missing shards or a slice
/// past their end.
SliceData loadSlice(const EvalSlice &slice, int64_t vocabSize);

} // namespace Core
