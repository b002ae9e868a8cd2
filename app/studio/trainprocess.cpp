// SPDX-License-Identifier: GPL-3.0-or-later
#include "trainprocess.h"

#include "golfbinary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

namespace App {

namespace {

QSet<QString> subfolders(const QString &parent)
{
    QSet<QString> out;
    for (const QString &name : QDir(parent).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        out.insert(name);
    return out;
}

} // namespace

TrainProcess::TrainProcess(QObject *parent)
    : QObject(parent)
    , m_process(new QProcess(this))
    , m_lookTimer(new QTimer(this))
{
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &TrainProcess::readOutput);
    connect(m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                readOutput();
                if (!m_partial.isEmpty())
                    Q_EMIT outputLine(QString::fromUtf8(m_partial));
                m_partial.clear();
                m_lookTimer->stop();
                lookForRunDir();
                Q_EMIT finished(status == QProcess::NormalExit && exitCode == 0, exitCode);
            });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            Q_EMIT outputLine(
                tr("Could not start %1: %2").arg(m_process->program(), m_process->errorString()));
            m_lookTimer->stop();
            Q_EMIT finished(false, -1);
        }
    });
    m_lookTimer->setInterval(500);
    connect(m_lookTimer, &QTimer::timeout, this, &TrainProcess::lookForRunDir);
}

TrainProcess::~TrainProcess()
{
    if (running()) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

bool TrainProcess::running() const
{
    return m_process->state() != QProcess::NotRunning;
}

bool TrainProcess::start(const QString &program, const QStringList &args, const QString &runDir,
                         const QString &runsParent, QString *error)
{
    if (running()) {
        if (error)
            *error = tr("a training run is in progress already");
        return false;
    }
    if (program.isEmpty()) {
        if (error)
            *error = golfNotFoundMessage();
        return false;
    }
    m_runDir = runDir;
    m_runsParent = runsParent;
    m_existingRuns = subfolders(runsParent);
    m_partial.clear();
    m_commandLine = (QStringList{program} + args).join(QLatin1Char(' '));
    m_process->start(program, args);
    if (!m_process->waitForStarted(10000)) {
        if (error)
            *error = tr("could not start %1: %2").arg(program, m_process->errorString());
        return false;
    }
    Q_EMIT started();
    if (!m_runDir.isEmpty())
        Q_EMIT runDirFound(m_runDir);
    else if (!m_runsParent.isEmpty())
        m_lookTimer->start();
    return true;
}

void TrainProcess::stop(int graceMs)
{
    if (!running())
        return;
    if (!m_runDir.isEmpty()) {
        QFile stopFile(QDir(m_runDir).filePath(QStringLiteral("STOP")));
        if (stopFile.open(QIODevice::WriteOnly))
            stopFile.close();
        Q_EMIT outputLine(
            tr("Asked the run to stop (STOP file); it finishes the step and saves a checkpoint."));
    } else {
        m_process->terminate(); // SIGTERM: golf handles it like Ctrl-C
    }
    QTimer::singleShot(graceMs, this, [this] {
        if (running()) {
            Q_EMIT outputLine(tr("The run did not stop in time; terminating it."));
            m_process->terminate();
            QTimer::singleShot(5000, this, [this] {
                if (running())
                    m_process->kill();
            });
        }
    });
}

void TrainProcess::stopAndWait(int graceMs)
{
    if (!running())
        return;
    stop(graceMs);
    if (!m_process->waitForFinished(graceMs)) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000))
            m_process->kill();
    }
}

void TrainProcess::readOutput()
{
    m_partial += m_process->readAllStandardOutput();
    // Progress lines end in \r (a terminal's rewrite), log lines in \n: both end a line here.
    int start = 0;
    for (int i = 0; i < m_partial.size(); ++i) {
        const char c = m_partial.at(i);
        if (c == '\n' || c == '\r') {
            const QByteArray line = m_partial.mid(start, i - start).trimmed();
            if (!line.isEmpty())
                Q_EMIT outputLine(QString::fromUtf8(line));
            start = i + 1;
        }
    }
    m_partial.remove(0, start);
}

void TrainProcess::lookForRunDir()
{
    if (!m_runDir.isEmpty() || m_runsParent.isEmpty())
        return;
    for (const QString &name : subfolders(m_runsParent)) {
        if (m_existingRuns.contains(name))
            continue;
        m_runDir = QDir(m_runsParent).filePath(name);
        m_lookTimer->stop();
        Q_EMIT runDirFound(m_runDir);
        return;
    }
}

} // namespace App
