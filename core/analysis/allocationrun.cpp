// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/allocationrun.h"

#include "analysis/roundtrip.h"
#include "common/error.h"
#include "dist/world.h"
#include "analysis/evaltarget.h"
#include "model/model.h"
#include "quant/sizepricer.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <memory>

namespace Core {

double AllocationRunResult::estimatedBpb() const
{
    if (estimate != CostEstimate::Measured)
        return kNotMeasured;
    return table.baseBpb + plan.estimatedDeltaBpb;
}

AllocationRunResult runAllocation(Model &model, const AllocationRunOptions &options,
                                  const AllocationProgress &progress, SizePricer *pricer)
{
    return runAllocation(*builtinTarget(model), options, progress, pricer);
}

AllocationRunResult runAllocation(EvalTarget &target, const AllocationRunOptions &options,
                                  const AllocationProgress &progress, SizePricer *pricer)
{
    SensitivityOptions so = options.sensitivity;
    so.measure = options.estimate == CostEstimate::Measured;
    if (options.estimate == CostEstimate::Fisher)
        check(!so.fisherGlob.empty() && so.fisherTokens > 0,
              "a Fisher estimate needs training shards and a Fisher sample of more than 0 tokens");
    auto report = [&progress](const std::string &stage, int64_t done, int64_t total) {
        if (progress && !progress(stage, done, total))
            throw Error("cancelled");
    };

    AllocationRunResult r;
    r.estimate = options.estimate;
    r.budget = options.budget;
    r.codeBytes = options.codeBytes;
    // One pricer for the table and the plan: the plan's streams are mostly the table's.
    std::unique_ptr<SizePricer> own;
    if (!pricer) {
        own = target.makePricer();
        pricer = own.get();
    }
    // The plan's gptq settings price against the same statistics the table measures with.
    if (!so.calibration.empty())
        pricer->setCalibration(so.calibration);
    r.table = measureSensitivity(target, so, progress, pricer);
    if (!isLeader(so.world))
        return r; // its share of the cells is measured; rank 0 plans and verifies

    r.smallestModelBytes = r.table.fixedBytes;
    for (const auto &t : r.table.tensors) {
        int64_t least = INT64_MAX;
        for (const auto &c : t.cells)
            least = std::min(least, c.bytes);
        if (least != INT64_MAX)
            r.smallestModelBytes += least;
    }

    // The table's bytes are exact per tensor; only the header can differ by a few bytes with
    // the chosen settings. Price the plan exactly and hold back any overshoot until it fits.
    const int64_t modelBudget = r.modelBudget();
    const int attempts = std::max(1, options.maxAttempts);
    for (int attempt = 0; attempt < attempts; ++attempt) {
        report("planning", attempt, attempts);
        r.attempts = attempt + 1;
        r.plan = planAllocation(r.table, so.base, modelBudget, options.estimate, r.margin);
        if (!r.plan.allocation.feasible)
            break;
        r.priced = pricer->price(r.plan.recipe);
        if (r.priced.modelBytes <= modelBudget)
            break;
        r.margin += r.priced.modelBytes - modelBudget;
        r.plan.allocation.feasible = false;
    }
    report("planning", attempts, attempts);
    if (!r.plan.allocation.feasible || !options.verify)
        return r;

    report("verifying", 0, 1);
    RoundTripOptions rt;
    rt.scratchDir = options.scratchDir;
    rt.label = options.label.empty() ? "allocate " + formatBytes(options.budget) + " (" +
                                           costEstimateName(options.estimate) + ")"
                                     : options.label;
    rt.source = options.source;
    rt.codeBytes = options.codeBytes;
    r.measured = evaluateRecipe(target, *pricer, r.plan.recipe, so.slice, rt);
    r.verified = true;
    if (!options.historyPath.empty())
        EvalHistory::append(options.historyPath, r.measured);
    report("verifying", 1, 1);
    return r;
}

} // namespace Core
