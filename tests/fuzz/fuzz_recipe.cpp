// SPDX-License-Identifier: GPL-3.0-or-later
// Recipes (core/recipe/recipe.cpp, reciperesolve.cpp, recipeexplain.cpp): JSON text -> Recipe ->
// resolution against the tensors of a small baseline-shaped GPT -> --explain text. Anything but
// Core::Error escaping (a nlohmann type_error from an unchecked get<>, std::regex_error from a
// "match") is a finding: golf would die with an uncaught exception instead of naming the key.

#include "common/error.h"
#include "fuzzinput.h"
#include "pack/quantsetting.h"
#include "recipe/recipe.h"

namespace {

std::vector<Core::TensorDesc> tinyModel()
{
    auto t = [](std::string name, std::vector<int64_t> shape) {
        int64_t n = 1;
        for (int64_t s : shape)
            n *= s;
        return Core::TensorDesc{std::move(name), std::move(shape), n, "float32"};
    };
    std::vector<Core::TensorDesc> out{t("tok_emb.weight", {64, 32}), t("skip_weights", {1, 32})};
    for (int b = 0; b < 2; ++b) {
        const std::string p = "blocks." + std::to_string(b) + ".";
        out.push_back(t(p + "attn.c_q.weight", {32, 32}));
        out.push_back(t(p + "attn.c_k.weight", {16, 32}));
        out.push_back(t(p + "attn.c_v.weight", {16, 32}));
        out.push_back(t(p + "attn.proj.weight", {32, 32}));
        out.push_back(t(p + "attn.q_gain", {4}));
        out.push_back(t(p + "mlp.fc.weight", {64, 32}));
        out.push_back(t(p + "mlp.proj.weight", {32, 64}));
        out.push_back(t(p + "attn_scale", {32}));
        out.push_back(t(p + "mlp_scale", {32}));
        out.push_back(t(p + "resid_mix", {2, 32}));
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const std::vector<Core::TensorDesc> model = tinyModel();
    const std::string path = Fuzz::writeScratch(data, size, ".json");
    try {
        const Core::Recipe recipe = Core::Recipe::load(path);
        (void)recipe.toJson().dump();
        const Core::Resolution resolution = recipe.resolve(model);
        (void)Core::explainResolution(recipe, resolution);
    } catch (const Core::Error &) {
    }
    return 0;
}
