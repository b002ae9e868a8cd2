// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The byte-budget treemap: every byte of the artifact as a tile, nested model › block › attn/mlp
// › tensor, coloured by bit-width or by quantization error. Click selects a tensor, double-click
// zooms into a group, the breadcrumb (or Backspace/Escape) zooms back out, and a search string
// dims the tiles that don't match (webpack-bundle-analyzer's greying, issue #553 there).
//
// Layout is the pure layoutTreemap(); this class only keeps it current and paints it. Relayout
// after resize or setData is debounced (30 ms) so a burst of either costs one layout; meanwhile
// the last layout is painted stretched. Public queries (tileAt, tileRect, ...) flush a pending
// relayout first, so they always answer for the latest data and size.

#include "bytetree.h"
#include "errorramp.h"
#include "treemaplayout.h"

#include <QRegularExpression>
#include <QWidget>

#include <optional>

class QTimer;

namespace Widgets {

/// The hover text for a node: for a tensor its name, shape, params, how it is stored, sparsity,
/// raw and compressed bytes, share of `budget` and quantization error; for a group, the code or
/// the header tile the figures that apply. Plain text, one fact per line, bytes always exact
/// with thousands separators. `budget` <= 0 leaves the share out.
QString treemapTooltipText(const ByteNode &node, qint64 budget);

class TreemapWidget : public QWidget
{
    Q_OBJECT

public:
    enum class ColorMode { BitWidth, Error };

    explicit TreemapWidget(QWidget *parent = nullptr);
    ~TreemapWidget() override;

    /// Replaces the tree (debounced relayout). Zoom and selection are kept where their nodes
    /// still exist.
    void setData(ByteNode root);
    /// The latest tree given to setData.
    const ByteNode &data() const;

    /// The budget tooltips measure shares against (default 16,000,000).
    void setBudget(qint64 bytes);
    qint64 budget() const { return m_budget; }

    void setColorMode(ColorMode mode);
    ColorMode colorMode() const { return m_colorMode; }

    /// Highlights tiles whose name matches `pattern` (a case-insensitive regular expression, or a
    /// plain substring when it is not a valid one) and dims the rest; "" clears the filter.
    void setFilter(const QString &pattern);
    QString filter() const { return m_filter; }
    /// True when the tile `fullName` matches the filter (always true without a filter).
    bool matchesFilter(const QString &fullName) const;
    /// fullNames of the leaf tiles (tensors, code, header) that match, in tree order.
    QStringList matchingTiles() const;

    /// Highlights a tensor without emitting tensorSelected; "" clears. When it lies outside the
    /// zoomed group the view zooms out to the whole model.
    void setSelected(const QString &fullName);
    QString selected() const { return m_selected; }

    /// Shows only the group `fullName` ("" = the whole model); unknown names are ignored.
    void zoomTo(const QString &groupFullName);
    /// One level up; false when already at the top.
    bool zoomOut();
    QString zoomPath() const { return m_zoomPath; }
    /// Display names from the root to the zoomed group, as the breadcrumb shows them.
    QStringList breadcrumb() const;
    /// Where breadcrumb segment `i` is drawn, in widget coordinates (null if none).
    QRectF breadcrumbRect(int i) const;

    /// fullName of the deepest tile at `pos` (widget coordinates): a tensor, the code or header
    /// tile, or a group when `pos` is on its strip or padding; "" outside the tiles or on the
    /// zoomed group's own background.
    QString tileAt(const QPointF &pos) const;
    /// Where the tile `fullName` is drawn (widget coordinates); null when it is not shown.
    QRectF tileRect(const QString &fullName) const;
    /// The colour the tile `fullName` is filled with now (invalid when not shown).
    QColor tileColor(const QString &fullName) const;
    /// The map area (widget minus breadcrumb and legend).
    QRectF mapRect() const;

    /// What the map area says while the tree holds no tensor (no checkpoint open): what to
    /// do to fill it. "" restores defaultEmptyHint().
    void setEmptyHint(const QString &text);
    QString emptyHint() const;
    /// "No checkpoint is open. Open a model file with File › Open checkpoint… or run the demo".
    static QString defaultEmptyHint();

    /// Performs a pending relayout now (tests, benchmarks).
    void relayoutNow();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// The user clicked a tensor tile.
    void tensorSelected(const QString &fullName);
    /// The zoomed group changed ("" = whole model).
    void zoomChanged(const QString &groupFullName);

protected:
    bool event(QEvent *e) override;
    void paintEvent(QPaintEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseDoubleClickEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void leaveEvent(QEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;

private:
    struct TileStyle
    {
        QColor fill;
        bool dimmed = false;
        bool match = false;   ///< a filter is active and this leaf matches
        bool hatched = false; ///< error mode, error unknown
        QString line1, line2; ///< label lines that fit (may be empty)
    };
    struct Crumb
    {
        QRectF rect;
        QString fullName;
        QString name;
    };

    void scheduleRelayout();
    void ensureLayout() const;
    void doLayout();
    void restyle();
    void computeLabels();
    const ByteNode &zoomRoot() const;
    int indexOf(const QString &fullName) const;
    int tileIndexAtWidget(const QPointF &pos) const;
    QList<Crumb> crumbs() const;
    qreal stripHeight() const;
    void paintTiles(QPainter &p) const;
    void paintBreadcrumb(QPainter &p) const;
    void paintLegend(QPainter &p) const;
    void paintEmptyHint(QPainter &p) const;
    void setHover(int index);
    bool nodeMatches(const ByteNode &n) const;
    void summarizeData();
    void summarizeLegend();

    ByteNode m_tree;                   ///< what the current layout points into
    std::optional<ByteNode> m_pending; ///< newer data waiting for the debounced relayout
    qint64 m_budget = 16'000'000;
    ColorMode m_colorMode = ColorMode::BitWidth;
    QString m_filter;
    QString m_emptyHint;
    QRegularExpression m_filterRe;
    QString m_selected;
    QString m_zoomPath;
    ErrorScale m_errorScale;
    // What the legend lists (the shown tiles, per layout) and the filter's tally (whole tree).
    QList<bool> m_legendShown; ///< per bitLegend() entry: some tensor has about that width
    bool m_hasOverhead = false;
    bool m_hasUnknownError = false;
    int m_matchCount = 0;
    int m_leafCount = 0;
    qint64 m_matchBytes = 0;

    QList<TreemapTile> m_tiles;
    QList<TileStyle> m_styles;
    QRectF m_layoutBounds;
    bool m_layoutValid = false;
    int m_hover = -1;
    QTimer *m_relayoutTimer = nullptr;
};

} // namespace Widgets
