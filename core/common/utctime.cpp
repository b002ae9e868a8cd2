// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/utctime.h"

#include <ctime>

namespace Core {

std::string utcTimestamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace Core
