// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A child process golf talks to over pipes: lines to its standard input, lines back from its
// standard output, its standard error kept (the last few KiB) for the message when it fails.
// Every read has a deadline, so a hung child is killed rather than hanging golf, and a child
// that dies is an Error naming its exit status and what it last wrote to stderr, never a
// SIGPIPE that takes golf down with it (its stdin is a socket written with MSG_NOSIGNAL).
// The child runs in a process group of its own, which is killed as a whole when the object
// goes: a Python child's helper processes do not outlive it.

#include <string>
#include <utility>
#include <vector>

#include <sys/types.h>

namespace Core {

struct ChildSpec
{
    std::string program;           ///< looked up on PATH unless it holds a '/'
    std::vector<std::string> args; ///< argv[1...]
    /// Variables set (or replaced) in the child's environment; the rest is inherited.
    std::vector<std::pair<std::string, std::string>> env;
    std::string workDir;      ///< "" = golf's own
    std::string what;         ///< how messages name the child ("the evaluation bridge")
};

class ChildProcess
{
public:
    /// Starts the child. Throws Core::Error when it cannot be started (a missing program is
    /// named as such).
    explicit ChildProcess(const ChildSpec &spec);
    /// Kills the child's process group if it still runs, and reaps it.
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    /// Writes `text` to the child's stdin. Throws Core::Error when the child has closed it
    /// (exited), with its status and stderr.
    void write(const std::string &text);

    enum class ReadResult { Line, Eof, Timeout };
    /// The next line of the child's stdout, without its '\n'. Eof: the child closed stdout
    /// (usually: it exited). Timeout: nothing within `timeoutSeconds` (the child still runs).
    ReadResult readLine(std::string &line, double timeoutSeconds);

    /// Kills the process group (SIGKILL) and reaps the child.
    void kill();
    /// Waits for the child to exit; its exit code, or 128 + the signal that killed it.
    int wait();
    bool running();

    /// The last few KiB the child wrote to stderr (so far).
    std::string stderrTail() const { return errTail; }
    /// "exited with status N" / "was killed by signal N (Segmentation fault)", after wait().
    std::string describeExit() const;
    pid_t pid() const { return child; }

private:
    void drain(int fd, std::string &into, bool keepTail);
    bool pump(double timeoutSeconds); ///< reads what is there; false on timeout

    std::string what;
    pid_t child = -1;
    int in = -1, out = -1, err = -1;
    std::string outBuffer, errTail;
    bool reaped = false;
    int status = 0;
};

} // namespace Core
