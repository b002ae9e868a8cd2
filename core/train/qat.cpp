// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/weighthook_p.h"

#include "common/error.h"

namespace Core {

std::unique_ptr<WeightHook> makeQatHook(const TrainConfig &cfg, GptImpl &)
{
    check(cfg.qat_recipe.is_null(), "qat_recipe: quantization-aware training is not built yet");
    return nullptr;
}

} // namespace Core
