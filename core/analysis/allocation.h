// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// From a sensitivity table to a recipe: the candidate tensors' settings chosen by the
// allocator (analysis/allocator.h) so the model file fits a byte budget with the smallest
// estimated loss increase. The result is an ordinary golf-recipe-v1: the base recipe plus one
// `name` rule per tensor whose chosen setting differs from what the base gives it, so it
// explains itself in `golf quantize --explain` and the GUI.

#include "analysis/allocator.h"
#include "analysis/sensitivity.h"
#include "job/analysisjobs.h"
#include "recipe/recipe.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

struct AllocationPlan
{
    Recipe recipe;
    Allocation allocation;
    int64_t modelBudget = 0;   ///< bytes the model file may take
    int64_t fixedBytes = 0;    ///< header + non-candidate tensors, as the table measured them
    int64_t estimatedModelBytes = 0; ///< fixedBytes + allocation.bytes
    /// Summed estimated loss increase in bpb on the table's slice (NaN for CostEstimate::Weight);
    /// with Measured it is the sum of the chosen cells' measured increases.
    double estimatedDeltaBpb = 0;
    std::vector<std::pair<std::string, QuantSetting>> chosen; ///< per candidate tensor
};

/// Chooses settings so that the model file takes at most `modelBudget` bytes by the table's
/// figures, minimising the summed estimate. With CostEstimate::Measured, each tensor's measured
/// increases are first made non-increasing in bytes (a bigger setting measured worse counts as
/// no better: the slice cannot resolve the difference), and the bytes the optimum leaves unused
/// go to upgrades that are free by that measure, ranked by the Fisher proxy (else the weight
/// error) per byte. estimatedDeltaBpb sums the costs so adjusted.
///
/// figures. `margin` bytes are held back for header growth. Throws Core::Error when the table
/// lacks what `estimate` needs. allocation.feasible is false when nothing fits.
AllocationPlan planAllocation(const SensitivityTable &table, const Recipe &base, int64_t modelBudget,
                              CostEstimate estimate, int64_t margin = 0);

/// The chosen settings as a table: tensor, setting, bytes, estimated cost.
std::string formatAllocationPlan(const AllocationPlan &plan, const SensitivityTable &table);

} // namespace Core
