// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/gpt_p.h"
#include "model/model.h"

#include <map>
#include <string>

namespace Core {

struct Model::Impl
{
    explicit Impl(const GptConfig &c)
        : config(c)
        , gpt(c)
    {}
    GptConfig config;
    Gpt gpt;
    /// The dtype a tensor had in the file it was loaded from, where that was not float32 (the
    /// official final_model.pt keeps tok_emb in bfloat16). The GPT computes in float32, which
    /// holds those values exactly; exports store and record the original dtype.
    std::map<std::string, torch::ScalarType> fileDtypes;
};

/// Name, shape, numel and dtype of every tensor of `gpt`, in state-dict order (Model::tensors
/// for a module without its Model).
std::vector<TensorDesc> tensorDescs(GptImpl &gpt);

} // namespace Core
