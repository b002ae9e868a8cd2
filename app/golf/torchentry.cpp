// SPDX-License-Identifier: GPL-3.0-or-later
// The entry point of golf-torch.so, the module `golf` opens for the commands that do tensor
// math (torchcommands.h).

#include "cli/args.h"
#include "commands.h"
#include "quant/modelfile.h"
#include "pack/sizereport.h"

#include <cstdio>
#include <cstring>
#include <exception>

extern "C" __attribute__((visibility("default"))) int golf_torch_command(int argc, char **argv)
{
    struct Command
    {
        const char *name;
        int (*run)(int, char **);
    };
    static const Command commands[] = {
        {"train", App::runTrain},         {"eval", App::runEval},
        {"demo", App::runDemo},           {"quantize", App::runQuantizeAnyFile},
        {"inspect", App::runInspectAnyFile}, {"export", App::runExport},
        {"convert", App::runConvert},     {"export-c", App::runExportC},
        {"sensitivity", App::runSensitivity}, {"allocate", App::runAllocate},
        {"pareto", App::runPareto},       {"rewind", App::runRewind},
        {"serve", App::runServe},
    };
    for (const Command &c : commands)
        if (argc > 0 && std::strcmp(argv[0], c.name) == 0)
            return c.run(argc, argv);
    std::fprintf(stderr, "golf: golf-torch.so has no command '%s'\n", argc > 0 ? argv[0] : "");
    return App::ExitUsage;
}

/// For torchcommands.h's identifyWithTorch: reads `path` fully with golf's readers of every model
/// file kind. 0 with its kind's name and tensor count, else 1 with the error.
extern "C" __attribute__((visibility("default"))) int golf_torch_identify(const char *path, char *kind,
                                                                          size_t kindCap, long long *tensors,
                                                                          char *error, size_t errorCap)
{
    try {
        const Core::ModelFileKind k = Core::modelFileKind(path);
        const Core::SizeReport report = Core::inspectModelFile(path); // loads it fully
        std::snprintf(kind, kindCap, "%s", Core::modelFileKindName(k));
        *tensors = static_cast<long long>(report.tensors.size());
        return 0;
    } catch (const std::exception &e) {
        std::snprintf(error, errorCap, "%s", e.what());
        return 1;
    }
}
