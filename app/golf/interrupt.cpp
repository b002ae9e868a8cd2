// SPDX-License-Identifier: GPL-3.0-or-later
#include "interrupt.h"

#include <csignal>
#include <unistd.h>

namespace App {

namespace {
std::atomic_bool g_interrupted{false};

extern "C" void onSignal(int sig)
{
    if (g_interrupted.exchange(true)) {
        // Second signal: the user means it.
        ::_exit(128 + sig);
    }
    const char msg[] = "\ninterrupt: finishing the current step, then saving a checkpoint "
                       "(Ctrl-C again to quit at once)\n";
    [[maybe_unused]] auto n = ::write(STDERR_FILENO, msg, sizeof msg - 1);
}
} // namespace

const std::atomic_bool &installInterruptFlag()
{
    struct sigaction sa{};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    return g_interrupted;
}

} // namespace App
