// SPDX-License-Identifier: GPL-3.0-or-later
// explainResolution: the `golf quantize --explain` table.

#include "recipe/recipe.h"
#include "recipe/recipe_p.h"

#include <algorithm>
#include <map>

namespace Core {

using namespace RecipeDetail;

namespace {

std::string padRight(const std::string &s, size_t width)
{
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string padLeft(const std::string &s, size_t width)
{
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

} // namespace

std::string explainResolution(const Recipe &recipe, const Resolution &resolution)
{
    struct Row
    {
        std::string name, shape, numel, setting, from;
    };
    std::vector<Row> rows;
    rows.push_back({"tensor", "shape", "numel", "setting", "from"});
    // Totals per setting, in order of first appearance.
    std::vector<std::string> order;
    std::map<std::string, std::pair<int64_t, int64_t>> totals; // tensors, values
    int64_t allValues = 0;
    for (const ResolvedTensor &t : resolution.tensors) {
        std::string from = sourceSummary(t);
        const std::vector<int> used = rulesAmong(t);
        if (used.size() == 1 && size_t(used[0]) < recipe.rules.size())
            from += " (" + ruleLabel(recipe.rules[size_t(used[0])]) + ")";
        const std::string setting = t.setting.describe();
        rows.push_back({t.tensor.name, shapeText(t.tensor.shape), std::to_string(t.tensor.numel),
                        setting, from});
        if (!totals.count(setting))
            order.push_back(setting);
        totals[setting].first += 1;
        totals[setting].second += t.tensor.numel;
        allValues += t.tensor.numel;
    }
    size_t w[4] = {0, 0, 0, 0};
    for (const Row &r : rows) {
        w[0] = std::max(w[0], r.name.size());
        w[1] = std::max(w[1], r.shape.size());
        w[2] = std::max(w[2], r.numel.size());
        w[3] = std::max(w[3], r.setting.size());
    }

    std::string out =
        "Recipe: " + (recipe.name.empty() ? std::string("(unnamed)") : recipe.name) + "\n";
    out += "Container: " + containerText(recipe.container) + "\n\n";
    for (const Row &r : rows)
        out += padRight(r.name, w[0]) + "  " + padRight(r.shape, w[1]) + "  " +
               padLeft(r.numel, w[2]) + "  " + padRight(r.setting, w[3]) + "  " + r.from + "\n";

    out += "\nTotals per setting:\n";
    size_t sw = 7;
    for (const std::string &s : order)
        sw = std::max(sw, s.size());
    for (const std::string &s : order) {
        const auto &[count, values] = totals[s];
        char share[16];
        std::snprintf(share, sizeof share, "%5.1f%%",
                      allValues ? 100.0 * double(values) / double(allValues) : 0.0);
        out += "  " + padRight(s, sw) + "  " + padLeft(std::to_string(count), 4) + " tensors  " +
               padLeft(std::to_string(values), 12) + " values  " + share + "\n";
    }
    out += "  " + padRight("all", sw) + "  " +
           padLeft(std::to_string(resolution.tensors.size()), 4) + " tensors  " +
           padLeft(std::to_string(allValues), 12) + " values\n";

    if (resolution.warnings.empty()) {
        out += "\nNo warnings.\n";
    } else {
        out += "\nWarnings:\n";
        for (const std::string &w : resolution.warnings)
            out += "  " + w + "\n";
    }
    return out;
}

} // namespace Core
