// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The window's export: the options a new export starts from (the document, the workspace's
// records folder, what the last export remembered), the Export dialog, the worker and its
// result dialog. A model of another architecture is verified by the script it ships with
// (AnalysisController::scriptScorer). The window only holds the action.

#include "exportrunner.h"

#include "job/exportjobs.h"

#include <QObject>
#include <QString>

class QWidget;

namespace App {

class AnalysisController;
class Document;

class ExportController : public QObject
{
    Q_OBJECT
public:
    ExportController(Document *doc, AnalysisController *analysis, QWidget *window);
    ~ExportController() override;

    bool running() const;
    /// The export result dialog (nullptr before the first export finished).
    ExportResultDialog *resultDialog() const { return m_runner->resultDialog(); }
    /// Records folders go to <workspace>/records/.
    void setWorkspace(const QString &workspace) { m_workspace = workspace; }
    /// ExportOptions filled in from the window: checkpoint, recipe, code file, the workspace's
    /// records folder, budget, the Python reader; the rest as remembered from the last export.
    Core::ExportOptions defaults() const;

public Q_SLOTS:
    void showDialog();
    /// Exports on a worker thread; finished() follows and the result dialog opens. False when
    /// an export is running already.
    bool start(const Core::ExportOptions &options);

Q_SIGNALS:
    void log(const QString &line);
    void statusMessage(const QString &text, int timeoutMs);
    /// running() changed.
    void stateChanged();
    void finished(bool passed);

private:
    void done(const ExportOutcome &outcome);
    /// The script that verifies a model of another architecture (none for golf's GPT).
    void attachScript(Core::ExportOptions &o) const;

    Document *m_doc;
    AnalysisController *m_analysis;
    QWidget *m_window;
    ExportRunner *m_runner;
    QString m_workspace;
};

} // namespace App
