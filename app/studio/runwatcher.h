// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Watches run directories and log files while they grow (DESIGN.md §1, the TensorBoard way): a
// timer polls each source's MetricsTail, at most 256 KiB per source per tick so a long finished
// log loads over a few ticks without freezing the window, and feeds the training plots. Several
// runs overlay; a run whose log restarts is cleared and drawn again.

#include "run/metricslog.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QTimer;

namespace Widgets {
class TrainingPlots;
}

namespace App {

class RunWatcher : public QObject
{
    Q_OBJECT
public:
    explicit RunWatcher(Widgets::TrainingPlots *plots, QObject *parent = nullptr);
    ~RunWatcher() override;

    /// Follows a run directory's metrics.jsonl (or its train.log, as an official run has);
    /// the directory may not exist yet. Returns the run's name in the plots (the folder name).
    QString watchRunDir(const QString &dir);
    /// Follows one log file: ours (metrics.jsonl, train.log) or an official train_gpt.py log.
    QString watchLogFile(const QString &path);
    void unwatch(const QString &run);
    /// Names of the watched runs, in the order they were added.
    QStringList runs() const;
    /// Points appended so far for `run` (all metrics).
    qint64 pointCount(const QString &run) const;

    /// Milliseconds between polls (default 500).
    void setInterval(int ms);
    /// Polls every source once now; returns the number of new records.
    int pollNow();

Q_SIGNALS:
    /// New records arrived for `run`.
    void updated(const QString &run, int records);
    /// A line for the log panel (a source that cannot be read).
    void message(const QString &text);

private:
    struct Source
    {
        QString run;
        QString path;   ///< the file followed ("" while a run directory has neither file yet)
        QString runDir; ///< set for a run directory, whose file is chosen once one exists
        std::unique_ptr<Core::MetricsTail> tail;
        qint64 points = 0;
        bool reportedError = false;
    };
    QString uniqueName(const QString &base) const;
    int pollSource(Source &source);
    void labelRun(const Source &source);

    Widgets::TrainingPlots *m_plots;
    QTimer *m_timer;
    std::vector<std::unique_ptr<Source>> m_sources;
};

} // namespace App
