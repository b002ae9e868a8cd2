// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/gpt_p.h"
#include "model/model.h"

namespace Core {

struct Model::Impl
{
    explicit Impl(const GptConfig &c)
        : config(c)
        , gpt(c)
    {}
    GptConfig config;
    Gpt gpt;
};

/// Name, shape, numel and dtype of every tensor of `gpt`, in state-dict order (Model::tensors
/// for a module without its Model).
std::vector<TensorDesc> tensorDescs(GptImpl &gpt);

} // namespace Core
