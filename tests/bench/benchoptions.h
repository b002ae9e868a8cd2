// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The C++ benchmarks' command lines: `--name value` pairs over a table of defaults.

#include <cstdio>
#include <map>
#include <string>

namespace Bench {

using Options = std::map<std::string, std::string>;

/// Overwrites `options` (the defaults) with argv's `--name value` pairs. False, after saying so
/// on stderr, for a name the table does not have: the caller exits with status 2.
inline bool parseOptions(int argc, char **argv, Options &options, const char *program)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!options.count(argv[i])) {
            std::fprintf(stderr, "unknown option %s (see %s)\n", argv[i], program);
            return false;
        }
        options[argv[i]] = argv[i + 1];
    }
    return true;
}

} // namespace Bench
