// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/controltensors.h"

namespace Core {

const std::vector<std::string> &controlTensorPatterns()
{
    static const std::vector<std::string> patterns{
        "attn_scale", "attn_scales", "mlp_scale",   "mlp_scales",  "resid_mix",
        "resid_mixes", "q_gain",     "skip_weight", "skip_weights"};
    return patterns;
}

bool isControlTensor(const std::string &name)
{
    for (const std::string &p : controlTensorPatterns())
        if (name.find(p) != std::string::npos)
            return true;
    return false;
}

} // namespace Core
