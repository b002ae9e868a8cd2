// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A `golf train` or `golf demo` child process (DESIGN.md §1: training never runs inside the
// window, so a crash in training cannot take it down and a run outlives it). Its output lines
// go to the log panel; its run directory is known up front (train --run-dir) or found when it
// appears under the runs folder (demo). Stop asks politely first: the STOP file makes the
// trainer finish the step and write a checkpoint; only a child that ignores it is terminated.

#include <QObject>
#include <QProcess>
#include <QSet>
#include <QString>
#include <QStringList>

class QTimer;

namespace App {

class TrainProcess : public QObject
{
    Q_OBJECT
public:
    explicit TrainProcess(QObject *parent = nullptr);
    /// Kills a child that is still running (the window is closing; the run can be resumed).
    ~TrainProcess() override;

    /// Starts `program args`. `runDir` is the run directory when known; otherwise the first
    /// new run directory appearing under `runsParent` becomes it. False (with `error`) when a
    /// child is running already or it cannot start.
    bool start(const QString &program, const QStringList &args, const QString &runDir,
               const QString &runsParent, QString *error = nullptr);
    /// Creates STOP in the run directory; terminates after `graceMs` if the child is still there.
    void stop(int graceMs = 20000);
    /// stop(), then blocks until the child is gone (terminating it after `graceMs`): for quitting.
    void stopAndWait(int graceMs);
    bool running() const;
    QString runDir() const { return m_runDir; }
    QString commandLine() const { return m_commandLine; }

Q_SIGNALS:
    void started();
    void outputLine(const QString &line);
    /// The run directory is known (right away, or once it appears).
    void runDirFound(const QString &runDir);
    /// The child ended; `ok` when it exited with 0.
    void finished(bool ok, int exitCode);

private:
    void readOutput();
    void lookForRunDir();

    QProcess *m_process;
    QTimer *m_lookTimer;
    QString m_runDir;
    QString m_runsParent;
    QSet<QString> m_existingRuns;
    QString m_commandLine;
    QByteArray m_partial;
};

} // namespace App
