// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The dynamics of the recurrent token mixers (GptConfig::layerTypes "ssm" and "deltanet";
// model/ssm_p.h, model/deltanet_p.h): a state-space block's A_log, D, convolution and dt_proj's
// bias; a DeltaNet block's A_log, dt_bias and short convolutions. They set how fast each channel
// forgets and how far back it looks, not what it computes. So they learn as the block's other
// scalars do (Adam, never Muon, though an SSM's A_log is 2-D) and rewinding leaves them alone.
// Stored at int6 they cost nothing measurable (SSM x4 demo model: +0.00015 bpb against fp32,
// 51 KB smaller), so the int presets quantize them as any matrix; ternary ones cost 0.07 bpb, so
// the ternary preset keeps them fp16 with the control tensors.

#include <string>

namespace Core {

inline bool isMixerDynamicsTensor(const std::string &name)
{
    if (name.rfind("blocks.", 0) != 0)
        return false;
    for (const char *suffix : {".ssm.A_log", ".ssm.D", ".ssm.dt_proj.bias", ".ssm.conv1d.weight",
                               ".ssm.conv1d.bias", ".deltanet.A_log", ".deltanet.dt_bias",
                               ".deltanet.q_conv1d.weight", ".deltanet.k_conv1d.weight",
                               ".deltanet.v_conv1d.weight"}) {
        const std::string s = suffix;
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0)
            return true;
    }
    return false;
}

} // namespace Core
