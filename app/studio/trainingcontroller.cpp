// SPDX-License-Identifier: GPL-3.0-or-later
#include "trainingcontroller.h"

#include "democonfig.h"
#include "demooffer.h"
#include "golfbinary.h"
#include "runwatcher.h"
#include "traindialog.h"
#include "trainprocess.h"
#include "workspace.h"

#include "run/rundir.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryFile>

namespace App {

namespace {

const char *const kDataDirKey = "train/data_dir";

} // namespace

TrainingController::TrainingController(RunWatcher *watcher, QWidget *window)
    : QObject(window)
    , m_watcher(watcher)
    , m_window(window)
    , m_train(new TrainProcess(this))
    , m_dataDir(QSettings().value(kDataDirKey).toString())
{
    connect(m_train, &TrainProcess::outputLine, this, &TrainingController::log);
    connect(m_train, &TrainProcess::started, this, &TrainingController::stateChanged);
    connect(m_train, &TrainProcess::runDirFound, this, [this](const QString &dir) {
        Q_EMIT log(tr("Watching run %1").arg(dir));
        watchRun(dir);
    });
    connect(m_train, &TrainProcess::finished, this, [this](bool ok, int exitCode) {
        Q_EMIT log(ok ? tr("Training finished.") : tr("Training ended with exit code %1.").arg(exitCode));
        Q_EMIT stateChanged();
        if (ok && !m_train->runDir().isEmpty())
            openLatestCheckpoint(m_train->runDir());
        Q_EMIT finished(ok);
    });
}

TrainingController::~TrainingController()
{
    m_train->disconnect(this);
}

bool TrainingController::running() const
{
    return m_train->running();
}

QString TrainingController::watchRun(const QString &runDir)
{
    return m_watcher->watchRunDir(runDir);
}

QString TrainingController::watchLog(const QString &file)
{
    return m_watcher->watchLogFile(file);
}

void TrainingController::chooseRunDir()
{
    const QString dir =
        QFileDialog::getExistingDirectory(m_window, tr("Watch run directory"), runsFolder(m_workspace));
    if (!dir.isEmpty())
        Q_EMIT log(tr("Watching %1 as \"%2\"").arg(dir, watchRun(dir)));
}

void TrainingController::chooseLogFile()
{
    const QString file =
        QFileDialog::getOpenFileName(m_window, tr("Watch log file"), m_workspace,
                                     tr("Training logs (*.log *.txt *.jsonl);;All files (*)"));
    if (!file.isEmpty())
        Q_EMIT log(tr("Watching %1 as \"%2\"").arg(file, watchLog(file)));
}

void TrainingController::showTrainDialog()
{
    // Starts from the demo's small shape (resources/demo/demo.json): it trains on a CPU in
    // minutes. Without the demo description, the baseline's defaults.
    Core::TrainConfig c = demoTrainConfig();
    QString data = m_dataDir;
    if (data.isEmpty() && QFileInfo(QDir(m_workspace).filePath(QStringLiteral("data"))).isDir())
        data = QDir(m_workspace).filePath(QStringLiteral("data"));
    TrainDialog dialog(c, data, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_dataDir = dialog.dataDir();
    QSettings().setValue(kDataDirKey, m_dataDir);
    Q_EMIT dataDirChanged(m_dataDir);
    startTraining(dialog.config(), dialog.dataDir(), dialog.processes());
}

bool TrainingController::startTraining(const Core::TrainConfig &config, const QString &dataDir, int processes)
{
    QDir().mkpath(runsFolder(m_workspace));
    const QString runDir =
        QDir(runsFolder(m_workspace)).filePath(QString::fromStdString(Core::RunDir::newRunId()));
    // The settings travel in a file that lives until the next run starts (the child reads it
    // at once; the run directory then holds them in its config.json).
    m_configFile = std::make_unique<QTemporaryFile>(QDir::temp().filePath(QStringLiteral("golf-train-XXXXXX.json")));
    if (!m_configFile->open() || m_configFile->write(QByteArray::fromStdString(config.toJson().dump(2))) < 0 ||
        !m_configFile->flush()) {
        Q_EMIT log(tr("Cannot write the training settings: %1").arg(m_configFile->errorString()));
        return false;
    }
    m_configFile->close();
    const QStringList args =
        trainArguments(m_configFile->fileName(), QFileInfo(dataDir).absoluteFilePath(), runDir, processes);
    QString error;
    if (!m_train->start(findGolfBinary(), args, runDir, QString(), &error)) {
        Q_EMIT log(tr("Cannot start training: %1").arg(error));
        Q_EMIT statusMessage(error, 10000);
        return false;
    }
    Q_EMIT log(tr("Started: %1").arg(m_train->commandLine()));
    Q_EMIT log(modelSizeText(config.model));
    Q_EMIT stateChanged();
    return true;
}

void TrainingController::stop()
{
    m_train->stop();
}

bool TrainingController::runDemo()
{
    QDir().mkpath(runsFolder(m_workspace));
    QString error;
    const QStringList args{QStringLiteral("demo"), QStringLiteral("--workspace"), m_workspace};
    if (!m_train->start(findGolfBinary(), args, QString(), runsFolder(m_workspace), &error)) {
        Q_EMIT log(tr("Cannot start the demo: %1").arg(error));
        Q_EMIT statusMessage(error, 10000);
        return false;
    }
    Q_EMIT log(tr("Started the demo: %1").arg(m_train->commandLine()));
    Q_EMIT stateChanged();
    return true;
}

void TrainingController::maybeOfferDemo()
{
    if (demoOffered() || !workspaceIsEmpty(m_workspace))
        return;
    DemoOffer offer(m_workspace, m_window);
    const bool accepted = offer.exec() == QDialog::Accepted;
    if (accepted || offer.dontAskAgain())
        setDemoOffered(true);
    if (accepted)
        runDemo();
}

void TrainingController::openLatestCheckpoint(const QString &runDir)
{
    const QString ckpt = latestCheckpoint(runDir);
    if (ckpt.isEmpty()) {
        Q_EMIT log(tr("%1 has no checkpoint yet.").arg(runDir));
        return;
    }
    Q_EMIT log(tr("Opening the run's checkpoint %1").arg(ckpt));
    Q_EMIT checkpointReady(ckpt);
}

} // namespace App
