// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Bit allocation under a byte budget: pick one storage setting per tensor so that the summed
// estimated loss increase is smallest while the summed *compressed* bytes stay within the
// budget (a multiple-choice knapsack). Plain values, torch-free: the estimates come from
// analysis/sensitivity.h, the bytes from the pricer's per-tensor streams.
//
// The solver is a dynamic programme over bytes. Byte counts are rounded *up* to a resolution
// r = max(1, ceil(budget / maxBuckets)), so any allocation it returns truly fits (the rounded
// sum bounds the real one); with r == 1 the result is optimal (`exact`). Left-over slack from
// the rounding is then spent greedily on the best cost reduction per byte that still fits.

#include "pack/quantsetting.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

struct AllocationChoice
{
    QuantSetting setting;
    int64_t bytes = 0; ///< compressed bytes of the tensor stored this way (>= 0)
    double cost = 0;   ///< estimated loss increase (any additive unit; may be negative)
};

struct AllocationItem
{
    std::string name;
    std::vector<AllocationChoice> choices; ///< at least one
};

struct AllocationProblem
{
    std::vector<AllocationItem> items;
    int64_t budget = 0; ///< bytes available to the items (fixed bytes already subtracted)
};

struct Allocation
{
    bool feasible = false;   ///< false: even the smallest choice of every item exceeds the budget
    std::vector<int> choice; ///< index into items[i].choices, one per item (empty if infeasible)
    int64_t bytes = 0;       ///< true summed bytes of the chosen settings (<= budget)
    double cost = 0;         ///< summed cost of the chosen settings
    bool exact = false;      ///< solved at 1-byte resolution: optimal
    int64_t resolution = 1;  ///< bytes per DP bucket used
};

/// Solves `problem`. Throws Core::Error for an item without choices or a negative byte count.
Allocation allocate(const AllocationProblem &problem, int64_t maxBuckets = 1 << 16);

} // namespace Core
