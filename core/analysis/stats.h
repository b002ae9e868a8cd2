// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Rank correlations, to report how well a cheap proxy (weight-space error, a Fisher estimate)
// orders tensors the way the measured loss increases do. Rank-based because only the order
// matters to the allocator's choices, and the proxies are on unrelated scales. Torch-free.

#include <vector>

namespace Core {

/// Spearman's rho: the Pearson correlation of the ranks, tied values getting the average of the
/// ranks they span. In [-1, 1]. NaN when there are fewer than 2 points, when either vector is
/// constant (its ranks have no variance) or contains a NaN. Throws Core::Error when the sizes
/// differ.
double spearman(const std::vector<double> &x, const std::vector<double> &y);

/// Kendall's tau-b: (concordant - discordant) / sqrt((n0 - tx) (n0 - ty)) with n0 = n(n-1)/2
/// pairs, tx / ty the pairs tied in x / y (a pair tied in both counts in both, and is neither
/// concordant nor discordant). Same degenerate cases (NaN) and errors as spearman().
/// O(n^2): meant for tensor counts (hundreds), not millions of points.
double kendallTau(const std::vector<double> &x, const std::vector<double> &y);

} // namespace Core
