// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysiscontroller.h"

#include "document.h"
#include "panelhelp.h"
#include "studioicons.h"

#include "bytetree.h"
#include "paretoview.h"

#include "data/dataset.h"
#include "run/checkpointdata.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHash>
#include <QProgressDialog>
#include <QSettings>
#include <QTimer>
#include <QUndoStack>

namespace App {

namespace {

const char *const kEvalTokensKey = "analysis/eval_tokens";

} // namespace

AnalysisController::AnalysisController(Document *doc, QWidget *window, std::function<void()> askCodeFile)
    : QObject(window)
    , m_doc(doc)
    , m_window(window)
    , m_askCodeFile(std::move(askCodeFile))
    , m_runner(new AnalysisRunner(this))
    , m_pareto(new Widgets::ParetoView)
    , m_historyWatcher(new QFileSystemWatcher(this))
{
    m_evalTokens = QSettings().value(kEvalTokensKey, m_evalTokens).toLongLong();
    connect(m_runner, &AnalysisRunner::progress, this, &AnalysisController::progress);
    connect(m_runner, &AnalysisRunner::evaluated, this, &AnalysisController::evaluationDone);
    connect(m_runner, &AnalysisRunner::allocated, this, &AnalysisController::allocationDone);
    connect(m_runner, &AnalysisRunner::runningChanged, this, [this] {
        updateActions();
        Q_EMIT stateChanged();
    });

    m_evaluateAct = new QAction(icon("evaluate"), tr("E&valuate recipe"), this);
    m_evaluateAct->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    m_evaluateAct->setStatusTip(tr("Quantize, compress, write, read back and evaluate the current "
                                   "recipe on the validation slice; the point joins the Pareto "
                                   "view"));
    connect(m_evaluateAct, &QAction::triggered, this, &AnalysisController::evaluateRecipe);
    m_allocateAct = new QAction(icon("allocate"), tr("&Allocate..."), this);
    m_allocateAct->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    m_allocateAct->setStatusTip(tr("Choose each tensor's setting so the model file fits the "
                                   "budget with the smallest estimated loss increase"));
    connect(m_allocateAct, &QAction::triggered, this, &AnalysisController::showAllocateDialog);

    m_pareto->setBudget(m_doc->budget());
    connect(m_pareto, &Widgets::ParetoView::recordClicked, this, &AnalysisController::recordClicked);
    connect(m_doc, &Document::recipeChanged, this,
            [this] { m_pareto->setCurrentRecipe(m_doc->recipe().toJson()); });
    connect(m_doc, &Document::ledgerChanged, this, [this] { m_pareto->setBudget(m_doc->budget()); });
    connect(m_doc, &Document::loaded, this, &AnalysisController::checkpointChanged);

    // The history grows from this window and from `golf pareto` / `golf allocate` in a
    // terminal; either way the view follows (coalesced: an append may come in pieces).
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(debounce, &QTimer::timeout, this, &AnalysisController::refreshPareto);
    connect(m_historyWatcher, &QFileSystemWatcher::fileChanged, debounce, qOverload<>(&QTimer::start));
    connect(m_historyWatcher, &QFileSystemWatcher::directoryChanged, debounce, qOverload<>(&QTimer::start));
    updateActions();
}

AnalysisController::~AnalysisController()
{
    // The runner's last signals must not reach a half-destroyed controller; the window deletes
    // this before the document, so a running job finishes while all it uses still exists.
    for (QObject *sender : std::initializer_list<QObject *>{m_runner, m_pareto, m_historyWatcher})
        sender->disconnect(this);
    delete m_runner; // waits for a running job
}

bool AnalysisController::running() const
{
    return m_runner->running();
}

void AnalysisController::setEvalTokens(qint64 tokens)
{
    m_evalTokens = tokens;
    QSettings().setValue(kEvalTokensKey, tokens);
}

void AnalysisController::updateActions()
{
    const bool haveModel = m_doc->model().has_value();
    m_evaluateAct->setEnabled(haveModel && !running());
    m_allocateAct->setEnabled(haveModel && !running());
}

void AnalysisController::refuse(const QString &text)
{
    Q_EMIT statusMessage(text, 10000);
    Q_EMIT log(text);
}

Core::EvalSlice AnalysisController::analysisSlice(QString *error, QString *trainGlob) const
{
    Core::EvalSlice slice;
    slice.tokens = m_evalTokens;
    std::string train;
    try {
        // The checkpoint's run, else the dataset the window last trained on.
        const std::string ckpt = m_doc->checkpoint().toStdString();
        Core::CheckpointData data = Core::checkpointData(ckpt);
        if (data.valGlob.empty() && !m_dataDir.isEmpty())
            data = Core::checkpointData(ckpt, m_dataDir.toStdString());
        slice.glob = data.valGlob;
        slice.luts = data.luts;
        if (data.seqLen > 0)
            slice.seqLen = data.seqLen;
        train = data.trainGlob;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        slice.glob.clear();
        return slice;
    }
    if (slice.glob.empty() && error)
        *error = tr("no validation data is known for this checkpoint: it is not in a run folder "
                    "and no dataset folder was used for training yet");
    if (trainGlob)
        *trainGlob = QString::fromStdString(train);
    return slice;
}

AllocateSettings AnalysisController::allocateDefaults() const
{
    AllocateSettings s;
    s.modelBudget = m_doc->budget() - m_doc->codeBytes();
    s.evalTokens = m_evalTokens;
    return s;
}

// --- the history and the Pareto view ------------------------------------------------------------

void AnalysisController::checkpointChanged()
{
    m_historyPath.clear();
    const QString ckpt = m_doc->checkpoint();
    if (!ckpt.isEmpty()) {
        try {
            m_historyPath = QString::fromStdString(Core::EvalHistory::pathFor(ckpt.toStdString()));
        } catch (const std::exception &e) {
            Q_EMIT log(tr("No evaluation history for %1: %2").arg(ckpt, QString::fromStdString(e.what())));
        }
    }
    watchHistory();
    refreshPareto();
    updateActions();
}

void AnalysisController::watchHistory()
{
    if (!m_historyWatcher->files().isEmpty())
        m_historyWatcher->removePaths(m_historyWatcher->files());
    if (!m_historyWatcher->directories().isEmpty())
        m_historyWatcher->removePaths(m_historyWatcher->directories());
    if (m_historyPath.isEmpty())
        return;
    // The folder is watched too: the file appears with the first evaluation.
    const QString dir = QFileInfo(m_historyPath).absolutePath();
    QDir().mkpath(dir);
    m_historyWatcher->addPath(dir);
    if (QFileInfo::exists(m_historyPath))
        m_historyWatcher->addPath(m_historyPath);
}

void AnalysisController::refreshPareto()
{
    std::vector<Core::RecipeEval> records;
    if (!m_historyPath.isEmpty()) {
        int skipped = 0;
        try {
            records = Core::EvalHistory::load(m_historyPath.toStdString(), &skipped);
        } catch (const std::exception &e) {
            Q_EMIT log(tr("Cannot read %1: %2").arg(m_historyPath, QString::fromStdString(e.what())));
        }
        if (skipped)
            Q_EMIT log((skipped == 1 ? tr("1 damaged line of %1 skipped")
                                     : tr("%n damaged lines of %1 skipped", nullptr, skipped))
                           .arg(m_historyPath));
        if (QFileInfo::exists(m_historyPath) && !m_historyWatcher->files().contains(m_historyPath))
            m_historyWatcher->addPath(m_historyPath);
    }
    m_pareto->setBudget(m_doc->budget());
    m_pareto->setRecords(std::move(records));
    m_pareto->setCurrentRecipe(m_doc->recipe().toJson());
}

void AnalysisController::recordClicked(const Core::RecipeEval &record)
{
    QString error;
    try {
        const Core::Recipe recipe = Core::Recipe::fromJson(record.recipe, record.label);
        if (m_doc->applyRecipe(
                recipe,
                tr("recipe from the Pareto view: %1").arg(QString::fromStdString(record.label)),
                &error)) {
            Q_EMIT log(tr("Loaded the recipe of \"%1\" (%2 bytes, val_bpb %3)")
                           .arg(QString::fromStdString(record.label),
                                Widgets::formatByteCount(record.totalBytes()))
                           .arg(record.valBpb, 0, 'f', 6));
            return;
        }
    } catch (const std::exception &e) {
        error = QString::fromStdString(e.what());
    }
    Q_EMIT statusMessage(tr("Cannot use that recipe: %1").arg(error), 10000);
}

void AnalysisController::progress(const QString &stage, qint64 done, qint64 total)
{
    // The stages Core reports, in words.
    static const QHash<QString, const char *> words{
        {QStringLiteral("loading"), QT_TR_NOOP("Loading the model")},
        {QStringLiteral("pricing"), QT_TR_NOOP("Pricing every candidate setting")},
        {QStringLiteral("fisher"), QT_TR_NOOP("Fisher sample")},
        {QStringLiteral("measuring"), QT_TR_NOOP("Measuring each tensor's loss increase")},
        {QStringLiteral("planning"), QT_TR_NOOP("Planning and exact pricing")},
        {QStringLiteral("verifying"), QT_TR_NOOP("Verifying by a round trip")},
        {QStringLiteral("evaluating"), QT_TR_NOOP("Evaluating the round trip")},
    };
    const auto it = words.constFind(stage);
    QString text = it != words.constEnd() ? tr(*it) : stage;
    if (total > 0)
        text += QStringLiteral(" %1/%2").arg(done).arg(total);
    m_statusText = text + QStringLiteral("...");
    Q_EMIT stateChanged();
    if (m_allocProgress) {
        m_allocProgress->setLabelText(m_statusText);
        m_allocProgress->setRange(0, total > 0 ? int(total) : 0);
        if (total > 0)
            m_allocProgress->setValue(int(done));
    }
}

// --- who scores the model -----------------------------------------------------------------------

bool AnalysisController::chooseScorer(QString *error)
{
    if (m_doc->model()->baseline) {
        m_runner->setScript(std::nullopt);
        return true;
    }
    if (m_doc->codePath().isEmpty() && m_askCodeFile)
        m_askCodeFile();
    if (m_doc->codePath().isEmpty()) {
        *error = tr("this model is not golf's GPT: choose its train_gpt.py (File > Code file) to score it with");
        return false;
    }
    m_runner->setScript(scriptScorer(m_doc->codePath()));
    return true;
}

Core::ScriptEvaluatorOptions AnalysisController::scriptScorer(const QString &script) const
{
    Core::ScriptEvaluatorOptions o;
    o.script = script.toStdString();
    o.python = Core::defaultPython();
    if (!m_dataDir.isEmpty()) {
        // The dataset the window knows: the script's DATA_PATH, and its byte LUT sidecar.
        o.env["DATA_PATH"] = m_dataDir.toStdString();
        try {
            o.luts = Core::datasetPaths(m_dataDir.toStdString(), /*requireTrain=*/false).byteLuts;
        } catch (const std::exception &) {
        }
    }
    return o;
}

// --- Evaluate -----------------------------------------------------------------------------------

bool AnalysisController::evaluateRecipe()
{
    if (!m_doc->model() || running())
        return false;
    QString error;
    const Core::EvalSlice slice = analysisSlice(&error);
    if (!chooseScorer(&error) || (slice.glob.empty() && m_doc->model()->baseline)) {
        refuse(tr("Cannot evaluate: %1").arg(error));
        return false;
    }
    const Core::Recipe &r = m_doc->recipe();
    QString label = !r.name.empty() ? QString::fromStdString(r.name)
                    : !m_doc->recipePath().isEmpty()
                        ? QFileInfo(m_doc->recipePath()).completeBaseName()
                        : tr("recipe");
    if (!m_doc->undoStack()->isClean())
        //: appended to a recipe's name when it has unsaved edits
        label += tr(" (edited)");
    if (!m_runner->evaluate(m_doc->checkpoint(), r, slice, m_doc->codeBytes(), label))
        return false;
    m_statusText = tr("Evaluating...");
    Q_EMIT log(tr("Evaluating \"%1\" on %2 ...").arg(label, QString::fromStdString(slice.label())));
    updateActions();
    Q_EMIT stateChanged();
    return true;
}

void AnalysisController::evaluationDone(const EvaluateOutcome &outcome)
{
    updateActions();
    Q_EMIT stateChanged();
    if (!outcome.ok) {
        refuse(tr("Evaluation failed: %1").arg(outcome.error));
        Q_EMIT evaluationFinished(false);
        return;
    }
    const Core::RecipeEval &e = outcome.record;
    Q_EMIT log(tr("Evaluated \"%1\": %2 bytes, val_bpb %3 on %4")
                   .arg(QString::fromStdString(e.label), Widgets::formatByteCount(e.totalBytes()))
                   .arg(e.valBpb, 0, 'f', 6)
                   .arg(QString::fromStdString(e.slice)));
    refreshPareto();
    m_pareto->setSlice(QString::fromStdString(e.slice));
    Q_EMIT evaluationFinished(true);
}

// --- Allocate -----------------------------------------------------------------------------------

void AnalysisController::showAllocateDialog()
{
    if (!m_doc->model()) {
        Q_EMIT statusMessage(tr("Open a checkpoint first."), 5000);
        return;
    }
    AllocateDialog dialog(allocateDefaults(), m_doc->budget(), m_doc->codeBytes(), m_window);
    if (dialog.exec() == QDialog::Accepted)
        startAllocation(dialog.settings());
}

bool AnalysisController::startAllocation(const AllocateSettings &settings)
{
    if (!m_doc->model() || running())
        return false;
    const QString ckpt = m_doc->checkpoint();
    QString error, trainGlob;
    Core::AllocateJob o;
    o.slice = analysisSlice(&error, &trainGlob);
    o.slice.tokens = settings.evalTokens;
    if (!chooseScorer(&error) || (o.slice.glob.empty() && m_doc->model()->baseline)) {
        refuse(tr("Cannot allocate: %1").arg(error));
        return false;
    }
    if (m_doc->recipe().container.official()) {
        Q_EMIT statusMessage(tr("Cannot allocate in the official int8 format: choose a codec "
                                "of the golf-mixed-v1 container first"),
                             10000);
        return false;
    }
    // The current recipe is the base: its codec, and the settings of what is no candidate.
    o.base = m_doc->recipe();
    o.minNumel = settings.minNumel;
    o.cacheDir = Core::checkpointCacheDir(ckpt.toStdString());
    if (settings.estimate == Core::CostEstimate::Fisher) {
        o.fisherGlob = trainGlob.toStdString();
        o.fisherTokens = settings.fisherTokens;
    }
    o.estimate = settings.estimate;
    o.codeBytes = m_doc->codeBytes();
    o.budget = settings.modelBudget + o.codeBytes;
    o.scratchDir = o.cacheDir;
    o.historyPath = m_historyPath.toStdString();
    if (!m_runner->allocate(ckpt, o))
        return false;
    m_evalTokens = settings.evalTokens;
    m_statusText = tr("Allocating...");
    Q_EMIT log(tr("Allocating %1 model bytes (%2 estimate) on %3 ...")
                   .arg(Widgets::formatByteCount(settings.modelBudget),
                        QString::fromLatin1(Core::costEstimateName(settings.estimate)),
                        QString::fromStdString(o.slice.label())));
    m_allocProgress = new QProgressDialog(m_statusText, tr("Cancel"), 0, 0, m_window);
    m_allocProgress->setWindowTitle(tr("Allocate"));
    m_allocProgress->setAttribute(Qt::WA_DeleteOnClose);
    m_allocProgress->setAutoClose(false);
    m_allocProgress->setAutoReset(false);
    m_allocProgress->setMinimumDuration(0);
    m_allocProgress->setWindowModality(Qt::NonModal);
    connect(m_allocProgress, &QProgressDialog::canceled, this, &AnalysisController::cancel);
    m_allocProgress->show();
    updateActions();
    Q_EMIT stateChanged();
    return true;
}

void AnalysisController::cancel()
{
    if (!running())
        return;
    m_runner->cancel();
    m_statusText = tr("Cancelling...");
    Q_EMIT stateChanged();
}

void AnalysisController::allocationDone(const AllocateOutcome &outcome)
{
    if (m_allocProgress)
        m_allocProgress->close();
    updateActions();
    Q_EMIT stateChanged();
    const Core::AllocationSummary &r = outcome.result;
    bool ok = false;
    if (!outcome.ok) {
        Q_EMIT log(tr("Allocation %1")
                       .arg(outcome.cancelled ? tr("cancelled") : tr("failed: %1").arg(outcome.error)));
    } else if (!r.feasible) {
        Q_EMIT log(tr("No allocation fits %1 model bytes: the smallest candidates need about %2")
                       .arg(Widgets::formatByteCount(r.modelBudget()),
                            Widgets::formatByteCount(r.smallestModelBytes)));
    } else {
        const QString what = tr("allocate %1 bytes (%2)")
                                 .arg(Widgets::formatByteCount(r.modelBudget()),
                                      QString::fromLatin1(Core::costEstimateName(r.estimate)));
        QString error;
        if (m_doc->applyRecipe(r.recipe, what, &error)) {
            ok = r.verified ? r.measured.totalBytes() <= r.budget : r.fits();
            const QString modelBytes = Widgets::formatByteCount(
                r.verified ? r.measured.modelBytes : r.pricedModelBytes);
            const QString estimate = Widgets::formatByteCount(r.estimatedModelBytes);
            // Two sentences rather than a spliced-in "not", so each translates whole.
            if (r.verified)
                Q_EMIT log(tr("Allocation: model file %1 bytes (estimate %2), val_bpb %3 measured")
                               .arg(modelBytes, estimate, QString::number(r.measured.valBpb, 'f', 6)));
            else
                Q_EMIT log(tr("Allocation: model file %1 bytes (estimate %2), val_bpb not measured")
                               .arg(modelBytes, estimate));
        } else {
            Q_EMIT log(tr("The allocation's recipe was refused: %1").arg(error));
        }
        refreshPareto();
        if (r.verified)
            m_pareto->setSlice(QString::fromStdString(r.measured.slice));
    }
    if (!m_allocResult) {
        m_allocResult = new AllocationResultDialog(m_window);
        installPanelHelp(m_allocResult, Panel::AllocationResult);
    }
    m_allocResult->setOutcome(outcome);
    m_allocResult->show();
    m_allocResult->raise();
    Q_EMIT allocationFinished(ok);
}

} // namespace App
