// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs an export off the UI thread (it quantizes, compresses, writes, re-reads and evaluates:
// seconds at challenge sizes), shows its stages in a progress dialog, and the verdict in the
// result dialog when it is done. One export at a time.

#include "export/exporter.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>

class QProgressDialog;
class QWidget;

namespace App {

class ExportResultDialog;

/// What an export came to.
struct ExportOutcome
{
    enum class Verdict { Passed, OverBudget, Failed };
    Verdict verdict = Verdict::Failed;
    Core::ExportResult result; ///< Passed
    Core::SizeLedger ledger;   ///< Passed and OverBudget
    QString error;             ///< OverBudget and Failed: core's message
};

/// Runs the export (on the calling thread) and sorts what happened into an outcome.
ExportOutcome runExport(const Core::ExportOptions &options, const Core::ExportProgress &progress);

class ExportRunner : public QObject
{
    Q_OBJECT
public:
    /// Dialogs open over `window`.
    explicit ExportRunner(QWidget *window);
    /// Waits for an export in flight (the window is closing; the export is all or nothing).
    ~ExportRunner() override;

    /// False when an export is running already.
    bool start(const Core::ExportOptions &options);
    bool running() const;
    /// The result dialog (nullptr before the first export finished).
    ExportResultDialog *resultDialog() const { return m_result; }

Q_SIGNALS:
    void finished(const App::ExportOutcome &outcome);

private:
    void done();

    QWidget *m_window;
    QFutureWatcher<ExportOutcome> *m_watcher;
    QPointer<QProgressDialog> m_progress;
    ExportResultDialog *m_result = nullptr;
};

} // namespace App
