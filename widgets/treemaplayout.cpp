// SPDX-License-Identifier: GPL-3.0-or-later
#include "treemaplayout.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Widgets {

namespace {

/// The worst aspect ratio in a row of total area `sum` (smallest item `mn`, largest `mx`) laid
/// along a side of length `side` (paper, eq. for worst()): the row is sum/side thick, so its
/// items are a_i / thickness long.
double worstRatio(double sum, double mn, double mx, double side)
{
    const double s2 = sum * sum, side2 = side * side;
    if (s2 <= 0 || side2 <= 0 || mn <= 0)
        return std::numeric_limits<double>::infinity();
    return std::max(side2 * mx / s2, s2 / (side2 * mn));
}

void place(const ByteNode &node, const QRectF &rect, int parent, int depth, bool empty,
           const TreemapLayoutOptions &opt, QList<TreemapTile> &out)
{
    TreemapTile tile;
    tile.node = &node;
    tile.rect = rect;
    tile.content = rect;
    tile.parent = parent;
    tile.depth = depth;
    tile.empty = empty;
    if (node.isGroup() && depth > 0 && !empty) {
        const qreal pad = opt.padding, hh = opt.headerHeight;
        if (hh > 0 && rect.width() >= std::max(opt.minHeaderWidth, 4 * pad) &&
            rect.height() >= 2 * hh + 2 * pad) {
            tile.header = QRectF(rect.left(), rect.top(), rect.width(), hh);
            tile.content = rect.adjusted(pad, hh, -pad, -pad);
        } else if (rect.width() >= 4 * pad && rect.height() >= 4 * pad) {
            tile.content = rect.adjusted(pad, pad, -pad, -pad);
        }
    }
    out.append(tile);
    const int self = int(out.size()) - 1;
    if (node.children.empty())
        return;

    QList<double> weights;
    weights.reserve(qsizetype(node.children.size()));
    for (const ByteNode &c : node.children)
        weights.append(double(c.bytes));
    const QRectF content = out[self].content; // `out` may reallocate below
    const QList<QRectF> rects = squarify(weights, content);
    for (size_t k = 0; k < node.children.size(); ++k) {
        place(node.children[k], rects[qsizetype(k)], self, depth + 1,
              empty || node.children[k].bytes <= 0, opt, out);
    }
}

} // namespace

QList<QRectF> squarify(const QList<double> &weights, const QRectF &rect)
{
    const qsizetype n = weights.size();
    QList<QRectF> out(n, QRectF(rect.bottomRight(), QSizeF(0, 0)));
    QList<qsizetype> order;
    double total = 0;
    for (qsizetype i = 0; i < n; ++i) {
        if (std::isfinite(weights[i]) && weights[i] > 0) {
            order.append(i);
            total += weights[i];
        }
    }
    if (order.isEmpty() || !(total > 0) || !(rect.width() > 0) || !(rect.height() > 0))
        return out;
    // Largest first; equal weights keep input order, so the result is deterministic.
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return weights[a] > weights[b]; });

    const double scale = rect.width() * rect.height() / total;
    auto area = [&](qsizetype k) { return weights[order[k]] * scale; };
    // The space left always shares rect's bottom-right corner: rows are cut from its left (a
    // column, when it is wider than tall) or its top (a strip), so its far edges never move and
    // each row ends exactly on them, which keeps rounding from opening gaps.
    const double right = rect.right(), bottom = rect.bottom();
    double x = rect.left(), y = rect.top();
    qsizetype i = 0;
    while (i < order.size()) {
        const double w = right - x, h = bottom - y;
        const bool column = w >= h; // lay the row along the shorter side
        const double side = column ? h : w;
        double sum = area(i), mn = sum, mx = sum;
        double worst = worstRatio(sum, mn, mx, side);
        qsizetype j = i + 1;
        for (; j < order.size(); ++j) {
            const double a = area(j);
            const double r = worstRatio(sum + a, std::min(mn, a), std::max(mx, a), side);
            if (r > worst)
                break;
            sum += a;
            mn = std::min(mn, a);
            mx = std::max(mx, a);
            worst = r;
        }
        const double extent = column ? w : h;
        const bool lastRow = j == order.size();
        const double thick =
            lastRow ? extent : std::clamp(side > 0 ? sum / side : extent, 0.0, extent);

        const double start = column ? y : x, end = column ? bottom : right;
        double acc = 0, pos = start;
        for (qsizetype k = i; k < j; ++k) {
            acc += area(k);
            const double next = k + 1 == j ? end : start + side * (acc / sum);
            out[order[k]] =
                column ? QRectF(x, pos, thick, next - pos) : QRectF(pos, y, next - pos, thick);
            pos = next;
        }
        if (column)
            x = lastRow ? right : x + thick;
        else
            y = lastRow ? bottom : y + thick;
        i = j;
    }
    return out;
}

QList<TreemapTile> layoutTreemap(const ByteNode &root, const QRectF &bounds,
                                 const TreemapLayoutOptions &options)
{
    QList<TreemapTile> tiles;
    tiles.reserve(64);
    place(root, bounds, -1, 0, root.bytes <= 0, options, tiles);
    return tiles;
}

int tileIndexAt(const QList<TreemapTile> &tiles, const QPointF &p)
{
    // Pre-order puts descendants after ancestors and siblings don't overlap, so the last tile
    // that holds the point is the deepest one.
    for (qsizetype i = tiles.size() - 1; i >= 0; --i) {
        const TreemapTile &t = tiles[i];
        const QRectF &r = t.rect;
        if (!t.empty && p.x() >= r.left() && p.x() < r.right() && p.y() >= r.top() &&
            p.y() < r.bottom())
            return int(i);
    }
    return -1;
}

double aspectRatio(const QRectF &r)
{
    const double w = r.width(), h = r.height();
    if (w <= 0 || h <= 0)
        return std::numeric_limits<double>::infinity();
    return std::max(w / h, h / w);
}

} // namespace Widgets
