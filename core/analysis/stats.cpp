// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/stats.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace Core {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// False for the degenerate inputs both coefficients answer with NaN (besides constant vectors).
bool usable(const std::vector<double> &x, const std::vector<double> &y, const char *what)
{
    check(x.size() == y.size(), std::string(what) + ": the two series differ in length (" +
                                    std::to_string(x.size()) + " and " + std::to_string(y.size()) +
                                    ")");
    if (x.size() < 2)
        return false;
    auto hasNaN = [](const std::vector<double> &v) {
        return std::any_of(v.begin(), v.end(), [](double d) { return std::isnan(d); });
    };
    return !hasNaN(x) && !hasNaN(y);
}

// 1-based ranks; a run of equal values gets the mean of the ranks it covers.
std::vector<double> averageRanks(const std::vector<double> &v)
{
    std::vector<size_t> order(v.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
    std::vector<double> rank(v.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i + 1;
        while (j < order.size() && v[order[j]] == v[order[i]])
            ++j;
        // Positions i..j-1 hold ranks i+1..j; their mean is (i + 1 + j) / 2.
        const double r = 0.5 * double(i + 1 + j);
        for (size_t k = i; k < j; ++k)
            rank[order[k]] = r;
        i = j;
    }
    return rank;
}

int sign(double d) { return (d > 0) - (d < 0); }

} // namespace

double spearman(const std::vector<double> &x, const std::vector<double> &y)
{
    if (!usable(x, y, "spearman"))
        return kNaN;
    const std::vector<double> rx = averageRanks(x), ry = averageRanks(y);
    // Both rank vectors have mean (n + 1) / 2 exactly.
    const double mean = 0.5 * double(x.size() + 1);
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        const double a = rx[i] - mean, b = ry[i] - mean;
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    if (sxx == 0 || syy == 0)
        return kNaN;
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

double kendallTau(const std::vector<double> &x, const std::vector<double> &y)
{
    if (!usable(x, y, "kendallTau"))
        return kNaN;
    const size_t n = x.size();
    // Counts fit in int64 for any n that an O(n^2) loop can finish.
    int64_t s = 0, tiedX = 0, tiedY = 0;
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = i + 1; j < n; ++j) {
            const int dx = sign(x[i] - x[j]), dy = sign(y[i] - y[j]);
            tiedX += dx == 0;
            tiedY += dy == 0;
            s += dx * dy;
        }
    }
    const int64_t pairs = int64_t(n) * int64_t(n - 1) / 2;
    const double denom = std::sqrt(double(pairs - tiedX) * double(pairs - tiedY));
    if (denom == 0)
        return kNaN;
    return std::clamp(double(s) / denom, -1.0, 1.0);
}

} // namespace Core
