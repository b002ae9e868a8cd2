// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/command.h"

#include <cstdio>

namespace App {

int runCommand(const std::string &name, ArgParser &args, int argc, char **argv,
               const std::function<int()> &body)
{
    try {
        args.parse(argc, argv);
        if (args.helpRequested()) {
            std::fputs(args.help().c_str(), stdout);
            return ExitOk;
        }
        return body();
    } catch (const UsageError &e) {
        std::fprintf(stderr, "%s: %s\n(see %s --help)\n", name.c_str(), e.what(), name.c_str());
        return ExitUsage;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "%s: error: %s\n", name.c_str(), e.what());
        return ExitFailure;
    }
}

int dispatchSubcommand(const char *program, const char *usage,
                       std::initializer_list<Subcommand> commands, int argc, char **argv)
{
    if (argc < 2) {
        std::fputs(usage, stderr);
        return ExitUsage;
    }
    const std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        std::fputs(usage, stdout);
        return ExitOk;
    }
    for (const auto &c : commands)
        if (cmd == c.name)
            return c.run(argc - 1, argv + 1); // the subcommand's argv[0] is its name
    std::fprintf(stderr, "%s: unknown command '%s'\n\n%s", program, cmd.c_str(), usage);
    return ExitUsage;
}

} // namespace App
