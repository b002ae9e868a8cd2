// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysisrunner.h"

#include "golfserver.h"
#include "job/serveprotocol.h"

#include <exception>

namespace App {

AnalysisRunner::AnalysisRunner(QObject *parent)
    : QObject(parent)
    , m_server(new GolfServer(this))
{
}

AnalysisRunner::~AnalysisRunner()
{
    cancel(); // the server's destructor gives the job a few seconds to stop, then kills it
}

bool AnalysisRunner::submit(const char *op, const nlohmann::json &args,
                            std::function<void(const nlohmann::json &, const QString &)> finish)
{
    if (running())
        return false;
    m_cancelled = false;
    m_job = m_server->request(
        op, args,
        [this, finish](const nlohmann::json &result, const QString &error) {
            m_job = -1;
            finish(result, error);
            Q_EMIT runningChanged(false);
        },
        [this](const QString &stage, qint64 done, qint64 total) { Q_EMIT progress(stage, done, total); });
    Q_EMIT runningChanged(true);
    return true;
}

void AnalysisRunner::cancel()
{
    if (!running())
        return;
    m_cancelled = true;
    m_server->cancel(m_job);
}

void AnalysisRunner::setScript(const std::optional<Core::ScriptEvaluatorOptions> &script)
{
    m_script = script;
}

bool AnalysisRunner::evaluate(const QString &checkpoint, const Core::Recipe &recipe,
                              const Core::EvalSlice &slice, qint64 codeBytes, const QString &label)
{
    Core::EvaluateJob job;
    job.checkpoint = checkpoint.toStdString();
    job.recipe = recipe;
    job.slice = slice;
    job.codeBytes = codeBytes;
    job.label = label.toStdString();
    job.script = m_script;
    return submit(Core::Serve::kEvaluate, Core::toJson(job),
                  [this](const nlohmann::json &result, const QString &error) {
                      EvaluateOutcome out;
                      out.error = error;
                      if (error.isEmpty()) {
                          try {
                              out.record = Core::RecipeEval::fromJson(result, "golf serve: evaluate");
                              out.ok = true;
                          } catch (const std::exception &ex) {
                              out.error = QString::fromStdString(ex.what());
                          }
                      }
                      Q_EMIT evaluated(out);
                  });
}

bool AnalysisRunner::allocate(const QString &checkpoint, Core::AllocateJob job)
{
    job.checkpoint = checkpoint.toStdString();
    job.script = m_script;
    return submit(Core::Serve::kAllocate, Core::toJson(job),
                  [this](const nlohmann::json &result, const QString &error) {
                      AllocateOutcome out;
                      out.error = error;
                      if (error.isEmpty()) {
                          try {
                              out.result = Core::allocationSummaryFromJson(result);
                              out.ok = true;
                          } catch (const std::exception &ex) {
                              out.error = QString::fromStdString(ex.what());
                          }
                      } else if (m_cancelled) {
                          out.cancelled = true;
                          out.error = tr("cancelled");
                      }
                      Q_EMIT allocated(out);
                  });
}

} // namespace App
