// SPDX-License-Identifier: GPL-3.0-or-later
// `golf inspect`: the per-tensor byte table of a checkpoint or an exported model file. A
// golf-mixed-v1 file is read here, without libtorch (pack/mixedinspect.h); every other kind by
// the torch commands.

#include "cli/command.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "inspectreport.h"
#include "pack/mixedformat.h"
#include "pack/mixedinspect.h"
#include "torchcommands.h"

#include <filesystem>
#include <fstream>

namespace App {

namespace {

/// True when `path` is a readable file that starts with golf-mixed-v1's magic.
bool isMixedModelFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    char head[16] = {};
    in.read(head, sizeof head);
    return in.gcount() > 0 && Core::isMixedFile(std::string_view(head, size_t(in.gcount())));
}

} // namespace

int runInspect(int argc, char **argv)
{
    constexpr int kOtherKind = -1;
    ArgParser args = inspectArguments();
    const int code = runCommand("golf inspect", args, argc, argv, [&]() -> int {
        const std::string path = args.positional("FILE").front();
        Core::check(std::filesystem::is_regular_file(path), path + ": no such file");
        if (!isMixedModelFile(path))
            return kOtherKind;
        return printInspection(args, path, Core::kMixedFormatTag, Core::inspectMixedFile(Core::readFile(path), path));
    });
    // Every other kind needs libtorch to read.
    return code == kOtherKind ? runTorchCommand(argc, argv) : code;
}

} // namespace App
