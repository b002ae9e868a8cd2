// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The window's analysis: Evaluate recipe, Allocate and the Pareto view. It owns the two
// actions, the Pareto widget (the window docks it), the worker that runs Core's drivers, the
// checkpoint's evaluation history (watched: `golf pareto` in a terminal shows up too) and the
// progress and result dialogs; it chooses who scores the open model (golf's GPT, or the user's
// train_gpt.py through the evaluator bridge for another architecture). The window only places
// its widgets and forwards its messages.

#include "allocatedialog.h"
#include "analysisrunner.h"

#include "job/evalslice.h"
#include "job/scriptoptions.h"
#include "recipe/evalhistory.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QAction;
class QFileSystemWatcher;
class QProgressDialog;
class QWidget;

namespace Widgets {
class ParetoView;
}

namespace App {

class AllocationResultDialog;
class Document;

class AnalysisController : public QObject
{
    Q_OBJECT
public:
    /// `window` parents the dialogs; `askCodeFile` lets the user choose the document's code
    /// file (the scoring script of a model that is not golf's GPT).
    AnalysisController(Document *doc, QWidget *window, std::function<void()> askCodeFile);
    ~AnalysisController() override;

    QAction *evaluateAction() const { return m_evaluateAct; }
    QAction *allocateAction() const { return m_allocateAct; }
    Widgets::ParetoView *paretoView() const { return m_pareto; }
    /// The allocation result dialog (nullptr before the first allocation finished).
    AllocationResultDialog *allocationResultDialog() const { return m_allocResult; }
    /// The current checkpoint's evaluation history file ("" without a checkpoint).
    QString historyPath() const { return m_historyPath; }
    /// An evaluation or allocation is running.
    bool running() const;
    /// What the status bar says while a job runs.
    QString statusText() const { return m_statusText; }

    /// Validation tokens Evaluate and Allocate compare recipes on (remembered; 65,536 at first).
    qint64 evalTokens() const { return m_evalTokens; }
    void setEvalTokens(qint64 tokens);
    /// The dataset folder the window last trained on: the slice's data when the checkpoint is
    /// in no run folder, and a script's DATA_PATH.
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    /// The slice Evaluate compares on: the validation shards of the checkpoint's run (else of
    /// the dataset folder last trained on), its first evalTokens() tokens. The glob is empty
    /// and `error` says why when no data is known.
    Core::EvalSlice analysisSlice(QString *error = nullptr, QString *trainGlob = nullptr) const;
    /// Who scores the open model in the next job: golf's GPT, or, for another architecture (a
    /// record's artifact), the document's code file run through the evaluator bridge (asked for
    /// when there is none). False, with the reason in *error, when nothing can score it.
    bool chooseScorer(QString *error);
    /// The evaluator bridge's options for `script`, with the dataset the window knows.
    Core::ScriptEvaluatorOptions scriptScorer(const QString &script) const;
    /// What the Allocate dialog starts from: the budget minus the code, evalTokens().
    AllocateSettings allocateDefaults() const;

public Q_SLOTS:
    /// Round trip of the current recipe on analysisSlice(), on a worker thread; the record
    /// joins the history and the Pareto view (marked current). evaluationFinished() follows.
    bool evaluateRecipe();
    void showAllocateDialog();
    /// Sensitivity, plan, exact pricing and verification (Core::runAllocation) on a worker
    /// thread with a progress dialog; the result becomes the recipe (one undo step) and the
    /// result dialog opens. allocationFinished() follows.
    bool startAllocation(const App::AllocateSettings &settings);
    /// Stops a running job at its next progress report.
    void cancel();
    /// Reads the checkpoint's history into the Pareto view again.
    void refreshPareto();
    /// Enables the actions for the document's state.
    void updateActions();

Q_SIGNALS:
    void log(const QString &line);
    void statusMessage(const QString &text, int timeoutMs);
    /// running() or statusText() changed.
    void stateChanged();
    /// An evaluation ended (false: it failed; the log says why).
    void evaluationFinished(bool ok);
    /// An allocation ended: true when its result fits and became the recipe.
    void allocationFinished(bool ok);

private:
    void checkpointChanged();
    void watchHistory();
    void progress(const QString &stage, qint64 done, qint64 total);
    void evaluationDone(const EvaluateOutcome &outcome);
    void allocationDone(const AllocateOutcome &outcome);
    void recordClicked(const Core::RecipeEval &record);
    /// Says why a job cannot start, in the status bar and the log.
    void refuse(const QString &text);

    Document *m_doc;
    QWidget *m_window;
    std::function<void()> m_askCodeFile;
    AnalysisRunner *m_runner;
    Widgets::ParetoView *m_pareto;
    QFileSystemWatcher *m_historyWatcher;
    QAction *m_evaluateAct, *m_allocateAct;
    QString m_historyPath, m_dataDir, m_statusText;
    qint64 m_evalTokens = 65536;
    QPointer<QProgressDialog> m_allocProgress;
    AllocationResultDialog *m_allocResult = nullptr;
};

} // namespace App
