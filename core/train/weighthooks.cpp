// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/weighthook_p.h"

namespace Core {

WeightHooks makeWeightHooks(const TrainConfig &cfg, GptImpl &model)
{
    WeightHooks hooks;
    if (auto mask = makeMaskHook(cfg, model))
        hooks.push_back(std::move(mask));
    if (auto qat = makeQatHook(cfg, model))
        hooks.push_back(std::move(qat));
    return hooks;
}

} // namespace Core
