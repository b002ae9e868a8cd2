// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/allocation.h"

#include "common/error.h"
#include "pack/sizereport.h"

#include <cmath>
#include <cstdio>

namespace Core {

CostEstimate costEstimateFromName(const std::string &name)
{
    if (name == "measured")
        return CostEstimate::Measured;
    if (name == "fisher")
        return CostEstimate::Fisher;
    if (name == "weight")
        return CostEstimate::Weight;
    throw Error("unknown estimate \"" + name + "\" (measured, fisher or weight)");
}

const char *costEstimateName(CostEstimate estimate)
{
    switch (estimate) {
    case CostEstimate::Measured:
        return "measured";
    case CostEstimate::Fisher:
        return "fisher";
    case CostEstimate::Weight:
        return "weight";
    }
    return "?";
}

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

} // namespace

AllocationPlan planAllocation(const SensitivityTable &table, const Recipe &base, int64_t modelBudget,
                              CostEstimate estimate, int64_t margin)
{
    AllocationPlan plan;
    plan.modelBudget = modelBudget;
    plan.fixedBytes = table.fixedBytes;

    AllocationProblem problem;
    problem.budget = modelBudget - table.fixedBytes - margin;
    for (const auto &t : table.tensors) {
        AllocationItem item;
        item.name = t.name;
        for (const auto &c : t.cells) {
            const double cost = costOf(c, estimate);
            check(!std::isnan(cost), t.name + " (" + c.setting.describe() + "): the sensitivity table has no " +
                                         costEstimateName(estimate) + " estimate; measure it first");
            item.choices.push_back({c.setting, c.bytes, cost});
        }
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

    // One exact-name rule per tensor whose choice differs from the base recipe's setting.
    plan.estimatedDeltaBpb = 0;
    for (size_t i = 0; i < table.tensors.size(); ++i) {
        const auto &t = table.tensors[i];
        const auto &c = t.cells[size_t(plan.allocation.choice[i])];
        plan.chosen.emplace_back(t.name, c.setting);
        plan.estimatedDeltaBpb += estimate == CostEstimate::Measured ? c.deltaBpb
                                  : estimate == CostEstimate::Fisher ? table.toBpb(c.fisher)
                                                                     : kNotMeasured;
        if (c.setting == t.baseSetting)
            continue;
        RecipeRule rule;
        rule.name = t.name;
        rule.settings = settingKeysBetween(t.baseSetting, c.setting);
        rule.comment = "allocated (" + std::string(costEstimateName(estimate)) + "): " + formatBytes(c.bytes) + " bytes";
        plan.recipe.rules.push_back(rule);
    }
    plan.recipe.name = "allocated for " + formatBytes(modelBudget) + " model bytes";
    plan.recipe.description = "Chosen by golf allocate from a sensitivity table on " + table.slice + " (" +
                              costEstimateName(estimate) + " estimate) over the base recipe" +
                              (base.name.empty() ? std::string() : " \"" + base.name + "\"") + ".";
    plan.estimatedModelBytes = table.fixedBytes + plan.allocation.bytes;
    return plan;
}

std::string formatAllocationPlan(const AllocationPlan &plan, const SensitivityTable &table)
{
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-28s %-22s %12s %12s\n", "tensor", "stored as", "bytes", "est. d bpb");
    out += line;
    for (size_t i = 0; i < plan.chosen.size(); ++i) {
        const auto &t = table.tensors[i];
        const auto &c = t.cells[size_t(plan.allocation.choice[i])];
        std::snprintf(line, sizeof line, "%-28s %-22s %12s %12.6f\n", t.name.c_str(), c.setting.describe().c_str(),
                      formatBytes(c.bytes).c_str(), c.deltaBpb);
        out += line;
    }
    std::snprintf(line, sizeof line, "%-28s %-22s %12s\n", "(header + other tensors)", "", formatBytes(plan.fixedBytes).c_str());
    out += line;
    return out;
}

} // namespace Core
