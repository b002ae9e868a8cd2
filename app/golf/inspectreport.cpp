// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspectreport.h"

#include "common/atomicfile.h"
#include "pack/mixedformat.h"
#include "pack/mixedinspect.h"
#include "pack/statedictinspect.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace App {

std::optional<FrontInspection> inspectWithoutTorch(const std::string &path)
{
    const std::string bytes = Core::readFile(path);
    if (Core::isMixedFile(bytes))
        return FrontInspection{Core::kMixedFormatTag, Core::inspectMixedFile(bytes, path)};
    if (auto report = Core::inspectPlainStateDict(bytes, path))
        return FrontInspection{Core::kStateDictKind, std::move(*report)};
    return std::nullopt;
}

ArgParser inspectArguments()
{
    ArgParser args("golf inspect",
                   "Prints every tensor of a model file with its shape, dtype, how it is stored, "
                   "sparsity, raw and in-file bytes and share of the budget. Reads torch.save state "
                   "dicts (checkpoints, the official final_model.pt), int8_clean_per_row_v1 .ptz and "
                   "golf-mixed-v1 files. The per-tensor bytes sum exactly to the file size.");
    args.addPositional("FILE", "the model file");
    args.addOption("budget", "BYTES", "budget for the share column", "16000000");
    args.addFlag("json", "print the report as JSON");
    return args;
}

int printInspection(const ArgParser &args, const std::string &path, const std::string &kindName,
                    const Core::SizeReport &report)
{
    if (args.has("json")) {
        nlohmann::json out = Core::toJson(report);
        out["file"] = path;
        out["kind"] = kindName;
        std::printf("%s\n", out.dump().c_str());
    } else {
        std::printf("%s: %s, %s bytes\n\n%s", path.c_str(), kindName.c_str(),
                    Core::formatBytes(report.modelBytes).c_str(),
                    Core::formatSizeTable(report, args.intValue("budget")).c_str());
    }
    return ExitOk;
}

} // namespace App
