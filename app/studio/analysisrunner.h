// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Round-trip evaluations and allocations off the UI thread. Both need the full model (the
// pricer's snapshot alone cannot be evaluated), so the runner loads the checkpoint on its own
// thread and keeps it, with its pricer, for the next job on the same file. One job at a time;
// an allocation reports its stages and can be cancelled between cells (what was measured stays
// in the sensitivity cache, so a second try resumes). Every finished evaluation is appended to
// the checkpoint's history (recipe/evalhistory.h), which the Pareto view shows.

#include "analysis/allocationrun.h"
#include "eval/scriptevaluator.h"
#include "recipe/evalhistory.h"
#include "analysis/sensitivityslice.h"
#include "recipe/recipe.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace App {

struct EvaluateOutcome
{
    bool ok = false;
    QString error;
    Core::RecipeEval record; ///< ok: the round trip, as appended to the history
};

struct AllocateOutcome
{
    bool ok = false; ///< the run completed (the plan may still not fit: result.feasible())
    bool cancelled = false;
    QString error;
    Core::AllocationRunResult result;
};

class AnalysisRunner : public QObject
{
    Q_OBJECT
public:
    explicit AnalysisRunner(QObject *parent = nullptr);
    /// Cancels what runs and waits for it (an evaluation in progress finishes first).
    ~AnalysisRunner() override;

    /// Round trip of `recipe` on `slice`, appended to the checkpoint's history; evaluated()
    /// follows. False when a job is running.
    bool evaluate(const QString &checkpoint, const Core::Recipe &recipe,
                  const Core::EvalSlice &slice, qint64 codeBytes, const QString &label);
    /// Core::runAllocation on the checkpoint; allocated() follows. False when a job is running.
    bool allocate(const QString &checkpoint, const Core::AllocationRunOptions &options);
    /// Who scores the next jobs: golf's GPT (nullopt, the default) or the user's train_gpt.py
    /// through the evaluator bridge, for a model of another architecture (its child process is
    /// started with the first job and kept for the next ones).
    void setScript(const std::optional<Core::ScriptEvaluatorOptions> &script);
    /// Asks the running job to stop at its next progress report.
    void cancel();
    bool running() const { return m_running; }

Q_SIGNALS:
    /// Stages: "loading", "pricing", "fisher", "measuring", "planning", "verifying",
    /// "evaluating"; total 0 = not known yet.
    void progress(const QString &stage, qint64 done, qint64 total);
    void evaluated(const App::EvaluateOutcome &outcome);
    void allocated(const App::AllocateOutcome &outcome);
    void runningChanged(bool running);

private:
    struct Loaded;
    bool submit(std::function<void()> task);
    void finish();
    /// Runs on the pool: the cached model of `checkpoint`, loaded when missing or changed.
    Loaded &modelOf(const QString &checkpoint, const std::optional<Core::ScriptEvaluatorOptions> &script);
    std::function<bool(const std::string &, int64_t, int64_t)> reporter();

    std::optional<Core::ScriptEvaluatorOptions> m_script;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::unique_ptr<Loaded> m_loaded; ///< touched on the pool's thread only
    QThreadPool m_pool;
    bool m_running = false;
};

} // namespace App
