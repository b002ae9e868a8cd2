// SPDX-License-Identifier: GPL-3.0-or-later
#include "packinputs.h"

#include "cli/command.h"
#include "cli/progress.h"
#include "commands.h"
#include "common/error.h"
#include "common/resourcedir.h"
#include "data/dataset.h"
#include "model/model.h"
#include "run/checkpointdata.h"
#include "analysis/calibrationrun.h"

#include <chrono>
#include <cstdio>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace App {

std::string mixedReaderPath()
{
    return Core::mixedReaderPath(); // common/resourcedir.h, the locator golf-studio uses too
}

CalibrationDefaults calibrationDefaults(const ArgParser &args, const std::string &ckpt)
{
    const Core::CheckpointData data = Core::checkpointData(ckpt, args.value("data"));
    CalibrationDefaults d;
    d.trainGlob = data.trainGlob;
    d.seqLen = data.seqLen;
    return d;
}

std::optional<Core::Calibration> calibrationFor(const ArgParser &args, Core::Model &model,
                                                const std::vector<Core::Resolution> &resolutions,
                                                const CalibrationDefaults &defaults)
{
    bool gptq = false;
    const std::vector<std::string> linear = Core::calibratableTensors(model);
    for (const auto &r : resolutions)
        if (Core::usesGptq(r)) {
            gptq = true;
            Core::checkGptqTensors(r, linear);
        }
    if (!gptq)
        return std::nullopt;
    return collectCalibration(args, model, defaults);
}

Core::Calibration collectCalibration(const ArgParser &args, Core::Model &model,
                                     const CalibrationDefaults &defaults)
{
    Core::CalibrationOptions o;
    o.trainGlob = args.has("calib-files") ? args.value("calib-files") : defaults.trainGlob;
    if (o.trainGlob.empty())
        throw UsageError("the recipe uses gptq, which calibrates on training tokens: give "
                         "--calib-files GLOB or --data DIR");
    o.tokens = args.intValue("calib-tokens");
    o.seqLen = defaults.seqLen > 0 ? defaults.seqLen : 1024;
    if (o.tokens < o.seqLen)
        throw UsageError("--calib-tokens must be at least one sequence (" +
                         std::to_string(o.seqLen) + " tokens)");
    ProgressLine line(2.0);
    const auto t0 = std::chrono::steady_clock::now();
    Core::Calibration c = Core::collectCalibration(model, o, [&](int64_t done, int64_t total) {
        line.update("calibrating gptq: " + std::to_string(done) + "/" + std::to_string(total) +
                    " sequences");
        return true;
    });
    line.finish();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "calibrated %zu linear layers on %s of %s in %.1f s\n", c.tensors().size(),
                 c.label().c_str(), o.trainGlob.c_str(), s);
    return c;
}

} // namespace App
