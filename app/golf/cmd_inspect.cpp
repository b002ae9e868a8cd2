// SPDX-License-Identifier: GPL-3.0-or-later
// `golf inspect`: the per-tensor byte table of a checkpoint or an exported model file.

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"
#include "quant/modelfile.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace App {

int runInspect(int argc, char **argv)
{
    ArgParser args("golf inspect",
                   "Prints every tensor of a model file with its shape, dtype, how it is stored, "
                   "sparsity, raw and in-file bytes and share of the budget. Reads torch.save state "
                   "dicts (checkpoints, the official final_model.pt), int8_clean_per_row_v1 .ptz and "
                   "golf-mixed-v1 files. The per-tensor bytes sum exactly to the file size.");
    args.addPositional("FILE", "the model file");
    args.addOption("budget", "BYTES", "budget for the share column", "16000000");
    args.addFlag("json", "print the report as JSON");
    return runCommand("golf inspect", args, argc, argv, [&]() -> int {
        const std::string path = args.positional("FILE").front();
        const Core::ModelFileKind kind = Core::modelFileKind(path);
        const Core::SizeReport report = Core::inspectModelFile(path);
        if (args.has("json")) {
            nlohmann::json out = Core::toJson(report);
            out["file"] = path;
            out["kind"] = Core::modelFileKindName(kind);
            std::printf("%s\n", out.dump().c_str());
        } else {
            std::printf("%s: %s, %s bytes\n\n%s", path.c_str(), Core::modelFileKindName(kind),
                        Core::formatBytes(report.modelBytes).c_str(),
                        Core::formatSizeTable(report, args.intValue("budget")).c_str());
        }
        return ExitOk;
    });
}

} // namespace App
