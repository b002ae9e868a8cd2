// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "analysiscontroller.h"
#include "cexportaction.h"
#include "exportcontroller.h"
#include "trainingcontroller.h"
#include "demooffer.h"
#include "document.h"
#include "exportresultdialog.h"
#include "golfbinary.h"
#include "panelhelp.h"
#include "preferencesdialog.h"
#include "reportviews.h"
#include "runwatcher.h"
#include "trainprocess.h"
#include "undocommands.h"
#include "studioicons.h"
#include "workspace.h"

#include "budgetbar.h"
#include "paretoview.h"
#include "tensortable.h"
#include "trainingplots.h"
#include "treemapwidget.h"

#include "run/rundir.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTime>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>
#include <QWhatsThis>

// The icons are compiled into the static golfstudio library, whose resource initialiser the
// linker would drop unless something refers to it; Q_INIT_RESOURCE must sit outside a namespace.
static void initStudioResources()
{
    Q_INIT_RESOURCE(icons);
}

namespace App {

namespace {


} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_doc(new Document(this))
{
    initStudioResources();
    setWindowIcon(icon("golf-studio"));
    setDockNestingEnabled(true);
    m_workspace = savedWorkspace();
    buildActions();
    buildCentral();
    buildDocks();
    buildTraining();
    buildAnalysis();
    buildExport();
    buildMenus();
    buildToolBar();
    buildStatusBar();
    connectDocument();
    installPanelHelp({{Panel::BudgetBar, m_budgetBar},
                      {Panel::Treemap, m_treemap},
                      {Panel::TensorTable, m_table},
                      {Panel::TrainingPlots, m_plots},
                      {Panel::Pareto, m_analysis->paretoView()},
                      {Panel::Log, m_log},
                      {Panel::Explain, m_explain},
                      {Panel::CodecBox, m_codecBox},
                      {Panel::StatusBudget, m_budgetLabel}});

    refreshPriced();
    refreshLedger();
    syncCodecBox();
    updateActions();
    updateTitle();
    resize(1440, 900);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow()
{
    // Children go after this body, in creation order; a signal one of them emits on its way
    // out (a view's selection, a finishing task) would reach this half-destroyed window or a
    // sibling already deleted (the treemap before the table's dock). Cut those connections.
    for (QObject *sender : std::initializer_list<QObject *>{
             m_doc, m_doc->undoStack(), m_watcher, m_training, m_exporter, m_table, m_treemap,
             m_codecBox, m_analysis})
        sender->disconnect(this);
    m_table->disconnect(m_treemap);
    m_treemap->disconnect(m_table);
    delete m_analysis; // waits for its job, which reads the document
    m_analysis = nullptr;
    delete m_doc; // waits for the pricing thread while everything it could reach still exists
    m_doc = nullptr;
}

// --- construction ----------------------------------------------------------------------------

void MainWindow::buildActions()
{
    auto make = [this](const QString &text, const char *iconName, const QKeySequence &key,
                       auto slot) {
        auto *a = new QAction(text, this);
        if (iconName)
            a->setIcon(icon(iconName));
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_openWorkspaceAct = make(tr("Open &workspace..."), "workspace",
                              QKeySequence(tr("Ctrl+Shift+O")), &MainWindow::chooseWorkspace);
    m_openCheckpointAct = make(tr("&Open checkpoint..."), "checkpoint", QKeySequence::Open,
                               &MainWindow::chooseCheckpoint);
    m_openCheckpointAct->setStatusTip(
        tr("Load a model file and price it under the current recipe"));
    m_openRecipeAct = make(tr("Open &recipe..."), "recipe", QKeySequence(tr("Ctrl+R")),
                           &MainWindow::chooseRecipe);
    m_saveRecipeAct =
        make(tr("&Save recipe"), "save", QKeySequence::Save, &MainWindow::saveRecipeNow);
    m_saveRecipeAsAct =
        make(tr("Save recipe &as..."), nullptr, QKeySequence::SaveAs, &MainWindow::saveRecipeAs);
    m_codeFileAct = make(tr("&Code file..."), nullptr, QKeySequence(), &MainWindow::chooseCodeFile);
    m_codeFileAct->setStatusTip(tr("The train_gpt.py whose bytes count toward the budget"));
    m_exportAct =
        make(tr("&Export..."), "export", QKeySequence(tr("Ctrl+E")), &MainWindow::showExportDialog);
    m_exportCAct = make(tr("Export as &C program..."), nullptr, QKeySequence(), &MainWindow::exportAsC);
    m_exportCAct->setStatusTip(tr("Write the open model under this recipe as a C program that runs it "
                                  "from its quantized codes, with no libraries"));
    m_quitAct = make(tr("&Quit"), nullptr, QKeySequence::Quit, &QWidget::close);

    m_undoAct = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undoAct->setIcon(icon("undo"));
    m_undoAct->setShortcut(QKeySequence::Undo);
    m_redoAct = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redoAct->setIcon(icon("redo"));
    // Ctrl+Shift+Z everywhere, plus the platform's own redo keys (Ctrl+Y on some), each once:
    // the same sequence twice would make the shortcut ambiguous.
    QList<QKeySequence> redoKeys{QKeySequence(tr("Ctrl+Shift+Z"))};
    for (const QKeySequence &k : QKeySequence::keyBindings(QKeySequence::Redo))
        if (!redoKeys.contains(k))
            redoKeys << k;
    m_redoAct->setShortcuts(redoKeys);
    // Their text names the step ("Undo tok_emb.weight: quant int4"): the toolbar shows only the
    // icons (low priority hides the text beside them), the menu and tooltip the whole text.
    m_undoAct->setPriority(QAction::LowPriority);
    m_redoAct->setPriority(QAction::LowPriority);

    m_trainAct =
        make(tr("&Train..."), "train", QKeySequence(tr("Ctrl+T")), &MainWindow::showTrainDialog);
    m_stopAct = make(tr("&Stop training"), "stop", QKeySequence(), &MainWindow::stopTraining);
    m_watchRunAct = make(tr("&Watch run directory..."), "watch", QKeySequence(tr("Ctrl+Shift+W")),
                         &MainWindow::chooseRunDir);
    m_watchLogAct =
        make(tr("Watch &log file..."), nullptr, QKeySequence(), &MainWindow::chooseLogFile);
    m_demoAct = make(tr("Run the &demo"), "demo", QKeySequence(), &MainWindow::runDemo);
    m_aboutAct = make(tr("&About Golf Studio"), nullptr, QKeySequence(), [this] {
        QMessageBox::about(
            this, tr("About Golf Studio"),
            tr("<p><b>Golf Studio</b> %1 &mdash; a workbench for OpenAI's Parameter Golf.</p>")
                    .arg(QApplication::applicationVersion()) +
                DemoOffer::explanation() + tr("<p>GPL-3.0-or-later.</p>"));
    });
}

void MainWindow::buildCentral()
{
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);
    m_budgetBar = new Widgets::BudgetBar;
    m_treemap = new Widgets::TreemapWidget;
    layout->addWidget(m_budgetBar);
    layout->addWidget(m_treemap, 1);
    setCentralWidget(central);
}

void MainWindow::buildDocks()
{
    auto dock = [this](const QString &title, const char *name, QWidget *content,
                       Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(QLatin1String(name)); // for saveState
        d->setWidget(content);
        addDockWidget(area, d);
        m_docks << d;
        return d;
    };
    m_table = new Widgets::TensorTable;
    m_plots = new Widgets::TrainingPlots;
    m_watcher = new RunWatcher(m_plots, this);
    connect(m_watcher, &RunWatcher::message, this, &MainWindow::log);

    auto *logTabs = new QTabWidget;
    m_log = new QPlainTextEdit;
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_explain = new QPlainTextEdit;
    m_explain->setReadOnly(true);
    m_explain->setLineWrapMode(QPlainTextEdit::NoWrap);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_log->setFont(mono);
    m_explain->setFont(mono);
    logTabs->addTab(m_log, tr("Log"));
    logTabs->addTab(m_explain, tr("Explain"));

    // The table gets the full width (it has many columns); the log shares the right column
    // with the plots, which are what one watches while a run trains.
    QDockWidget *tableDock = dock(tr("Tensors"), "tensors", m_table, Qt::BottomDockWidgetArea);
    QDockWidget *trainingDock = dock(tr("Training"), "training", m_plots, Qt::RightDockWidgetArea);
    QDockWidget *logDock = dock(tr("Log and explain"), "log", logTabs, Qt::RightDockWidgetArea);
    tabifyDockWidget(trainingDock, logDock);
    trainingDock->raise();
    resizeDocks({trainingDock}, {600}, Qt::Horizontal);
    resizeDocks({tableDock}, {330}, Qt::Vertical);

    // Selection follows between the two views of the same tensors.
    connect(m_treemap, &Widgets::TreemapWidget::tensorSelected, m_table,
            &Widgets::TensorTable::selectTensor);
    connect(m_table, &Widgets::TensorTable::tensorSelected, m_treemap,
            &Widgets::TreemapWidget::setSelected);
    connect(m_table, &Widgets::TensorTable::editRequested, this,
            [this](const QStringList &names, const nlohmann::json &keys) {
                QString error;
                if (!m_doc->editTensors(names, keys, &error))
                    statusBar()->showMessage(tr("Edit refused: %1").arg(error), 8000);
            });
    connect(m_table, &Widgets::TensorTable::regexEditRequested, this,
            [this](const QString &pattern, const nlohmann::json &keys) {
                QString error;
                if (!m_doc->addRegexRule(pattern, keys, &error))
                    statusBar()->showMessage(tr("Rule refused: %1").arg(error), 8000);
            });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openWorkspaceAct);
    m_recentMenu = file->addMenu(tr("Recent workspaces"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    file->addAction(m_openCheckpointAct);
    file->addAction(m_openRecipeAct);
    QMenu *presets = file->addMenu(tr("Recipe presets"));
    for (const QString &path : recipePresets()) {
        QAction *a = presets->addAction(QFileInfo(path).completeBaseName());
        a->setStatusTip(path);
        connect(a, &QAction::triggered, this, [this, path] { openRecipe(path); });
    }
    presets->setEnabled(!presets->isEmpty());
    file->addAction(m_saveRecipeAct);
    file->addAction(m_saveRecipeAsAct);
    file->addAction(m_codeFileAct);
    file->addSeparator();
    file->addAction(m_exportAct);
    file->addAction(m_exportCAct);
    file->addSeparator();
    file->addAction(m_quitAct);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAct);
    edit->addAction(m_redoAct);
    edit->addSeparator();
    QAction *prefs = edit->addAction(tr("&Preferences…"), this, [this] {
        PreferencesDialog(this).exec();
    });
    prefs->setShortcut(QKeySequence::Preferences);
    prefs->setMenuRole(QAction::PreferencesRole);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *d : m_docks)
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addSeparator();
    QAction *byError = m_viewMenu->addAction(tr("Colour treemap by quantization error"));
    byError->setCheckable(true);
    connect(byError, &QAction::toggled, this, [this](bool on) {
        m_treemap->setColorMode(on ? Widgets::TreemapWidget::ColorMode::Error
                                   : Widgets::TreemapWidget::ColorMode::BitWidth);
    });

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_trainAct);
    run->addAction(m_stopAct);
    run->addSeparator();
    run->addAction(m_watchRunAct);
    run->addAction(m_watchLogAct);
    run->addSeparator();
    run->addAction(m_demoAct);

    QMenu *analyse = menuBar()->addMenu(tr("&Analyse"));
    analyse->addAction(m_analysis->evaluateAction());
    analyse->addAction(m_analysis->allocateAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    // Shift+F1 then a click on any panel explains it (panelhelp.cpp); application-wide so it
    // also works in the result dialogs.
    QAction *whatsThis = QWhatsThis::createAction(this);
    whatsThis->setObjectName(QStringLiteral("whatsThisAction"));
    whatsThis->setShortcutContext(Qt::ApplicationShortcut);
    help->addAction(whatsThis);
    QAction *guide = help->addAction(tr("User &Guide"));
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setStatusTip(tr("Open the user guide: the demo step by step, bits per byte, the "
                           "byte budget, quantization, pruning and the Pareto trade-off"));
    connect(guide, &QAction::triggered, this, [this] {
        const QString path = findUserGuide();
        if (path.isEmpty()) {
            QStringList dirs;
            for (const QString &dir : guideSearchPath())
                dirs << dir.toHtmlEscaped();
            QMessageBox::information(
                this, tr("User Guide"),
                tr("<p>The user guide (guide.md) was not found. Searched:</p><p>%1</p>")
                    .arg(dirs.join(QStringLiteral("<br>"))));
            return;
        }
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            statusBar()->showMessage(tr("Could not open %1").arg(path), 10000);
    });
    help->addSeparator();
    help->addAction(m_aboutAct);
}

void MainWindow::buildToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("main-toolbar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(m_openCheckpointAct);
    bar->addAction(m_openRecipeAct);
    bar->addAction(m_saveRecipeAct);
    bar->addAction(m_exportAct);
    bar->addAction(m_analysis->evaluateAction());
    bar->addAction(m_analysis->allocateAction());
    bar->addSeparator();
    bar->addAction(m_undoAct);
    bar->addAction(m_redoAct);
    bar->addSeparator();
    //: toolbar label before the compression codec combo (spaces are padding)
    bar->addWidget(new QLabel(tr(" Codec ")));
    m_codecBox = new QComboBox;
    m_codecBox->setToolTip(
        tr("The compressor of the golf-mixed-v1 model file (re-prices the model)"));
    // Each codec of core's table (pack/codec.h) at its strongest ordinary level.
    for (const Core::CodecInfo &c : Core::codecs())
        m_codecBox->addItem(QStringLiteral("%1 %2").arg(QLatin1String(c.name)).arg(c.strongestLevel));
    m_codecBox->addItem(tr("official int8 + zlib 9"));
    m_codecBox->setItemData(m_codecBox->count() - 1,
                            tr("The official format: int8 per row, fixed choices; no rules apply"),
                            Qt::ToolTipRole);
    connect(m_codecBox, &QComboBox::activated, this, &MainWindow::codecChosen);
    bar->addWidget(m_codecBox);
    bar->addSeparator();
    bar->addAction(m_trainAct);
    bar->addAction(m_stopAct);
    bar->addAction(m_watchRunAct);
}

void MainWindow::buildStatusBar()
{
    m_busyLabel = new QLabel;
    m_busyBar = new QProgressBar;
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setMaximumHeight(14);
    m_cancelButton = new QToolButton;
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop waiting for the checkpoint (the previous one stays open)"));
    connect(m_cancelButton, &QToolButton::clicked, m_doc, &Document::cancelLoad);
    m_budgetLabel = new QLabel;
    m_budgetLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_busyBar);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_budgetLabel);
    updateBusy();
}

void MainWindow::connectDocument()
{
    connect(m_doc, &Document::message, this, &MainWindow::log);
    connect(m_doc, &Document::pricedChanged, this, &MainWindow::refreshPriced);
    connect(m_doc, &Document::ledgerChanged, this, &MainWindow::refreshLedger);
    connect(m_doc, &Document::recipeChanged, this, &MainWindow::syncCodecBox);
    connect(m_doc, &Document::busyChanged, this, &MainWindow::updateBusy);
    connect(m_doc, &Document::loadStarted, this, &MainWindow::updateBusy);
    connect(m_doc, &Document::pricingStarted, this, &MainWindow::updateBusy);
    connect(m_doc, &Document::loaded, this, [this] {
        updateBusy();
        updateTitle();
        updateActions();
    });
    connect(m_doc, &Document::loadFailed, this, [this](const QString &path, const QString &error) {
        updateBusy();
        if (!path.isEmpty())
            statusBar()->showMessage(
                tr("Could not load %1: %2").arg(QFileInfo(path).fileName(), error), 10000);
    });
    connect(m_doc->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
}

// --- views -----------------------------------------------------------------------------------

void MainWindow::refreshPriced()
{
    const auto &priced = m_doc->priced();
    if (!m_doc->pricingError().isEmpty()) {
        statusBar()->showMessage(tr("Cannot price the recipe: %1").arg(m_doc->pricingError()),
                                 15000);
        m_explain->setPlainText(
            tr("The recipe cannot be resolved against this model:\n%1").arg(m_doc->pricingError()));
    }
    if (!priced) {
        // Nothing priced for this model (its first price failed): show no stale tiles or rows.
        if (!m_doc->pricing()) {
            m_treemap->setData(Widgets::buildByteTree({}, m_doc->codeBytes(), 0));
            m_table->setRows({});
        }
        refreshLedger();
        updateBusy();
        return;
    }
    // One price drives every view, so they never disagree.
    m_treemap->setBudget(m_doc->budget());
    m_treemap->setData(treemapTree(*priced, m_doc->codeBytes()));
    m_table->model()->setBudget(m_doc->budget());
    m_table->setRows(tableRows(*priced));
    if (m_doc->pricingError().isEmpty()) {
        QString explain =
            QString::fromStdString(Core::explainResolution(priced->recipe, priced->resolution));
        explain += QLatin1Char('\n') +
                   QString::fromStdString(Core::formatSizeTable(priced->report, m_doc->budget()));
        m_explain->setPlainText(explain);
    }
    refreshLedger();
    updateBusy();
}

void MainWindow::refreshLedger()
{
    const Core::SizeLedger l = m_doc->ledger();
    m_budgetBar->setValues(l.modelBytes, l.codeBytes, l.budget);
    if (m_doc->priced()) {
        m_budgetLabel->setText(Widgets::budgetSummaryText(l.modelBytes, l.codeBytes, l.budget));
        m_budgetLabel->setStyleSheet(
            l.fits() ? QString() : QStringLiteral("color: #c62828; font-weight: bold"));
        // The code tile changes with the code file; the tensors are the price's.
        if (m_treemap->data().find(Widgets::kCodeName) &&
            m_treemap->data().find(Widgets::kCodeName)->bytes != l.codeBytes)
            m_treemap->setData(treemapTree(*m_doc->priced(), l.codeBytes));
    } else {
        const QString budget = Widgets::formatByteCount(l.budget);
        if (!m_doc->model())
            m_budgetLabel->setText(tr("no checkpoint open — budget %1 bytes").arg(budget));
        else if (!m_doc->pricingError().isEmpty())
            m_budgetLabel->setText(
                tr("the recipe does not apply to this model (see Log) — budget %1 bytes")
                    .arg(budget));
        else
            m_budgetLabel->setText(tr("pricing... — budget %1 bytes").arg(budget));
        m_budgetLabel->setStyleSheet(QString());
    }
}

QString MainWindow::budgetStatusText() const
{
    return m_budgetLabel->text();
}

QString MainWindow::logText() const
{
    return m_log->toPlainText();
}

QString MainWindow::explainText() const
{
    return m_explain->toPlainText();
}

void MainWindow::syncCodecBox()
{
    const Core::ContainerSpec &c = m_doc->recipe().container;
    int index = -1;
    if (c.official()) {
        index = m_codecBox->count() - 1;
    } else {
        for (int i = 0; i < int(Core::codecs().size()); ++i)
            if (Core::codecs()[size_t(i)].codec == c.codec &&
                Core::codecs()[size_t(i)].strongestLevel == c.level)
                index = i;
    }
    const QSignalBlocker block(m_codecBox);
    m_codecBox->setCurrentIndex(index);
    updateTitle();
}

void MainWindow::codecChosen(int index)
{
    QString error;
    bool ok = true;
    if (index >= 0 && index < int(Core::codecs().size())) {
        const Core::CodecInfo &c = Core::codecs()[size_t(index)];
        ok = m_doc->setCodec(c.codec, c.strongestLevel, &error);
    } else if (index == m_codecBox->count() - 1 && !m_doc->recipe().container.official()) {
        // The official format fixes every setting; the edited recipe comes back with Undo.
        Core::Recipe official = Core::Recipe::official();
        m_doc->undoStack()->push(
            new RecipeCommand(m_doc, m_doc->recipe(), official, tr("official int8 format")));
    }
    if (!ok)
        statusBar()->showMessage(tr("Codec refused: %1").arg(error), 8000);
    syncCodecBox();
}

void MainWindow::updateBusy()
{
    const bool loading = m_doc->loading();
    const bool pricing = m_doc->pricing();
    const bool exporting = this->exporting();
    const bool training = m_training->running();
    QString text;
    if (loading)
        text = tr("Loading checkpoint...");
    else if (pricing)
        text = tr("Pricing...");
    else if (exporting)
        text = tr("Exporting...");
    else if (analysing())
        text = m_analysis->statusText();
    else if (training)
        text = tr("Training...");
    m_busyLabel->setText(text);
    m_busyBar->setVisible(loading || pricing || exporting || analysing());
    m_cancelButton->setVisible(loading);
}

void MainWindow::updateTitle()
{
    const QString ckpt = m_doc->checkpoint();
    const QString recipe = m_doc->recipePath().isEmpty()
                               ? tr("unsaved recipe")
                               : QFileInfo(m_doc->recipePath()).fileName();
    // Every title holds the [*] placeholder: recipe edits (undo steps) can be made before a
    // checkpoint is open too, and Qt warns about a modified window without one.
    setWindowTitle(ckpt.isEmpty()
                       ? QStringLiteral("%1[*]").arg(tr("Golf Studio"))
                       : tr("%1 — %2[*] — Golf Studio").arg(QFileInfo(ckpt).fileName(), recipe));
    setWindowModified(!m_doc->undoStack()->isClean());
}

void MainWindow::updateActions()
{
    const bool haveModel = m_doc->model().has_value();
    m_exportAct->setEnabled(haveModel && !exporting());
    m_exportCAct->setEnabled(haveModel && !m_cExporter->running());
    m_analysis->updateActions();
    const bool training = m_training->running();
    m_trainAct->setEnabled(!training);
    m_demoAct->setEnabled(!training);
    m_stopAct->setEnabled(training);
    updateBusy();
}

void MainWindow::log(const QString &line)
{
    // Follow the newest line unless the user scrolled up to read an older one.
    QScrollBar *bar = m_log->verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 2;
    m_log->appendPlainText(QStringLiteral("%1  %2").arg(
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line));
    if (follow)
        bar->setValue(bar->maximum());
}

// --- workspace, files -------------------------------------------------------------------------

void MainWindow::openWorkspace(const QString &path)
{
    if (!QDir().mkpath(path)) {
        log(tr("Cannot create the workspace %1").arg(path));
        return;
    }
    m_workspace = QDir(path).absolutePath();
    m_training->setWorkspace(m_workspace);
    m_exporter->setWorkspace(m_workspace);
    m_cExporter->setWorkspace(m_workspace);
    rememberWorkspace(m_workspace);
    log(tr("Workspace %1").arg(m_workspace));
    // The newest few runs overlay in the plots, as a dashboard would show them.
    const QStringList runs = runDirectories(m_workspace);
    for (int i = 0; i < runs.size() && i < 4; ++i)
        watchRun(runs[i]);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : recentWorkspaces()) {
        QAction *a = m_recentMenu->addAction(path);
        connect(a, &QAction::triggered, this, [this, path] { openWorkspace(path); });
    }
    if (m_recentMenu->isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::openCheckpoint(const QString &path)
{
    m_doc->openCheckpoint(path);
}

bool MainWindow::openRecipe(const QString &path)
{
    QString error;
    if (!m_doc->openRecipe(path, &error)) {
        statusBar()->showMessage(tr("Cannot open the recipe: %1").arg(error), 10000);
        return false;
    }
    updateTitle();
    return true;
}

bool MainWindow::saveRecipe(const QString &path)
{
    QString error;
    if (!m_doc->saveRecipe(path, &error)) {
        statusBar()->showMessage(tr("Cannot save the recipe: %1").arg(error), 10000);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    updateTitle();
    return true;
}

bool MainWindow::setCodeFile(const QString &path, bool wrap)
{
    QString error;
    if (!m_doc->setCode(path, wrap, &error)) {
        statusBar()->showMessage(tr("Cannot use the code file: %1").arg(error), 10000);
        return false;
    }
    if (!path.isEmpty())
        log((wrap ? tr("Code %1: %2 bytes (lzma+base85 wrapper)") : tr("Code %1: %2 bytes"))
                .arg(path, Widgets::formatByteCount(m_doc->codeBytes())));
    return true;
}

void MainWindow::chooseWorkspace()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open workspace"), m_workspace);
    if (!dir.isEmpty())
        openWorkspace(dir);
}

void MainWindow::chooseCheckpoint()
{
    const QString start =
        QFileInfo::exists(runsFolder(m_workspace)) ? runsFolder(m_workspace) : m_workspace;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open checkpoint"), start, tr("Model files (*.pt *.ptz *.pth);;All files (*)"));
    if (!path.isEmpty())
        openCheckpoint(path);
}

void MainWindow::chooseRecipe()
{
    const QString start = m_doc->recipePath().isEmpty() ? resourceDir() + QStringLiteral("/recipes")
                                                        : m_doc->recipePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open recipe"), start,
                                                      tr("Recipes (*.json);;All files (*)"));
    if (!path.isEmpty())
        openRecipe(path);
}

void MainWindow::saveRecipeNow()
{
    // A bundled preset is not overwritten: the first save of it asks where to.
    const QString path = m_doc->recipePath();
    if (path.isEmpty() || (!resourceDir().isEmpty() && path.startsWith(resourceDir())))
        saveRecipeAs();
    else
        saveRecipe(path);
}

void MainWindow::saveRecipeAs()
{
    const QString start = QDir(m_workspace).filePath(QStringLiteral("recipe.json"));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save recipe"), start, tr("Recipes (*.json)"));
    if (!path.isEmpty())
        saveRecipe(path);
}

void MainWindow::chooseCodeFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Code file (train_gpt.py)"), m_workspace, tr("Python (*.py);;All files (*)"));
    if (path.isEmpty())
        return;
    const bool wrap =
        QMessageBox::question(this, tr("Code file"),
                              tr("Count the code as the lzma+base85 self-extracting wrapper "
                                 "(usually much smaller)?")) == QMessageBox::Yes;
    setCodeFile(path, wrap);
}

// --- export ----------------------------------------------------------------------------------

Core::ExportOptions MainWindow::exportDefaults() const
{
    return m_exporter->defaults();
}

bool MainWindow::exporting() const
{
    return m_exporter && m_exporter->running();
}

ExportResultDialog *MainWindow::exportResultDialog() const
{
    return m_exporter->resultDialog();
}

void MainWindow::showExportDialog()
{
    m_exporter->showDialog();
}

bool MainWindow::startExport(const Core::ExportOptions &options)
{
    return m_exporter->start(options);
}

// --- training ----------------------------------------------------------------------------------

QString MainWindow::watchRun(const QString &runDir)
{
    return m_training->watchRun(runDir);
}

QString MainWindow::watchLog(const QString &file)
{
    return m_training->watchLog(file);
}

bool MainWindow::startTraining(const Core::TrainConfig &config, const QString &dataDir, int processes)
{
    return m_training->startTraining(config, dataDir, processes);
}

void MainWindow::stopTraining()
{
    m_training->stop();
}

bool MainWindow::runDemo()
{
    return m_training->runDemo();
}

void MainWindow::maybeOfferDemo()
{
    m_training->maybeOfferDemo();
}

void MainWindow::showTrainDialog()
{
    m_training->showTrainDialog();
}

void MainWindow::chooseRunDir()
{
    m_training->chooseRunDir();
}

void MainWindow::chooseLogFile()
{
    m_training->chooseLogFile();
}

TrainProcess *MainWindow::trainProcess() const
{
    return m_training->process();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_training->running()) {
        const auto answer = QMessageBox::question(this, tr("Training in progress"),
                                                  tr("A training run is in progress. Stop it (it "
                                                     "saves a checkpoint and can be resumed with "
                                                     "golf train --resume) and quit?"),
                                                  QMessageBox::Yes | QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_training->process()->stopAndWait(30000);
    }
    QSettings().setValue(QStringLiteral("window/state"), saveState());
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

// --- the controllers: training, export, analysis -------------------------------------------------

template <class Controller> void MainWindow::hearFrom(Controller *controller)
{
    connect(controller, &Controller::log, this, &MainWindow::log);
    connect(controller, &Controller::statusMessage, this,
            [this](const QString &text, int timeoutMs) { statusBar()->showMessage(text, timeoutMs); });
}

void MainWindow::buildTraining()
{
    m_training = new TrainingController(m_watcher, this);
    m_training->setWorkspace(m_workspace);
    hearFrom(m_training);
    connect(m_training, &TrainingController::stateChanged, this, &MainWindow::updateActions);
    connect(m_training, &TrainingController::checkpointReady, this, &MainWindow::openCheckpoint);
    connect(m_training, &TrainingController::finished, this, &MainWindow::trainingFinished);
}

void MainWindow::exportAsC()
{
    m_cExporter->choose();
}

void MainWindow::buildExport()
{
    m_cExporter = new CExportAction(m_doc, this);
    m_cExporter->setWorkspace(m_workspace);
    hearFrom(m_cExporter);
    connect(m_cExporter, &CExportAction::stateChanged, this, &MainWindow::updateActions);
    m_exporter = new ExportController(m_doc, m_analysis, this);
    m_exporter->setWorkspace(m_workspace);
    hearFrom(m_exporter);
    connect(m_exporter, &ExportController::stateChanged, this, &MainWindow::updateActions);
    connect(m_exporter, &ExportController::finished, this, &MainWindow::exportFinished);
}

void MainWindow::buildAnalysis()
{
    m_analysis = new AnalysisController(m_doc, this, [this] { chooseCodeFile(); });
    m_analysis->setDataDir(m_training->dataDir());
    connect(m_training, &TrainingController::dataDirChanged, m_analysis, &AnalysisController::setDataDir);
    hearFrom(m_analysis);
    connect(m_analysis, &AnalysisController::stateChanged, this, &MainWindow::updateBusy);
    connect(m_analysis, &AnalysisController::evaluationFinished, this, &MainWindow::evaluationFinished);
    connect(m_analysis, &AnalysisController::allocationFinished, this, &MainWindow::allocationFinished);

    m_paretoDock = new QDockWidget(tr("Pareto"), this);
    m_paretoDock->setObjectName(QStringLiteral("pareto"));
    m_paretoDock->setWidget(m_analysis->paretoView());
    addDockWidget(Qt::RightDockWidgetArea, m_paretoDock);
    // Beside the training plots: both are what one looks at between edits.
    for (QDockWidget *d : std::as_const(m_docks))
        if (d->objectName() == QLatin1String("training"))
            tabifyDockWidget(d, m_paretoDock);
    m_docks << m_paretoDock;
    for (QDockWidget *d : std::as_const(m_docks))
        if (d->objectName() == QLatin1String("training"))
            d->raise();
}

Widgets::ParetoView *MainWindow::paretoView() const
{
    return m_analysis->paretoView();
}

bool MainWindow::analysing() const
{
    return m_analysis && m_analysis->running();
}

bool MainWindow::evaluateRecipe()
{
    return m_analysis->evaluateRecipe();
}

bool MainWindow::startAllocation(const AllocateSettings &settings)
{
    return m_analysis->startAllocation(settings);
}

} // namespace App
