// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/weighthook_p.h"

#include "common/error.h"

namespace Core {

std::unique_ptr<WeightHook> makeMaskHook(const TrainConfig &cfg, GptImpl &)
{
    check(cfg.prune_mask.empty(), "prune_mask: pruning masks are not built yet");
    return nullptr;
}

} // namespace Core
