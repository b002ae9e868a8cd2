// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The golf-studio main window: the byte-budget treemap under the budget bar in the middle, the
// tensor table, the training plots and the log/explain panel in docks. Every recipe edit (table
// cell, regex bulk edit, codec box, opened recipe) is an undo step that re-prices in the
// background; treemap, table, budget bar and status bar then update together from one price.
// Training and the demo run as `golf` child processes whose run directories the window watches.
//
// The public slots are what the menus call after their file dialogs, so tests (and scripts)
// drive the real window without dialogs.

#include "allocatedialog.h"
#include "exportrunner.h"

#include "job/exportjobs.h"
#include "config/trainconfig.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;
class QToolButton;

namespace Widgets {
class BudgetBar;
class ParetoView;
class TensorTable;
class TrainingPlots;
class TreemapWidget;
} // namespace Widgets

namespace App {

class AnalysisController;
class CExportAction;
class ExportController;
class TrainingController;
class Document;
class RunWatcher;
class TrainProcess;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return m_doc; }
    /// File > Export as C (tests drive it).
    CExportAction *cExporter() const { return m_cExporter; }
    Widgets::TreemapWidget *treemap() const { return m_treemap; }
    Widgets::TensorTable *tensorTable() const { return m_table; }
    Widgets::BudgetBar *budgetBar() const { return m_budgetBar; }
    Widgets::TrainingPlots *trainingPlots() const { return m_plots; }
    RunWatcher *runWatcher() const { return m_watcher; }
    TrainProcess *trainProcess() const;
    TrainingController *training() const { return m_training; }
    QComboBox *codecBox() const { return m_codecBox; }

    QString workspace() const { return m_workspace; }
    /// The status bar's budget figure ("12,345,678 of 16,000,000 bytes — 3,654,322 headroom").
    QString budgetStatusText() const;
    /// Everything the log panel shows.
    QString logText() const;
    /// The explain panel: the resolved setting of every tensor and the rule that set it.
    QString explainText() const;
    /// The export result dialog (nullptr before the first export finished).
    ExportResultDialog *exportResultDialog() const;
    bool exporting() const;
    /// ExportOptions filled in from the window: checkpoint, recipe, code file, the workspace's
    /// records folder, budget, the Python reader; the rest as remembered from the last export.
    Core::ExportOptions exportDefaults() const;

    // --- analysis: Pareto view, Evaluate, Allocate (AnalysisController) -----------------------
    AnalysisController *analysis() const { return m_analysis; }
    Widgets::ParetoView *paretoView() const;
    /// An evaluation or allocation is running.
    bool analysing() const;

public Q_SLOTS:
    /// Makes `path` the workspace (created if needed), remembers it, and watches its newest runs.
    void openWorkspace(const QString &path);
    void openCheckpoint(const QString &path);
    bool openRecipe(const QString &path);
    bool saveRecipe(const QString &path);
    /// The train_gpt.py whose bytes count toward the budget ("" = none).
    bool setCodeFile(const QString &path, bool wrap);
    /// Exports on a worker thread; exportFinished() follows and the result dialog opens.
    /// False when an export is running already.
    bool startExport(const Core::ExportOptions &options);
    QString watchRun(const QString &runDir);
    QString watchLog(const QString &file);
    /// Starts `golf train` into <workspace>/runs/<new id> and watches it (with `processes`
    /// data-parallel ranks).
    bool startTraining(const Core::TrainConfig &config, const QString &dataDir, int processes = 1);
    void stopTraining();
    /// Starts `golf demo --workspace <workspace>`, watches its run, opens its checkpoint.
    bool runDemo();
    /// On a first start with an empty workspace: offers the demo (once).
    void maybeOfferDemo();
    /// AnalysisController::evaluateRecipe; evaluationFinished() follows.
    bool evaluateRecipe();
    /// AnalysisController::startAllocation; allocationFinished() follows.
    bool startAllocation(const App::AllocateSettings &settings);

Q_SIGNALS:
    void exportFinished(bool passed);
    /// A training or demo child process ended.
    void trainingFinished(bool ok);
    /// An evaluation ended (false: it failed; the log says why).
    void evaluationFinished(bool ok);
    /// An allocation ended: true when its result fits and became the recipe.
    void allocationFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildCentral();
    void buildDocks();
    void buildStatusBar();
    void connectDocument();

    void refreshPriced();
    void refreshLedger();
    void syncCodecBox();
    void updateBusy();
    void updateTitle();
    void updateActions();
    void rebuildRecentMenu();
    void log(const QString &line);

    void chooseWorkspace();
    void chooseCheckpoint();
    void chooseRecipe();
    void saveRecipeNow();
    void saveRecipeAs();
    void chooseCodeFile();
    void showExportDialog();
    void exportAsC();
    void showTrainDialog();
    void chooseRunDir();
    void chooseLogFile();
    void codecChosen(int index);
    /// Connects a controller's log and status messages to the log panel and the status bar.
    template <class Controller> void hearFrom(Controller *controller);
    void buildTraining();
    void buildExport();
    void buildAnalysis();

    Document *m_doc;
    RunWatcher *m_watcher = nullptr;
    TrainingController *m_training = nullptr;
    QString m_workspace;

    Widgets::TreemapWidget *m_treemap = nullptr;
    Widgets::TensorTable *m_table = nullptr;
    Widgets::BudgetBar *m_budgetBar = nullptr;
    Widgets::TrainingPlots *m_plots = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QPlainTextEdit *m_explain = nullptr;
    QList<QDockWidget *> m_docks;

    QLabel *m_budgetLabel = nullptr;
    QLabel *m_busyLabel = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QToolButton *m_cancelButton = nullptr;
    QComboBox *m_codecBox = nullptr;

    QAction *m_openWorkspaceAct, *m_openCheckpointAct, *m_openRecipeAct, *m_saveRecipeAct,
        *m_saveRecipeAsAct, *m_codeFileAct, *m_exportAct, *m_exportCAct, *m_quitAct, *m_undoAct, *m_redoAct,
        *m_trainAct, *m_stopAct, *m_watchRunAct, *m_watchLogAct, *m_demoAct, *m_aboutAct;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;

    ExportController *m_exporter = nullptr;
    CExportAction *m_cExporter = nullptr;

    AnalysisController *m_analysis = nullptr;
    QDockWidget *m_paretoDock = nullptr;
};

} // namespace App
