// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/allocation.h"

#include "common/error.h"
#include "pack/sizereport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace Core {

namespace {

double costOf(const SensitivityCell &c, CostEstimate e)
{
    switch (e) {
    case CostEstimate::Measured:
        return c.deltaLoss;
    case CostEstimate::Fisher:
        return c.fisher;
    case CostEstimate::Weight:
        return c.sqError;
    }
    return kNotMeasured;
}

/// The proxy that ranks upgrades the measurement cannot tell apart: Fisher when measured, else
/// the weight error (both grow as a setting gets coarser).
double proxyOf(const SensitivityCell &c)
{
    return std::isnan(c.fisher) ? c.sqError : c.fisher;
}

/// A tensor's measured costs made non-increasing in bytes: a setting that takes more bytes than
/// another but measures worse is taken as no better than it (the slice cannot resolve the
/// difference; more precision of one tensor does not raise the loss in expectation).
std::vector<double> monotoneCosts(const TensorSensitivity &t)
{
    std::vector<size_t> order(t.cells.size());
    for (size_t k = 0; k < order.size(); ++k)
        order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return t.cells[a].bytes < t.cells[b].bytes; });
    std::vector<double> cost(t.cells.size());
    double best = std::numeric_limits<double>::infinity();
    for (size_t k : order) {
        best = std::min(best, t.cells[k].deltaLoss);
        cost[k] = best;
    }
    return cost;
}

/// Spends the bytes the optimum left unused on upgrades that are free by `cost` (no higher) and
/// lower the proxy, best proxy reduction per byte first.
void spendLeftover(const SensitivityTable &table, const std::vector<std::vector<double>> &cost,
                   int64_t budget, Allocation &a)
{
    for (;;) {
        const int64_t slack = budget - a.bytes;
        double bestRate = 0;
        size_t bestItem = 0;
        int bestChoice = -1;
        for (size_t i = 0; i < table.tensors.size(); ++i) {
            const auto &cells = table.tensors[i].cells;
            const auto &at = cells[size_t(a.choice[i])];
            for (size_t k = 0; k < cells.size(); ++k) {
                const int64_t extra = cells[k].bytes - at.bytes;
                const double gain = proxyOf(at) - proxyOf(cells[k]);
                if (extra <= 0 || extra > slack || !(gain > 0) ||
                    cost[i][k] > cost[i][size_t(a.choice[i])])
                    continue;
                const double rate = gain / double(extra);
                if (rate > bestRate) {
                    bestRate = rate;
                    bestItem = i;
                    bestChoice = int(k);
                }
            }
        }
        if (bestChoice < 0)
            return;
        const auto &cells = table.tensors[bestItem].cells;
        a.bytes += cells[size_t(bestChoice)].bytes - cells[size_t(a.choice[bestItem])].bytes;
        a.cost += cost[bestItem][size_t(bestChoice)] - cost[bestItem][size_t(a.choice[bestItem])];
        a.choice[bestItem] = bestChoice;
    }
}

} // namespace

AllocationPlan planAllocation(const SensitivityTable &table, const Recipe &base,
                              int64_t modelBudget, CostEstimate estimate, int64_t margin)
{
    AllocationPlan plan;
    plan.modelBudget = modelBudget;
    plan.fixedBytes = table.fixedBytes;

    AllocationProblem problem;
    problem.budget = modelBudget - table.fixedBytes - margin;
    std::vector<std::vector<double>> costs; // per tensor and cell, as the allocator sees them
    for (const auto &t : table.tensors) {
        AllocationItem item;
        item.name = t.name;
        for (const auto &c : t.cells)
            check(!std::isnan(costOf(c, estimate)),
                  t.name + " (" + c.setting.describe() + "): the sensitivity table has no " +
                      costEstimateName(estimate) + " estimate; measure it first");
        std::vector<double> cost = estimate == CostEstimate::Measured
                                       ? monotoneCosts(t)
                                       : std::vector<double>(t.cells.size());
        for (size_t k = 0; k < t.cells.size(); ++k) {
            if (estimate != CostEstimate::Measured)
                cost[k] = costOf(t.cells[k], estimate);
            item.choices.push_back({t.cells[k].setting, t.cells[k].bytes, cost[k]});
        }
        costs.push_back(std::move(cost));
        check(!item.choices.empty(), t.name + ": no candidate setting is valid for this tensor");
        problem.items.push_back(std::move(item));
    }
    if (problem.budget < 0) {
        plan.allocation.feasible = false;
        plan.recipe = base;
        return plan;
    }
    plan.allocation = allocate(problem);
    plan.recipe = base;
    if (!plan.allocation.feasible)
        return plan;
    // Measured costs are flat where the slice cannot tell settings apart, which would leave
    // bytes unused; the proxies still rank those settings, so the leftover goes by them.
    if (estimate == CostEstimate::Measured)
        spendLeftover(table, costs, problem.budget, plan.allocation);

    // One exact-name rule per tensor whose choice differs from the base recipe's setting.
    plan.estimatedDeltaBpb = 0;
    for (size_t i = 0; i < table.tensors.size(); ++i) {
        const auto &t = table.tensors[i];
        const auto &c = t.cells[size_t(plan.allocation.choice[i])];
        plan.chosen.emplace_back(t.name, c.setting);
        plan.estimatedDeltaBpb += estimate == CostEstimate::Measured
                                      ? table.toBpb(costs[i][size_t(plan.allocation.choice[i])])
                                  : estimate == CostEstimate::Fisher ? table.toBpb(c.fisher)
                                                                     : kNotMeasured;
        if (c.setting == t.baseSetting)
            continue;
        RecipeRule rule;
        rule.name = t.name;
        rule.settings = settingKeysBetween(t.baseSetting, c.setting);
        rule.comment = "allocated (" + std::string(costEstimateName(estimate)) +
                       "): " + formatBytes(c.bytes) + " bytes";
        plan.recipe.rules.push_back(rule);
    }
    plan.recipe.name = "allocated for " + formatBytes(modelBudget) + " model bytes";
    plan.recipe.description = "Chosen by golf allocate from a sensitivity table on " + table.slice +
                              " (" + costEstimateName(estimate) +
                              " estimate) over the base recipe" +
                              (base.name.empty() ? std::string() : " \"" + base.name + "\"") + ".";
    plan.estimatedModelBytes = table.fixedBytes + plan.allocation.bytes;
    return plan;
}

std::string formatAllocationPlan(const AllocationPlan &plan, const SensitivityTable &table)
{
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-28s %-22s %12s %12s\n", "tensor", "stored as", "bytes",
                  "est. d bpb");
    out += line;
    for (size_t i = 0; i < plan.chosen.size(); ++i) {
        const auto &t = table.tensors[i];
        const auto &c = t.cells[size_t(plan.allocation.choice[i])];
        std::snprintf(line, sizeof line, "%-28s %-22s %12s %12.6f\n", t.name.c_str(),
                      c.setting.describe().c_str(), formatBytes(c.bytes).c_str(), c.deltaBpb);
        out += line;
    }
    std::snprintf(line, sizeof line, "%-28s %-22s %12s\n", "(header + other tensors)", "",
                  formatBytes(plan.fixedBytes).c_str());
    out += line;
    return out;
}

} // namespace Core
