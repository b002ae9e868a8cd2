// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Round-trip evaluations and allocations, in a `golf serve` child of their own (golfserver.h),
// so the window's process never loads libtorch and a long allocation never holds up pricing.
// Both need the full model (the pricer's snapshot alone cannot be evaluated), so the child
// loads the checkpoint once and keeps it, with its pricer, for the next job on the same file.
// One job at a time; an allocation reports its stages and can be cancelled between cells (what
// was measured stays in the sensitivity cache, so a second try resumes). Every finished
// evaluation is appended to the checkpoint's history (recipe/evalhistory.h), which the Pareto
// view shows.

#include "job/analysisjobs.h"
#include "recipe/evalhistory.h"
#include "recipe/recipe.h"

#include <nlohmann/json.hpp>

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace App {

class GolfServer;

struct EvaluateOutcome
{
    bool ok = false;
    QString error;
    Core::RecipeEval record; ///< ok: the round trip, as appended to the history
};

struct AllocateOutcome
{
    bool ok = false; ///< the run completed (the plan may still not fit: result.feasible)
    bool cancelled = false;
    QString error;
    Core::AllocationSummary result;
};

class AnalysisRunner : public QObject
{
    Q_OBJECT
public:
    explicit AnalysisRunner(QObject *parent = nullptr);
    /// Cancels what runs and ends the child (an evaluation in progress gets a few seconds).
    ~AnalysisRunner() override;

    /// Round trip of `recipe` on `slice`, appended to the checkpoint's history; evaluated()
    /// follows. False when a job is running.
    bool evaluate(const QString &checkpoint, const Core::Recipe &recipe,
                  const Core::EvalSlice &slice, qint64 codeBytes, const QString &label);
    /// A whole allocation (job.checkpoint and job.script are set here); allocated() follows.
    /// False when a job is running.
    bool allocate(const QString &checkpoint, Core::AllocateJob job);
    /// Who scores the next jobs: golf's GPT (nullopt, the default) or the user's train_gpt.py
    /// through the evaluator bridge, for a model of another architecture (its child process is
    /// started with the first job and kept for the next ones).
    void setScript(const std::optional<Core::ScriptEvaluatorOptions> &script);
    /// Asks the running job to stop at its next progress report.
    void cancel();
    bool running() const { return m_job >= 0; }

Q_SIGNALS:
    /// Stages: "loading", "pricing", "fisher", "measuring", "planning", "verifying",
    /// "evaluating"; total 0 = not known yet.
    void progress(const QString &stage, qint64 done, qint64 total);
    void evaluated(const App::EvaluateOutcome &outcome);
    void allocated(const App::AllocateOutcome &outcome);
    void runningChanged(bool running);

private:
    /// Sends `op`; `finish` gets the result or the error. False when a job is running.
    bool submit(const char *op, const nlohmann::json &args,
                std::function<void(const nlohmann::json &result, const QString &error)> finish);

    GolfServer *m_server;
    std::optional<Core::ScriptEvaluatorOptions> m_script;
    qint64 m_job = -1;   ///< the request in the child, or -1
    bool m_cancelled = false;
};

} // namespace App
