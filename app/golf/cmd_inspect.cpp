// SPDX-License-Identifier: GPL-3.0-or-later
// `golf inspect`: the per-tensor byte table of a checkpoint or an exported model file.
// golf-mixed-v1 files and plain state dicts are read here, without libtorch
// (pack/mixedinspect.h, pack/statedictinspect.h); every other kind by the torch commands.

#include "cli/command.h"
#include "commands.h"
#include "common/error.h"
#include "inspectreport.h"
#include "torchcommands.h"

#include <filesystem>

namespace App {

int runInspect(int argc, char **argv)
{
    constexpr int kOtherKind = -1;
    ArgParser args = inspectArguments();
    const int code = runCommand("golf inspect", args, argc, argv, [&]() -> int {
        const std::string path = args.positional("FILE").front();
        Core::check(std::filesystem::is_regular_file(path), path + ": no such file");
        if (const auto inspected = inspectWithoutTorch(path))
            return printInspection(args, path, inspected->kind, inspected->report);
        return kOtherKind;
    });
    // Every other kind needs libtorch to read.
    return code == kOtherKind ? runTorchCommand(argc, argv) : code;
}

} // namespace App
