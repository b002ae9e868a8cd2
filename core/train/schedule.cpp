// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/schedule.h"

#include <algorithm>

namespace Core {

double lrMultiplier(const TrainConfig &c, int64_t step, double elapsedMs)
{
    if (c.warmdown_iters <= 0)
        return 1.0;
    if (c.max_wallclock_seconds <= 0) {
        const int64_t start = std::max<int64_t>(c.iterations - c.warmdown_iters, 0);
        if (step >= start && step < c.iterations)
            return std::max(double(c.iterations - step) / double(std::max<int64_t>(c.warmdown_iters, 1)), 0.0);
        return 1.0;
    }
    const double stepMs = elapsedMs / double(std::max<int64_t>(step, 1));
    const double warmdownMs = double(c.warmdown_iters) * stepMs;
    const double remainingMs = std::max(c.max_wallclock_seconds * 1000.0 - elapsedMs, 0.0);
    return remainingMs <= warmdownMs ? remainingMs / std::max(warmdownMs, 1e-9) : 1.0;
}

double muonMomentumAt(const TrainConfig &c, int64_t step)
{
    const double frac = c.muon_momentum_warmup_steps > 0
                            ? std::min(double(step) / double(c.muon_momentum_warmup_steps), 1.0)
                            : 1.0;
    return (1.0 - frac) * c.muon_momentum_warmup_start + frac * c.muon_momentum;
}

} // namespace Core
