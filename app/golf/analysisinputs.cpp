// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysisinputs.h"

#include "recipe/evalhistory.h"
#include "packinputs.h"
#include "model/model.h"
#include "sliceinputs.h"

namespace App {

void addSensitivityOptions(ArgParser &args)
{
    args.addOption("recipe", "FILE|PRESET", "base recipe: the container and the settings of tensors that are "
                                            "not candidates (" + recipePresetList() + "); default: int8 per row, lzma 9");
    args.addOption("candidates", "FILE|JSON", "settings to try, a JSON array of recipe setting objects, e.g. "
                                              "'[{\"quant\":\"int6\"},{\"quant\":\"int4\",\"granularity\":\"group\"}]'; "
                                              "default: fp16, int8..int3 per row, ternary per row");
    args.addOption("min-numel", "N", "candidate tensors: 2-D with at least N values", "4096");
    args.addOption("only", "REGEX", "candidate tensors: only names matching REGEX");
    args.addOption("fisher-tokens", "N", "training tokens for the Fisher proxy (0 = skip it)", "16384");
    args.addFlag("gptq", "also try every integer, binary and ternary candidate of at most 6 bits with GPTQ "
                         "(calibrated on training tokens, never validation)");
    args.addFlag("no-cache", "measure everything again, without reading or writing the cache");
    args.addOption("nproc", "N",
                   "deal the cells out to N ranks on this machine (each gets the cores / N threads); "
                   "rank 0 gathers them into the cache. Across machines: one process per rank with "
                   "torchrun's variables (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT)");
    addCalibrationOptions(args);
    addSliceOptions(args);
}

Core::SensitivityOptions sensitivityOptions(const ArgParser &args, const std::string &ckpt)
{
    Core::SensitivityOptions o;
    o.base = loadRecipeArg(args.value("recipe"));
    if (args.has("candidates"))
        o.candidates = Core::parseCandidates(args.value("candidates"));
    if (args.has("gptq"))
        o.candidates = Core::withGptqTwins(o.candidates.empty() ? Core::defaultCandidates() : o.candidates);
    o.minNumel = args.intValue("min-numel");
    o.only = args.value("only");
    const SliceInputs in = sliceInputs(args, ckpt);
    o.slice = in.slice;
    o.fisherTokens = args.intValue("fisher-tokens");
    if (o.fisherTokens > 0)
        o.fisherGlob = in.trainGlob;
    o.cacheDir = Core::checkpointCacheDir(ckpt);
    if (args.has("no-cache"))
        o.cacheDir.clear();
    return o;
}

void attachCalibration(Core::SensitivityOptions &o, const ArgParser &args, Core::Model &model,
                       const std::string &ckpt)
{
    const CalibrationDefaults defaults = calibrationDefaults(args, ckpt);
    if (Core::anyGptq(o.candidates))
        o.calibration = collectCalibration(args, model, defaults);
    else if (auto c = calibrationFor(args, model, {o.base.resolve(model.tensors())}, defaults))
        o.calibration = *c;
}

Core::SensitivityProgress progressPrinter(ProgressLine &line)
{
    return [&line](const std::string &stage, int64_t done, int64_t total) {
        line.update("progress: " + stage + " " + std::to_string(done) + "/" + std::to_string(total), done == total);
        return true;
    };
}

} // namespace App
