// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/apportion.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace Core {

std::vector<int64_t> apportionBytes(int64_t total, const std::vector<int64_t> &weights)
{
    const double sum = double(std::accumulate(weights.begin(), weights.end(), int64_t(0)));
    std::vector<int64_t> parts(weights.size(), 0);
    if (parts.empty())
        return parts;
    if (sum <= 0) {
        parts[0] = total;
        return parts;
    }
    std::vector<std::pair<double, size_t>> remainders;
    int64_t assigned = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
        const double exact = double(total) * double(weights[i]) / sum;
        parts[i] = int64_t(exact);
        assigned += parts[i];
        remainders.emplace_back(exact - double(parts[i]), i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    for (size_t k = 0; assigned < total; k = (k + 1) % remainders.size(), ++assigned)
        ++parts[remainders[k].second];
    return parts;
}

} // namespace Core
