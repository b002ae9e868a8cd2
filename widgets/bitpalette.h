// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One colour scheme for "how many bits does this tensor take", shared by the treemap, its
// legend and the tensor table, so a colour means the same thing everywhere. Colour-blind safe
// (a sequential blue-to-yellow ramp from the viridis family): fewer bits = darker.

#include <QColor>
#include <QString>

namespace Widgets {

/// Colour for a tensor stored at `bitsPerWeight` (1 binary, ~1.58 ternary, 2..8 int,
/// 16 / 32 float). Values in between are interpolated.
QColor colorForBits(double bitsPerWeight);

/// Colour for the non-tensor tiles (code bytes, container header).
QColor overheadColor();

/// A readable text colour (black or white) on `background`.
QColor textColorOn(const QColor &background);

/// Legend entries, in order: {label, bits}.
struct BitLegendEntry
{
    QString label;
    double bits;
};
const BitLegendEntry *bitLegend(int *count);

} // namespace Widgets
