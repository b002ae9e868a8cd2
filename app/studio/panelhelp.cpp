// SPDX-License-Identifier: GPL-3.0-or-later
#include "panelhelp.h"

#include "golfbinary.h"

#include "common/resourcedir.h"

#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QWidget>

namespace App {

QList<Panel> allPanels()
{
    return {Panel::BudgetBar,    Panel::Treemap,      Panel::TensorTable,     Panel::TrainingPlots,
            Panel::Pareto,       Panel::Log,          Panel::Explain,         Panel::CodecBox,
            Panel::StatusBudget, Panel::ExportResult, Panel::AllocationResult};
}

QString panelKey(Panel panel)
{
    switch (panel) {
    case Panel::BudgetBar:
        return QStringLiteral("budget-bar");
    case Panel::Treemap:
        return QStringLiteral("treemap");
    case Panel::TensorTable:
        return QStringLiteral("tensor-table");
    case Panel::TrainingPlots:
        return QStringLiteral("training-plots");
    case Panel::Pareto:
        return QStringLiteral("pareto");
    case Panel::Log:
        return QStringLiteral("log");
    case Panel::Explain:
        return QStringLiteral("explain");
    case Panel::CodecBox:
        return QStringLiteral("codec");
    case Panel::StatusBudget:
        return QStringLiteral("status-budget");
    case Panel::ExportResult:
        return QStringLiteral("export-result");
    case Panel::AllocationResult:
        return QStringLiteral("allocation-result");
    }
    return {};
}

// Each text: what the panel shows, how to read it, what to do with it. Facts follow the
// widgets' code (budgetbar.cpp, treemapwidget.cpp, tensortable.cpp, trainingplots.cpp,
// paretoview.cpp, the result dialogs); the guide (resources/guide/guide.md) says the same at
// length.
QString panelHelp(Panel panel)
{
    switch (panel) {
    case Panel::BudgetBar:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Budget bar</h3>"
            "<p>The whole submission against the Parameter Golf cap of 16,000,000 "
            "<b>decimal</b> bytes: the <b>model file</b> (blue) plus the <b>code</b> "
            "(grey: the <code>train_gpt.py</code> chosen with File &gt; Code file, raw or "
            "wrapped). The pale green rest is headroom; past the black budget line an "
            "overshoot is drawn red.</p>"
            "<p>Under the bar a pill says <i>fits</i> (green) or <i>over budget</i> (red), "
            "then the exact figures, e.g. “15,863,489 of 16,000,000 bytes — 136,511 "
            "headroom”. The model bytes are real: every tensor is compressed with the "
            "current recipe and codec.</p>"
            "<p>Lower bit-widths or prune in the Tensors table, or use Analyse &gt; "
            "Allocate, until it is green; then spend the headroom where val_bpb gains "
            "most.</p>");
    case Panel::Treemap:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Byte-budget treemap</h3>"
            "<p>Every byte of the artifact as a tile: the area of a tile is the exact "
            "number of compressed bytes that tensor takes in the model file. Tiles nest "
            "as model › block › attention/MLP › tensor; the code and the file's header "
            "are grey tiles of their own.</p>"
            "<p>Colour shows bits per weight (legend at the bottom: dark purple = binary "
            "or ternary, teal = int6–int8, yellow = fp32). View &gt; Colour treemap by "
            "quantization error switches to pale-to-dark-red for the relative error "
            "‖w − ŵ‖ / ‖w‖.</p>"
            "<p>Hover a tile for its shape, storage, raw and compressed bytes and share of "
            "the budget. Click selects the tensor in the table; double-click zooms into a "
            "group, and the breadcrumb, Backspace or Escape zooms out. Big tiles are where "
            "bytes can be saved.</p>");
    case Panel::TensorTable:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Tensors</h3>"
            "<p>One row per tensor of the open checkpoint: shape, number of values, how it "
            "is stored (<b>Quant</b>: int2–int8, binary, ternary, fp16, …), its "
            "<b>Scales</b> (per tensor, row or group), <b>Clip</b>, <b>Prune</b>, the "
            "fraction of zeros, bytes before and after compression, share of the budget, "
            "and <b>Set by</b>: which part of the recipe decided the setting.</p>"
            "<p>Double-click a Quant, Scales, Group, Clip or Prune cell to change it; with "
            "several rows selected the edit applies to all of them. The bar below sets "
            "the selection at once, or adds one recipe rule for every name a regular "
            "expression matches (e.g. <code>\\.mlp\\.</code>). A refused edit says why in "
            "red.</p>"
            "<p>Each edit is one undo step (Ctrl+Z) and is re-priced in the background; "
            "treemap and budget bar follow.</p>");
    case Panel::TrainingPlots:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Training</h3>"
            "<p>Live plots of every watched run: training loss, validation bits per byte "
            "(val_bpb), learning rate and tokens per second. Runs appear when you start "
            "Run &gt; Train or the demo, or use Run &gt; Watch run directory / Watch log "
            "file (an official <code>train_gpt.py</code> log works too); several runs "
            "overlay, one colour each.</p>"
            "<p>The x axis is the optimizer step or training time. The smoothing slider is "
            "an exponential moving average for noisy metrics (train loss, tokens/s); the "
            "raw series stays faint behind. Each plot can show another metric, use a log "
            "y axis, fit its axes (or double-click) and export CSV or PNG.</p>"
            "<p>Watch val_bpb fall; when it flattens, more steps buy little.</p>");
    case Panel::Pareto:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Pareto view</h3>"
            "<p>Every recipe evaluated on this checkpoint as a point: artifact bytes "
            "(model file + code) across, val_bpb after a real round trip (quantize, "
            "compress, write, read back, evaluate) up. Lower left is better.</p>"
            "<p>The step line joins the <b>frontier</b>: recipes no other recipe beats on "
            "both bytes and bpb. Faint points are dominated. The ring marks the current "
            "recipe; the vertical line is the byte budget, and only points left of it "
            "can be submitted.</p>"
            "<p>Points come from Analyse &gt; Evaluate recipe, Analyse &gt; Allocate, "
            "verified exports and <code>golf pareto</code>. Only points measured on the "
            "same validation tokens are comparable: the slice box picks them. Click a "
            "point to load its recipe (undoable).</p>");
    case Panel::Log:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Log</h3>"
            "<p>What the window and its helper processes say, one time-stamped line each: "
            "checkpoints loaded and priced, the output of a <code>golf train</code> or "
            "<code>golf demo</code> child process, runs being watched, evaluations, "
            "allocations and exports with their verdicts and byte counts.</p>"
            "<p>When something does not happen as expected (a checkpoint does not open, "
            "a recipe does not apply, training stops early), read the last lines here "
            "first: errors are reported with the reason. The panel keeps the newest 5,000 "
            "lines and follows new ones while it is scrolled to the bottom; text can be "
            "selected and copied.</p>");
    case Panel::Explain:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Explain</h3>"
            "<p>How the current recipe was applied to this model, the same text as "
            "<code>golf quantize --explain</code>. For every tensor it lists the resolved "
            "setting (bits, scales, clipping, pruning) and which rule set each key, and "
            "it reports rules that match nothing or have no effect. Below it follows the "
            "size table: per-tensor file bytes, which add up exactly to the file size, "
            "and the total against the budget.</p>"
            "<p>Use it to check that a regex rule hits the tensors you meant: a rule that "
            "silently applies to nothing is the most common recipe mistake.</p>");
    case Panel::CodecBox:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Codec</h3>"
            "<p>The compressor of the model file. lzma 9, zstd 22 and zlib 9 write Golf "
            "Studio's golf-mixed-v1 container, one compressed stream per tensor; choosing "
            "one re-prices the model, so the treemap and budget bar show what the choice "
            "is worth in bytes. Low-bit codes and pruned zeros compress much better than "
            "random-looking floats, and the codecs differ in how much they squeeze "
            "out.</p>"
            "<p><i>official int8 + zlib 9</i> is the challenge's own format: int8 per row, "
            "fixed choices, no rules. It is an undo step, so Ctrl+Z brings the edited "
            "recipe back.</p>");
    case Panel::StatusBudget:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Budget figure</h3>"
            "<p>The same figures as the budget bar, as text you can select and copy: "
            "total artifact bytes (model file + code) of 16,000,000, and the headroom "
            "left or, in bold red, how far over the budget it is. Before a checkpoint is "
            "open, or while a recipe is being priced, it says so instead.</p>"
            "<p>All byte counts in Golf Studio are exact decimal bytes with thousands "
            "separators, never MiB: the challenge's cap is 16,000,000 bytes, not "
            "16 MiB (16,777,216 bytes), and entries have been ruled out for a few "
            "thousand bytes.</p>");
    case Panel::ExportResult:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Export result</h3>"
            "<p>The verdict of File &gt; Export on a coloured banner. Green <b>PASS</b>: "
            "the records folder was written, read back, loaded strictly and evaluated; "
            "the table shows model file, code, total, budget and headroom in bytes, and "
            "val_bpb before quantization beside val_bpb after the round trip (their "
            "difference is what the compression cost).</p>"
            "<p>Red <b>OVER BUDGET</b>: the artifact would exceed the budget by the "
            "bytes shown and nothing was written; lower bit-widths or prune, then export "
            "again. <b>FAILED</b> gives the reason.</p>"
            "<p>Open folder shows the submission: model file, submission.json, README.md, "
            "train.log, train_gpt.py and recipe.json.</p>");
    case Panel::AllocationResult:
        return QCoreApplication::translate(
            "PanelHelp",
            "<h3>Allocation result</h3>"
            "<p>What Analyse &gt; Allocate came to. Allocate measures how much each tensor "
            "hurts the loss at each candidate setting, then picks one setting per tensor "
            "with the smallest summed estimate whose exact bytes fit the model-file "
            "budget (the artifact budget minus the code).</p>"
            "<p>The banner says <b>FITS</b>, <b>OVER BUDGET</b>, <b>NO ALLOCATION "
            "FITS</b>, <b>CANCELLED</b> or <b>FAILED</b>. The table puts the estimate, "
            "the exactly priced bytes and the round-trip val_bpb side by side, so you see "
            "how good the estimate was.</p>"
            "<p>The result is now the recipe (one undo step) and a new point in the "
            "Pareto view.</p>");
    }
    return {};
}

void installPanelHelp(QWidget *widget, Panel panel)
{
    if (!widget)
        return;
    const QString text = panelHelp(panel);
    widget->setWhatsThis(text);
    // What's This mode on a dock's title bar asks the dock, not its content: the dock explains
    // the panel it holds, or (tabbed content: Log and Explain) the first panel installed in it.
    for (QWidget *up = widget->parentWidget(); up; up = up->parentWidget()) {
        if (auto *dock = qobject_cast<QDockWidget *>(up)) {
            if (dock->widget() == widget || dock->whatsThis().isEmpty())
                dock->setWhatsThis(text);
            break;
        }
    }
}

void installPanelHelp(const QList<QPair<Panel, QWidget *>> &targets)
{
    for (const auto &[panel, widget] : targets)
        installPanelHelp(widget, panel);
}

QStringList guideSearchPath()
{
    // The one locator golf uses too (common/resourcedir.h): beside the executable only.
    QStringList out;
    for (const std::string &dir : Core::guideSearchPath())
        out << QDir::cleanPath(QString::fromStdString(dir));
    return out;
}

QString findUserGuide()
{
    for (const QString &dir : guideSearchPath()) {
        const QFileInfo guide(dir + QStringLiteral("/guide.md"));
        if (guide.isFile())
            return guide.canonicalFilePath();
    }
    return {};
}

} // namespace App
