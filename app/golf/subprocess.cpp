// SPDX-License-Identifier: GPL-3.0-or-later
#include "subprocess.h"

#include "common/error.h"

#include <cerrno>
#include <cstring>

#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

namespace App {

int runChild(const std::string &program, const std::vector<std::string> &args)
{
    std::vector<char *> argv;
    argv.push_back(const_cast<char *>(program.c_str()));
    for (const auto &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ);
    Core::check(rc == 0, "cannot run " + program + ": " + std::strerror(rc));
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            throw Core::Error("waiting for " + program + " failed: " + std::strerror(errno));
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

} // namespace App
