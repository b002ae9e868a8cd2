// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace Core {

/// UTC now as ISO 8601 to the second, "2026-11-23T19:40:00Z": the time stamp of records and
/// evaluation histories.
std::string utcTimestamp();

} // namespace Core
