// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Timing helpers shared by the C++ benchmarks: wall-clock milliseconds and medians (the
// benchmarks report medians, DESIGN.md §6).

#include <algorithm>
#include <chrono>
#include <vector>

namespace Bench {

using Clock = std::chrono::steady_clock;

inline double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n == 0 ? 0.0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

} // namespace Bench
