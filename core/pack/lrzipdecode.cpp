// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/lrzipdecode.h"

#include "common/error.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace Core {

namespace {

/// A private temporary file holding the stream, removed on scope exit.
class TempStream
{
public:
    TempStream(std::string_view bytes, const std::string &what)
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "golf-lrzip-XXXXXX.lrz").string();
        const int fd = mkstemps(pattern.data(), 4);
        check(fd >= 0, what + ": cannot create a temporary file for lrzip (" + std::strerror(errno) + ")");
        path_ = pattern;
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                ::close(fd);
                throw Error(what + ": cannot write a temporary file for lrzip (" + std::strerror(errno) + ")");
            }
            done += size_t(n);
        }
        ::close(fd);
    }
    ~TempStream() { ::unlink(path_.c_str()); }
    const std::string &path() const { return path_; }

private:
    std::string path_;
};

std::string firstLine(const std::string &text)
{
    std::string line;
    for (char c : text) {
        if (c == '\n' && !line.empty())
            break;
        if (c != '\n' && c != '\r')
            line += (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    return line.substr(0, 200);
}

} // namespace

int64_t lrzipDeclaredSize(std::string_view packed, const std::string &what)
{
    check(packed.size() >= 14 && packed.substr(0, 4) == kLrzipMagic,
          what + ": not an lrzip stream (no LRZI header)");
    check(packed[4] == 0 && packed[5] == 6,
          what + ": lrzip stream of version " + std::to_string(int(static_cast<unsigned char>(packed[4])))
              + "." + std::to_string(int(static_cast<unsigned char>(packed[5])))
              + ", expected 0.6 (what lrzip 0.6x writes)");
    uint64_t size = 0;
    for (int k = 13; k >= 6; --k)
        size = (size << 8) | static_cast<unsigned char>(packed[size_t(k)]);
    check(size < (uint64_t(1) << 62), what + ": lrzip header declares an impossible size");
    return int64_t(size);
}

std::string lrzipDecompress(std::string_view packed, const std::string &what, size_t maxBytes)
{
    const int64_t declared = lrzipDeclaredSize(packed, what);
    check(uint64_t(declared) <= maxBytes, what + ": lrzip stream declares " + std::to_string(declared)
                                              + " bytes, more than the " + std::to_string(maxBytes)
                                              + " expected; refusing it");
    const char *env = std::getenv("GOLF_LRZIP");
    const std::string program = env && *env ? env : "lrzip";
    const TempStream input(packed, what);

    int outPipe[2], errPipe[2];
    check(::pipe2(outPipe, O_CLOEXEC) == 0, what + ": cannot create a pipe for lrzip");
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        ::close(outPipe[0]);
        ::close(outPipe[1]);
        throw Error(what + ": cannot create a pipe for lrzip");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
    std::string a0 = program, a1 = "-d", a2 = "-Q", a3 = "-o", a4 = "-", a5 = input.path();
    char *argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), a4.data(), a5.data(), nullptr};
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    if (rc != 0) {
        ::close(outPipe[0]);
        ::close(errPipe[0]);
        if (rc == ENOENT)
            throw Error(what + ": the per-group (PGRP) container stores its groups as lrzip streams, "
                               "and the lrzip program is not installed ('" + program
                        + "' not found; Debian: apt install lrzip, or set GOLF_LRZIP)");
        throw Error(what + ": cannot run lrzip ('" + program + "': " + std::strerror(rc) + ")");
    }

    std::string out, err;
    bool tooLarge = false;
    pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    int open = 2;
    char chunk[1 << 16];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (pollfd &p : fds) {
            if (p.fd < 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::read(p.fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                ::close(p.fd);
                p.fd = -1;
                --open;
                continue;
            }
            std::string &into = p.fd == outPipe[0] ? out : err;
            if (&into == &out && out.size() + size_t(n) > size_t(declared)) {
                tooLarge = true;
                ::kill(pid, SIGKILL);
            } else if (&into == &out || err.size() < 4096) {
                into.append(chunk, size_t(n));
            }
        }
    }
    for (pollfd &p : fds)
        if (p.fd >= 0)
            ::close(p.fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    check(!tooLarge, what + ": lrzip produced more than the " + std::to_string(declared)
                         + " bytes its header declares");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(what + ": lrzip could not decompress the stream ("
                    + (err.empty() ? std::string("exit status ") + std::to_string(WEXITSTATUS(status))
                                   : firstLine(err))
                    + ")");
    check(int64_t(out.size()) == declared, what + ": lrzip produced " + std::to_string(out.size())
                                               + " bytes, its header declares " + std::to_string(declared));
    return out;
}

} // namespace Core
