// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/sensitivityshare_p.h"

#include "common/error.h"
#include "dist/collective.h"

#include <torch/torch.h>

#include <vector>

namespace Core {

namespace {

// What travels per rank and round: whether it measured a cell, then the cell's numbers.
enum Field { Has, Bytes, RelError, SqError, Fisher, DeltaLoss, FieldCount };

} // namespace

std::map<size_t, SensitivityCell> measureShared(
    const Collective &world, size_t count, const std::function<bool(size_t)> &missing,
    const std::function<SensitivityCell(size_t)> &measure,
    const std::function<void(size_t, SensitivityCell &)> &store,
    const std::function<void(const std::string &, int64_t, int64_t)> &report)
{
    // The ranks must agree on the cells before they can share them out.
    const auto counts = world.allGather(torch::tensor({int64_t(count)}, torch::kInt64), "listing the sensitivity cells");
    for (int r = 1; r < world.size(); ++r)
        check(counts[size_t(r)].item<int64_t>() == int64_t(count),
              "rank " + std::to_string(r) + " lists " + std::to_string(counts[size_t(r)].item<int64_t>())
                  + " sensitivity cells, rank 0 " + std::to_string(count)
                  + ": every rank must read the same model with the same options");
    auto flags = torch::zeros({int64_t(count)}, torch::kUInt8);
    if (world.leader())
        for (size_t k = 0; k < count; ++k)
            flags[int64_t(k)] = missing(k) ? 1 : 0;
    world.broadcast(flags, 0, "dealing out the sensitivity cells");
    std::vector<size_t> todo;
    for (size_t k = 0; k < count; ++k)
        if (flags[int64_t(k)].item<uint8_t>())
            todo.push_back(k);

    std::map<size_t, SensitivityCell> measured;
    const size_t W = size_t(world.size());
    try {
        for (size_t round = 0; round * W < todo.size(); ++round) {
            if (world.leader())
                report("measuring", int64_t(round * W), int64_t(todo.size()));
            auto mine = torch::full({FieldCount}, 0.0, torch::kFloat64);
            const size_t slot = round * W + size_t(world.rank());
            if (slot < todo.size()) {
                const SensitivityCell c = measure(todo[slot]);
                auto v = mine.accessor<double, 1>();
                v[Has] = 1;
                v[Bytes] = double(c.bytes);
                v[RelError] = c.relError;
                v[SqError] = c.sqError;
                v[Fisher] = c.fisher;
                v[DeltaLoss] = c.deltaLoss;
            }
            const auto all = world.allGather(mine, "gathering sensitivity cells");
            if (!world.leader())
                continue;
            for (size_t r = 0; r < W && round * W + r < todo.size(); ++r) {
                const auto v = all[r].accessor<double, 1>();
                if (v[Has] != 1)
                    continue;
                SensitivityCell c;
                c.bytes = int64_t(v[Bytes]);
                c.relError = v[RelError];
                c.sqError = v[SqError];
                c.fisher = v[Fisher];
                c.deltaLoss = v[DeltaLoss];
                const size_t k = todo[round * W + r];
                store(k, c);
                measured[k] = c;
            }
        }
    } catch (const Error &e) {
        throw Error(std::string(e.what()) + " (" + std::to_string(measured.size()) + " of the "
                    + std::to_string(todo.size()) + " cells to measure are in the cache; the next run "
                    + "measures the rest)");
    }
    return measured;
}

} // namespace Core
