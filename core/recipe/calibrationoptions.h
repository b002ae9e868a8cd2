// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which training tokens GPTQ calibrates on (quant/calibration.h collects the statistics; the
// settings table, recipe/settingstable.h, records these options for a train_gpt.py). Plain
// values, torch-free.

#include <cstdint>
#include <string>

namespace Core {

struct CalibrationOptions
{
    std::string trainGlob;       ///< training token shards (sorted, read in order like training)
    int64_t tokens = 32768;      ///< tokens run through the model (rounded down to whole sequences)
    int64_t seqLen = 1024;       ///< sequence length (the run's train_seq_len)
    int64_t offset = 0;          ///< tokens skipped at the start of the stream
    int64_t batchTokens = 16384; ///< tokens per forward pass (memory vs speed)
};

} // namespace Core
