// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportrunner.h"

#include "exportresultdialog.h"

#include "golfserver.h"
#include "common/jsonfields.h"
#include "job/reportjson.h"
#include "job/serveprotocol.h"

#include <QProgressDialog>

#include <exception>

namespace App {

ExportOutcome exportOutcome(const nlohmann::json &reply, const QString &error)
{
    ExportOutcome out;
    out.error = error;
    if (!error.isEmpty())
        return out; // Failed
    try {
        const std::string what = "golf serve: export";
        if (Core::Json::text(reply, "verdict", what) == "over_budget") {
            out.verdict = ExportOutcome::Verdict::OverBudget;
            out.error = QString::fromStdString(Core::Json::text(reply, "error", what));
            out.ledger = Core::sizeLedgerFromJson(Core::Json::object(reply, "ledger", what), what);
        } else {
            out.result = Core::exportResultFromJson(Core::Json::object(reply, "result", what));
            out.ledger = out.result.ledger;
            out.verdict = ExportOutcome::Verdict::Passed;
        }
    } catch (const std::exception &e) {
        out.verdict = ExportOutcome::Verdict::Failed;
        out.error = QString::fromStdString(e.what());
    }
    return out;
}

ExportRunner::ExportRunner(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_server(new GolfServer(this))
{
    // An export keeps nothing worth a child's memory; the window closing mid-export lets it
    // finish (all or nothing) rather than kill it.
    m_server->setKeepAlive(false);
    m_server->setFinishTimeout(10 * 60 * 1000);
}

ExportRunner::~ExportRunner() = default;

bool ExportRunner::running() const
{
    return m_running;
}

bool ExportRunner::start(const Core::ExportOptions &options)
{
    if (running())
        return false;
    // The export cannot be interrupted midway (it is all or nothing and short), so the progress
    // dialog has no Cancel button; the window stays usable meanwhile.
    m_progress = new QProgressDialog(tr("Exporting..."), QString(), 0, 0, m_window);
    m_progress->setWindowTitle(tr("Export"));
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setMinimumDuration(0);
    m_progress->setWindowModality(Qt::NonModal);
    m_progress->show();
    QPointer<QProgressDialog> progress = m_progress;
    m_running = true;
    m_server->request(
        Core::Serve::kExport, Core::toJson(options),
        [this](const nlohmann::json &result, const QString &error) {
            m_running = false;
            done(exportOutcome(result, error));
        },
        [progress](const QString &stage, qint64, qint64) {
            if (progress)
                progress->setLabelText(stage);
        });
    return true;
}

void ExportRunner::done(const ExportOutcome &outcome)
{
    if (m_progress)
        m_progress->close();
    if (!m_result)
        m_result = new ExportResultDialog(m_window);
    m_result->setOutcome(outcome);
    m_result->show();
    m_result->raise();
    Q_EMIT finished(outcome);
}

} // namespace App
