// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Sensitivity cells dealt out across the ranks of a data-parallel job. Rank 0 says which cells
// its cache lacks; the k-th of those goes to rank k mod W; after each round (one cell per rank)
// the results are gathered to rank 0, which stores them at once. So a run that loses a rank
// keeps every completed round, and never half a cell.

#include "analysis/sensitivity.h"

#include <cstddef>
#include <functional>
#include <map>
#include <string>

namespace Core {

class Collective;

/// Every rank calls this with the same `count`. `missing(k)` is asked on rank 0 only;
/// `measure(k)` on whichever rank cell k is dealt to; `store(k, cell)` on rank 0 as each round
/// arrives (it sets the cell's setting, which does not travel). Returns, on rank 0, the cells
/// measured (by index); elsewhere nothing. Progress goes to `report` as ("measuring", done,
/// total) on rank 0.
std::map<size_t, SensitivityCell> measureShared(
    const Collective &world, size_t count, const std::function<bool(size_t)> &missing,
    const std::function<SensitivityCell(size_t)> &measure,
    const std::function<void(size_t, SensitivityCell &)> &store,
    const std::function<void(const std::string &, int64_t, int64_t)> &report);

} // namespace Core
