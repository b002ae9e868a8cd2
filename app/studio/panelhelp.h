// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// "What's this?" help for the panels of the golf-studio window (issue 6, teaching guide): one
// newcomer-level text per panel, in one place so translators find them together (context
// "PanelHelp") and the guide and the window can be checked against each other. The texts
// describe what the widgets really do (widgets/, app/studio/); change them with the widgets.
//
// Also here: where the user guide lives (installed, or the source tree's resources/guide), so
// Help > User Guide and the tests agree on it.

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

class QWidget;

namespace App {

enum class Panel {
    BudgetBar,        ///< the bar over the treemap: model + code against the budget
    Treemap,          ///< the byte-budget treemap
    TensorTable,      ///< the Tensors dock: per-tensor settings, bulk edits, regex rules
    TrainingPlots,    ///< the Training dock: four live metric plots
    Pareto,           ///< the Pareto dock: bytes against round-trip val_bpb
    Log,              ///< the Log tab
    Explain,          ///< the Explain tab: resolved recipe and size table
    CodecBox,         ///< the toolbar's compressor choice
    StatusBudget,     ///< the status bar's budget figure
    ExportResult,     ///< the export result dialog (PASS / OVER BUDGET verdict banner)
    AllocationResult, ///< the allocation result dialog (FITS / OVER BUDGET verdict banner)
};

/// Every panel, in the order the guide introduces them.
QList<Panel> allPanels();

/// A short, untranslated key ("treemap", "budget-bar", ...) for tests and logs.
QString panelKey(Panel panel);

/// The panel's "What's this?" text (rich text, translated; never empty).
QString panelHelp(Panel panel);

/// Sets each widget's whatsThis to its panel's text. The QDockWidget the widget sits in gets
/// the text too (when the widget is the dock's content, or the dock has none yet: a tabbed
/// dock explains its first panel), so a click on a dock's title bar in What's This mode
/// explains the panel as well.
void installPanelHelp(const QList<QPair<Panel, QWidget *>> &targets);
void installPanelHelp(QWidget *widget, Panel panel);

/// Folders searched for the user guide's guide.md, in order (Core::guideSearchPath): the
/// share/doc/golf-studio/guide beside the executable, then guide/ in resourceDir().
QStringList guideSearchPath();

/// The first guide.md found along guideSearchPath(); "" when there is none.
QString findUserGuide();

} // namespace App
