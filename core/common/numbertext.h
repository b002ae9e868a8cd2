// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace Core {

/// An integer with thousands separators, as byte counts and parameter counts are shown
/// everywhere: "16,000,000", "-1,234".
std::string groupedNumber(int64_t n);

} // namespace Core
