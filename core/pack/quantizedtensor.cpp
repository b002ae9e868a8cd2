// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/quantizedtensor.h"

namespace Core {

int64_t QuantizedTensor::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

int64_t QuantizedTensor::rows() const
{
    return shape.size() >= 2 ? shape[0] : 1;
}

int64_t QuantizedTensor::cols() const
{
    const int64_t r = rows();
    return r > 0 ? numel() / r : 0;
}

int64_t QuantizedTensor::scaleCount() const
{
    if (setting.scheme == QuantScheme::Float)
        return 0;
    switch (setting.granularity) {
    case Granularity::Tensor: return 1;
    case Granularity::Row: return rows();
    case Granularity::Group: {
        const int64_t g = setting.groupSize;
        return rows() * ((cols() + g - 1) / g);
    }
    }
    return 0;
}

int64_t QuantizedTensor::payloadBytes() const
{
    if (setting.scheme == QuantScheme::Float)
        return numel() * floatTypeBytes(setting.floatType);
    return (numel() * setting.storedBits() + 7) / 8 + scaleCount() * floatTypeBytes(setting.scaleType);
}

} // namespace Core
