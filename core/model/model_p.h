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

} // namespace Core
