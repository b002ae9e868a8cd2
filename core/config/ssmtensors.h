// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The dynamics of a state-space mixer (GptConfig::layerTypes "ssm", model/ssm_p.h): A_log, D,
// the convolution and dt_proj's bias. They set how fast each channel forgets, not what it
// computes, and learn as the block's other scalars do (Adam, never Muon, though A_log is 2-D),
// and pruning leaves them alone.

#include <string>

namespace Core {

inline bool isSsmDynamicsTensor(const std::string &name)
{
    if (name.rfind("blocks.", 0) != 0)
        return false;
    for (const char *suffix : {".ssm.A_log", ".ssm.D", ".ssm.dt_proj.bias", ".ssm.conv1d.weight", ".ssm.conv1d.bias"}) {
        const std::string s = suffix;
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0)
            return true;
    }
    return false;
}

} // namespace Core
