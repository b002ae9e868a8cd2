// SPDX-License-Identifier: GPL-3.0-or-later
// The window with a model golf's GPT cannot run: a record-style int6+lzma artifact written by a
// stand-in record script (tests/interop/standin_record_gpt.py: 3x MLP, hashed bigram). It opens
// with its treemap priced from its tensors; Evaluate scores the current recipe through the
// evaluator bridge with the document's code file (the script), and the point reaches the Pareto
// view on the script's slice; Allocate runs through the same child. Screenshots of the treemap
// and the Pareto view go to GOLF_SCREENSHOT_DIR for a person to look at.

#include "isolatedguitest.h"
#include "allocatedialog.h"
#include "document.h"
#include "mainwindow.h"

#include "paretoview.h"
#include "treemapwidget.h"

#include "testdata.h"

#include <QDir>
#include <QDockWidget>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <memory>

namespace {

const char *const kStandin = GOLF_SOURCE_DIR "/tests/interop/standin_record_gpt.py";

void screenshot(QWidget *w, const QString &name)
{
    QDir().mkpath(QStringLiteral(GOLF_SCREENSHOT_DIR));
    w->grab().save(QDir(QStringLiteral(GOLF_SCREENSHOT_DIR)).filePath(name));
}

} // namespace

class TestStudioBridge : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_data, m_artifact;
    std::unique_ptr<App::MainWindow> m_win;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("GOLF_RESOURCE_DIR", GOLF_SOURCE_DIR "/resources");
        qputenv("GOLF_PYTHON", GOLF_PYTHON);
        // The window's tensor work runs in `golf serve` (golfserver.h).
        qputenv("GOLF_BINARY", GOLF_BINARY_DIR "/app/golf/golf");
        qputenv("OMP_NUM_THREADS", "2");
        // The stand-in's Hyperparameters, for the tiny dataset's 1024-token vocabulary.
        qputenv("VOCAB_SIZE", "1024");
        qputenv("ITERATIONS", "10");
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(m_data));
        TestData::writeTinyDataset(m_data.toStdString());

        QProcess run;
        run.setWorkingDirectory(m_dir.path());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DATA_PATH"), m_data);
        run.setProcessEnvironment(env);
        run.start(QStringLiteral(GOLF_PYTHON), {QString::fromLatin1(kStandin)});
        QVERIFY(run.waitForFinished(300000));
        QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
        m_artifact = m_dir.filePath(QStringLiteral("final_model.int6.ptz"));
        QVERIFY(QFileInfo::exists(m_artifact));

        // The dataset the window knows (as after a training run): the script's DATA_PATH.
        QSettings().setValue(QStringLiteral("train/data_dir"), m_data);
        m_win = std::make_unique<App::MainWindow>();
        m_win->resize(1500, 950);
        m_win->openWorkspace(m_dir.filePath(QStringLiteral("workspace")));
        m_win->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_win.get()));
    }

    void opensWithItsTreemap()
    {
        App::Document *doc = m_win->document();
        QSignalSpy loaded(doc, &App::Document::loaded);
        m_win->openCheckpoint(m_artifact);
        QVERIFY(loaded.wait(60000));
        QVERIFY(!doc->model()->baseline);
        QTRY_VERIFY_WITH_TIMEOUT(doc->priced().has_value(), 60000);
        QStringList names;
        for (const auto &t : doc->model()->tensors)
            names << QString::fromStdString(t.name);
        QVERIFY(names.contains(QStringLiteral("bigram.embed.weight")));
        QVERIFY(names.contains(QStringLiteral("blocks.1.mlp.fc.weight")));
        QTest::qWait(300);
        screenshot(m_win.get(), QStringLiteral("bridge-treemap.png"));
    }

    void evaluatesThroughTheScript()
    {
        // Without a code file the window cannot score this model: it says so (in tests the
        // file dialog is not shown; the error names what to do).
        QVERIFY(m_win->setCodeFile(QString::fromLatin1(kStandin), false));
        QSignalSpy done(m_win.get(), &App::MainWindow::evaluationFinished);
        QVERIFY(m_win->evaluateRecipe());
        QVERIFY(done.wait(120000) || !done.isEmpty());
        QVERIFY2(done.at(0).at(0).toBool(), "the evaluation through the bridge failed");

        auto *dock = m_win->findChild<QDockWidget *>(QStringLiteral("pareto"));
        QVERIFY(dock);
        dock->show();
        dock->raise();
        Widgets::ParetoView *pareto = m_win->paretoView();
        QTRY_VERIFY(!pareto->shownIndices().empty());
        QVERIFY2(pareto->slice().endsWith(QStringLiteral("by standin_record_gpt.py")), qPrintable(pareto->slice()));
        const Core::RecipeEval &e = pareto->records().at(size_t(pareto->shownIndices().back()));
        QVERIFY(e.valBpb > 0 && std::isfinite(e.valBpb));
        QTest::qWait(200);
        pareto->customPlot()->replot();
        screenshot(m_win.get(), QStringLiteral("bridge-pareto.png"));
    }

    void allocatesThroughTheScript()
    {
        App::AllocateSettings s;
        s.modelBudget = 60000;
        s.evalTokens = 2048;
        s.minNumel = 4096;
        s.estimate = Core::CostEstimate::Weight; // no cell evaluations: quick, still verified
        QSignalSpy done(m_win.get(), &App::MainWindow::allocationFinished);
        QVERIFY(m_win->startAllocation(s));
        QVERIFY(done.wait(180000) || !done.isEmpty());
        QVERIFY2(done.at(0).at(0).toBool(), "the allocation through the bridge failed");
        Widgets::ParetoView *pareto = m_win->paretoView();
        QTRY_VERIFY(pareto->records().size() >= 2);
    }

    void cleanupTestCase() { m_win.reset(); }
};

GOLF_ISOLATED_GUI_TEST_MAIN(TestStudioBridge, "tst_studiobridge")
#include "tst_studiobridge.moc"
