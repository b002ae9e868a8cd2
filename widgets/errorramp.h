// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The treemap's second colour mode: quantization error on a sequential ramp (ColorBrewer's
// YlOrRd: pale = small error, dark red = large), deliberately unlike the viridis bit-width
// palette so the two modes are never confused. Unknown error (NaN) is grey.

#include <QColor>
#include <QList>

namespace Widgets {

/// Colour at position `t` of the ramp, 0 (smallest error) .. 1 (largest); clamped.
QColor colorForErrorLevel(double t);

/// Colour for a tensor whose error is not known.
QColor unknownErrorColor();

/// Maps error values to ramp positions. Errors span decades (fp16 ~1e-4, int2 ~1e-1), so the
/// scale is logarithmic between the smallest positive and the largest error when they are at
/// least 10x apart, linear from 0 otherwise. Exact zeros map to 0.
struct ErrorScale
{
    double lo = 0;
    double hi = 0;
    bool logarithmic = false;

    /// The scale for these values (NaN and negative values are ignored).
    static ErrorScale fromValues(const QList<double> &errors);
    /// Ramp position of `error` in 0..1; NaN for NaN.
    double position(double error) const;
    /// True when no finite error was seen.
    bool isEmpty() const { return !(hi > 0); }
};

} // namespace Widgets
