// SPDX-License-Identifier: GPL-3.0-or-later
// `golf sensitivity`: per tensor and candidate setting, the exact compressed bytes and the
// measured loss increase of quantizing that tensor alone, with the cheap proxies beside.

#include "analysis/sensitivity.h"
#include "analysisinputs.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "dist/world.h"
#include "ranklauncher.h"
#include "model/model.h"
#include "train/torchruntime.h"
#include "quant/modelload.h"
#include "scriptinputs.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace App {

int runSensitivity(int argc, char **argv)
{
    ArgParser args("golf sensitivity",
                   "Measures what storing each tensor differently costs: for every candidate tensor and "
                   "setting, the tensor's exact compressed bytes and the loss increase on a fixed slice "
                   "with only that tensor quantized, plus the weight-error and Fisher proxies and how well "
                   "they agree with the measurement. Results are cached per checkpoint, so a re-run is "
                   "instant.");
    args.addPositional("CHECKPOINT", "a model file: state dict, int8 .ptz, golf-mixed-v1 or a record's artifact");
    addSensitivityOptions(args);
    args.addFlag("no-measure", "bytes and proxies only (no evaluation per cell)");
    args.addOption("out", "FILE", "write the table as JSON (atomically)");
    args.addOption("threads", "N", "CPU threads (0 = all cores)", "0");
    args.addFlag("json", "print the table as JSON");
    return runCommand("golf sensitivity", args, argc, argv, [&]() -> int {
        if (args.has("nproc") && wantsLocalRanks(int(args.intValue("nproc"))))
            return launchLocalRanks("golf sensitivity", int(args.intValue("nproc")), argc, argv);
        const auto world = Core::joinWorld("cpu");
        Core::configureTorchRuntime(Core::rankThreads(args.intValue("threads"), world.get()));
        const std::string ckpt = args.positional("CHECKPOINT").front();
        Core::SensitivityOptions o = sensitivityOptions(args, ckpt);
        o.measure = !args.has("no-measure");
        o.world = world.get();
        const AnalysisTarget measured = sensitivityTarget(args, ckpt, o);
        const bool leader = Core::isLeader(world.get());
        ProgressLine line(2.0);
        const Core::SensitivityTable table =
            Core::measureSensitivity(*measured.target, o, leader ? progressPrinter(line) : nullptr);
        line.finish();
        if (!leader)
            return ExitOk; // rank 0 reports the table
        const nlohmann::json j = table.toJson();
        if (args.has("out"))
            Core::writeFileAtomic(args.value("out"), j.dump(1) + "\n");
        if (args.has("json"))
            std::printf("%s\n", j.dump(1).c_str());
        else
            std::printf("%s", Core::formatSensitivityTable(table).c_str());
        return ExitOk;
    });
}

} // namespace App
