// SPDX-License-Identifier: GPL-3.0-or-later
#include "dist/dealout.h"

#include "dist/collective.h"

namespace Core {

void dealOut(const Collective &world, std::vector<size_t> items,
               const std::function<std::string(size_t)> &work,
               const std::function<void(size_t, const std::string &)> &collect,
               const std::function<void(size_t, size_t)> &round)
{
    // Rank 0's list on every rank.
    auto count = torch::tensor({int64_t(world.leader() ? items.size() : 0)}, torch::kInt64);
    world.broadcast(count, 0, "dealing out the work");
    auto list = torch::zeros({count.item<int64_t>()}, torch::kInt64);
    if (world.leader())
        for (size_t i = 0; i < items.size(); ++i)
            list[int64_t(i)] = int64_t(items[i]);
    world.broadcast(list, 0, "dealing out the work");
    items.assign(size_t(list.numel()), 0);
    for (size_t i = 0; i < items.size(); ++i)
        items[i] = size_t(list[int64_t(i)].item<int64_t>());

    const size_t W = size_t(world.size());
    for (size_t first = 0; first < items.size(); first += W) {
        if (world.leader() && round)
            round(first, items.size());
        const size_t mine = first + size_t(world.rank());
        const std::string result = mine < items.size() ? work(items[mine]) : std::string();
        const auto all = world.allGatherText(result, "gathering results");
        if (!world.leader())
            continue;
        for (size_t r = 0; r < W && first + r < items.size(); ++r)
            collect(items[first + r], all[r]);
    }
    if (world.leader() && round)
        round(items.size(), items.size());
}

} // namespace Core
