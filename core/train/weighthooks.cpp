// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/weighthook_p.h"

namespace Core {

WeightHooks makeWeightHooks(const TrainConfig &cfg, GptImpl &model)
{
    WeightHooks hooks;
    for (auto hook : {makeMaskHook(cfg, model), makeQatHook(cfg, model)})
        if (hook)
            hooks.push_back(std::move(hook));
    return hooks;
}

} // namespace Core
