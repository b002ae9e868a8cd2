// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the workbench's QCustomPlot views (MetricsPlot, ParetoView) share, so that the plots of
// one window look and behave alike: grey axes on white with a faint grid, drag and zoom, a grey
// note in the middle while there is nothing to draw, and an "export" menu for CSV and PNG.

#include <QString>

#include <functional>

class QCPAxis;
class QCPItemText;
class QCustomPlot;
class QToolButton;
class QWidget;

namespace Widgets {

/// Quiet axes: grey ink, a faint grid without sub-grid or zero line. The number format is left
/// to the view (each knows its units).
void styleQuietAxis(QCPAxis *axis);

/// At least 240 x 160 pixels, white background, drag and wheel zoom, the bottom and left axes
/// styled by styleQuietAxis and the top and right ones hidden.
void setupQuietPlot(QCustomPlot *plot);

/// A grey, unclipped text item centred on the axis rect: what an empty plot says. Empty text
/// until the view sets one.
QCPItemText *addCenteredNote(QCustomPlot *plot);

/// What a view's export menu writes, through the view's own export functions.
struct PlotExport
{
    QString csvLabel;                  ///< the CSV entry's menu text, "CSV (what it holds)…"
    std::function<QString()> baseName; ///< suggested file name without suffix, asked per export
    std::function<bool(const QString &path, QString *error)> csv;
    std::function<bool(const QString &path)> png;
};

/// An "export" tool button (instant popup) whose menu asks for a file name and writes CSV or
/// PNG; a failure shows as a tooltip over `owner`, which also owns the button.
QToolButton *makeExportButton(QWidget *owner, PlotExport what);

} // namespace Widgets
