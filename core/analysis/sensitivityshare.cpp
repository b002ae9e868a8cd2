// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/sensitivityshare_p.h"

#include "common/error.h"
#include "dist/collective.h"
#include "dist/dealout.h"

#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace Core {

namespace {

// A cell's numbers as text, exactly: hexadecimal floating point (NaN for "not measured").
std::string encodeCell(const SensitivityCell &c)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, "%lld %a %a %a %a", (long long)c.bytes, c.relError, c.sqError,
                  c.fisher, c.deltaLoss);
    return buf;
}

SensitivityCell decodeCell(const std::string &text)
{
    SensitivityCell c;
    const char *p = text.c_str();
    char *end = nullptr;
    c.bytes = std::strtoll(p, &end, 10);
    for (double *field : {&c.relError, &c.sqError, &c.fisher, &c.deltaLoss}) {
        p = end;
        *field = std::strtod(p, &end);
    }
    check(end != p, "a sensitivity cell from another rank is garbled: \"" + text + "\"");
    return c;
}

} // namespace

std::map<size_t, SensitivityCell>
measureShared(const Collective &world, size_t count, const std::function<bool(size_t)> &missing,
              const std::function<SensitivityCell(size_t)> &measure,
              const std::function<void(size_t, SensitivityCell &)> &store,
              const std::function<void(const std::string &, int64_t, int64_t)> &report)
{
    // The ranks must agree on the cells before they can share them out.
    const auto counts = world.allGather(torch::tensor({int64_t(count)}, torch::kInt64),
                                        "listing the sensitivity cells");
    for (int r = 1; r < world.size(); ++r)
        check(counts[size_t(r)].item<int64_t>() == int64_t(count),
              "rank " + std::to_string(r) + " lists " +
                  std::to_string(counts[size_t(r)].item<int64_t>()) +
                  " sensitivity cells, rank 0 " + std::to_string(count) +
                  ": every rank must read the same model with the same options");
    std::vector<size_t> todo;
    if (world.leader())
        for (size_t k = 0; k < count; ++k)
            if (missing(k))
                todo.push_back(k);
    std::map<size_t, SensitivityCell> measured;
    try {
        dealOut(
            world, todo, [&](size_t k) { return encodeCell(measure(k)); },
            [&](size_t k, const std::string &text) {
                SensitivityCell c = decodeCell(text);
                store(k, c);
                measured[k] = c;
            },
            [&](size_t done, size_t total) { report("measuring", int64_t(done), int64_t(total)); });
    } catch (const Error &e) {
        if (!world.leader())
            throw;
        throw Error(std::string(e.what()) + " (" + std::to_string(measured.size()) + " of the " +
                    std::to_string(todo.size()) +
                    " cells to measure are in the cache; the next run " + "measures the rest)");
    }
    return measured;
}

} // namespace Core
