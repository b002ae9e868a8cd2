// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs an export in a `golf serve` child (golfserver.h; it quantizes, compresses, writes,
// re-reads and evaluates: seconds at challenge sizes), shows its stages in a progress dialog,
// and the verdict in the result dialog when it is done. One export at a time.

#include "job/exportjobs.h"

#include <nlohmann/json_fwd.hpp>

#include <QObject>
#include <QPointer>
#include <QString>

class QProgressDialog;
class QWidget;

namespace App {

class ExportResultDialog;
class GolfServer;

/// What an export came to.
struct ExportOutcome
{
    enum class Verdict { Passed, OverBudget, Failed };
    Verdict verdict = Verdict::Failed;
    Core::ExportResult result; ///< Passed
    Core::SizeLedger ledger;   ///< Passed and OverBudget
    QString error;             ///< OverBudget and Failed: core's message
};

/// The outcome of `golf serve`'s export reply (its result, or its error message).
ExportOutcome exportOutcome(const nlohmann::json &result, const QString &error);

class ExportRunner : public QObject
{
    Q_OBJECT
public:
    /// Dialogs open over `window`.
    explicit ExportRunner(QWidget *window);
    /// Lets an export in flight finish (the window is closing; the export is all or nothing).
    ~ExportRunner() override;

    /// False when an export is running already.
    bool start(const Core::ExportOptions &options);
    bool running() const;
    /// The result dialog (nullptr before the first export finished).
    ExportResultDialog *resultDialog() const { return m_result; }

Q_SIGNALS:
    void finished(const App::ExportOutcome &outcome);

private:
    void done(const ExportOutcome &outcome);

    QWidget *m_window;
    GolfServer *m_server;
    bool m_running = false;
    QPointer<QProgressDialog> m_progress;
    ExportResultDialog *m_result = nullptr;
};

} // namespace App
