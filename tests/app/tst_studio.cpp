// SPDX-License-Identifier: GPL-3.0-or-later
// The golf-studio window end to end, offscreen: a real (tiny) run directory and checkpoint are
// opened through the window's public slots; pricing runs on the worker; a table edit moves the
// budget figures in the status bar, the budget bar and the treemap together; undo restores the
// exact bytes; a regex rule and a codec change re-price; the export writes a records folder
// whose model file has exactly the priced size; the run's metrics reach the plots while they
// grow; a real `golf train` child trains, is watched, and its checkpoint opens. Screenshots of
// every main view go to GOLF_SCREENSHOT_DIR for a person to look at.
//
// The teaching guide (resources/guide/guide.md) is kept honest here too: every panel must have
// its "What's this?" text, the guide's images must be exactly the ones in resources/guide/images,
// and guideScreenshots() produces each of them (GOLF_SCREENSHOT_DIR/guide/guide-*.png, copied
// into the source tree by resources/guide/update-screenshots.sh) from a real small run.

#include "isolatedguitest.h"
#include "allocatedialog.h"
#include "analysiscontroller.h"
#include "demooffer.h"
#include "document.h"
#include "cexportaction.h"
#include "exportdialog.h"
#include "exportresultdialog.h"
#include "mainwindow.h"
#include "panelhelp.h"
#include "runwatcher.h"
#include "techniqueboxes.h"
#include "mixerbox.h"
#include "traindialog.h"
#include "trainprocess.h"
#include "workspace.h"

#include "budgetbar.h"
#include "paretoview.h"
#include "tensortable.h"
#include "trainingplots.h"
#include "treemapwidget.h"

#include "recipe/evalhistory.h"
#include "common/atomicfile.h"
#include "ship/shippedscript.h"
#include "model/model.h"
#include "run/rundir.h"
#include "testdata.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QMessageBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QHelpEvent>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QUndoStack>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>
#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace {

qint64 modelBytes(const App::Document *doc)
{
    return doc->priced() ? doc->priced()->report.modelBytes : -1;
}

int rowOf(const App::Document *doc, const std::string &name)
{
    const auto &tensors = doc->priced()->report.tensors;
    for (size_t i = 0; i < tensors.size(); ++i)
        if (tensors[i].name == name)
            return int(i);
    return -1;
}

void appendMetrics(const Core::RunDir &run, int from, int to)
{
    for (int step = from; step <= to; ++step) {
        run.appendMetric(
            {{"step", step},
             {"t_ms", step * 40},
             {"train_loss", 6.9 * std::exp(-step / 30.0) + 3.0},
             {"lr", step <= 45 ? 1.0 : (60 - step) / 15.0}, // warmdown, as golf logs it
             {"tok_per_s", 9000 + 20 * step}});
        if (step % 5 == 0)
            run.appendMetric({{"step", step},
                              {"t_ms", step * 40},
                              {"val_loss", 6.5 * std::exp(-step / 30.0) + 3.1},
                              {"val_bpb", 3.0 * std::exp(-step / 30.0) + 1.6}});
    }
}

/// The screenshots the guide shows, in the order guideScreenshots() takes them; each is
/// images/guide-<name>.png in resources/guide.
const char *const kGuideShots[] = {
    "demo-offer",      "train-dialog", "training-live", "window",      "budget-bar",
    "treemap",         "tensor-table", "treemap-error", "explain",     "allocate-dialog",
    "allocate-result", "pareto",       "export-dialog", "export-pass", "export-over"};

QString guideDir()
{
    return QStringLiteral(GOLF_SOURCE_DIR "/resources/guide");
}

} // namespace

class tst_Studio : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws, m_data, m_runDir, m_code;
    std::string m_ckpt;
    Core::TrainConfig m_cfg;
    std::unique_ptr<App::MainWindow> m_win;

    App::Document *doc() const { return m_win->document(); }

    void shot(QWidget *w, const char *name)
    {
        const QString dir = QStringLiteral(GOLF_SCREENSHOT_DIR);
        QDir().mkpath(dir);
        QVERIFY(w->grab().save(dir + QStringLiteral("/studio_%1.png").arg(QLatin1String(name))));
    }

    /// A screenshot for the guide: GOLF_SCREENSHOT_DIR/guide/guide-<name>.png, compressed hard
    /// (they are committed).
    void guideShot(QWidget *w, const char *name)
    {
        const QString dir = QStringLiteral(GOLF_SCREENSHOT_DIR "/guide");
        QDir().mkpath(dir);
        QCoreApplication::processEvents();
        QVERIFY(w->grab().save(dir + QStringLiteral("/guide-%1.png").arg(QLatin1String(name)),
                               "PNG", 0));
    }

    QDockWidget *raiseDock(const char *name)
    {
        auto *dock = m_win->findChild<QDockWidget *>(QLatin1String(name));
        if (dock) {
            dock->show();
            dock->raise();
            QTest::qWait(50);
        }
        return dock;
    }

    /// Waits for the price of the current recipe (pricing done, a price present).
    bool waitPriced(int ms = 20000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            if (!doc()->pricing() && !doc()->loading() && doc()->priced())
                return true;
            QTest::qWait(10);
        }
        return false;
    }

    /// Brings the Pareto dock to the front and lays its plot out at its shown size.
    Widgets::ParetoView *showPareto()
    {
        auto *dock = m_win->findChild<QDockWidget *>(QStringLiteral("pareto"));
        if (!dock)
            return nullptr;
        dock->show();
        dock->raise();
        QTest::qWait(50);
        m_win->paretoView()->customPlot()->replot();
        return m_win->paretoView();
    }

    bool evaluateNow()
    {
        QSignalSpy done(m_win.get(), &App::MainWindow::evaluationFinished);
        if (!m_win->evaluateRecipe())
            return false;
        if (!done.wait(60000) && done.isEmpty())
            return false;
        return done.at(0).at(0).toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Resources are found beside the executable (common/resourcedir.h); a test executable
        // has none beside it, so it points at the source tree's, as GOLF_RESOURCE_DIR allows.
        qputenv("GOLF_RESOURCE_DIR", GOLF_SOURCE_DIR "/resources");
        // The window finds golf beside itself; a test executable has none there (and golf is
        // always built first: add_dependencies), so it names the build's.
        qputenv("GOLF_BINARY", GOLF_BINARY_DIR "/app/golf/golf");
        QVERIFY2(QFileInfo::exists(QStringLiteral(GOLF_BINARY_DIR "/app/golf/golf")), "golf is not built");
        QVERIFY(m_dir.isValid());
        m_ws = m_dir.filePath(QStringLiteral("workspace"));
        m_data = m_dir.filePath(QStringLiteral("data"));
        Core::makeDirs(m_data.toStdString());
        m_cfg = TestData::writeTinyDataset(m_data.toStdString());

        // A finished run in the workspace: config, metrics, a log line and a checkpoint.
        m_runDir = QDir(App::runsFolder(m_ws)).filePath(QStringLiteral("tiny-run"));
        Core::makeDirs(App::runsFolder(m_ws).toStdString());
        Core::RunDir run(m_runDir.toStdString());
        run.create(m_cfg, nlohmann::json::object());
        run.appendLog("step:1/6 train_loss:6.9 train_time:1ms step_avg:1.00ms");
        appendMetrics(run, 1, 40);
        Core::makeDirs(run.file("checkpoints"));
        m_ckpt = run.checkpointPath(6);
        Core::Model(m_cfg.model, 3).save(m_ckpt);

        // A script with golf-studio markers where it saves the model (ship/trainscript.h).
        m_code = m_dir.filePath(QStringLiteral("train_gpt.py"));
        std::string code = "def main():\n";
        for (int i = 0; i < 200; ++i)
            code += "    print('line " + std::to_string(i) + "')\n";
        code += "    # golf-studio: serialization begin; eval=score(base_model)\n"
                "    # golf-studio: serialization end\n";
        Core::writeFileAtomic(m_code.toStdString(), code);

        m_win = std::make_unique<App::MainWindow>();
        m_win->resize(1500, 950);
        m_win->openWorkspace(m_ws);
        m_win->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_win.get()));
        QCOMPARE(m_win->workspace(), QDir(m_ws).absolutePath());
        QCOMPARE(App::recentWorkspaces().value(0), QDir(m_ws).absolutePath());
    }

    void panelsExplainThemselves()
    {
        // The central panels, the toolbar's codec box and the status bar's figure.
        for (QWidget *w : std::initializer_list<QWidget *>{
                 m_win->budgetBar(), m_win->treemap(), m_win->tensorTable(), m_win->trainingPlots(),
                 m_win->paretoView(), m_win->codecBox()})
            QVERIFY2(!w->whatsThis().isEmpty(), w->metaObject()->className());
        // Every dock, on its title bar and in its content (each page of a tabbed one).
        const QList<QDockWidget *> docks = m_win->findChildren<QDockWidget *>();
        QVERIFY(docks.size() >= 4);
        for (QDockWidget *dock : docks) {
            QVERIFY2(!dock->whatsThis().isEmpty(), qPrintable(dock->objectName()));
            if (auto *tabs = qobject_cast<QTabWidget *>(dock->widget())) {
                for (int i = 0; i < tabs->count(); ++i)
                    QVERIFY2(!tabs->widget(i)->whatsThis().isEmpty(), qPrintable(tabs->tabText(i)));
            } else {
                QVERIFY2(!dock->widget()->whatsThis().isEmpty(), qPrintable(dock->objectName()));
            }
        }
        // What's This mode asks the widget under the cursor, and the question goes up to the
        // panel: a click on the table's cells finds the table's text.
        QWidget *cells = m_win->tensorTable()->view()->viewport();
        QHelpEvent query(QEvent::QueryWhatsThis, QPoint(5, 5), cells->mapToGlobal(QPoint(5, 5)));
        QVERIFY(QApplication::sendEvent(cells, &query));
        QVERIFY(query.isAccepted());

        // Each text is a newcomer's paragraph or three: 60 to 150 words, all different.
        QSet<QString> seen;
        for (App::Panel panel : App::allPanels()) {
            const QString text = App::panelHelp(panel);
            const QString plain = QTextDocumentFragment::fromHtml(text).toPlainText();
            const int words = int(
                plain.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts).size());
            QVERIFY2(
                words >= 60 && words <= 150,
                qPrintable(QStringLiteral("%1: %2 words").arg(App::panelKey(panel)).arg(words)));
            QVERIFY(!seen.contains(text));
            seen.insert(text);
        }

        // The Help menu: What's This? on Shift+F1, and the user guide, found in the source tree.
        auto *whatsThis = m_win->findChild<QAction *>(QStringLiteral("whatsThisAction"));
        QVERIFY(whatsThis);
        QCOMPARE(whatsThis->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F1));
        QVERIFY(m_win->findChild<QAction *>(QStringLiteral("userGuideAction")));
        QVERIFY(!App::findUserGuide().isEmpty());
        QCOMPARE(App::findUserGuide(),
                 QFileInfo(guideDir() + QStringLiteral("/guide.md")).canonicalFilePath());
        QVERIFY(App::guideSearchPath().contains(QDir::cleanPath(guideDir())));
    }

    void guideImagesAreTheScreenshots()
    {
        // What the guide shows, what resources/guide/images holds and what guideScreenshots()
        // takes are the same set, so neither the text nor the pictures can rot.
        QFile guide(guideDir() + QStringLiteral("/guide.md"));
        QVERIFY2(guide.open(QIODevice::ReadOnly), qPrintable(guide.fileName()));
        const QString text = QString::fromUtf8(guide.readAll());
        QSet<QString> referenced;
        const QRegularExpression image(
            QStringLiteral("(?:!\\[[^\\]]*\\]\\(|<img[^>]*src=\")(images/[^)\"\\s]+)"));
        for (auto it = image.globalMatch(text); it.hasNext();)
            referenced.insert(it.next().captured(1).mid(7));
        QVERIFY(!referenced.isEmpty());
        const QDir images(guideDir() + QStringLiteral("/images"));
        const QSet<QString> present = [&] {
            const QStringList files = images.entryList(QDir::Files);
            return QSet<QString>(files.begin(), files.end());
        }();
        QSet<QString> taken;
        for (const char *name : kGuideShots)
            taken.insert(QStringLiteral("guide-%1.png").arg(QLatin1String(name)));
        for (const QString &name : referenced)
            QVERIFY2(present.contains(name), qPrintable(name + QStringLiteral(" is missing")));
        for (const QString &name : present)
            QVERIFY2(referenced.contains(name),
                     qPrintable(name + QStringLiteral(" is not used by guide.md")));
        QCOMPARE(referenced, taken);
    }

    void opensAndPricesCheckpoint()
    {
        m_win->openCheckpoint(QString::fromStdString(m_ckpt));
        QVERIFY(doc()->loading());
        QVERIFY2(waitPriced(), qPrintable(m_win->logText()));
        QCOMPARE(doc()->checkpoint(), QString::fromStdString(m_ckpt));

        const Core::SizeReport &report = doc()->priced()->report;
        QCOMPARE(report.format, std::string("golf-mixed-v1"));
        // Every view shows the same price: treemap tiles, table rows, bar and status bar.
        QCOMPARE(m_win->treemap()->data().tensorCount(), int(report.tensors.size()));
        QCOMPARE(m_win->treemap()->data().bytes, report.modelBytes);
        QCOMPARE(m_win->tensorTable()->model()->rowCount(), int(report.tensors.size()));
        QCOMPARE(m_win->budgetBar()->modelBytes(), report.modelBytes);
        QCOMPARE(m_win->budgetBar()->codeBytes(), qint64(0));
        QCOMPARE(m_win->budgetStatusText(),
                 Widgets::budgetSummaryText(report.modelBytes, 0, 16'000'000));
        QVERIFY(m_win->budgetStatusText().contains(QStringLiteral("of 16,000,000 bytes")));
        QVERIFY(m_win->explainText().contains(QStringLiteral("tok_emb.weight")));

        // The code file joins the ledger: its bytes as an export ships it (patched to write this
        // model file) and its tile.
        QVERIFY(m_win->setCodeFile(m_code, false));
        const qint64 shipped = qint64(
            Core::shipScript(m_code.toStdString(), false, doc()->priced()->resolution,
                             doc()->priced()->recipe.container, nullptr,
                             GOLF_SOURCE_DIR "/packaging/python/golf_mixed.py")
                .code.size());
        QVERIFY(shipped > QFileInfo(m_code).size());
        QCOMPARE(m_win->budgetBar()->codeBytes(), shipped);
        QCOMPARE(m_win->treemap()->data().find(Widgets::kCodeName)->bytes, shipped);
        QVERIFY(m_win->budgetStatusText().startsWith(
            Widgets::formatByteCount(report.modelBytes + shipped)));

        // Selection follows from the treemap to the table.
        m_win->treemap()->tensorSelected(QStringLiteral("tok_emb.weight"));
        QCOMPARE(m_win->tensorTable()->selectedTensors(),
                 QStringList{QStringLiteral("tok_emb.weight")});

        QTest::qWait(100); // the treemap's debounced relayout
        shot(m_win->treemap(), "treemap");
        shot(m_win->tensorTable(), "table");
    }

    void tableEditRepricesAndUndoRestores()
    {
        const qint64 before = modelBytes(doc());
        const QString statusBefore = m_win->budgetStatusText();
        const int undoBefore = doc()->undoStack()->count();
        Widgets::TensorTableModel *model = m_win->tensorTable()->model();
        const int row = model->rowOf(QStringLiteral("tok_emb.weight"));
        QVERIFY(row >= 0);

        // The user types int4 into tok_emb's Quant cell.
        QVERIFY(model->setData(model->index(row, Widgets::TensorTableModel::Quant),
                               QStringLiteral("int4"), Qt::EditRole));
        QCOMPARE(doc()->undoStack()->count(), undoBefore + 1);
        QVERIFY(waitPriced());
        const qint64 after = modelBytes(doc());
        QVERIFY2(after < before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        QCOMPARE(doc()->priced()->changedTensors, 1); // re-priced one tensor, not the model
        QVERIFY(m_win->budgetStatusText() != statusBefore);
        QCOMPARE(m_win->budgetBar()->modelBytes(), after);
        QCOMPARE(m_win->treemap()->data().bytes, after + m_win->budgetBar()->codeBytes());
        const int r = rowOf(doc(), "tok_emb.weight");
        QCOMPARE(doc()->priced()->report.tensors[size_t(r)].setting.bits, 4);
        QVERIFY2(model->rows()[row].source.contains(QStringLiteral("tok_emb.weight")),
                 qPrintable(model->rows()[row].source));

        // A second edit of the same tensor updates its rule instead of adding one.
        const size_t rules = doc()->recipe().rules.size();
        QVERIFY(model->setData(model->index(row, Widgets::TensorTableModel::Quant),
                               QStringLiteral("int5"), Qt::EditRole));
        QCOMPARE(doc()->recipe().rules.size(), rules);
        QVERIFY(waitPriced());
        QCOMPARE(doc()->priced()->report.tensors[size_t(r)].setting.bits, 5);

        // Undo twice: the exact bytes and status text come back.
        doc()->undoStack()->undo();
        doc()->undoStack()->undo();
        QVERIFY(waitPriced());
        QCOMPARE(modelBytes(doc()), before);
        QCOMPARE(m_win->budgetStatusText(), statusBefore);
        QCOMPARE(m_win->budgetBar()->modelBytes(), before);
        // Redo: int4 again, served from the pricer's cache.
        doc()->undoStack()->redo();
        QVERIFY(waitPriced());
        QCOMPARE(modelBytes(doc()), after);
        QVERIFY(doc()->priced()->cache.hits > 0);

        // The same from the keyboard: Ctrl+Z, Ctrl+Shift+Z.
        m_win->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_win.get()));
        QTest::keyClick(m_win.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(waitPriced());
        QCOMPARE(modelBytes(doc()), before);
        QTest::keyClick(m_win.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(waitPriced());
        QCOMPARE(modelBytes(doc()), after);
    }

    void burstOfEditsPricesOnce()
    {
        // Four edits in a row, no event loop in between: stale requests are skipped, so one
        // price arrives, and it is the price of the last recipe.
        QSignalSpy priced(doc(), &App::Document::pricedChanged);
        for (const char *q : {"int3", "int5", "int7", "int6"})
            QVERIFY(doc()->editTensors({QStringLiteral("blocks.1.mlp.fc.weight")}, {{"quant", q}}));
        QVERIFY(waitPriced());
        QTest::qWait(50);
        QCOMPARE(priced.count(), 1);
        QCOMPARE(doc()->priced()->recipe.toJson(), doc()->recipe().toJson());
        QCOMPARE(doc()
                     ->priced()
                     ->report.tensors[size_t(rowOf(doc(), "blocks.1.mlp.fc.weight"))]
                     .setting.bits,
                 6);
        for (int i = 0; i < 4; ++i)
            doc()->undoStack()->undo();
        QVERIFY(waitPriced());
    }

    void refusesEditsThatDoNotResolve()
    {
        const int count = doc()->undoStack()->count();
        QString error;
        QVERIFY(
            !doc()->editTensors({QStringLiteral("tok_emb.weight")}, {{"quant", "int9"}}, &error));
        QVERIFY2(error.contains(QStringLiteral("int9")), qPrintable(error));
        QVERIFY(
            !doc()->editTensors({QStringLiteral("no_such.weight")}, {{"quant", "int4"}}, &error));
        QVERIFY(!doc()->addRegexRule(QStringLiteral("(unclosed"), {{"quant", "int4"}}, &error));
        QCOMPARE(doc()->undoStack()->count(), count);
    }

    void regexRuleAndCodecReprice()
    {
        const qint64 before = modelBytes(doc());
        QVERIFY(doc()->addRegexRule(QStringLiteral("\\.mlp\\."), {{"quant", "int6"}}));
        QVERIFY(waitPriced());
        QVERIFY(modelBytes(doc()) < before);
        for (const Widgets::TensorRow &row : m_win->tensorTable()->model()->rows()) {
            if (row.name.contains(QStringLiteral(".mlp.")) &&
                row.name.endsWith(QStringLiteral("weight"))) {
                QCOMPARE(row.setting.bits, 6);
                QVERIFY2(row.source.contains(QStringLiteral("\\.mlp\\.")), qPrintable(row.source));
            }
        }
        m_win->tensorTable()->selectTensor(QStringLiteral("blocks.0.mlp.fc.weight"));
        m_win->treemap()->setSelected(QStringLiteral("blocks.0.mlp.fc.weight"));
        QTest::qWait(100);
        shot(m_win.get(), "window");

        // The codec box: zstd 22 re-prices the whole model in the other codec.
        QComboBox *box = m_win->codecBox();
        const int zstd = box->findText(QStringLiteral("zstd 22"));
        QVERIFY(zstd >= 0);
        box->setCurrentIndex(zstd);
        Q_EMIT box->activated(zstd);
        QVERIFY(waitPriced());
        QCOMPARE(doc()->priced()->report.codec, Core::Codec::Zstd);
        QCOMPARE(doc()->priced()->changedTensors, -1);
        // The official format: its fixed choices, the per-tensor split an attribution.
        const int official = box->count() - 1;
        box->setCurrentIndex(official);
        Q_EMIT box->activated(official);
        QVERIFY(waitPriced());
        QCOMPARE(doc()->priced()->report.format, std::string("int8_clean_per_row_v1"));
        QVERIFY(!doc()->priced()->report.exactPerTensor);
        QCOMPARE(m_win->treemap()->data().bytes,
                 modelBytes(doc()) + m_win->budgetBar()->codeBytes());
        QString error;
        QVERIFY(!doc()->editTensors({QStringLiteral("tok_emb.weight")}, {{"quant", "int4"}},
                                    &error)); // no rules there
        // Undo the official format, the codec and the rule.
        doc()->undoStack()->undo();
        QCOMPARE(box->currentText(), QStringLiteral("zstd 22"));
        doc()->undoStack()->undo();
        QCOMPARE(box->currentText(), QStringLiteral("lzma 9"));
        doc()->undoStack()->undo();
        QVERIFY(waitPriced());
        QCOMPARE(modelBytes(doc()), before);
    }

    void savesAndReopensRecipe()
    {
        const QString path = m_dir.filePath(QStringLiteral("my-recipe.json"));
        QVERIFY(m_win->saveRecipe(path));
        QVERIFY(doc()->undoStack()->isClean());
        const Core::Recipe saved = Core::Recipe::load(path.toStdString());
        QCOMPARE(saved.toJson(), doc()->recipe().toJson());
        const int index = doc()->undoStack()->index();
        QVERIFY(m_win->openRecipe(path));
        QCOMPARE(doc()->undoStack()->index(), index + 1); // opening a recipe is undoable too
        QVERIFY(!doc()->undoStack()->isClean());
        QVERIFY(!m_win->openRecipe(m_dir.filePath(QStringLiteral("missing.json"))));
        QVERIFY(waitPriced());
    }

    void recipeThatDoesNotFitAnotherModel()
    {
        // A rule naming blocks.1's tensor, then a one-layer model: the recipe no longer
        // resolves, so no stale tiles or rows stay on screen, and the reason is shown.
        QVERIFY(
            doc()->editTensors({QStringLiteral("blocks.1.mlp.fc.weight")}, {{"quant", "int5"}}));
        QVERIFY(waitPriced());
        Core::GptConfig small = m_cfg.model;
        small.numLayers = 1;
        const QString other = m_dir.filePath(QStringLiteral("one_layer.pt"));
        Core::Model(small, 5).save(other.toStdString());
        m_win->openCheckpoint(other);
        QTRY_VERIFY(!doc()->loading() && !doc()->pricing());
        QCOMPARE(doc()->checkpoint(), other);
        QVERIFY(!doc()->priced());
        QVERIFY2(doc()->pricingError().contains(QStringLiteral("blocks.1.mlp.fc.weight")),
                 qPrintable(doc()->pricingError()));
        QCOMPARE(m_win->treemap()->data().tensorCount(), 0);
        QCOMPARE(m_win->tensorTable()->model()->rowCount(), 0);
        QVERIFY2(m_win->budgetStatusText().contains(QStringLiteral("does not apply")),
                 qPrintable(m_win->budgetStatusText()));
        // Undo the rule: the one-layer model prices.
        doc()->undoStack()->undo();
        QVERIFY(waitPriced());
        QVERIFY(doc()->pricingError().isEmpty());
        QCOMPARE(m_win->tensorTable()->model()->rowCount(),
                 int(doc()->priced()->report.tensors.size()));
        // Back to the run's checkpoint for the export.
        m_win->openCheckpoint(QString::fromStdString(m_ckpt));
        QVERIFY(waitPriced());
        QCOMPARE(doc()->checkpoint(), QString::fromStdString(m_ckpt));
    }

    void exportsRecordsFolder()
    {
        Core::ExportOptions o = m_win->exportDefaults();
        QCOMPARE(o.checkpoint, m_ckpt);
        QCOMPARE(o.outDir, App::recordsFolder(QDir(m_ws).absolutePath()).toStdString());
        QCOMPARE(o.codePath, m_code.toStdString());
        o.name = "studio test";
        o.date = "2026-11-23T12:00:00Z";
        o.maxTokens = 1025;
        QCOMPARE(o.historyPath, Core::EvalHistory::pathFor(m_ckpt));
        const size_t pointsBefore = m_win->paretoView()->records().size();
        QSignalSpy finished(m_win.get(), &App::MainWindow::exportFinished);
        QVERIFY(m_win->startExport(o));
        QVERIFY(!m_win->startExport(o)); // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 40000);
        QCOMPARE(finished.at(0).at(0).toBool(), true);

        const QString folder = App::recordsFolder(m_ws) + QStringLiteral("/2026-11-23_studio-test");
        for (const char *file : {"final_model.golf.ptz", "submission.json", "README.md",
                                 "recipe.json", "train_gpt.py"})
            QVERIFY2(QFileInfo(folder + QLatin1Char('/') + QLatin1String(file)).isFile(), file);
        // The file the export wrote is exactly as big as the window priced it.
        QCOMPARE(QFileInfo(folder + QStringLiteral("/final_model.golf.ptz")).size(),
                 modelBytes(doc()));
        // The verified export is a point of the checkpoint's Pareto history, on its own slice.
        QCOMPARE(m_win->paretoView()->records().size(), pointsBefore + 1);
        const Core::RecipeEval point = m_win->paretoView()->records().back();
        QCOMPARE(point.source, std::string("export"));
        QCOMPARE(point.label, std::string("studio test"));
        QCOMPARE(point.modelBytes, modelBytes(doc()));
        QCOMPARE(point.slice, std::string("val[0:1025]"));
        App::ExportResultDialog *result = m_win->exportResultDialog();
        QVERIFY(result && result->isVisible());
        QCOMPARE(result->verdictText(), QStringLiteral("PASS"));
        QVERIFY(result->detailsText().contains(QStringLiteral("round trip")));
        shot(result, "export_pass");

        // Over budget: a red verdict with the overshoot, and nothing written.
        o.name = "too big";
        o.budget = 1000;
        QVERIFY(m_win->startExport(o));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 40000);
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        QCOMPARE(result->verdictText(), QStringLiteral("OVER BUDGET"));
        QVERIFY(
            !QFileInfo::exists(App::recordsFolder(m_ws) + QStringLiteral("/2026-11-23_too-big")));
        shot(result, "export_over");
        result->close();
    }

    // File > Export as C: the open checkpoint under the window's recipe as a C program, written
    // off the UI thread; the message box says what was written.
    void exportsCProgram()
    {
        App::CExportAction *c = m_win->cExporter();
        QCOMPARE(c->defaultFolder(),
                 QDir(m_ws).absoluteFilePath(QStringLiteral("c-export/") +
                                             QFileInfo(QString::fromStdString(m_ckpt)).completeBaseName()));
        QSignalSpy finished(c, &App::CExportAction::finished);
        const QString folder = QDir(m_ws).filePath(QStringLiteral("c-export/studio"));
        QVERIFY(c->start(folder));
        QVERIFY(!c->start(folder)); // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        for (const char *file : {"golfmodel.c", "golfmodel.h", "Makefile", "model.golfc", "README.md"})
            QVERIFY2(QFileInfo(folder + QLatin1Char('/') + QLatin1String(file)).isFile(), file);
        QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("Key/value cache")));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_win->findChild<QMessageBox *>()) && box->isVisible());
        shot(box, "export_c");
        box->close();
    }

    // --- Pareto view, Evaluate, Allocate ------------------------------------------------------

    void evaluatesRecipesIntoTheParetoView()
    {
        QVERIFY(waitPriced());
        QCOMPARE(m_win->analysis()->historyPath(), QString::fromStdString(Core::EvalHistory::pathFor(m_ckpt)));
        Widgets::ParetoView *view = showPareto();
        QVERIFY(view);
        const int before = int(view->records().size());
        m_win->analysis()->setEvalTokens(2048);

        // The current recipe: one round trip, one point, marked current.
        QVERIFY2(evaluateNow(), qPrintable(m_win->logText().right(1500)));
        QCOMPARE(int(view->records().size()), before + 1);
        const Core::RecipeEval first = view->records().back();
        QCOMPARE(view->currentIndex(), before);
        QCOMPARE(first.modelBytes, modelBytes(doc())); // the file is exactly the priced size
        QCOMPARE(first.codeBytes, doc()->codeBytes());
        QCOMPARE(first.slice, std::string("val[0:2048]"));
        QCOMPARE(view->slice(), QStringLiteral("val[0:2048]"));
        QVERIFY(first.valBpb > 0 && std::isfinite(first.valBpb));
        QCOMPARE(first.recipe, doc()->recipe().toJson());
        // What the window wrote is the checkpoint's history, as `golf pareto` reads it.
        QCOMPARE(int(Core::EvalHistory::load(m_win->analysis()->historyPath().toStdString()).size()),
                 before + 1);

        // An edited recipe: a second, smaller point; the mark moves to it.
        // (Earlier tests may have left tok_emb at int4 already: the first setting that makes
        // the file smaller.)
        for (const char *quant : {"int4", "int3", "ternary"}) {
            const int index = doc()->undoStack()->index();
            QVERIFY(doc()->editTensors({QStringLiteral("tok_emb.weight")}, {{"quant", quant}}));
            QVERIFY(waitPriced());
            if (modelBytes(doc()) < first.modelBytes)
                break;
            if (doc()->undoStack()->index() > index)
                doc()->undoStack()->undo();
        }
        QVERIFY(modelBytes(doc()) < first.modelBytes);
        QCOMPARE(view->currentIndex(), -1); // not evaluated yet
        QVERIFY2(evaluateNow(), qPrintable(m_win->logText().right(1500)));
        QCOMPARE(int(view->records().size()), before + 2);
        const Core::RecipeEval second = view->records().back();
        QVERIFY(second.modelBytes < first.modelBytes);
        QCOMPARE(view->currentIndex(), before + 1);
        QVERIFY(view->onFrontier(before + 1)); // nothing is smaller

        // A click on the first point loads its recipe, as one undo step.
        const int undoBefore = doc()->undoStack()->count();
        const QPoint at = view->pointPosition(before).toPoint();
        QVERIFY(view->customPlot()->rect().contains(at));
        QTest::mouseClick(view->customPlot(), Qt::LeftButton, {}, at);
        QCOMPARE(doc()->undoStack()->count(), undoBefore + 1);
        QCOMPARE(doc()->recipe().toJson(), first.recipe);
        QVERIFY(waitPriced());
        QCOMPARE(modelBytes(doc()), first.modelBytes);
        QCOMPARE(view->currentIndex(), before);
        doc()->undoStack()->undo();
        QVERIFY(waitPriced());
        QCOMPARE(doc()->recipe().toJson(), second.recipe);
        QCOMPARE(view->currentIndex(), before + 1);

        // A record appended from outside (a `golf pareto` in a terminal) shows up by itself.
        Core::RecipeEval outside = first;
        outside.label = "from a terminal";
        outside.source = "pareto";
        Core::EvalHistory::append(m_win->analysis()->historyPath().toStdString(), outside);
        QTRY_COMPARE_WITH_TIMEOUT(int(view->records().size()), before + 3, 5000);
        QCOMPARE(view->records().back().label, std::string("from a terminal"));
        QVERIFY(view->hoverText(before + 2).contains(QStringLiteral("from a terminal")));
        shot(m_win.get(), "pareto");
    }

    void allocatesIntoTheRecipe()
    {
        QVERIFY(waitPriced());
        Widgets::ParetoView *view = showPareto();
        QVERIFY(view);
        App::AllocateSettings s = m_win->analysis()->allocateDefaults();
        QCOMPARE(s.modelBudget, qint64(16'000'000) - doc()->codeBytes());
        QCOMPARE(s.evalTokens, qint64(2048));
        s.minNumel = 512; // the tiny model's matrices are small
        const nlohmann::json recipeBefore = doc()->recipe().toJson();
        // index, not count: the previous test undid a step, and a push drops the redo entry.
        const int undoBefore = doc()->undoStack()->index();
        const int recordsBefore = int(view->records().size());
        QSignalSpy finished(m_win.get(), &App::MainWindow::allocationFinished);

        // Cancelled at once: nothing changes.
        QVERIFY(m_win->startAllocation(s));
        QVERIFY(!m_win->startAllocation(s)); // one at a time
        QVERIFY(m_win->analysing());
        m_win->analysis()->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        App::AllocationResultDialog *result = m_win->analysis()->allocationResultDialog();
        QVERIFY(result && result->isVisible());
        QCOMPARE(result->verdictText(), QStringLiteral("CANCELLED"));
        QCOMPARE(doc()->recipe().toJson(), recipeBefore);

        // A budget below the smallest candidates: said so, nothing changes.
        App::AllocateSettings tiny = s;
        tiny.modelBudget = 1000;
        QVERIFY(m_win->startAllocation(tiny));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
        QCOMPARE(finished.at(1).at(0).toBool(), false);
        QVERIFY2(result->verdictText() == QStringLiteral("NO ALLOCATION FITS"),
                 qPrintable(result->verdictText() + result->detailsText()));
        QCOMPARE(doc()->recipe().toJson(), recipeBefore);
        QCOMPARE(doc()->undoStack()->index(), undoBefore);

        // Four fifths of the current size: the allocation fits, becomes the recipe (one undo
        // step) and a point in the Pareto view, marked current.
        const qint64 current = modelBytes(doc());
        s.modelBudget = current * 4 / 5;
        QVERIFY(m_win->startAllocation(s));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 120000);
        QVERIFY2(finished.at(2).at(0).toBool(),
                 qPrintable(result->verdictText() + QLatin1Char('\n') + result->detailsText() +
                            m_win->logText().right(1500)));
        QCOMPARE(result->verdictText(), QStringLiteral("FITS"));
        QVERIFY(result->detailsText().contains(QStringLiteral("model file bytes: estimate")));
        QVERIFY(doc()->recipe().toJson() != recipeBefore);
        QCOMPARE(doc()->undoStack()->index(), undoBefore + 1);
        QVERIFY(waitPriced());
        QVERIFY2(modelBytes(doc()) <= s.modelBudget,
                 qPrintable(QStringLiteral("%1 > %2").arg(modelBytes(doc())).arg(s.modelBudget)));
        QCOMPARE(int(view->records().size()), recordsBefore + 1);
        const Core::RecipeEval allocated = view->records().back(); // a copy: the view reloads
        QCOMPARE(allocated.source, std::string("allocate"));
        QCOMPARE(allocated.modelBytes, modelBytes(doc())); // verified bytes = priced bytes
        QCOMPARE(view->currentIndex(), recordsBefore);
        QVERIFY(allocated.totalBytes() <= s.modelBudget + doc()->codeBytes());
        QTest::qWait(100);
        shot(result, "allocate");
        shot(m_win.get(), "allocate_window");

        // Undo restores the recipe before the allocation; redo brings the allocation back.
        doc()->undoStack()->undo();
        QVERIFY(waitPriced());
        QCOMPARE(doc()->recipe().toJson(), recipeBefore);
        doc()->undoStack()->redo();
        QVERIFY(waitPriced());
        QCOMPARE(doc()->recipe().toJson(), allocated.recipe);
        result->close();

        App::AllocateDialog dialog(m_win->analysis()->allocateDefaults(), doc()->budget(), doc()->codeBytes());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.settings().modelBudget, qint64(16'000'000) - doc()->codeBytes());
        shot(&dialog, "allocate_dialog");
    }

    void watchesRunMetricsAsTheyGrow()
    {
        // The workspace's run was picked up when the workspace opened.
        App::RunWatcher *watcher = m_win->runWatcher();
        QVERIFY(watcher->runs().contains(QStringLiteral("tiny-run")));
        QCOMPARE(m_win->watchRun(m_runDir), QStringLiteral("tiny-run")); // not twice
        Widgets::SeriesStore *store = m_win->trainingPlots()->store();
        QTRY_COMPARE(store->series(QStringLiteral("tiny-run"), QStringLiteral("train_loss")).size(),
                     40);
        QCOMPARE(store->series(QStringLiteral("tiny-run"), QStringLiteral("val_bpb")).size(), 8);

        // The run goes on: new lines appear in the plots on the next poll.
        appendMetrics(Core::RunDir(m_runDir.toStdString()), 41, 60);
        QTRY_COMPARE(store->series(QStringLiteral("tiny-run"), QStringLiteral("train_loss")).size(),
                     60);
        // An official log beside it overlays as a second run.
        const QString official = m_dir.filePath(QStringLiteral("official_seed42.txt"));
        std::string log = "train_batch_tokens:512\n";
        for (int s = 10; s <= 60; s += 10)
            log += "step:" + std::to_string(s) +
                   "/60 train_loss:" + std::to_string(7.0 - s * 0.05) +
                   " train_time:" + std::to_string(s * 50) + "ms step_avg:50.00ms\n";
        log += "step:60/60 val_loss:4.2 val_bpb:2.4 train_time:3000ms step_avg:50.00ms\n";
        Core::writeFileAtomic(official.toStdString(), log);
        QCOMPARE(m_win->watchLog(official), QStringLiteral("official_seed42"));
        QTRY_COMPARE(
            store->series(QStringLiteral("official_seed42"), QStringLiteral("train_loss")).size(),
            6);
        QTest::qWait(300); // plots coalesce redraws (5/s)
        shot(m_win->trainingPlots(), "plots");

        // A young golf run has train.log before its first metrics.jsonl line: the watcher
        // moves to metrics.jsonl once it appears, so the learning rate reaches the plots too.
        const QString young = m_dir.filePath(QStringLiteral("young-run"));
        Core::makeDirs(young.toStdString());
        const Core::RunDir youngRun(young.toStdString());
        youngRun.appendLog("step:1/6 train_loss:6.9 train_time:1ms step_avg:1.00ms");
        QCOMPARE(m_win->watchRun(young), QStringLiteral("young-run"));
        QTRY_COMPARE(store->series(QStringLiteral("young-run"), QStringLiteral("train_loss")).size(), 1);
        appendMetrics(youngRun, 1, 10);
        QTRY_COMPARE(store->series(QStringLiteral("young-run"), QStringLiteral("lr")).size(), 10);
        QCOMPARE(store->series(QStringLiteral("young-run"), QStringLiteral("train_loss")).size(), 10);
        m_win->runWatcher()->unwatch(QStringLiteral("young-run"));
        store->clearRun(QStringLiteral("young-run"));

        // Runs that compare techniques say which is which in the legend.
        const QString distilled = m_dir.filePath(QStringLiteral("distilled-run"));
        Core::TrainConfig kdCfg = m_cfg;
        kdCfg.teacher = "teacher.pt";
        kdCfg.model.l0Gates = true;
        Core::RunDir kdRun(distilled.toStdString());
        kdRun.create(kdCfg, {});
        appendMetrics(kdRun, 1, 5);
        QCOMPARE(m_win->watchRun(distilled), QStringLiteral("distilled-run"));
        QTRY_COMPARE(store->runLabel(QStringLiteral("distilled-run")),
                     QStringLiteral("distilled-run (KD a=0.5 T=2 top32, L0 50%)"));
        m_win->runWatcher()->unwatch(QStringLiteral("distilled-run"));
        store->clearRun(QStringLiteral("distilled-run"));
    }

    // Two data-parallel processes (the Train dialog's Processes): one run to watch, rank 0's.
    void trainsInAChildProcessAndOpensItsCheckpoint()
    {
        QSignalSpy finished(m_win.get(), &App::MainWindow::trainingFinished);
        const int runsBefore = m_win->trainingPlots()->store()->runs().size();
        QVERIFY(m_win->startTraining(m_cfg, m_data, 2));
        QVERIFY(m_win->trainProcess()->running());
        QVERIFY(m_win->trainProcess()->commandLine().endsWith(QStringLiteral("--nproc 2")));
        const QString runDir = m_win->trainProcess()->runDir();
        const QString run = QFileInfo(runDir).fileName();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 45000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(m_win->logText().right(1500)));
        // Watched while it trained: its metrics reached the plots.
        QTRY_VERIFY(
            m_win->trainingPlots()->store()->series(run, QStringLiteral("train_loss")).size() ==
            int(m_cfg.iterations));
        QCOMPARE(m_win->trainingPlots()->store()->series(run, QStringLiteral("lr")).size(),
                 int(m_cfg.iterations));
        QCOMPARE(m_win->trainingPlots()->store()->runs().size(), runsBefore + 1);
        // Its checkpoint opened and priced.
        QTRY_VERIFY_WITH_TIMEOUT(doc()->checkpoint().startsWith(runDir), 10000);
        QVERIFY(waitPriced());
        QTest::qWait(300);
        shot(m_win.get(), "window_trained");
    }

    void dialogs()
    {
        App::TrainDialog train(m_cfg, m_data);
        train.show();
        QVERIFY(QTest::qWaitForWindowExposed(&train));
        QCOMPARE(train.config().model.parameterCount(), m_cfg.model.parameterCount());
        QCOMPARE(train.config().model.vocabSize, 1024); // read from the dataset's byte LUTs
        QVERIFY(App::modelSizeText(m_cfg.model)
                    .contains(Widgets::formatByteCount(m_cfg.model.parameterCount())));
        QCOMPARE(train.estimateText(), App::modelSizeText(m_cfg.model));
        QVERIFY(train.problemText().isEmpty());
        shot(&train, "train_dialog");
        {
            // Processes divide the grad accumulation (the global batch stays the same).
            Core::TrainConfig cfg = m_cfg;
            cfg.grad_accum_steps = 3;
            cfg.train_batch_tokens = 3 * cfg.train_seq_len;
            App::TrainDialog dialog(cfg, m_data);
            auto *processes = dialog.findChild<QSpinBox *>(QStringLiteral("processes"));
            QVERIFY(processes);
            processes->setValue(2);
            if (dialog.processes() == 2) // a machine with one core offers only 1
                QVERIFY2(dialog.problemText().contains(QStringLiteral("multiple of the processes")),
                         qPrintable(dialog.problemText()));
            QCOMPARE(App::trainArguments("c.json", "d", "r", 2).mid(7), (QStringList{"--nproc", "2"}));
            QCOMPARE(App::trainArguments("c.json", "d", "r", 1).size(), 7);
        }
        {
            // Embedding compression round-trips through the dialog, and each technique says
            // what it costs or saves against the same model without it.
            Core::TrainConfig cfg = m_cfg;
            const int r = cfg.model.modelDim / 2;
            cfg.model.embedDim = r;
            cfg.model.bigramBuckets = 512;
            cfg.model.ngramDim = 32;
            cfg.model.valueEmbedDim = 16;
            cfg.model.valueEmbedLayers = {0, cfg.model.numLayers - 1};
            App::TrainDialog dialog(cfg, m_data);
            const Core::GptConfig got = dialog.config().model;
            QCOMPARE(got.embedDim, r);
            QCOMPARE(got.bigramBuckets, 512);
            QCOMPARE(got.valueEmbedLayers, cfg.model.valueEmbedLayers);
            QVERIFY2(dialog.problemText().isEmpty(), qPrintable(dialog.problemText()));
            const QString cost = App::embeddingCostText(got);
            // vocab x r table and two r x d projections instead of a vocab x d table
            const qint64 factorized = r * qint64(got.vocabSize + 2 * got.modelDim)
                                      - qint64(got.vocabSize) * got.modelDim;
            QVERIFY2(cost.contains(QStringLiteral("factorized table (r = %1): ").arg(r)
                                   + (factorized >= 0 ? "+" : "") + Widgets::formatByteCount(factorized)),
                     qPrintable(cost));
            QVERIFY2(cost.contains(QStringLiteral("bigram hash (512 x 32): +")
                                   + Widgets::formatByteCount(512 * 32 + 32 * qint64(got.modelDim))),
                     qPrintable(cost));
            QVERIFY2(cost.contains(QStringLiteral("value embeddings (16 wide, 2 blocks)")), qPrintable(cost));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            shot(&dialog, "train_dialog_embeddings");
            cfg.model.valueEmbedLayers = {99};
            QVERIFY2(App::TrainDialog(cfg, m_data).problemText().contains(QStringLiteral("value_embed_layers")),
                     qPrintable(App::TrainDialog(cfg, m_data).problemText()));
        }

        {
            // The token mixers and attention windows round-trip through the dialog (typed as
            // a user would, letters or words), and the mix says what it changes.
            Core::TrainConfig cfg = m_cfg;
            App::TrainDialog dialog(cfg, m_data);
            QCOMPARE(App::parseLayerMix(QStringLiteral("S a, deltanet  ATTENTION")),
                     (std::vector<std::string>{"ssm", "attention", "deltanet", "attention"}));
            QCOMPARE(App::parseWindows(QStringLiteral("0 256, x")), (std::vector<int>{0, 256, -1}));
            auto *mix = dialog.findChildren<QLineEdit *>().at(0);
            for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
                if (e->placeholderText() == App::MixerBox::tr("attention in every block"))
                    mix = e;
            const int L = cfg.model.numLayers;
            QStringList letters;
            for (int b = 0; b < L; ++b)
                letters << (b % 2 ? QStringLiteral("a") : QStringLiteral("s"));
            mix->setText(letters.join(QLatin1Char(' ')));
            const Core::GptConfig got = dialog.config().model;
            QCOMPARE(int(got.layerTypes.size()), L);
            QCOMPARE(got.layerTypes.front(), std::string("ssm"));
            QVERIFY2(dialog.problemText().isEmpty(), qPrintable(dialog.problemText()));
            const QString cost = App::mixerCostText(got, cfg.train_seq_len);
            Core::GptConfig attention = got;
            attention.layerTypes.clear();
            const qint64 delta = got.parameterCount() - attention.parameterCount();
            const int ssmBlocks = (L + 1) / 2;
            QVERIFY2(cost.contains(QStringLiteral("%1 state-space block%2: ").arg(ssmBlocks).arg(ssmBlocks == 1 ? "" : "s")
                                   + (delta >= 0 ? "+" : "") + Widgets::formatByteCount(delta)),
                     qPrintable(cost));
            Core::GptConfig windowed = m_cfg.model;
            windowed.layerWindows.assign(size_t(L), 64);
            QVERIFY2(App::mixerCostText(windowed, 256).contains(QStringLiteral("Attention windows: ~44%")),
                     qPrintable(App::mixerCostText(windowed, 256)));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            shot(&dialog, "train_dialog_mixers");
            mix->setText(QStringLiteral("s ").repeated(L + 1)); // one mixer too many
            QVERIFY2(dialog.problemText().contains(QStringLiteral("layer_types")), qPrintable(dialog.problemText()));
        }

        {
            // Distillation and learned sparsity round-trip through the dialog, priced.
            Core::TrainConfig cfg = m_cfg;
            const QString teacher = m_dir.filePath(QStringLiteral("teacher.pt"));
            Core::Model(cfg.model, 5).save(teacher.toStdString());
            cfg.teacher = teacher.toStdString();
            cfg.kd_alpha = 0.3;
            cfg.kd_temperature = 4;
            cfg.kd_top_k = 16;
            cfg.kd_cache = "x"; // the dialog names its own cache file
            cfg.model.l0Gates = true;
            cfg.l0_target_sparsity = 0.4;
            App::TrainDialog dialog(cfg, m_data);
            const Core::TrainConfig got = dialog.config();
            QCOMPARE(got.teacher, cfg.teacher);
            QCOMPARE(got.kd_alpha, 0.3);
            QCOMPARE(got.kd_temperature, 4.0);
            QCOMPARE(got.kd_top_k, int64_t(16));
            QCOMPARE(QString::fromStdString(got.kd_cache), App::defaultLogitCachePath(got));
            QVERIFY(QString::fromStdString(got.kd_cache).startsWith(teacher + QStringLiteral(".top16-T4-")));
            QVERIFY(got.model.l0Gates);
            QCOMPARE(got.l0_target_sparsity, 0.4);
            QVERIFY2(dialog.problemText().isEmpty(), qPrintable(dialog.problemText()));
            const QString kd = App::distillationCostText(got, QFileInfo(teacher).size());
            QVERIFY2(kd.contains(Widgets::formatByteCount(QFileInfo(teacher).size())), qPrintable(kd));
            QVERIFY2(kd.contains(Widgets::formatByteCount(got.iterations * got.train_batch_tokens * 16 * 4)),
                     qPrintable(kd));
            const QString l0 = App::sparsityCostText(got);
            const qint64 gated = got.model.gatedParameterCount();
            QVERIFY2(l0.contains(Widgets::formatByteCount(gated)) &&
                         l0.contains(Widgets::formatByteCount(qint64(double(gated) * 0.4))),
                     qPrintable(l0));
            QVERIFY(App::sparsityCostText(m_cfg).isEmpty() && App::distillationCostText(m_cfg, 0).isEmpty());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            shot(&dialog, "train_dialog_techniques");
        }

        App::ExportDialog exportDialog(m_win->exportDefaults());
        exportDialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&exportDialog));
        QCOMPARE(exportDialog.options().codePath, m_code.toStdString());
        // It says where the script will write the model file, and why a script can't.
        QVERIFY2(exportDialog.scriptStatus().contains(QStringLiteral("golf-studio markers")),
                 qPrintable(exportDialog.scriptStatus()));
        shot(&exportDialog, "export_dialog");
        {
            Core::ExportOptions bare = m_win->exportDefaults();
            bare.name = "named";
            QVERIFY(App::ExportDialog(bare).canExport());
            const QString script = m_dir.filePath(QStringLiteral("bare_train_gpt.py"));
            Core::writeFileAtomic(script.toStdString(), "print('no serialization here')\n");
            bare.codePath = script.toStdString();
            App::ExportDialog refused(bare);
            QVERIFY2(refused.scriptStatus().contains(QStringLiteral("serialization begin")),
                     qPrintable(refused.scriptStatus()));
            QVERIFY(!refused.canExport());
            bare.codePath.clear();
            App::ExportDialog noCode(bare);
            QVERIFY(!noCode.canExport()); // neither a script nor "model-only bundle" ticked
            bare.noCode = true;
            App::ExportDialog modelOnly(bare);
            QVERIFY(modelOnly.canExport());
            QVERIFY(modelOnly.options().noCode);
        }

        App::DemoOffer offer(m_ws);
        offer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&offer));
        shot(&offer, "demo_offer");
    }

    void findsTheRunDirectoryOfAChildLikeTheDemo()
    {
        // `golf demo` names its run itself; the window finds it when it appears under runs/.
        // `golf train --runs DIR` does the same, in a second instead of minutes.
        const QString golf = QStringLiteral(GOLF_BINARY_DIR "/app/golf/golf");
        const QString config = m_dir.filePath(QStringLiteral("train.json"));
        Core::writeFileAtomic(config.toStdString(), m_cfg.toJson().dump());
        App::TrainProcess *child = m_win->trainProcess();
        QSignalSpy found(child, &App::TrainProcess::runDirFound);
        QSignalSpy finished(m_win.get(), &App::MainWindow::trainingFinished);
        QVERIFY(child->start(golf,
                             {QStringLiteral("train"), QStringLiteral("--config"), config,
                              QStringLiteral("--data"), m_data, QStringLiteral("--runs"),
                              App::runsFolder(m_ws)},
                             QString(), App::runsFolder(m_ws)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 45000);
        QVERIFY(finished.at(0).at(0).toBool());
        QCOMPARE(found.count(), 1);
        const QString runDir = child->runDir();
        QVERIFY(runDir.startsWith(App::runsFolder(m_ws)));
        QVERIFY(m_win->runWatcher()->runs().contains(QFileInfo(runDir).fileName()));
        QTRY_VERIFY_WITH_TIMEOUT(doc()->checkpoint().startsWith(runDir), 10000);
        QVERIFY(waitPriced());
    }

    // --- the guide's screenshots ----------------------------------------------------------------

    void guideScreenshots()
    {
        // The states resources/guide/guide.md walks through, in a fresh window over a fresh
        // workspace (as a newcomer sees it), with a real run trained by a `golf train` child:
        // demo-shaped (256 wide, so the default recipe mixes int8 and fp16 tensors) but two
        // layers and a few dozen steps, so it takes seconds.
        std::unique_ptr<App::MainWindow> previous = std::move(m_win);
        previous->hide();
        m_win = std::make_unique<App::MainWindow>();
        m_win->resize(1200, 760);
        const QString ws = m_dir.filePath(QStringLiteral("guide-workspace"));
        m_win->openWorkspace(ws);
        m_win->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_win.get()));
        m_win->analysis()->setEvalTokens(2048);

        // 1. The first start offers the demo; Run > Train asks for the settings.
        {
            App::DemoOffer offer(ws);
            offer.show();
            QVERIFY(QTest::qWaitForWindowExposed(&offer));
            guideShot(&offer, "demo-offer");
        }
        Core::TrainConfig cfg = m_cfg;
        cfg.model.numLayers = 2;
        cfg.model.modelDim = 256;
        cfg.model.numHeads = 4;
        cfg.model.numKvHeads = 2;
        cfg.train_seq_len = 64;
        cfg.train_batch_tokens = 1024;
        cfg.grad_accum_steps = 1;
        cfg.iterations = 60;
        cfg.val_loss_every = 10;
        cfg.val_tokens = 2049;
        cfg.val_batch_size = 2048;
        cfg.warmdown_iters = 15;
        {
            App::TrainDialog dialog(cfg, m_data);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY2(dialog.problemText().isEmpty(), qPrintable(dialog.problemText()));
            guideShot(&dialog, "train-dialog");
        }

        // 2. Training, watched live; its checkpoint opens when it ends.
        QVERIFY(m_win->setCodeFile(m_code, false));
        raiseDock("training");
        QSignalSpy finished(m_win.get(), &App::MainWindow::trainingFinished);
        QVERIFY(m_win->startTraining(cfg, m_data));
        const QString runDir = m_win->trainProcess()->runDir();
        const QString run = QFileInfo(runDir).fileName();
        Widgets::SeriesStore *store = m_win->trainingPlots()->store();
        QTRY_VERIFY_WITH_TIMEOUT(store->series(run, QStringLiteral("train_loss")).size() >= 30 &&
                                     store->series(run, QStringLiteral("val_bpb")).size() >= 3,
                                 180000);
        QTest::qWait(300); // plots coalesce redraws
        guideShot(m_win.get(), "training-live");
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 180000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(m_win->logText().right(1500)));
        QTRY_VERIFY_WITH_TIMEOUT(doc()->checkpoint().startsWith(runDir), 10000);
        QVERIFY(waitPriced());
        QCOMPARE(doc()->recipe().toJson(), Core::Recipe::defaultRecipe().toJson());
        m_win->tensorTable()->selectTensor(QStringLiteral("tok_emb.weight"));
        m_win->treemap()->setSelected(QStringLiteral("tok_emb.weight"));
        QTest::qWait(300);
        guideShot(m_win.get(), "window");
        guideShot(m_win->budgetBar(), "budget-bar");

        // 3. The treemap zoomed into one block, an MLP matrix selected.
        m_win->treemap()->zoomTo(QStringLiteral("blocks.0"));
        m_win->treemap()->setSelected(QStringLiteral("blocks.0.mlp.fc.weight"));
        QTest::qWait(100);
        guideShot(m_win->treemap(), "treemap");
        m_win->treemap()->zoomTo(QString());

        // 4. Bit-widths per tensor: a regex rule from the bulk bar (MLP at int5), a cell edit
        // (the embedding at int6).
        Widgets::TensorTable *table = m_win->tensorTable();
        table->bulkQuantCombo()->setCurrentIndex(
            table->bulkQuantCombo()->findData(QStringLiteral("int5")));
        table->regexEdit()->setText(QStringLiteral("\\.mlp\\."));
        QVERIFY(table->applyMatchingButton()->isEnabled());
        QTest::mouseClick(table->applyMatchingButton(), Qt::LeftButton);
        QVERIFY(waitPriced());
        Widgets::TensorTableModel *model = table->model();
        const int emb = model->rowOf(QStringLiteral("tok_emb.weight"));
        QVERIFY(model->setData(model->index(emb, Widgets::TensorTableModel::Quant),
                               QStringLiteral("int6"), Qt::EditRole));
        QVERIFY(waitPriced());
        table->selectTensor(QStringLiteral("blocks.0.mlp.fc.weight"));
        QTest::qWait(100);
        guideShot(table, "tensor-table");

        // 5. Colour by quantization error (View menu), then back to bit-widths.
        QAction *byError = nullptr;
        for (QAction *a : m_win->findChildren<QAction *>())
            if (a->isCheckable() && a->text().contains(QStringLiteral("quantization error")))
                byError = a;
        QVERIFY(byError);
        byError->setChecked(true);
        QTest::qWait(100);
        guideShot(m_win->treemap(), "treemap-error");
        byError->setChecked(false);

        // 6. The Explain tab: resolved settings, the rule of each key, the size table.
        QDockWidget *logDock = raiseDock("log");
        QVERIFY(logDock);
        auto *tabs = qobject_cast<QTabWidget *>(logDock->widget());
        QVERIFY(tabs);
        tabs->setCurrentIndex(1);
        QVERIFY(m_win->explainText().contains(QStringLiteral("\\.mlp\\.")));
        guideShot(logDock, "explain");
        tabs->setCurrentIndex(0);

        // 7. Evaluate a few recipes: the edited one, the default, the presets.
        QVERIFY2(evaluateNow(), qPrintable(m_win->logText().right(1500)));
        const QString recipes = QStringLiteral(GOLF_SOURCE_DIR "/resources/recipes/");
        for (const char *preset : {"int8-lzma", "int6-records", "int5-mlp", "ternary"}) {
            QVERIFY(m_win->openRecipe(recipes + QLatin1String(preset) + QStringLiteral(".json")));
            QVERIFY(waitPriced());
            QVERIFY2(evaluateNow(), qPrintable(preset + m_win->logText().right(1500)));
        }
        // Back to the demo's recipe, then Allocate into four fifths of its bytes.
        QVERIFY(m_win->openRecipe(recipes + QStringLiteral("int5-mlp.json")));
        QVERIFY(waitPriced());
        App::AllocateSettings s = m_win->analysis()->allocateDefaults();
        s.modelBudget = modelBytes(doc()) * 4 / 5;
        {
            App::AllocateDialog dialog(s, doc()->budget(), doc()->codeBytes());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            guideShot(&dialog, "allocate-dialog");
        }
        QSignalSpy allocated(m_win.get(), &App::MainWindow::allocationFinished);
        QVERIFY(m_win->startAllocation(s));
        QTRY_COMPARE_WITH_TIMEOUT(allocated.count(), 1, 300000);
        QVERIFY2(allocated.at(0).at(0).toBool(), qPrintable(m_win->logText().right(1500)));
        QVERIFY(waitPriced());
        App::AllocationResultDialog *result = m_win->analysis()->allocationResultDialog();
        QVERIFY(result && !result->whatsThis().isEmpty());
        QTest::qWait(100);
        guideShot(result, "allocate-result");
        result->close();
        Widgets::ParetoView *pareto = showPareto();
        QVERIFY(pareto);
        QVERIFY(pareto->records().size() >= 6);
        guideShot(raiseDock("pareto"), "pareto");

        // 8. Export: the dialog, a PASS, and an OVER BUDGET against a budget typed too small.
        Core::ExportOptions o = m_win->exportDefaults();
        o.name = "guide demo";
        o.date = "2026-11-23T12:00:00Z";
        o.maxTokens = 2049;
        {
            App::ExportDialog dialog(o);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            guideShot(&dialog, "export-dialog");
        }
        QSignalSpy exported(m_win.get(), &App::MainWindow::exportFinished);
        QVERIFY(m_win->startExport(o));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 60000);
        QVERIFY(exported.at(0).at(0).toBool());
        App::ExportResultDialog *exportResult = m_win->exportResultDialog();
        QVERIFY(exportResult && !exportResult->whatsThis().isEmpty());
        guideShot(exportResult, "export-pass");
        o.name = "guide too big";
        o.budget = 100'000;
        QVERIFY(m_win->startExport(o));
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 2, 60000);
        QVERIFY(!exported.at(1).at(0).toBool());
        guideShot(exportResult, "export-over");
        exportResult->close();

        // Every picture the guide shows was taken.
        for (const char *name : kGuideShots)
            QVERIFY2(QFileInfo::exists(QStringLiteral(GOLF_SCREENSHOT_DIR "/guide/guide-%1.png")
                                           .arg(QLatin1String(name))),
                     name);
        m_win = std::move(previous);
    }

    void cleanupTestCase() { m_win.reset(); }
};

GOLF_ISOLATED_GUI_TEST_MAIN(tst_Studio, "tst_studio")

#include "tst_studio.moc"
