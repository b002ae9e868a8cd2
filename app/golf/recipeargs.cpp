// SPDX-License-Identifier: GPL-3.0-or-later
#include "recipeargs.h"

#include "commands.h"
#include "common/error.h"
#include "common/resourcedir.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace App {

std::string resourceDir()
{
    // One locator for golf and golf-studio (common/resourcedir.h): beside the executable.
    return Core::resourceDir();
}

std::vector<std::string> recipePresetNames()
{
    std::vector<std::string> names;
    const std::string res = resourceDir();
    if (res.empty() || !fs::is_directory(res + "/recipes"))
        return names;
    for (const auto &entry : fs::directory_iterator(res + "/recipes"))
        if (entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string recipePresetList()
{
    std::string out;
    for (const auto &name : recipePresetNames())
        out += (out.empty() ? "" : ", ") + name;
    return out.empty() ? "(none found)" : out;
}

Core::Recipe loadRecipeArg(const std::string &value)
{
    if (value.empty())
        return Core::Recipe::defaultRecipe();
    if (fs::is_regular_file(value))
        return Core::Recipe::load(value);
    const std::string res = resourceDir();
    const std::string preset = res + "/recipes/" + value + ".json";
    if (!res.empty() && fs::is_regular_file(preset))
        return Core::Recipe::load(preset);
    throw Core::Error("--recipe " + value + ": no such file, and not a preset (presets: " + recipePresetList() + ")");
}

void addCalibrationOptions(ArgParser &args)
{
    args.addOption("calib-files", "GLOB",
                   "training shards that recipes with \"method\": \"gptq\" calibrate on "
                   "(default: the training shards of --data, else of the checkpoint's run). "
                   "Training data only: validation shards are refused");
    args.addOption("calib-tokens", "N", "calibration tokens for gptq", "32768");
}

ArgParser quantizeArguments()
{
    ArgParser args("golf quantize",
                   "Applies a recipe (how each tensor is stored) to a checkpoint: --explain shows the "
                   "resolved setting of every tensor and the rule that produced it; otherwise prints "
                   "the exact compressed size per tensor and the size ledger, and with --out writes "
                   "the model file. Tensors whose setting says \"method\": \"gptq\" are quantized "
                   "by GPTQ, calibrated on training tokens (never validation): --calib-files, or "
                   "the training shards of --data or of the checkpoint's run.");
    args.addPositional("CHECKPOINT", "a model file: state dict, int8 .ptz, golf-mixed-v1 or a record's artifact");
    args.addOption("recipe", "FILE|PRESET", "recipe JSON or a bundled preset (" + recipePresetList() +
                                                "); default: int8 per row in golf-mixed-v1 + lzma");
    args.addFlag("explain", "print the resolved setting of every tensor and which rule set it");
    args.addOption("out", "FILE", "write the model file here (atomically)");
    args.addOption("table-out", "FILE",
                   "write the settings table (each tensor's resolved setting, codec, calibration) "
                   "that packaging/python/golf_mixed.py's write_mixed() turns into the same file");
    args.addOption("code", "FILE", "train_gpt.py whose bytes count toward the budget");
    args.addFlag("wrap-code", "count the code as the lzma+base85 self-extracting wrapper");
    args.addOption("budget", "BYTES", "artifact budget in bytes", "16000000");
    args.addOption("data", "DIR", "dataset folder whose training shards calibrate gptq settings");
    addCalibrationOptions(args);
    args.addOption("threads", "N", "CPU threads (0 = all cores)", "0");
    args.addFlag("json", "print the size report and ledger as JSON");
    return args;
}

} // namespace App
