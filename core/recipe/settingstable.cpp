// SPDX-License-Identifier: GPL-3.0-or-later
#include "recipe/settingstable.h"

#include "common/error.h"
#include "pack/codec.h"

namespace Core {

namespace {

// GptqOptions' defaults (quant/gptq_p.h, a torch header), which quantizeWithMethod uses.
constexpr int kGptqBlockSize = 128;
constexpr double kGptqDampening = 0.01;

} // namespace

nlohmann::json settingsTable(const Resolution &resolution, const ContainerSpec &container,
                             const CalibrationOptions *calibration)
{
    check(!container.official(),
          "a settings table describes golf-mixed-v1 files; the official int8 format has none");
    checkCodecLevel(container.codec, container.level, "settings table");
    nlohmann::json tensors = nlohmann::json::array();
    for (const ResolvedTensor &t : resolution.tensors)
        tensors.push_back({{"name", t.tensor.name}, {"setting", t.setting.toJson()}});
    nlohmann::json table = {{"format", "golf-settings-v1"},
                            {"codec", codecName(container.codec)},
                            {"level", container.level},
                            {"tensors", std::move(tensors)},
                            {"gptq", {{"block_size", kGptqBlockSize}, {"dampening", kGptqDampening}}}};
    if (calibration)
        table["calibration"] = {{"tokens", calibration->tokens},
                                {"seq_len", calibration->seqLen},
                                {"batch_tokens", calibration->batchTokens},
                                {"offset", calibration->offset}};
    return table;
}

} // namespace Core
