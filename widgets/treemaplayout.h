// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Squarified treemap layout (Bruls, Huizing, van Wijk, "Squarified Treemaps", 2000) as pure
// functions: weights in, rectangles out, no painting, so the geometry is tested on its own
// (STYLE.md habit 11). Deterministic: the same input gives the same rectangles.

#include "bytetree.h"

#include <QList>
#include <QRectF>

namespace Widgets {

/// Lays `weights` out in `rect` so that each rectangle's area is proportional to its weight and
/// the rectangles tile `rect` exactly, with aspect ratios kept near 1: items are placed largest
/// first, in rows along the shorter side of the space left, and a row grows while that does not
/// worsen its worst aspect ratio. Returns one rectangle per weight, in input order. Weights that
/// are zero, negative or not finite get a zero-area rectangle at `rect`'s bottom-right corner
/// (they are kept so indices stay aligned); so do all weights when `rect` is empty.
QList<QRectF> squarify(const QList<double> &weights, const QRectF &rect);

struct TreemapLayoutOptions
{
    qreal padding = 3;      ///< gap between a group's frame and its children
    qreal headerHeight = 0; ///< label strip at the top of each group; 0 = no strips
    /// A group gets the strip only when it is at least this wide (and twice the strip tall);
    /// otherwise only padding, and below 4 × padding in either direction not even that.
    qreal minHeaderWidth = 40;
};

/// One placed node. Tiles are in pre-order: a parent comes before its children, and a child's
/// rect lies inside its parent's `content`.
struct TreemapTile
{
    const ByteNode *node = nullptr; ///< points into the tree given to layoutTreemap
    QRectF rect;                    ///< the whole tile
    QRectF content;     ///< groups: where the children are (rect less strip and padding); else rect
    QRectF header;      ///< groups with a label strip: the strip; null otherwise
    int parent = -1;    ///< index of the parent tile, -1 for the root
    int depth = 0;      ///< 0 for the root
    bool empty = false; ///< zero bytes: a zero-area rect, never drawn or hit
};

/// Lays the tree under `root` out in `bounds`. The root fills `bounds` with no strip (the view
/// names it in its breadcrumb); each group's children share its content area in proportion to
/// their bytes. Returned tiles point into `root`, which must outlive them.
QList<TreemapTile> layoutTreemap(const ByteNode &root, const QRectF &bounds,
                                 const TreemapLayoutOptions &options = {});

/// Index of the deepest non-empty tile whose rect holds `p` (edges half-open, so a point on a
/// shared edge belongs to exactly one sibling), or -1.
int tileIndexAt(const QList<TreemapTile> &tiles, const QPointF &p);

/// Worst (largest) aspect ratio max(w/h, h/w) of a rectangle; 1 for a square, +inf for a line.
double aspectRatio(const QRectF &r);

} // namespace Widgets
