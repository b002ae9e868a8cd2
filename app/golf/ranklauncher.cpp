// SPDX-License-Identifier: GPL-3.0-or-later
#include "ranklauncher.h"

#include "cli/args.h"
#include "common/error.h"
#include "dist/worldenv.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <thread>
#include <vector>

namespace App {

namespace {

volatile std::sig_atomic_t g_terminate = 0;

extern "C" void onLauncherSignal(int sig)
{
    // Ctrl-C reaches the ranks themselves (they share the terminal's process group); SIGTERM
    // sent to the launcher alone is passed on by the wait loop.
    if (sig == SIGTERM)
        g_terminate = 1;
}

/// A TCP port free on the loopback interface now (torchrun's standalone mode picks it the same
/// way; another process could take it before rank 0 binds it, which then fails clearly).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    Core::check(fd >= 0, std::string("cannot open a socket: ") + std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0;
    ::close(fd);
    Core::check(ok, std::string("cannot find a free port: ") + std::strerror(errno));
    return ntohs(addr.sin_port);
}

std::string describeStatus(int status)
{
    if (WIFEXITED(status))
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
               strsignal(WTERMSIG(status)) + ")";
    return "stopped";
}

/// This process's environment with torchrun's variables for local rank `rank` of `world`.
std::vector<std::string> rankEnvironment(int rank, int world, int port)
{
    const std::vector<std::pair<std::string, std::string>> set{
        {"RANK", std::to_string(rank)},        {"LOCAL_RANK", std::to_string(rank)},
        {"WORLD_SIZE", std::to_string(world)}, {"LOCAL_WORLD_SIZE", std::to_string(world)},
        {"MASTER_ADDR", "127.0.0.1"},          {"MASTER_PORT", std::to_string(port)}};
    std::vector<std::string> env;
    for (char **e = environ; *e; ++e) {
        const std::string var = *e;
        bool replaced = false;
        for (const auto &[name, value] : set)
            replaced = replaced || var.rfind(name + "=", 0) == 0;
        if (!replaced)
            env.push_back(var);
    }
    for (const auto &[name, value] : set)
        env.push_back(name + "=" + value);
    return env;
}

} // namespace

bool wantsLocalRanks(int nproc)
{
    if (nproc <= 1)
        return false;
    if (Core::WorldEnv::fromEnvironment().distributed())
        throw UsageError("--nproc inside a world that is already started (WORLD_SIZE is set): "
                         "let the launcher start the ranks, or leave out --nproc");
    return true;
}

int launchLocalRanks(const std::string &name, int nproc, int argc, char **argv)
{
    Core::check(nproc >= 2 && nproc <= 256, "--nproc must be in 2..256");
    char exe[4096];
    const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    Core::check(n > 0, "cannot find this program's path (/proc/self/exe)");
    exe[n] = '\0';

    // The same command line without --nproc: argv[0] is the subcommand's name.
    std::vector<std::string> args{"golf"};
    for (int i = 0; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--nproc") {
            ++i;
            continue;
        }
        if (a.rfind("--nproc=", 0) == 0)
            continue;
        args.push_back(a);
    }
    std::vector<char *> childArgv;
    for (auto &a : args)
        childArgv.push_back(a.data());
    childArgv.push_back(nullptr);

    const int port = freePort();
    struct sigaction sa
    {
    };
    sa.sa_handler = onLauncherSignal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);

    std::fprintf(stderr,
                 "%s: starting %d ranks on this machine (MASTER_ADDR=127.0.0.1 MASTER_PORT=%d); "
                 "rank 0 writes the logs\n",
                 name.c_str(), nproc, port);
    std::fflush(stderr);
    const pid_t launcher = ::getpid();
    std::map<pid_t, int> ranks; // running: pid -> rank
    for (int r = 0; r < nproc; ++r) {
        // The environment is made before fork(): the child only execs.
        std::vector<std::string> env = rankEnvironment(r, nproc, port);
        std::vector<char *> envp;
        for (auto &e : env)
            envp.push_back(e.data());
        envp.push_back(nullptr);
        const pid_t pid = ::fork();
        Core::check(pid >= 0, std::string("cannot start a rank: ") + std::strerror(errno));
        if (pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive the launcher
            if (::getppid() != launcher)
                ::_exit(1);
            ::execve(exe, childArgv.data(), envp.data());
            ::_exit(127);
        }
        ranks[pid] = r;
    }

    using Clock = std::chrono::steady_clock;
    std::string failure;
    Clock::time_point deadline{};
    bool forwarded = false;
    while (!ranks.empty()) {
        if (g_terminate && !forwarded) {
            for (const auto &[pid, r] : ranks)
                ::kill(pid, SIGTERM);
            forwarded = true;
        }
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid > 0 && ranks.count(pid)) {
            const int r = ranks[pid];
            ranks.erase(pid);
            const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
            if (!ok && failure.empty()) {
                failure = "rank " + std::to_string(r) + " " + describeStatus(status);
                // The others notice a lost rank within moments; a rank stuck elsewhere gets
                // this long before it is killed.
                deadline = Clock::now() + std::chrono::seconds(15);
            }
            continue;
        }
        if (!failure.empty() && Clock::now() > deadline) {
            for (const auto &[p, r] : ranks)
                ::kill(p, SIGKILL);
            deadline = Clock::now() + std::chrono::hours(1);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!failure.empty()) {
        std::fprintf(stderr, "%s: error: %s; the other ranks were stopped\n", name.c_str(),
                     failure.c_str());
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace App
