// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Bytes against val_bpb for every recipe evaluated on a checkpoint (recipe/evalhistory.h):
// the lower-left Pareto frontier as a step line with filled markers (with B bytes one can get
// the bpb of the best frontier point left of B), dominated recipes faint, the document's
// current recipe ringed, and the byte budget as a vertical line. Only records measured on the
// same slice of tokens are comparable, so the view shows one slice at a time (the newest by
// default) with a selector. Hover shows a point's label, source, exact bytes, headroom and
// bpb; a click hands its record out (the window loads its recipe). CSV and PNG export.

#include "recipe/evalhistory.h"

#include <QPointF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <nlohmann/json.hpp>

#include <vector>

class QComboBox;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QMouseEvent;

namespace Widgets {

class ParetoView : public QWidget
{
    Q_OBJECT
public:
    /// A click counts as one on a point within this many pixels of its marker.
    static constexpr double kPickRadius = 10.0;

    explicit ParetoView(QWidget *parent = nullptr);
    ~ParetoView() override;

    /// The whole history (any slices, in file order). Keeps the chosen slice when it is still
    /// there, else shows the newest record's slice.
    void setRecords(std::vector<Core::RecipeEval> records);
    const std::vector<Core::RecipeEval> &records() const { return m_records; }

    /// Slices present in the history, the newest record's first.
    QStringList slices() const;
    /// The slice shown ("" when the history is empty).
    QString slice() const { return m_slice; }
    /// Shows `slice` (ignored when no record has it).
    void setSlice(const QString &slice);

    /// Indices into records() of the points shown (on the current slice), in file order.
    std::vector<int> shownIndices() const { return m_shown; }
    /// Indices into records() of the shown points on the frontier, bytes ascending.
    std::vector<int> frontierIndices() const { return m_frontier; }
    bool onFrontier(int index) const;

    /// Marks the newest shown record whose recipe equals `recipe` (JSON equality) as the
    /// current recipe; a null JSON clears the mark.
    void setCurrentRecipe(const nlohmann::json &recipe);
    /// The record marked current (-1 = none on this slice).
    int currentIndex() const { return m_current; }

    qint64 budget() const { return m_budget; }
    /// The vertical budget line (total artifact bytes).
    void setBudget(qint64 bytes);

    /// evalHistoryCsv of every record (all slices).
    QString csv() const;
    /// Writes csv() atomically. On failure returns false and sets `error`.
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    /// Saves the plot as PNG; width/height 0 = the widget's size.
    bool exportPng(const QString &path, int width = 0, int height = 0);

    /// The header line: what is shown ("5 recipes on val[0:65536], 3 on the frontier") or
    /// why nothing is.
    QString statusText() const;
    /// The message drawn across an empty plot ("" when there are points).
    QString emptyText() const;
    /// The tooltip of record `index` (HTML).
    QString hoverText(int index) const;
    /// Where record `index` is drawn, in customPlot() pixels (NaN when not shown).
    QPointF pointPosition(int index) const;
    /// The shown record nearest to `pixel` within kPickRadius, or -1.
    int pointAt(const QPointF &pixel) const;
    QCustomPlot *customPlot() const { return m_plot; }

Q_SIGNALS:
    /// A point was clicked.
    void recordClicked(const Core::RecipeEval &record);
    void sliceChanged(const QString &slice);

private:
    void rebuild();
    void fitAxes();
    void updateCurrent();
    void showTooltip(QMouseEvent *event);

    std::vector<Core::RecipeEval> m_records;
    QString m_slice;
    std::vector<int> m_shown;
    std::vector<int> m_frontier;
    nlohmann::json m_currentRecipe;
    int m_current = -1;
    qint64 m_budget;
    QPointF m_pressPos;

    QLabel *m_sliceName = nullptr;
    QComboBox *m_sliceBox = nullptr;
    QLabel *m_status = nullptr;
    QCustomPlot *m_plot = nullptr;
    QCPGraph *m_dominatedGraph = nullptr;
    QCPGraph *m_frontierGraph = nullptr;
    QCPGraph *m_currentGraph = nullptr;
    QCPItemStraightLine *m_budgetLine = nullptr;
    QCPItemText *m_budgetText = nullptr;
    QCPItemText *m_emptyText = nullptr;
};

} // namespace Widgets
