// SPDX-License-Identifier: GPL-3.0-or-later
// The entry point of golf-torch.so, the module `golf` opens for the commands that do tensor
// math (torchcommands.h).

#include "cli/args.h"
#include "commands.h"

#include <cstdio>
#include <cstring>

extern "C" __attribute__((visibility("default"))) int golf_torch_command(int argc, char **argv)
{
    struct Command
    {
        const char *name;
        int (*run)(int, char **);
    };
    static const Command commands[] = {
        {"train", App::runTrain},         {"eval", App::runEval},
        {"demo", App::runDemo},           {"quantize", App::runQuantize},
        {"inspect", App::runInspectAnyFile}, {"export", App::runExport},
        {"convert", App::runConvert},     {"export-c", App::runExportC},
        {"sensitivity", App::runSensitivity}, {"allocate", App::runAllocate},
        {"pareto", App::runPareto},       {"rewind", App::runRewind},
        {"unpack", App::runUnpack},      {"serve", App::runServe},
    };
    for (const Command &c : commands)
        if (argc > 0 && std::strcmp(argv[0], c.name) == 0)
            return c.run(argc, argv);
    std::fprintf(stderr, "golf: golf-torch.so has no command '%s'\n", argc > 0 ? argv[0] : "");
    return App::ExitUsage;
}
