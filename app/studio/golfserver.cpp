// SPDX-License-Identifier: GPL-3.0-or-later
#include "golfserver.h"

#include "golfbinary.h"
#include "job/serveprotocol.h"

#include <QTimer>

namespace App {

namespace {

constexpr int kStderrTail = 4000; ///< bytes of the child's stderr kept for error messages

} // namespace

GolfServer::GolfServer(QObject *parent)
    : QObject(parent)
{
}

GolfServer::~GolfServer()
{
    m_waiting.clear();
    if (m_process) {
        m_process->disconnect(this);
        m_process->closeWriteChannel(); // the child ends after the request in progress
        if (!m_process->waitForFinished(m_finishMs))
            m_process->kill();
        m_process->waitForFinished(3000);
    }
}

bool GolfServer::ensureStarted(QString *error)
{
    if (m_process)
        return true;
    const QString golf = findGolfBinary();
    if (golf.isEmpty()) {
        *error = golfNotFoundMessage();
        return false;
    }
    QProcess *p = new QProcess(this);
    m_process = p;
    m_partial.clear();
    m_stderrTail.clear();
    connect(p, &QProcess::readyReadStandardOutput, this, [this, p] { readReplies(p); });
    connect(p, &QProcess::readyReadStandardError, this, [this, p] {
        m_stderrTail += p->readAllStandardError();
        if (m_stderrTail.size() > kStderrTail)
            m_stderrTail = m_stderrTail.right(kStderrTail);
    });
    connect(p, &QProcess::finished, this, [this, p](int code, QProcess::ExitStatus status) {
        readReplies(p);
        if (m_process == p) // else a callback replaced the child already
            endChild(status == QProcess::CrashExit ? tr("golf serve crashed")
                                               : tr("golf serve exited with status %1").arg(code));
    });
    connect(p, &QProcess::errorOccurred, this, [this, p](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart && m_process == p)
            endChild(tr("could not start %1: %2").arg(p->program(), p->errorString()));
    });
    p->start(golf, {QStringLiteral("serve")});
    return true;
}

qint64 GolfServer::request(const char *op, const nlohmann::json &args, Done done, Progress progress)
{
    const qint64 id = m_nextId++;
    QString error;
    if (!ensureStarted(&error)) {
        // Asynchronous like every other answer, so callers see one behaviour.
        QTimer::singleShot(0, this, [done, error] { done({}, error); });
        return id;
    }
    m_waiting.insert(id, {std::move(done), std::move(progress)});
    const std::string line = Core::Serve::requestLine(id, op, args);
    m_process->write(line.data(), qint64(line.size()));
    return id;
}

void GolfServer::cancel(qint64 id)
{
    if (m_process && m_waiting.contains(id)) {
        const std::string line = Core::Serve::requestLine(0, Core::Serve::kCancel, {{"id", id}});
        m_process->write(line.data(), qint64(line.size()));
    }
}

void GolfServer::readReplies(QProcess *p)
{
    if (p != m_process)
        return; // a child that was replaced: its requests have failed already
    m_partial += p->readAllStandardOutput();
    qsizetype newline;
    while (p == m_process && (newline = m_partial.indexOf('\n')) >= 0) {
        const std::string line = m_partial.left(newline).toStdString();
        m_partial.remove(0, newline + 1);
        Core::Serve::Reply reply;
        try {
            reply = Core::Serve::parseReply(line);
        } catch (const std::exception &ex) {
            // A child that breaks the protocol cannot be trusted with the next request.
            endChild(QString::fromStdString(ex.what()));
            return;
        }
        const auto it = m_waiting.find(reply.id);
        if (it == m_waiting.end())
            continue; // a request whose caller is gone
        if (reply.kind == Core::Serve::Reply::Kind::Progress) {
            if (it->progress)
                it->progress(QString::fromStdString(reply.stage), reply.done, reply.total);
            continue;
        }
        const Done done = it->done;
        m_waiting.erase(it);
        if (!m_keepAlive && m_waiting.isEmpty())
            retireChild();
        if (reply.kind == Core::Serve::Reply::Kind::Error)
            done({}, QString::fromStdString(reply.error));
        else
            done(reply.result, QString());
    }
}

void GolfServer::retireChild()
{
    QProcess *p = std::exchange(m_process, nullptr);
    p->disconnect(this);
    connect(p, &QProcess::finished, p, &QObject::deleteLater);
    p->closeWriteChannel();
}

void GolfServer::endChild(const QString &why)
{
    if (QProcess *p = std::exchange(m_process, nullptr)) {
        p->disconnect(this);
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(3000);
        }
        p->deleteLater(); // may be inside one of its own signals
    }
    QString message = why;
    const QString tail = QString::fromUtf8(m_stderrTail).trimmed();
    if (!tail.isEmpty())
        message += QStringLiteral(": ") + tail.section(QLatin1Char('\n'), -3);
    // Callbacks may send new requests (to a fresh child): the failed ones are taken out first.
    const QHash<qint64, Waiting> failed = std::exchange(m_waiting, {});
    for (const Waiting &w : failed)
        w.done({}, message);
}

} // namespace App
