// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/childprocess.h"

#include "common/error.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <map>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace Core {

namespace {

constexpr size_t kErrTailBytes = 8192;

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

std::vector<std::string> childEnvironment(const std::vector<std::pair<std::string, std::string>> &overrides)
{
    std::map<std::string, std::string> vars;
    for (char **e = environ; e && *e; ++e) {
        const std::string entry = *e;
        const size_t eq = entry.find('=');
        if (eq != std::string::npos)
            vars[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    for (const auto &[k, v] : overrides)
        vars[k] = v;
    std::vector<std::string> out;
    for (const auto &[k, v] : vars)
        out.push_back(k + "=" + v);
    return out;
}

} // namespace

ChildProcess::ChildProcess(const ChildSpec &spec)
    : what(spec.what.empty() ? spec.program : spec.what)
{
    // stdin is one end of a socket pair, so writing to a child that has gone is EPIPE
    // (MSG_NOSIGNAL), not a SIGPIPE for golf.
    int inPair[2], outPipe[2], errPipe[2];
    check(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, inPair) == 0, what + ": cannot create a socket pair");
    if (::pipe2(outPipe, O_CLOEXEC) != 0) {
        ::close(inPair[0]);
        ::close(inPair[1]);
        throw Error(what + ": cannot create a pipe");
    }
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        for (int fd : {inPair[0], inPair[1], outPipe[0], outPipe[1]})
            ::close(fd);
        throw Error(what + ": cannot create a pipe");
    }
    ::shutdown(inPair[0], SHUT_RD); // our end only writes

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, inPair[1], 0);
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
    if (!spec.workDir.empty())
        posix_spawn_file_actions_addchdir_np(&actions, spec.workDir.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);

    std::vector<std::string> argStore{spec.program};
    argStore.insert(argStore.end(), spec.args.begin(), spec.args.end());
    std::vector<char *> argv;
    for (auto &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> envStore = childEnvironment(spec.env);
    std::vector<char *> envp;
    for (auto &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    const int rc = ::posix_spawnp(&child, spec.program.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(inPair[1]);
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    in = inPair[0];
    out = outPipe[0];
    err = errPipe[0];
    if (rc != 0) {
        closeFd(in);
        closeFd(out);
        closeFd(err);
        child = -1;
        if (rc == ENOENT)
            throw Error(what + ": '" + spec.program + "' was not found");
        throw Error(what + ": cannot start '" + spec.program + "' (" + std::strerror(rc) + ")");
    }
}

ChildProcess::~ChildProcess()
{
    kill();
    closeFd(in);
    closeFd(out);
    closeFd(err);
}

void ChildProcess::write(const std::string &text)
{
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::send(in, text.data() + done, text.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            // It closed its input: it is exiting, or it will never read again. Give it a moment
            // to exit with its own status, then make sure it does.
            for (int i = 0; i < 200 && running(); ++i)
                ::usleep(10000);
            kill();
            throw Error(what + " " + describeExit() + " before it read its request" +
                        (errTail.empty() ? std::string() : ":\n" + errTail));
        }
        done += size_t(n);
    }
}

void ChildProcess::drain(int fd, std::string &into, bool keepTail)
{
    char chunk[1 << 14];
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n > 0) {
        into.append(chunk, size_t(n));
        if (keepTail && into.size() > kErrTailBytes)
            into.erase(0, into.size() - kErrTailBytes);
    } else if (n == 0 || errno != EINTR) {
        closeFd(fd == out ? out : err);
    }
}

bool ChildProcess::pump(double timeoutSeconds)
{
    pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
    const int ms = timeoutSeconds < 0 ? -1 : int(std::min(timeoutSeconds * 1000.0, 2.0e9));
    const int r = ::poll(fds, 2, ms);
    if (r < 0)
        return errno == EINTR;
    if (r == 0)
        return false;
    if (fds[1].fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
        drain(err, errTail, true);
    if (fds[0].fd >= 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
        drain(out, outBuffer, false);
    return true;
}

ChildProcess::ReadResult ChildProcess::readLine(std::string &line, double timeoutSeconds)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::duration<double>(timeoutSeconds);
    for (;;) {
        const size_t nl = outBuffer.find('\n');
        if (nl != std::string::npos) {
            line = outBuffer.substr(0, nl);
            outBuffer.erase(0, nl + 1);
            return ReadResult::Line;
        }
        if (out < 0) {
            // Whatever stderr still holds belongs to the message.
            while (err >= 0 && pump(1.0)) {
            }
            return ReadResult::Eof;
        }
        const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
        if (left <= 0 || !pump(left))
            if (Clock::now() >= deadline)
                return ReadResult::Timeout;
    }
}

void ChildProcess::kill()
{
    if (child > 0 && !reaped) {
        ::kill(-child, SIGKILL);
        ::kill(child, SIGKILL);
        wait();
    }
}

int ChildProcess::wait()
{
    if (child <= 0)
        return -1;
    if (!reaped) {
        closeFd(in); // a child waiting for input sees EOF and can exit
        int s = 0;
        while (::waitpid(child, &s, 0) < 0 && errno == EINTR) {
        }
        status = s;
        reaped = true;
        ::kill(-child, SIGKILL); // anything it left behind in its group
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

bool ChildProcess::running()
{
    if (child <= 0 || reaped)
        return false;
    int s = 0;
    const pid_t r = ::waitpid(child, &s, WNOHANG);
    if (r == child) {
        status = s;
        reaped = true;
        return false;
    }
    return true;
}

std::string ChildProcess::describeExit() const
{
    if (!reaped)
        return "is still running";
    if (WIFEXITED(status))
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    return "stopped";
}

} // namespace Core
