// SPDX-License-Identifier: GPL-3.0-or-later
#include "dist/worldenv.h"

#include "common/error.h"

#include <cstdlib>
#include <cstring>

namespace Core {

namespace {

/// The variable as a whole number in [lo, hi], or `fallback` when it is unset or empty.
int intVariable(const char *name, int fallback, int lo, int hi)
{
    const char *text = std::getenv(name);
    if (!text || !*text)
        return fallback;
    char *end = nullptr;
    const long v = std::strtol(text, &end, 10);
    check(end && *end == '\0' && v >= lo && v <= hi,
          std::string(name) + "=" + text + " is not a whole number in [" + std::to_string(lo) +
              ", " + std::to_string(hi) + "]");
    return int(v);
}

} // namespace

WorldEnv WorldEnv::fromEnvironment()
{
    WorldEnv w;
    w.worldSize = intVariable("WORLD_SIZE", 1, 1, 1 << 20);
    if (w.worldSize == 1)
        return w;
    w.rank = intVariable("RANK", -1, 0, w.worldSize - 1);
    check(w.rank >= 0, "WORLD_SIZE=" + std::to_string(w.worldSize) +
                           " is set but RANK is not: start every rank with its own RANK "
                           "(torchrun and golf --nproc do)");
    w.localWorldSize = intVariable("LOCAL_WORLD_SIZE", w.worldSize, 1, w.worldSize);
    w.localRank = intVariable("LOCAL_RANK", w.rank % w.localWorldSize, 0, w.localWorldSize - 1);
    if (const char *addr = std::getenv("MASTER_ADDR"); addr && *addr)
        w.masterAddr = addr;
    w.masterPort = intVariable("MASTER_PORT", -1, 1, 65535);
    check(w.masterPort > 0, "MASTER_PORT is not set: the ranks meet at MASTER_ADDR:MASTER_PORT");
    return w;
}

} // namespace Core
