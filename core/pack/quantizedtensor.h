// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One tensor as it is stored: codes and scales (integer schemes) or raw float values, with
// plain values only (no torch), so containers, size accounting and the Python-facing format
// code need no libtorch. Produced by quant/quantizer_p.h.

#include "pack/quantsetting.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

struct QuantizedTensor
{
    std::string name;
    std::vector<int64_t> shape;
    std::string dtype; ///< the original dtype ("float32", "bfloat16"); dequantization returns it
    QuantSetting setting;

    /// Int / Binary / Ternary: one code per value, row-major, in [-qmax, qmax].
    std::vector<int8_t> codes;
    /// Raw little-endian scale values in setting.scaleType, scale-group order (row-major over
    /// [rows, groups per row]): 1 (Tensor), rows (Row) or rows * ceil(cols / groupSize) (Group).
    std::string scales;
    /// Float scheme: the raw little-endian values in setting.floatType, row-major.
    std::string values;

    int64_t numel() const;
    int64_t rows() const; ///< shape[0] for ndim >= 2, else 1
    int64_t cols() const; ///< numel / rows
    /// Number of scale values the setting implies for this shape.
    int64_t scaleCount() const;
    /// Bytes of the stored payload before compression (codes at storedBits, scales, values).
    int64_t payloadBytes() const;
};

} // namespace Core
