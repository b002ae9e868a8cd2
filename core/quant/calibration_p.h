// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch): what a Calibration holds, for GPTQ (quant/gptq_p.h) and the pricer.

#include "quant/calibration.h"

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace Core {

struct Calibration::Impl
{
    /// tensor name -> H = (2/n) X X^T, float64 [in, in]; c_q, c_k and c_v of a block share one.
    std::map<std::string, torch::Tensor> hessians;
    std::vector<std::string> order; ///< the model's order
    int64_t tokens = 0;
    std::string label;
};

/// A calibration from Hessians computed elsewhere (tests, tools): `hessians` name -> [in, in].
Calibration makeCalibration(std::vector<std::pair<std::string, torch::Tensor>> hessians,
                            int64_t tokens, const std::string &label);

/// H of tensor `name`, or an undefined tensor when `calibration` has none for it.
torch::Tensor hessianOf(const Calibration &calibration, const std::string &name);

} // namespace Core
