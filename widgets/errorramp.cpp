// SPDX-License-Identifier: GPL-3.0-or-later
#include "errorramp.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace Widgets {

namespace {

// ColorBrewer YlOrRd, 9 classes.
const std::array<QRgb, 9> kRamp{
    {0xffffcc, 0xffeda0, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xbd0026, 0x800026}};

} // namespace

QColor colorForErrorLevel(double t)
{
    if (!std::isfinite(t))
        return unknownErrorColor();
    const double x = std::clamp(t, 0.0, 1.0) * double(kRamp.size() - 1);
    const int i = std::min(int(x), int(kRamp.size()) - 2);
    const double f = x - i;
    const QColor a(kRamp[size_t(i)]), b(kRamp[size_t(i) + 1]);
    return QColor::fromRgbF(float(a.redF() + f * (b.redF() - a.redF())),
                            float(a.greenF() + f * (b.greenF() - a.greenF())),
                            float(a.blueF() + f * (b.blueF() - a.blueF())));
}

QColor unknownErrorColor()
{
    return QColor(0xbd, 0xbd, 0xbd);
}

ErrorScale ErrorScale::fromValues(const QList<double> &errors)
{
    ErrorScale s;
    double minPositive = std::numeric_limits<double>::infinity();
    for (double e : errors) {
        if (!std::isfinite(e) || e < 0)
            continue;
        s.hi = std::max(s.hi, e);
        if (e > 0)
            minPositive = std::min(minPositive, e);
    }
    if (s.hi > 0 && minPositive * 10 <= s.hi) {
        s.logarithmic = true;
        s.lo = minPositive;
    }
    return s;
}

double ErrorScale::position(double error) const
{
    if (std::isnan(error))
        return std::numeric_limits<double>::quiet_NaN();
    if (!(hi > 0) || error <= 0)
        return 0;
    if (!logarithmic)
        return std::clamp(error / hi, 0.0, 1.0);
    if (error <= lo)
        return 0;
    return std::clamp(std::log(error / lo) / std::log(hi / lo), 0.0, 1.0);
}

} // namespace Widgets
