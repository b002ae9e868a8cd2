// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/float8.h"

#include <cmath>
#include <limits>

namespace Core {

float float8e4m3fnToFloat(uint8_t bits)
{
    const float sign = (bits & 0x80) ? -1.0f : 1.0f;
    const int exponent = (bits >> 3) & 0x0f;
    const int mantissa = bits & 0x07;
    if (exponent == 0x0f && mantissa == 0x07)
        return std::numeric_limits<float>::quiet_NaN();
    if (exponent == 0) // subnormal: m/8 * 2^-6
        return sign * std::ldexp(float(mantissa), -9);
    return sign * std::ldexp(float(8 + mantissa), exponent - 10);
}

float float8e5m2ToFloat(uint8_t bits)
{
    const float sign = (bits & 0x80) ? -1.0f : 1.0f;
    const int exponent = (bits >> 2) & 0x1f;
    const int mantissa = bits & 0x03;
    if (exponent == 0x1f)
        return mantissa ? std::numeric_limits<float>::quiet_NaN()
                        : sign * std::numeric_limits<float>::infinity();
    if (exponent == 0) // subnormal: m/4 * 2^-14
        return sign * std::ldexp(float(mantissa), -16);
    return sign * std::ldexp(float(4 + mantissa), exponent - 17);
}

} // namespace Core
