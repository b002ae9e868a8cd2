// SPDX-License-Identifier: GPL-3.0-or-later
#include "serveloop.h"

#include "common/error.h"
#include "job/serveprotocol.h"

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include <unistd.h>

namespace App {

namespace {

/// The protocol's output: whole lines, one writer at a time.
class ReplyChannel
{
public:
    ReplyChannel()
    {
        // Replies keep the original stdout; fd 1 becomes stderr for everything else (torch
        // warnings, a stray printf in the core).
        std::fflush(stdout);
        const int fd = ::dup(STDOUT_FILENO);
        if (fd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
            throw Core::Error("golf serve: cannot set up its output");
        m_out = ::fdopen(fd, "w");
        if (!m_out)
            throw Core::Error("golf serve: cannot set up its output");
    }
    ~ReplyChannel() { std::fclose(m_out); }

    bool send(const std::string &line)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return std::fwrite(line.data(), 1, line.size(), m_out) == line.size() && std::fflush(m_out) == 0;
    }

private:
    std::mutex m_mutex;
    std::FILE *m_out = nullptr;
};

/// Requests as the reader thread hands them over; cancels take effect at once.
class Inbox
{
public:
    void push(Core::Serve::Request request)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(request));
        m_ready.notify_one();
    }
    void close()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true; // what was queued is still answered (a script piping requests in)
        m_ready.notify_one();
    }
    std::optional<Core::Serve::Request> next()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_ready.wait(lock, [this] { return m_closed || !m_queue.empty(); });
        if (m_queue.empty())
            return std::nullopt;
        Core::Serve::Request r = std::move(m_queue.front());
        m_queue.pop_front();
        return r;
    }
    std::atomic<int64_t> cancelId{-1};

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<Core::Serve::Request> m_queue;
    bool m_closed = false;
};

class Running : public ServeRequest
{
public:
    Running(int64_t id, ReplyChannel &out, const Inbox &inbox)
        : m_id(id), m_out(out), m_inbox(inbox)
    {}
    bool progress(const std::string &stage, int64_t done, int64_t total) override
    {
        m_out.send(Core::Serve::progressLine(m_id, stage, done, total));
        return !cancelled();
    }
    bool cancelled() const override { return m_inbox.cancelId.load() == m_id; }

private:
    int64_t m_id;
    ReplyChannel &m_out;
    const Inbox &m_inbox;
};

} // namespace

int serveRequests(const std::map<std::string, ServeHandler> &handlers)
{
    ReplyChannel out;
    Inbox inbox;
    std::thread reader([&inbox, &out] {
        std::string line;
        while (std::getline(std::cin, line)) {
            if (line.empty())
                continue;
            try {
                Core::Serve::Request r = Core::Serve::parseRequest(line);
                if (r.op == Core::Serve::kCancel)
                    inbox.cancelId = r.args.value("id", int64_t(-1));
                else
                    inbox.push(std::move(r));
            } catch (const std::exception &ex) {
                out.send(Core::Serve::errorLine(-1, ex.what()));
            }
        }
        inbox.close();
    });
    // The reader blocks in getline until the window closes our stdin; it is never joined
    // (quick_exit in the caller ends it with the process).
    reader.detach();

    while (std::optional<Core::Serve::Request> r = inbox.next()) {
        std::string reply;
        const auto handler = handlers.find(r->op);
        if (handler == handlers.end()) {
            reply = Core::Serve::errorLine(r->id, "golf serve: unknown op \"" + r->op + "\"");
        } else {
            Running running(r->id, out, inbox);
            try {
                reply = Core::Serve::resultLine(r->id, handler->second(r->args, running));
            } catch (const std::exception &ex) {
                reply = Core::Serve::errorLine(r->id, ex.what());
            }
        }
        if (!out.send(reply))
            return 1; // the window is gone
    }
    return 0;
}

} // namespace App
