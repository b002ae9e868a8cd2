// SPDX-License-Identifier: GPL-3.0-or-later
// `golf inspect` of the kinds that need libtorch to read (torch.save state dicts, the official
// int8 export, the records' artifacts); the front reads golf-mixed-v1 itself (cmd_inspect.cpp).

#include "cli/command.h"
#include "commands.h"
#include "inspectreport.h"
#include "quant/modelfile.h"

namespace App {

int runInspectAnyFile(int argc, char **argv)
{
    ArgParser args = inspectArguments();
    return runCommand("golf inspect", args, argc, argv, [&]() -> int {
        const std::string path = args.positional("FILE").front();
        const Core::ModelFileKind kind = Core::modelFileKind(path);
        return printInspection(args, path, Core::modelFileKindName(kind), Core::inspectModelFile(path));
    });
}

} // namespace App
