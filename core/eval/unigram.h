// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "data/bytelut.h"

#include <cstdint>
#include <vector>

namespace Core {

/// The floor any trained model must beat: a unigram model (token frequencies counted on the
/// training stream, add-one smoothed over the vocabulary) scored on every target of the
/// validation stream with the same byte rule as val_bpb.
struct UnigramBaseline
{
    double valLoss = 0; ///< nats per token
    double valBpb = 0;
};

UnigramBaseline unigramBaseline(const std::vector<uint16_t> &train, const std::vector<uint16_t> &val,
                                const ByteLut &lut, int64_t vocabSize);

} // namespace Core
