// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The window's training: the Train dialog, the `golf train` / `golf demo` child, watching run
// directories and log files (into the plots, through the RunWatcher), the demo offer on a first
// start, and opening a finished run's checkpoint. It remembers the dataset folder last trained
// on, which Evaluate and Allocate also use. The window only holds its actions.

#include "config/trainconfig.h"

#include <QObject>
#include <QString>

#include <memory>

class QTemporaryFile;
class QWidget;

namespace App {

class RunWatcher;
class TrainProcess;

class TrainingController : public QObject
{
    Q_OBJECT
public:
    /// `watcher` feeds the plots; `window` parents the dialogs.
    TrainingController(RunWatcher *watcher, QWidget *window);
    ~TrainingController() override;

    TrainProcess *process() const { return m_train; }
    bool running() const;
    /// Runs go to <workspace>/runs/; the demo writes into the workspace.
    void setWorkspace(const QString &workspace) { m_workspace = workspace; }
    /// The dataset folder last trained on (remembered across starts).
    QString dataDir() const { return m_dataDir; }

    QString watchRun(const QString &runDir);
    QString watchLog(const QString &file);

public Q_SLOTS:
    void chooseRunDir();
    void chooseLogFile();
    void showTrainDialog();
    /// Starts `golf train` into <workspace>/runs/<new id> and watches it; `processes` > 1 trains
    /// data-parallel with that many local ranks (the window watches rank 0's run directory).
    bool startTraining(const Core::TrainConfig &config, const QString &dataDir, int processes = 1);
    void stop();
    /// Starts `golf demo --workspace <workspace>`, watches its run, opens its checkpoint.
    bool runDemo();
    /// On a first start with an empty workspace: offers the demo (once).
    void maybeOfferDemo();

Q_SIGNALS:
    void log(const QString &line);
    void statusMessage(const QString &text, int timeoutMs);
    /// running() changed.
    void stateChanged();
    void dataDirChanged(const QString &dir);
    /// A finished run's newest checkpoint, for the window to open.
    void checkpointReady(const QString &path);
    /// A training or demo child process ended.
    void finished(bool ok);

private:
    void openLatestCheckpoint(const QString &runDir);

    RunWatcher *m_watcher;
    QWidget *m_window;
    TrainProcess *m_train;
    QString m_workspace, m_dataDir;
    std::unique_ptr<QTemporaryFile> m_configFile;
};

} // namespace App
