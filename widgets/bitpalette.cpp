// SPDX-License-Identifier: GPL-3.0-or-later
#include "bitpalette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace Widgets {

namespace {

// Anchor colours at bit-widths 1, 2, 4, 6, 8, 16, 32 (viridis samples).
struct Anchor
{
    double bits;
    QColor color;
};
const std::array<Anchor, 7> kAnchors{{{1, QColor(0x44, 0x01, 0x54)},
                                      {2, QColor(0x46, 0x33, 0x7e)},
                                      {4, QColor(0x36, 0x5c, 0x8d)},
                                      {6, QColor(0x27, 0x7f, 0x8e)},
                                      {8, QColor(0x1f, 0xa1, 0x87)},
                                      {16, QColor(0x9f, 0xda, 0x3a)},
                                      {32, QColor(0xfd, 0xe7, 0x25)}}};

const BitLegendEntry kLegend[] = {{QStringLiteral("binary"), 1},  {QStringLiteral("ternary"), 1.58},
                                  {QStringLiteral("int2"), 2},    {QStringLiteral("int4"), 4},
                                  {QStringLiteral("int5"), 5},    {QStringLiteral("int6"), 6},
                                  {QStringLiteral("int8"), 8},    {QStringLiteral("fp16/bf16"), 16},
                                  {QStringLiteral("fp32"), 32}};

} // namespace

QColor colorForBits(double bits)
{
    bits = std::clamp(bits, kAnchors.front().bits, kAnchors.back().bits);
    for (size_t i = 1; i < kAnchors.size(); ++i) {
        if (bits <= kAnchors[i].bits) {
            // Interpolate on a log scale: 16 and 32 bits are one step apart, like 4 and 8.
            const double lo = std::log2(kAnchors[i - 1].bits), hi = std::log2(kAnchors[i].bits);
            const double t = (std::log2(bits) - lo) / (hi - lo);
            const QColor &a = kAnchors[i - 1].color, &b = kAnchors[i].color;
            return QColor::fromRgbF(float(a.redF() + t * (b.redF() - a.redF())),
                                    float(a.greenF() + t * (b.greenF() - a.greenF())),
                                    float(a.blueF() + t * (b.blueF() - a.blueF())));
        }
    }
    return kAnchors.back().color;
}

QColor overheadColor()
{
    return QColor(0x9e, 0x9e, 0x9e);
}

QColor textColorOn(const QColor &background)
{
    // Relative luminance (sRGB weights); light backgrounds get black text.
    const double y = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return y > 0.5 ? Qt::black : Qt::white;
}

const BitLegendEntry *bitLegend(int *count)
{
    *count = int(std::size(kLegend));
    return kLegend;
}

} // namespace Widgets
