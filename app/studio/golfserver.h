// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A long-lived `golf serve` child (core/job/serveprotocol.h) that does tensor work for the
// window, whose own process never loads libtorch. The child is started with the first request
// and kept, with what it loaded, for the next ones; requests run in the child one at a time, in
// the order they were sent. When the child dies (a crash, a kill), every request in flight fails
// with its last words from stderr, and the next request starts a fresh child.

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QProcess>
#include <QString>

#include <functional>

namespace App {

class GolfServer : public QObject
{
    Q_OBJECT
public:
    /// `result` on success, else `error` (the child's message) is set.
    using Done = std::function<void(const nlohmann::json &result, const QString &error)>;
    using Progress = std::function<void(const QString &stage, qint64 done, qint64 total)>;

    explicit GolfServer(QObject *parent = nullptr);
    /// Ends the child: closes its input, gives the request in progress `finishMs` to end, then
    /// kills it. Callbacks of unfinished requests are not called.
    ~GolfServer() override;

    /// Sends a request; `done` is called once, on this object's thread. Returns its id.
    qint64 request(const char *op, const nlohmann::json &args, Done done, Progress progress = {});
    /// Asks request `id` to stop at its next progress report (it then fails with "cancelled").
    void cancel(qint64 id);

    /// How long the destructor lets a request in progress finish (default 5 s).
    void setFinishTimeout(int ms) { m_finishMs = ms; }
    /// False: the child ends once no request is pending (nothing it holds is worth its memory
    /// until the next request, which starts a fresh one). Default true.
    void setKeepAlive(bool keep) { m_keepAlive = keep; }

private:
    struct Waiting
    {
        Done done;
        Progress progress;
    };
    bool ensureStarted(QString *error);
    void readReplies(QProcess *process);
    /// Lets an idle child end on its own (end of input) and forgets it.
    void retireChild();
    /// Kills the child if it runs and fails every request in flight with `why`.
    void endChild(const QString &why);

    QProcess *m_process = nullptr;
    QByteArray m_partial;
    QByteArray m_stderrTail;
    QHash<qint64, Waiting> m_waiting;
    qint64 m_nextId = 1;
    int m_finishMs = 5000;
    bool m_keepAlive = true;
};

} // namespace App
