// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// golf-c-v1 (torch-free): the weights file of a C export, laid out for resources/cexport/golfmodel.c (whose
// header, golfmodel.h, specifies the format). The codes stay as quantized: each row's integer
// codes packed 8 to `bits` bytes (so the C program decodes 8 codes with one 64-bit load and
// shifts), the scales and float tensors in their stored types. Nothing is compressed: the
// program holds the file in memory as it is, so its RAM is this file's size.

#include "config/gptconfig.h"
#include "pack/quantizedtensor.h"

#include <string>
#include <vector>

namespace Core {

/// What a golf-c-v1 file holds, for the export's report.
struct CWeightsSummary
{
    int64_t fileBytes = 0;
    int64_t codeBytes = 0;  ///< packed integer codes
    int64_t scaleBytes = 0; ///< their scales
    int64_t floatBytes = 0; ///< tensors stored as floats
    int64_t kvBytesPerToken = 0; ///< the program's key/value cache per position (fp32, attention blocks)
};

/// The file for a model of `config` stored as `tensors` (as a golf-mixed-v1 file holds them).
/// Throws Core::Error for what the C program does not run, naming it: L0 gates, a tensor it does
/// not know.
std::string encodeCWeights(const GptConfig &config, const std::vector<QuantizedTensor> &tensors,
                           CWeightsSummary *summary = nullptr);

/// The 8 codes at codes[0..8) (missing ones count as 0) packed into `bits` bytes at out, as
/// golfmodel.h says: unsigned code + 2^(bits-1)-1 (binary: 1 for +1, 0 for -1), code i in bits
/// [i*bits, i*bits + bits) of a little-endian word.
void packCodeRun(const int8_t *codes, int count, int bits, char *out);

} // namespace Core
