// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/openmpenv.h"

#include <cstdlib>

#include <unistd.h>

namespace Core {

bool presetOpenMpSpinning()
{
    if (std::getenv("GOMP_SPINCOUNT") || std::getenv("OMP_WAIT_POLICY"))
        return false;
    // ~1k spins (microseconds) still catches back-to-back parallel regions, then sleeps.
    ::setenv("GOMP_SPINCOUNT", "1000", 1);
    return true;
}

void limitOpenMpSpinning(char **argv)
{
    if (presetOpenMpSpinning())
        ::execv("/proc/self/exe", argv);
    // exec failed: carry on in this process with the default behaviour.
}

} // namespace Core
