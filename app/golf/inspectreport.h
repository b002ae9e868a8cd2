// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `golf inspect`'s options and output, shared by the torch-free front (golf-mixed-v1 files,
// cmd_inspect.cpp) and the torch commands (every other kind, cmd_inspect_torch.cpp).

#include "cli/args.h"
#include "pack/sizereport.h"

#include <string>

namespace App {

/// The parser with inspect's options.
ArgParser inspectArguments();

/// Prints `report` of `path` (a file of kind `kindName`) as a table or, with --json, as JSON.
int printInspection(const ArgParser &args, const std::string &path, const std::string &kindName,
                    const Core::SizeReport &report);

} // namespace App
