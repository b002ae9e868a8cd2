// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The frame every subcommand of `golf` and `golf-tokenize` shares: parse, --help, and turning
// exceptions into the exit codes (0 ok, 1 failure, 2 usage).

#include "cli/args.h"

#include <functional>
#include <initializer_list>
#include <string>

namespace App {

/// Parses argv into `args`, prints help for --help, else runs `body`. A UsageError prints
/// "<name>: <message>" with a pointer to --help and returns 2; any other exception prints
/// "<name>: error: <message>" and returns 1. `name` is how the user typed the command
/// ("golf train").
int runCommand(const std::string &name, ArgParser &args, int argc, char **argv,
               const std::function<int()> &body);

struct Subcommand
{
    const char *name;
    int (*run)(int argc, char **argv); ///< gets argv from the subcommand's name on
};

/// `program <command> ...`: prints `usage` for no command (exit 2) or --help (exit 0), runs the
/// matching subcommand, or reports an unknown one (exit 2).
int dispatchSubcommand(const char *program, const char *usage,
                       std::initializer_list<Subcommand> commands, int argc, char **argv);

} // namespace App
