// SPDX-License-Identifier: GPL-3.0-or-later
#include "treemapwidget.h"

#include "bitpalette.h"

#include <QCoreApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

namespace Widgets {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Widgets::TreemapWidget)
};

constexpr int kRelayoutDelayMs = 30;
const QColor kMapBackground(0xf7, 0xf7, 0xf7);
const QColor kGroupFrame(0x9a, 0x9f, 0xa6);
const QColor kDimTarget(0xee, 0xee, 0xee);
const QColor kSelection(0xff, 0x2d, 0x95); // magenta: on neither ramp, so never ambiguous

QColor groupFill(int depth)
{
    // Deeper groups are lighter, so nesting reads as frames within frames.
    static const QColor fills[] = {QColor(0xd5, 0xd9, 0xde), QColor(0xe3, 0xe6, 0xea),
                                   QColor(0xee, 0xf0, 0xf2)};
    return fills[std::clamp(depth - 1, 0, 2)];
}

QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + t * (b.redF() - a.redF())),
                            float(a.greenF() + t * (b.greenF() - a.greenF())),
                            float(a.blueF() + t * (b.blueF() - a.blueF())));
}

/// Integer pixel rectangle whose edges are the rounded edges of `r`, so neighbours that share
/// an edge in the layout share it on screen: no gaps, no overlaps.
QRect snapped(const QRectF &r)
{
    const int x1 = qRound(r.left()), y1 = qRound(r.top());
    const int x2 = qRound(r.right()), y2 = qRound(r.bottom());
    return QRect(x1, y1, x2 - x1, y2 - y1);
}

QString percent(double fraction)
{
    const double pct = fraction * 100;
    if (pct > 0 && pct < 0.01)
        return QStringLiteral("< 0.01 %");
    return QString::number(pct, 'f', 2) + QStringLiteral(" %");
}

QString shapeText(const QList<qint64> &shape)
{
    if (shape.isEmpty())
        //: the shape of a 0-dimensional tensor (a single number)
        return Tr::tr("scalar");
    QStringList dims;
    for (qint64 d : shape)
        dims << QString::number(d);
    return dims.join(QStringLiteral(" × "));
}

QString errorText(double e)
{
    return std::isfinite(e) ? QString::number(e, 'g', 4) : Tr::tr("unknown");
}

bool isLeaf(const ByteNode &n)
{
    return n.kind != ByteNodeKind::Group;
}

} // namespace

QString treemapTooltipText(const ByteNode &node, qint64 budget)
{
    QStringList lines;
    const auto share = [&](qint64 bytes) {
        if (budget > 0) {
            lines << Tr::tr("share of budget: %1 of %2")
                         .arg(percent(double(bytes) / double(budget)), formatByteCount(budget));
        }
    };
    switch (node.kind) {
    case ByteNodeKind::Tensor: {
        const TensorBytes &t = node.tensor;
        lines << node.fullName;
        lines << Tr::tr("shape: %1").arg(shapeText(t.shape));
        lines << Tr::tr("params: %1").arg(formatByteCount(t.params));
        lines << Tr::tr("stored as: %1").arg(t.storedAs.isEmpty() ? Tr::tr("unknown") : t.storedAs);
        lines << Tr::tr("sparsity: %1 %").arg(QString::number(t.sparsity * 100, 'f', 1));
        lines << Tr::tr("raw bytes: %1").arg(formatByteCount(t.rawBytes));
        lines << Tr::tr("compressed bytes: %1").arg(formatByteCount(node.bytes));
        share(node.bytes);
        lines << Tr::tr("quantization error: %1").arg(errorText(t.error));
        break;
    }
    case ByteNodeKind::Group:
        lines << (node.fullName.isEmpty() ? node.name : node.fullName);
        lines << (node.tensorCount() == 1 ? Tr::tr("group of 1 tensor")
                                          : Tr::tr("group of %1 tensors").arg(node.tensorCount()));
        lines << Tr::tr("raw bytes: %1").arg(formatByteCount(node.rawBytes()));
        lines << Tr::tr("compressed bytes: %1").arg(formatByteCount(node.bytes));
        share(node.bytes);
        break;
    case ByteNodeKind::Code:
        lines << Tr::tr("code (counted source)");
        lines << Tr::tr("bytes: %1").arg(formatByteCount(node.bytes));
        share(node.bytes);
        break;
    case ByteNodeKind::Header:
        lines << Tr::tr("container header (names, shapes, framing)");
        lines << Tr::tr("bytes: %1").arg(formatByteCount(node.bytes));
        share(node.bytes);
        break;
    }
    return lines.join(QLatin1Char('\n'));
}

TreemapWidget::TreemapWidget(QWidget *parent)
    : QWidget(parent)
    , m_relayoutTimer(new QTimer(this))
{
    m_tree.name = Tr::tr("model");
    m_relayoutTimer->setSingleShot(true);
    m_relayoutTimer->setInterval(kRelayoutDelayMs);
    connect(m_relayoutTimer, &QTimer::timeout, this, [this] {
        relayoutNow();
        update();
    });
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

TreemapWidget::~TreemapWidget() = default;

void TreemapWidget::setData(ByteNode root)
{
    m_pending = std::move(root);
    scheduleRelayout();
}

const ByteNode &TreemapWidget::data() const
{
    return m_pending ? *m_pending : m_tree;
}

void TreemapWidget::setBudget(qint64 bytes)
{
    m_budget = bytes;
    update();
}

void TreemapWidget::setColorMode(ColorMode mode)
{
    if (m_colorMode == mode)
        return;
    m_colorMode = mode;
    restyle();
    update();
}

void TreemapWidget::setFilter(const QString &pattern)
{
    m_filter = pattern;
    m_filterRe = QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption);
    if (!m_filterRe.isValid()) // "attn(" while typing: treat it as the literal text
        m_filterRe = QRegularExpression(QRegularExpression::escape(pattern),
                                        QRegularExpression::CaseInsensitiveOption);
    summarizeData();
    restyle();
    update();
}

bool TreemapWidget::matchesFilter(const QString &fullName) const
{
    if (m_filter.isEmpty())
        return true;
    const ByteNode *n = data().find(fullName);
    return n ? nodeMatches(*n) : m_filterRe.match(fullName).hasMatch();
}

bool TreemapWidget::nodeMatches(const ByteNode &n) const
{
    if (m_filter.isEmpty() || m_filterRe.match(n.fullName).hasMatch())
        return true;
    // The code and header tiles are found by their display names too ("code", "header").
    return n.kind != ByteNodeKind::Tensor && m_filterRe.match(n.name).hasMatch();
}

QStringList TreemapWidget::matchingTiles() const
{
    QStringList out;
    const std::function<void(const ByteNode &)> walk = [&](const ByteNode &n) {
        if (isLeaf(n) && nodeMatches(n))
            out << n.fullName;
        for (const ByteNode &c : n.children)
            walk(c);
    };
    walk(data());
    return out;
}

void TreemapWidget::setSelected(const QString &fullName)
{
    ensureLayout();
    m_selected = fullName;
    if (!fullName.isEmpty() && !zoomRoot().find(fullName) && m_tree.find(fullName))
        zoomTo(QString());
    update();
}

void TreemapWidget::zoomTo(const QString &groupFullName)
{
    ensureLayout();
    const ByteNode *n = m_tree.find(groupFullName);
    if (!n || !n->isGroup() || groupFullName == m_zoomPath)
        return;
    m_zoomPath = groupFullName;
    doLayout();
    update();
    Q_EMIT zoomChanged(m_zoomPath);
}

bool TreemapWidget::zoomOut()
{
    const QList<Crumb> path = crumbs();
    if (path.size() < 2)
        return false;
    zoomTo(path[path.size() - 2].fullName);
    return true;
}

QStringList TreemapWidget::breadcrumb() const
{
    QStringList names;
    for (const Crumb &c : crumbs())
        names << c.name;
    return names;
}

QRectF TreemapWidget::breadcrumbRect(int i) const
{
    const QList<Crumb> c = crumbs();
    return i >= 0 && i < c.size() ? c[i].rect : QRectF();
}

QString TreemapWidget::tileAt(const QPointF &pos) const
{
    const int i = tileIndexAtWidget(pos);
    return i > 0 ? m_tiles[i].node->fullName : QString();
}

QRectF TreemapWidget::tileRect(const QString &fullName) const
{
    ensureLayout();
    const int i = indexOf(fullName);
    return i >= 0 && !m_tiles[i].empty ? m_tiles[i].rect : QRectF();
}

QColor TreemapWidget::tileColor(const QString &fullName) const
{
    ensureLayout();
    const int i = indexOf(fullName);
    return i >= 0 && !m_tiles[i].empty ? m_styles[i].fill : QColor();
}

QRectF TreemapWidget::mapRect() const
{
    const qreal strip = stripHeight();
    return QRectF(0, strip, width(), std::max<qreal>(0, height() - 2 * strip));
}

void TreemapWidget::relayoutNow()
{
    m_relayoutTimer->stop();
    if (m_pending) {
        m_tree = std::move(*m_pending);
        m_pending.reset();
        const QString zoomedBefore = m_zoomPath;
        const ByteNode *zoomed = m_tree.find(m_zoomPath);
        if (!zoomed || !zoomed->isGroup())
            m_zoomPath.clear(); // the group went away with the new data
        if (!m_selected.isEmpty() && !m_tree.find(m_selected))
            m_selected.clear();
        QList<double> errors;
        const std::function<void(const ByteNode &)> collect = [&](const ByteNode &n) {
            if (n.kind == ByteNodeKind::Tensor)
                errors << n.tensor.error;
            for (const ByteNode &c : n.children)
                collect(c);
        };
        collect(m_tree);
        m_errorScale = ErrorScale::fromValues(errors);
        summarizeData();
        doLayout();
        if (m_zoomPath != zoomedBefore)
            Q_EMIT zoomChanged(m_zoomPath);
        return;
    }
    doLayout();
}

QSize TreemapWidget::sizeHint() const
{
    return QSize(900, 560);
}

QSize TreemapWidget::minimumSizeHint() const
{
    return QSize(240, 160);
}

void TreemapWidget::scheduleRelayout()
{
    m_relayoutTimer->start(); // restarts: only the last request of a burst lays out
    if (!m_layoutValid)
        update();
}

void TreemapWidget::ensureLayout() const
{
    // A lazily refreshed cache: queries must answer for the latest data and size.
    if (m_pending || !m_layoutValid || m_layoutBounds != mapRect()) {
        // relayoutNow() also stops the debounce timer, whose timeout would have repainted:
        // repaint here, or a query right after setData (selection, zoom, hover) leaves the old
        // (at start: empty) map on screen until something else repaints it.
        auto *self = const_cast<TreemapWidget *>(this);
        self->relayoutNow();
        self->update();
    }
}

void TreemapWidget::doLayout()
{
    TreemapLayoutOptions opt;
    opt.padding = 3;
    opt.headerHeight = fontMetrics().height() + 3;
    opt.minHeaderWidth = 4 * fontMetrics().averageCharWidth() + 8;
    m_layoutBounds = mapRect();
    m_tiles = layoutTreemap(zoomRoot(), m_layoutBounds, opt);
    m_layoutValid = true;
    m_hover = -1;
    summarizeLegend();
    restyle();
    computeLabels();
}

void TreemapWidget::summarizeData()
{
    // The filter's tally covers the whole model, whatever the zoom.
    m_matchCount = 0;
    m_leafCount = 0;
    m_matchBytes = 0;
    const std::function<void(const ByteNode &)> walk = [&](const ByteNode &n) {
        if (isLeaf(n)) {
            ++m_leafCount;
            if (!m_filter.isEmpty() && nodeMatches(n)) {
                ++m_matchCount;
                m_matchBytes += n.bytes;
            }
        }
        for (const ByteNode &c : n.children)
            walk(c);
    };
    walk(m_tree);
}

void TreemapWidget::summarizeLegend()
{
    // The legend lists what the map shows now (the zoomed group's tiles), nothing else.
    int count = 0;
    const BitLegendEntry *entries = bitLegend(&count);
    m_legendShown = QList<bool>(count, false);
    m_hasOverhead = m_hasUnknownError = false;
    const auto nearestEntry = [&](double bits) {
        // Legend entries are bit-widths; a tensor at 5.3 bits shows under the closest one.
        const double lb = std::log2(std::max(bits, 0.5));
        int best = 0;
        for (int k = 1; k < count; ++k) {
            if (std::abs(std::log2(entries[k].bits) - lb) <
                std::abs(std::log2(entries[best].bits) - lb))
                best = k;
        }
        return best;
    };
    for (const TreemapTile &t : std::as_const(m_tiles)) {
        if (t.empty)
            continue;
        if (t.node->kind == ByteNodeKind::Tensor) {
            m_legendShown[nearestEntry(t.node->tensor.bitsPerWeight)] = true;
            m_hasUnknownError |= std::isnan(t.node->tensor.error);
        } else if (!t.node->isGroup()) {
            m_hasOverhead = true;
        }
    }
}

void TreemapWidget::restyle()
{
    m_styles.resize(m_tiles.size());
    const bool filtering = !m_filter.isEmpty();
    for (qsizetype i = 0; i < m_tiles.size(); ++i) {
        const ByteNode &n = *m_tiles[i].node;
        TileStyle &s = m_styles[i];
        s.hatched = false;
        if (n.isGroup()) {
            s.fill = groupFill(m_tiles[i].depth);
            s.dimmed = s.match = false;
            continue;
        }
        if (n.kind != ByteNodeKind::Tensor) {
            s.fill = overheadColor();
        } else if (m_colorMode == ColorMode::BitWidth) {
            s.fill = colorForBits(n.tensor.bitsPerWeight);
        } else {
            const double t = m_errorScale.position(n.tensor.error);
            s.hatched = std::isnan(t);
            s.fill = s.hatched ? unknownErrorColor() : colorForErrorLevel(t);
        }
        s.match = filtering && nodeMatches(n);
        s.dimmed = filtering && !s.match;
        if (s.dimmed)
            s.fill = blend(s.fill, kDimTarget, 0.82);
        s.fill = QColor(s.fill.rgb()); // 8 bits per channel, as painted, so tileColor() is exact
    }
}

void TreemapWidget::computeLabels()
{
    // Eliding is the slow part of drawing text, so it happens once per layout, not per frame.
    // A label is the first of its candidates that fits; a cut one must keep at least three
    // letters, else the tile is left to the tooltip (a one-letter stub is only clutter).
    const QFontMetrics fm = fontMetrics();
    const int lineH = fm.height();
    const auto firstFit = [&](const QStringList &candidates, int room, Qt::TextElideMode mode) {
        for (const QString &c : candidates) {
            if (fm.horizontalAdvance(c) <= room)
                return c;
        }
        const QString cut = fm.elidedText(candidates.back(), mode, room);
        return cut.size() >= 4 ? cut : QString();
    };
    for (qsizetype i = 0; i < m_tiles.size(); ++i) {
        const TreemapTile &t = m_tiles[i];
        TileStyle &s = m_styles[i];
        s.line1.clear();
        s.line2.clear();
        if (t.empty || i == 0)
            continue;
        const ByteNode &n = *t.node;
        const QString bytes = formatByteCount(n.bytes);
        if (n.isGroup()) {
            if (t.header.isNull())
                continue;
            // Cut group names in the middle: "blocks.91" keeps its number as "bl…91".
            s.line1 = firstFit({n.name + QStringLiteral("  ") + bytes, n.name},
                               int(t.header.width()) - 8, Qt::ElideMiddle);
            continue;
        }
        const int room = int(t.rect.width()) - 6;
        if (t.rect.height() < lineH + 2 || room < fm.averageCharWidth() * 2)
            continue;
        QStringList names{n.name};
        if (n.name.endsWith(QLatin1String(".weight"))) // "c_q.weight" -> "c_q" before cutting
            names << n.name.chopped(7);
        s.line1 = firstFit(names, room, Qt::ElideRight);
        if (!s.line1.isEmpty() && t.rect.height() >= 2 * lineH + 4 &&
            fm.horizontalAdvance(bytes) <= room)
            s.line2 = bytes; // numbers are never cut: a cut number would mislead
    }
}

const ByteNode &TreemapWidget::zoomRoot() const
{
    const ByteNode *n = m_tree.find(m_zoomPath);
    return n && n->isGroup() ? *n : m_tree;
}

int TreemapWidget::indexOf(const QString &fullName) const
{
    for (qsizetype i = 0; i < m_tiles.size(); ++i) {
        if (m_tiles[i].node->fullName == fullName)
            return int(i);
    }
    return -1;
}

int TreemapWidget::tileIndexAtWidget(const QPointF &pos) const
{
    ensureLayout();
    return tileIndexAt(m_tiles, pos);
}

QList<TreemapWidget::Crumb> TreemapWidget::crumbs() const
{
    ensureLayout();
    QList<Crumb> out;
    const QFontMetrics fm = fontMetrics();
    const qreal h = stripHeight();
    qreal x = 6;
    const QString sep = QStringLiteral("  ›  ");
    const ByteNode *n = &m_tree;
    while (n) {
        const qreal w = fm.horizontalAdvance(n->name) + 2;
        out.append({QRectF(x, 0, w, h), n->fullName, n->name});
        x += w + fm.horizontalAdvance(sep);
        if (n->fullName == m_zoomPath)
            break;
        const ByteNode *next = nullptr;
        for (const ByteNode &c : n->children) {
            if (c.isGroup() && c.find(m_zoomPath)) {
                next = &c;
                break;
            }
        }
        n = next;
    }
    return out;
}

qreal TreemapWidget::stripHeight() const
{
    return fontMetrics().height() + 10;
}

void TreemapWidget::setHover(int index)
{
    if (index == m_hover)
        return;
    m_hover = index;
    update();
}

bool TreemapWidget::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int i = tileIndexAtWidget(help->pos());
        if (i > 0) {
            QToolTip::showText(help->globalPos(), treemapTooltipText(*m_tiles[i].node, m_budget),
                               this, snapped(m_tiles[i].rect));
        } else {
            QToolTip::hideText();
            e->ignore();
        }
        return true;
    }
    return QWidget::event(e);
}

void TreemapWidget::resizeEvent(QResizeEvent *e)
{
    QWidget::resizeEvent(e);
    scheduleRelayout();
}

void TreemapWidget::mousePressEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(e);
    const QPointF pos = e->position();
    if (pos.y() < stripHeight()) {
        for (const Crumb &c : crumbs()) {
            if (c.rect.contains(pos)) {
                zoomTo(c.fullName);
                return;
            }
        }
        return;
    }
    const int i = tileIndexAtWidget(pos);
    if (i > 0 && m_tiles[i].node->kind == ByteNodeKind::Tensor) {
        m_selected = m_tiles[i].node->fullName;
        update();
        Q_EMIT tensorSelected(m_selected);
    }
}

void TreemapWidget::mouseDoubleClickEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton)
        return QWidget::mouseDoubleClickEvent(e);
    // Drill down one level: into the child of the zoomed group under the pointer, if a group.
    int i = tileIndexAtWidget(e->position());
    while (i > 0 && m_tiles[i].parent > 0)
        i = m_tiles[i].parent;
    if (i > 0 && m_tiles[i].node->isGroup())
        zoomTo(m_tiles[i].node->fullName);
}

void TreemapWidget::mouseMoveEvent(QMouseEvent *e)
{
    setHover(tileIndexAtWidget(e->position()));
    QWidget::mouseMoveEvent(e);
}

void TreemapWidget::leaveEvent(QEvent *e)
{
    setHover(-1);
    QWidget::leaveEvent(e);
}

void TreemapWidget::keyPressEvent(QKeyEvent *e)
{
    if ((e->key() == Qt::Key_Backspace || e->key() == Qt::Key_Escape) && zoomOut())
        return;
    QWidget::keyPressEvent(e);
}

void TreemapWidget::paintEvent(QPaintEvent *)
{
    // Stretching the last layout is only a stand-in while a debounced relayout is on its way.
    // A layout made for another size with none pending (the first price laid out before the
    // window reached its size, never followed by a resize) or for an empty map (stretching
    // zero-size tiles shows nothing) is redone now: the first frame a user sees has its tiles.
    const bool stale = m_layoutValid && m_layoutBounds != mapRect() &&
                       (!m_relayoutTimer->isActive() || m_layoutBounds.width() < 1 ||
                        m_layoutBounds.height() < 1);
    if (!m_layoutValid || stale)
        relayoutNow(); // don't wait for the debounce
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    p.fillRect(mapRect(), kMapBackground);
    p.save();
    p.setClipRect(mapRect());
    const QRectF now = mapRect();
    if (m_layoutValid && m_layoutBounds != now && !m_layoutBounds.isEmpty()) {
        // Resizing: stretch the last layout until the debounced relayout arrives.
        p.translate(now.topLeft());
        p.scale(now.width() / m_layoutBounds.width(), now.height() / m_layoutBounds.height());
        p.translate(-m_layoutBounds.topLeft());
    }
    paintTiles(p);
    p.restore();
    if (m_tree.tensorCount() == 0 && !m_pending)
        paintEmptyHint(p);
    paintBreadcrumb(p);
    paintLegend(p);
}

void TreemapWidget::paintEmptyHint(QPainter &p) const
{
    // A blank map tells a newcomer nothing: say what fills it.
    const QRect area = mapRect().toRect().adjusted(24, 24, -24, -24);
    if (area.width() < 40 || area.height() < fontMetrics().height())
        return;
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    p.setFont(big);
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, emptyHint());
    p.setFont(font());
}

QString TreemapWidget::emptyHint() const
{
    return m_emptyHint.isEmpty() ? defaultEmptyHint() : m_emptyHint;
}

void TreemapWidget::setEmptyHint(const QString &text)
{
    m_emptyHint = text;
    update();
}

QString TreemapWidget::defaultEmptyHint()
{
    return Tr::tr("No checkpoint is open.\n\nOpen a model file with File › Open checkpoint... "
                  "(Ctrl+O) to see where every byte of it goes, or run the demo (Run › Run the "
                  "demo): it trains a small model in a few minutes and opens it here.");
}

void TreemapWidget::paintTiles(QPainter &p) const
{
    const QFontMetrics fm = fontMetrics();
    const int ascent = fm.ascent(), lineH = fm.height();
    const QBrush hatch(QColor(0x80, 0x80, 0x80), Qt::BDiagPattern);
    for (qsizetype i = 1; i < m_tiles.size(); ++i) {
        const TreemapTile &t = m_tiles[i];
        if (t.empty)
            continue;
        const QRect r = snapped(t.rect);
        if (r.width() <= 0 || r.height() <= 0)
            continue;
        const TileStyle &s = m_styles[i];
        if (t.node->isGroup()) {
            p.fillRect(r, s.fill);
            p.setPen(kGroupFrame);
            p.drawRect(r.adjusted(0, 0, -1, -1));
            if (!s.line1.isEmpty()) {
                p.setPen(QColor(0x20, 0x20, 0x20));
                p.drawText(QPointF(t.header.left() + 4, t.header.top() + 2 + ascent), s.line1);
            }
            continue;
        }
        // Leave a 1-pixel seam on the right and bottom so neighbouring tiles of one colour
        // stay apart; tiles too thin for that are filled whole.
        const QRect fillR = r.width() > 3 && r.height() > 3 ? r.adjusted(0, 0, -1, -1) : r;
        p.fillRect(fillR, s.fill);
        if (s.hatched)
            p.fillRect(fillR, hatch);
        if (!s.line1.isEmpty()) {
            QColor ink = textColorOn(s.fill);
            if (s.dimmed)
                ink = QColor(0x90, 0x90, 0x90);
            p.setPen(ink);
            p.drawText(QPointF(r.left() + 3, r.top() + 1 + ascent), s.line1);
            if (!s.line2.isEmpty())
                p.drawText(QPointF(r.left() + 3, r.top() + 1 + lineH + ascent), s.line2);
        }
    }
    // Outlines last, so no later tile covers them.
    auto outline = [&](int i, const QColor &c, int width) {
        if (i <= 0 || i >= m_tiles.size() || m_tiles[i].empty)
            return;
        const QRect r = snapped(m_tiles[i].rect);
        if (r.width() <= 0 || r.height() <= 0)
            return;
        QPen pen(c, width);
        pen.setJoinStyle(Qt::MiterJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        const int in = width / 2;
        p.drawRect(r.adjusted(in, in, -in - 1, -in - 1));
    };
    if (!m_filter.isEmpty()) {
        for (qsizetype i = 1; i < m_tiles.size(); ++i) {
            if (m_styles[i].match)
                outline(int(i), QColor(0x10, 0x10, 0x10), 1);
        }
    }
    if (m_hover > 0 && !m_tiles.isEmpty())
        outline(m_hover, QColor(0xff, 0xff, 0xff), 2);
    if (!m_selected.isEmpty()) {
        const int sel = indexOf(m_selected);
        outline(sel, kSelection, 3);
    }
}

void TreemapWidget::paintBreadcrumb(QPainter &p) const
{
    const QFontMetrics fm = fontMetrics();
    const QList<Crumb> path = crumbs();
    const qreal baseline = (stripHeight() - fm.height()) / 2 + fm.ascent();
    const QString sep = QStringLiteral("  ›  ");
    QFont bold = font();
    bold.setBold(true);
    for (qsizetype i = 0; i < path.size(); ++i) {
        const bool last = i + 1 == path.size();
        const QString &name = path[i].name;
        p.setFont(last ? bold : font());
        p.setPen(last ? palette().color(QPalette::WindowText) : palette().color(QPalette::Link));
        p.drawText(QPointF(path[i].rect.left(), baseline), name);
        if (!last) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.setFont(font());
            p.drawText(QPointF(path[i].rect.right(), baseline), sep);
        }
    }
    p.setFont(font());
    const ByteNode &z = zoomRoot();
    QString right = Tr::tr("%1 bytes").arg(formatByteCount(z.bytes));
    if (m_budget > 0)
        right += Tr::tr(" · %1 of the budget").arg(percent(double(z.bytes) / double(m_budget)));
    const qreal x = width() - 6 - fm.horizontalAdvance(right);
    if (path.isEmpty() || x > path.back().rect.right() + 20) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPointF(x, baseline), right);
    }
}

void TreemapWidget::paintLegend(QPainter &p) const
{
    const QFontMetrics fm = fontMetrics();
    const qreal top = height() - stripHeight();
    const qreal baseline = top + (stripHeight() - fm.height()) / 2 + fm.ascent();
    const int sw = fm.height() - 2; // swatch size
    const qreal swTop = top + (stripHeight() - sw) / 2;
    qreal x = 6;
    p.setPen(palette().color(QPalette::WindowText));

    auto swatch = [&](const QColor &c, const QString &label, bool hatched) {
        const QRectF box(x, swTop, sw, sw);
        p.fillRect(box, c);
        if (hatched)
            p.fillRect(box, QBrush(QColor(0x80, 0x80, 0x80), Qt::BDiagPattern));
        p.setPen(QColor(0x60, 0x60, 0x60));
        p.drawRect(box.adjusted(0, 0, -1, -1));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPointF(x + sw + 4, baseline), label);
        x += sw + 4 + fm.horizontalAdvance(label) + 12;
    };

    if (m_colorMode == ColorMode::BitWidth) {
        p.drawText(QPointF(x, baseline), Tr::tr("bits:"));
        x += fm.horizontalAdvance(Tr::tr("bits:")) + 8;
        int count = 0;
        const BitLegendEntry *entries = bitLegend(&count);
        for (int k = 0; k < count; ++k) {
            if (k < m_legendShown.size() && m_legendShown[k])
                swatch(colorForBits(entries[k].bits), entries[k].label, false);
        }
    } else {
        const QString title = Tr::tr("quantization error:");
        p.drawText(QPointF(x, baseline), title);
        x += fm.horizontalAdvance(title) + 8;
        if (!m_errorScale.isEmpty()) {
            const QString lo =
                QString::number(m_errorScale.logarithmic ? m_errorScale.lo : 0.0, 'g', 3);
            const QString hi = QString::number(m_errorScale.hi, 'g', 3);
            p.drawText(QPointF(x, baseline), lo);
            x += fm.horizontalAdvance(lo) + 4;
            const QRectF ramp(x, swTop, 120, sw);
            QLinearGradient g(ramp.topLeft(), ramp.topRight());
            for (int k = 0; k <= 8; ++k)
                g.setColorAt(k / 8.0, colorForErrorLevel(k / 8.0));
            p.fillRect(ramp, g);
            p.setPen(QColor(0x60, 0x60, 0x60));
            p.drawRect(ramp.adjusted(0, 0, -1, -1));
            p.setPen(palette().color(QPalette::WindowText));
            x += ramp.width() + 4;
            const QString hiText =
                hi + (m_errorScale.logarithmic ? Tr::tr(" (log scale)") : QString());
            p.drawText(QPointF(x, baseline), hiText);
            x += fm.horizontalAdvance(hiText) + 12;
        }
        if (m_hasUnknownError)
            swatch(unknownErrorColor(), Tr::tr("unknown"), true);
    }
    if (m_hasOverhead)
        swatch(overheadColor(), Tr::tr("code / header"), false);

    if (!m_filter.isEmpty()) {
        const QString text = Tr::tr("“%1”: %2 of %3 tiles, %4 bytes")
                                 .arg(m_filter)
                                 .arg(m_matchCount)
                                 .arg(m_leafCount)
                                 .arg(formatByteCount(m_matchBytes));
        const qreal tx = width() - 6 - fm.horizontalAdvance(text);
        if (tx > x) {
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(QPointF(tx, baseline), text);
        }
    }
}

} // namespace Widgets
