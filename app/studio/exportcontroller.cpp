// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportcontroller.h"

#include "analysiscontroller.h"
#include "document.h"
#include "exportdialog.h"
#include "exportresultdialog.h"
#include "golfbinary.h"
#include "panelhelp.h"
#include "workspace.h"

#include "bytetree.h"

#include <QSettings>

namespace App {

namespace {

const char *const kExportAuthorKey = "export/author";
const char *const kExportGithubKey = "export/github_id";
const char *const kExportCodeKey = "export/code";

} // namespace

ExportController::ExportController(Document *doc, AnalysisController *analysis, QWidget *window)
    : QObject(window)
    , m_doc(doc)
    , m_analysis(analysis)
    , m_window(window)
    , m_runner(new ExportRunner(window))
{
    connect(m_runner, &ExportRunner::finished, this, &ExportController::done);
}

ExportController::~ExportController()
{
    m_runner->disconnect(this);
}

bool ExportController::running() const
{
    return m_runner->running();
}

void ExportController::attachScript(Core::ExportOptions &o) const
{
    if (m_doc->model() && !m_doc->model()->baseline && !o.codePath.empty())
        o.script = m_analysis->scriptScorer(QString::fromStdString(o.codePath));
    else
        o.script.reset();
}

Core::ExportOptions ExportController::defaults() const
{
    QSettings settings;
    Core::ExportOptions o;
    o.checkpoint = m_doc->checkpoint().toStdString();
    o.recipe = m_doc->recipe();
    o.codePath = m_doc->codePath().isEmpty() ? settings.value(kExportCodeKey).toString().toStdString()
                                              : m_doc->codePath().toStdString();
    o.wrapCode = m_doc->wrapCode();
    o.outDir = recordsFolder(m_workspace).toStdString();
    o.budget = m_doc->budget();
    o.author = settings.value(kExportAuthorKey).toString().toStdString();
    o.githubId = settings.value(kExportGithubKey).toString().toStdString();
    o.mixedReaderPath = mixedReaderPath().toStdString();
    o.historyPath = m_analysis->historyPath().toStdString(); // a verified export joins the Pareto view
    // Another architecture than golf's GPT is verified by the script it ships with.
    attachScript(o);
    return o;
}

void ExportController::showDialog()
{
    if (!m_doc->model()) {
        Q_EMIT statusMessage(tr("Open a checkpoint first."), 5000);
        return;
    }
    ExportDialog dialog(defaults(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Core::ExportOptions o = dialog.options();
    attachScript(o); // the code chosen in the dialog
    QSettings settings;
    settings.setValue(kExportAuthorKey, QString::fromStdString(o.author));
    settings.setValue(kExportGithubKey, QString::fromStdString(o.githubId));
    settings.setValue(kExportCodeKey, QString::fromStdString(o.codePath));
    start(o);
}

bool ExportController::start(const Core::ExportOptions &options)
{
    if (!m_runner->start(options))
        return false;
    Q_EMIT log(tr("Exporting \"%1\" to %2 ...")
                   .arg(QString::fromStdString(options.name), QString::fromStdString(options.outDir)));
    Q_EMIT stateChanged();
    return true;
}

void ExportController::done(const ExportOutcome &outcome)
{
    using V = ExportOutcome::Verdict;
    if (outcome.verdict == V::Passed) {
        Q_EMIT log(tr("Export PASSED: %1 bytes of %2, wrote %3")
                       .arg(Widgets::formatByteCount(outcome.ledger.totalBytes()),
                            Widgets::formatByteCount(outcome.ledger.budget),
                            QString::fromStdString(outcome.result.folder)));
        if (!outcome.result.historyError.empty())
            Q_EMIT log(tr("Not recorded in the Pareto history: %1")
                           .arg(QString::fromStdString(outcome.result.historyError)));
        m_analysis->refreshPareto();
    } else {
        Q_EMIT log(tr("Export %1: %2")
                       .arg(outcome.verdict == V::OverBudget ? tr("OVER BUDGET") : tr("failed"), outcome.error));
    }
    installPanelHelp(m_runner->resultDialog(), Panel::ExportResult);
    Q_EMIT stateChanged();
    Q_EMIT finished(outcome.verdict == V::Passed);
}

} // namespace App
