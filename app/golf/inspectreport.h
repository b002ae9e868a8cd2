// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading model files without libtorch, and `golf inspect`'s options and output, shared by the torch-free front (golf-mixed-v1 files,
// cmd_inspect.cpp) and the torch commands (every other kind, cmd_inspect_torch.cpp).

#include "cli/args.h"
#include "pack/sizereport.h"

#include <optional>
#include <string>

namespace App {

/// A model file read by the front, without libtorch.
struct FrontInspection
{
    std::string kind; ///< its kind's name, as golf-torch.so's readers name it
    Core::SizeReport report;
};

/// The file at `path` (which must exist) read fully, when it is a golf-mixed-v1 file or a plain
/// state dict (pack/mixedinspect.h, pack/statedictinspect.h); nullopt for any other kind, which
/// golf-torch.so reads. Throws Core::Error for a corrupt file of those two kinds.
std::optional<FrontInspection> inspectWithoutTorch(const std::string &path);

/// The parser with inspect's options.
ArgParser inspectArguments();

/// Prints `report` of `path` (a file of kind `kindName`) as a table or, with --json, as JSON.
int printInspection(const ArgParser &args, const std::string &path, const std::string &kindName,
                    const Core::SizeReport &report);

} // namespace App
