// SPDX-License-Identifier: GPL-3.0-or-later
#include "runwatcher.h"

#include "trainingplots.h"

#include "run/rundir.h"

#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QTimer>

#include <exception>

namespace App {

namespace {

constexpr uint64_t kBytesPerTick = 256 * 1024; // bench_plots: 256 KiB parse in < 10 ms

} // namespace

RunWatcher::RunWatcher(Widgets::TrainingPlots *plots, QObject *parent)
    : QObject(parent)
    , m_plots(plots)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(500);
    connect(m_timer, &QTimer::timeout, this, &RunWatcher::pollNow);
}

RunWatcher::~RunWatcher() = default;

QString RunWatcher::uniqueName(const QString &base) const
{
    QString name = base;
    for (int i = 2; runs().contains(name); ++i)
        name = QStringLiteral("%1 (%2)").arg(base).arg(i);
    return name;
}

QString RunWatcher::watchRunDir(const QString &dir)
{
    const QString clean = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    for (const auto &s : m_sources)
        if (s->runDir == clean)
            return s->run;
    auto source = std::make_unique<Source>();
    source->run = uniqueName(QFileInfo(clean).fileName());
    source->runDir = clean;
    const QString run = source->run;
    m_sources.push_back(std::move(source));
    pollSource(*m_sources.back());
    m_timer->start();
    return run;
}

QString RunWatcher::watchLogFile(const QString &path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    for (const auto &s : m_sources)
        if (s->runDir.isEmpty() && s->path == clean)
            return s->run;
    auto source = std::make_unique<Source>();
    // "train.log" alone says little: name a run's own log after its folder.
    const QFileInfo info(clean);
    const bool generic = info.fileName() == QLatin1String("train.log") ||
                         info.fileName() == QLatin1String("metrics.jsonl");
    source->run = uniqueName(generic ? info.dir().dirName() : info.completeBaseName());
    source->path = clean;
    source->tail = std::make_unique<Core::MetricsTail>(clean.toStdString());
    const QString run = source->run;
    m_sources.push_back(std::move(source));
    pollSource(*m_sources.back());
    m_timer->start();
    return run;
}

void RunWatcher::unwatch(const QString &run)
{
    for (auto it = m_sources.begin(); it != m_sources.end(); ++it) {
        if ((*it)->run == run) {
            m_sources.erase(it);
            break;
        }
    }
    if (m_sources.empty())
        m_timer->stop();
}

QStringList RunWatcher::runs() const
{
    QStringList out;
    for (const auto &s : m_sources)
        out << s->run;
    return out;
}

qint64 RunWatcher::pointCount(const QString &run) const
{
    for (const auto &s : m_sources)
        if (s->run == run)
            return s->points;
    return 0;
}

void RunWatcher::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

int RunWatcher::pollNow()
{
    int total = 0;
    for (const auto &s : m_sources)
        total += pollSource(*s);
    return total;
}

void RunWatcher::labelRun(const Source &s)
{
    // Runs that compare techniques overlay in one plot: the legend says which is which. A golf
    // run writes config.json before its logs, so it is there once a log is.
    try {
        const std::string techniques = Core::RunDir(s.runDir.toStdString()).readConfig().techniqueSummary();
        if (!techniques.empty())
            m_plots->store()->setRunLabel(s.run, s.run + QStringLiteral(" (") +
                                                     QString::fromStdString(techniques) + QLatin1Char(')'));
    } catch (const std::exception &) {
        // An official run's folder (no config.json) or a config of another version: the
        // folder name will do.
    }
}

int RunWatcher::pollSource(Source &s)
{
    if (s.tail && !s.runDir.isEmpty() &&
        QString::fromStdString(Core::MetricsTail::fileOfRunDir(s.runDir.toStdString())) != s.path) {
        // A golf run writes train.log a moment before its first metrics.jsonl line; once that
        // appears, follow it from its start instead (it also holds the learning rate and the
        // throughput). An official run never gets one and stays on train.log.
        s.tail.reset();
        m_plots->store()->clearRun(s.run);
        s.points = 0;
    }
    if (!s.tail) {
        // A run directory: follow metrics.jsonl, or train.log for an official run, once one
        // exists (a fresh run writes its files a moment after the folder appears).
        const std::string file = Core::MetricsTail::fileOfRunDir(s.runDir.toStdString());
        if (!QFileInfo::exists(QString::fromStdString(file)))
            return 0;
        s.path = QString::fromStdString(file);
        s.tail = std::make_unique<Core::MetricsTail>(file);
        labelRun(s);
    }
    Core::MetricsTail::Poll poll;
    try {
        poll = s.tail->poll(kBytesPerTick);
    } catch (const std::exception &e) {
        if (!s.reportedError)
            Q_EMIT message(tr("Cannot read %1: %2").arg(s.path, QString::fromStdString(e.what())));
        s.reportedError = true;
        return 0;
    }
    s.reportedError = false;
    if (poll.restarted) {
        m_plots->store()->clearRun(s.run);
        s.points = 0;
    }
    if (poll.records.empty())
        return 0;
    // One batch per metric per tick (the plots redraw once per batch, coalesced).
    QMap<QString, QVector<Widgets::SeriesPoint>> byMetric;
    for (const Core::MetricRecord &r : poll.records) {
        for (const auto &[name, value] : r.values) {
            Widgets::SeriesPoint p;
            p.step = double(r.step);
            p.timeS = r.timeS;
            p.value = value;
            byMetric[QString::fromStdString(name)].append(p);
        }
    }
    for (auto it = byMetric.cbegin(); it != byMetric.cend(); ++it) {
        m_plots->appendPoints(s.run, it.key(), it.value());
        s.points += it.value().size();
    }
    const int n = int(poll.records.size());
    Q_EMIT updated(s.run, n);
    return n;
}

} // namespace App
