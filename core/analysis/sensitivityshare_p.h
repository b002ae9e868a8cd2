// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Sensitivity cells dealt out across the ranks of a data-parallel job (dist/dealout.h): rank 0
// names the cells its cache lacks, and stores each round's results as they arrive. So a run
// that loses a rank keeps every completed round, and never half a cell.

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
std::map<size_t, SensitivityCell>
measureShared(const Collective &world, size_t count, const std::function<bool(size_t)> &missing,
              const std::function<SensitivityCell(size_t)> &measure,
              const std::function<void(size_t, SensitivityCell &)> &store,
              const std::function<void(const std::string &, int64_t, int64_t)> &report);

} // namespace Core
