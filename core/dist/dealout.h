// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Independent work items dealt out across the ranks of a job, for the analyses whose units are
// many and alike (sensitivity cells, recipe round trips): rank 0 says which items need doing,
// item k of them goes to rank k mod W, and after each round (one item per rank) rank 0 receives
// every result of the round as text, in order. So a run that loses a rank has delivered every
// completed round, and never half a result.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace Core {

class Collective;

/// Every rank calls this. `items` counts on rank 0 only (the others receive it); `work(item)`
/// runs on the rank the item is dealt to and returns its result as text; `collect(item, text)`
/// runs on rank 0 as each round arrives; `round(done, total)` on rank 0 before each round.
/// A failed collective throws (the Error names the rank and what was going on).
void dealOut(const Collective &world, std::vector<size_t> items,
               const std::function<std::string(size_t item)> &work,
               const std::function<void(size_t item, const std::string &result)> &collect,
               const std::function<void(size_t done, size_t total)> &round = {});

} // namespace Core
