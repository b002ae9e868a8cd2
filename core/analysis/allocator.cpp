// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/allocator.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace Core {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One item's useful choices: dominated ones removed, sorted by bytes ascending. Along the list
// bytes rise strictly and cost falls strictly, so "cheaper" always means "bigger".
struct Candidates
{
    std::vector<int> index;       ///< into the item's original choices
    std::vector<int64_t> bytes;   ///< true bytes
    std::vector<double> cost;
};

void validate(const AllocationProblem &problem, int64_t maxBuckets)
{
    check(problem.budget >= 0,
          "allocation: the byte budget is negative (" + std::to_string(problem.budget) + ")");
    check(maxBuckets >= 1,
          "allocation: maxBuckets must be at least 1, got " + std::to_string(maxBuckets));
    for (size_t i = 0; i < problem.items.size(); ++i) {
        const AllocationItem &item = problem.items[i];
        const std::string what = "allocation: tensor '" + item.name + "'";
        check(!item.choices.empty(), what + " has no storage choices");
        check(item.choices.size() <= std::numeric_limits<uint16_t>::max(),
              what + " has too many storage choices (" + std::to_string(item.choices.size()) +
                  ", at most 65535)");
        for (size_t j = 0; j < item.choices.size(); ++j) {
            const AllocationChoice &c = item.choices[j];
            const std::string choice = what + " choice " + std::to_string(j) + " (" +
                                       c.setting.describe() + ")";
            check(c.bytes >= 0, choice + " has a negative byte count (" +
                                    std::to_string(c.bytes) + ")");
            // A NaN cost would compare false both ways and silently corrupt the optimum.
            check(std::isfinite(c.cost), choice + " has a non-finite cost");
        }
    }
}

Candidates undominated(const AllocationItem &item)
{
    std::vector<int> order(item.choices.size());
    std::iota(order.begin(), order.end(), 0);
    // By bytes, then cost, then original position, so equal choices keep the first one.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const AllocationChoice &x = item.choices[size_t(a)];
        const AllocationChoice &y = item.choices[size_t(b)];
        return x.bytes != y.bytes ? x.bytes < y.bytes : x.cost < y.cost;
    });
    Candidates out;
    for (int j : order) {
        const AllocationChoice &c = item.choices[size_t(j)];
        // Everything kept so far has no more bytes; keep c only if it is strictly cheaper.
        if (!out.cost.empty() && !(c.cost < out.cost.back()))
            continue;
        out.index.push_back(j);
        out.bytes.push_back(c.bytes);
        out.cost.push_back(c.cost);
    }
    return out;
}

// Spends the budget left after `pick` (positions into each item's candidates) on upgrades: at
// each step the move with the largest cost decrease per extra true byte that still fits.
// Terminates because each move strictly lowers the cost and moves an item to a bigger choice.
void spendSlack(const std::vector<Candidates> &items, int64_t budget, std::vector<size_t> &pick)
{
    int64_t used = 0;
    for (size_t i = 0; i < items.size(); ++i)
        used += items[i].bytes[pick[i]];
    for (;;) {
        const int64_t slack = budget - used;
        double bestRate = 0;
        size_t bestItem = 0, bestPick = 0;
        bool found = false;
        for (size_t i = 0; i < items.size(); ++i) {
            const Candidates &c = items[i];
            const size_t at = pick[i];
            for (size_t k = at + 1; k < c.bytes.size(); ++k) {
                const int64_t extra = c.bytes[k] - c.bytes[at];
                if (extra > slack)
                    break; // bytes rise along the list
                // extra > 0 and the gain > 0 hold for undominated candidates.
                const double rate = (c.cost[at] - c.cost[k]) / double(extra);
                if (!found || rate > bestRate) {
                    found = true;
                    bestRate = rate;
                    bestItem = i;
                    bestPick = k;
                }
            }
        }
        if (!found)
            return;
        used += items[bestItem].bytes[bestPick] - items[bestItem].bytes[pick[bestItem]];
        pick[bestItem] = bestPick;
    }
}

double costOf(const std::vector<Candidates> &items, const std::vector<size_t> &pick)
{
    double sum = 0;
    for (size_t i = 0; i < items.size(); ++i)
        sum += items[i].cost[pick[i]];
    return sum;
}

// The dynamic programme at resolution r. Bucket weights are rounded up (w = ceil(bytes / r)) and
// the capacity down (B = floor(budget / r)), so sum(w) <= B implies sum(bytes) <= r*B <= budget.
// best[c] = least cost of the items so far with summed weight <= c; the back-pointers (one
// uint16 per item and bucket) remember which candidate reached it. Returns false when no
// combination fits at this resolution (possible only for r > 1 with a feasible problem).
bool solveDp(const std::vector<Candidates> &items, int64_t budget, int64_t r,
             std::vector<size_t> &pick)
{
    const int64_t capacity = budget / r;
    const size_t width = size_t(capacity) + 1;
    std::vector<double> prev(width, 0.0), next(width);
    std::vector<uint16_t> back(items.size() * width);
    std::vector<int64_t> w;
    for (size_t i = 0; i < items.size(); ++i) {
        const Candidates &c = items[i];
        w.clear();
        for (int64_t b : c.bytes)
            w.push_back(b / r + (b % r != 0 ? 1 : 0));
        uint16_t *bp = back.data() + i * width;
        for (size_t cap = 0; cap < width; ++cap) {
            double best = kInf;
            uint16_t arg = 0;
            // Weights rise along the candidates; the first (smallest) wins ties.
            for (size_t k = 0; k < w.size() && w[k] <= int64_t(cap); ++k) {
                const double v = prev[cap - size_t(w[k])] + c.cost[k];
                if (v < best) {
                    best = v;
                    arg = uint16_t(k);
                }
            }
            next[cap] = best;
            bp[cap] = arg;
        }
        prev.swap(next);
    }
    if (!(prev[width - 1] < kInf))
        return false;
    pick.assign(items.size(), 0);
    size_t cap = width - 1;
    for (size_t i = items.size(); i-- > 0;) {
        const size_t k = back[i * width + cap];
        pick[i] = k;
        const int64_t b = items[i].bytes[k];
        cap -= size_t(b / r + (b % r != 0 ? 1 : 0));
    }
    return true;
}

Allocation result(const AllocationProblem &problem, const std::vector<Candidates> &items,
                  const std::vector<size_t> &pick)
{
    Allocation a;
    a.feasible = true;
    a.choice.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        const int j = items[i].index[pick[i]];
        a.choice[i] = j;
        a.bytes += problem.items[i].choices[size_t(j)].bytes;
        a.cost += problem.items[i].choices[size_t(j)].cost;
    }
    return a;
}

} // namespace

Allocation allocate(const AllocationProblem &problem, int64_t maxBuckets)
{
    validate(problem, maxBuckets);
    const int64_t budget = problem.budget;
    const int64_t r = std::max<int64_t>(1, budget / maxBuckets + (budget % maxBuckets != 0 ? 1 : 0));

    std::vector<Candidates> items;
    items.reserve(problem.items.size());
    int64_t smallest = 0;
    for (const AllocationItem &item : problem.items) {
        items.push_back(undominated(item));
        const int64_t b = items.back().bytes.front();
        // Saturate instead of overflowing: anything past the budget is infeasible anyway.
        smallest = b > budget - smallest ? budget + 1 : smallest + b;
    }

    Allocation none;
    none.resolution = r;
    if (smallest > budget)
        return none;

    // Greedy from the smallest choices: always feasible, and the fallback when rounding leaves
    // the dynamic programme no room (many small tensors at a coarse resolution).
    std::vector<size_t> greedy(items.size(), 0);
    spendSlack(items, budget, greedy);

    std::vector<size_t> dp;
    const bool dpFits = solveDp(items, budget, r, dp);
    if (dpFits)
        spendSlack(items, budget, dp);

    // At r == 1 the programme is optimal and greedy can at best tie it.
    const bool useDp = dpFits && (r == 1 || costOf(items, dp) <= costOf(items, greedy));
    Allocation a = result(problem, items, useDp ? dp : greedy);
    a.exact = useDp && r == 1;
    a.resolution = r;
    return a;
}

} // namespace Core
