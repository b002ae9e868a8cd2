// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportrunner.h"

#include "exportresultdialog.h"

#include <QProgressDialog>
#include <QtConcurrent>

#include <exception>

namespace App {

ExportOutcome runExport(const Core::ExportOptions &options, const Core::ExportProgress &progress)
{
    ExportOutcome out;
    try {
        out.result = Core::exportSubmission(options, progress);
        out.ledger = out.result.ledger;
        out.verdict = ExportOutcome::Verdict::Passed;
    } catch (const Core::OverBudgetError &e) {
        out.verdict = ExportOutcome::Verdict::OverBudget;
        out.ledger = e.ledger;
        out.error = QString::fromStdString(e.what());
    } catch (const std::exception &e) {
        out.verdict = ExportOutcome::Verdict::Failed;
        out.error = QString::fromStdString(e.what());
    }
    return out;
}

ExportRunner::ExportRunner(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_watcher(new QFutureWatcher<ExportOutcome>(this))
{
    connect(m_watcher, &QFutureWatcher<ExportOutcome>::finished, this, &ExportRunner::done);
}

ExportRunner::~ExportRunner()
{
    m_watcher->disconnect(this);
    m_watcher->waitForFinished();
}

bool ExportRunner::running() const
{
    return m_watcher->isRunning();
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
    auto report = [this, progress](const std::string &stage) {
        const QString text = QString::fromStdString(stage);
        QMetaObject::invokeMethod(
            this,
            [progress, text] {
                if (progress)
                    progress->setLabelText(text);
            },
            Qt::QueuedConnection);
    };
    m_watcher->setFuture(QtConcurrent::run([options, report] { return runExport(options, report); }));
    return true;
}

void ExportRunner::done()
{
    if (m_progress)
        m_progress->close();
    const ExportOutcome outcome = m_watcher->result();
    if (!m_result)
        m_result = new ExportResultDialog(m_window);
    m_result->setOutcome(outcome);
    m_result->show();
    m_result->raise();
    Q_EMIT finished(outcome);
}

} // namespace App
