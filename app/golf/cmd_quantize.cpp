// SPDX-License-Identifier: GPL-3.0-or-later
// `golf quantize --explain` in the front: which setting every tensor gets under a recipe, and
// which rule gave it, needs only the file's tensor list, and golf reads that from a
// golf-mixed-v1 file or a plain state dict without libtorch (pack/mixedinspect.h,
// pack/statedictinspect.h). Anything else quantize does (pricing, --out, --json, other kinds of
// file) runs in golf-torch.so (cmd_quantize_torch.cpp), with the same options and output.

#include "cli/command.h"
#include "commands.h"
#include "inspectreport.h"
#include "common/error.h"
#include "recipe/recipe.h"
#include "recipeargs.h"
#include "torchcommands.h"

#include <cstdio>
#include <filesystem>
#include <optional>

namespace App {

namespace {

/// The tensors of `path` as golf's loaders list them, when golf reads its kind without libtorch.
std::optional<std::vector<Core::TensorDesc>> tensorsWithoutTorch(const std::string &path)
{
    if (!std::filesystem::is_regular_file(path))
        return std::nullopt; // the torch side says what is wrong, as for every other error
    const auto inspected = inspectWithoutTorch(path);
    if (!inspected)
        return std::nullopt;
    std::vector<Core::TensorDesc> tensors;
    for (const Core::TensorSize &t : inspected->report.tensors)
        tensors.push_back({t.name, t.shape, t.numel, t.dtype});
    return tensors;
}

} // namespace

int runQuantize(int argc, char **argv)
{
    constexpr int kNeedsTorch = -1;
    ArgParser args = quantizeArguments();
    const int code = runCommand("golf quantize", args, argc, argv, [&]() -> int {
        // Only a bare --explain is answered here; the rest prices, writes or calibrates.
        for (const char *option : {"out", "table-out", "code", "json"})
            if (args.has(option))
                return kNeedsTorch;
        if (!args.has("explain"))
            return kNeedsTorch;
        const Core::Recipe recipe = loadRecipeArg(args.value("recipe"));
        const auto tensors = tensorsWithoutTorch(args.positional("CHECKPOINT").front());
        if (!tensors)
            return kNeedsTorch;
        std::printf("%s", Core::explainResolution(recipe, recipe.resolve(*tensors)).c_str());
        return ExitOk;
    });
    return code == kNeedsTorch ? runTorchCommand(argc, argv) : code;
}

} // namespace App
