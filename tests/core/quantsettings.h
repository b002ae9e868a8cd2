// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The integer QuantSetting the tests and fixtures build, in one place: per row, 64-wide groups,
// no clipping and fp16 scales unless a test says otherwise (the QuantSetting defaults).

#include "pack/mixedformat.h" // QuantSetting (mixedformat.h stays put while quantsetting.h moves)

namespace TestData {

inline Core::QuantSetting intSetting(int bits, Core::Granularity g = Core::Granularity::Row,
                                     int groupSize = 64, Core::ClipMode clip = Core::ClipMode::None,
                                     double clipValue = 0.0,
                                     Core::FloatType scaleType = Core::FloatType::Float16)
{
    Core::QuantSetting s;
    s.scheme = Core::QuantScheme::Int;
    s.bits = bits;
    s.granularity = g;
    s.groupSize = groupSize;
    s.clip = clip;
    s.clipValue = clipValue;
    s.scaleType = scaleType;
    return s;
}

} // namespace TestData
