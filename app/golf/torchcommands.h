// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `golf` starts without libtorch: the commands that do tensor math live in a module,
// golf-torch.so, opened on their first use. Help, --version, score, tokenize and inspect of
// golf-mixed-v1 files and plain state dicts never load it (a few milliseconds instead of libtorch's ~0.7 s and
// ~150 MB). Opening it is also when OpenMP's spin limit is set (common/openmpenv.h): before
// libgomp loads with libtorch, so golf no longer starts itself twice.

#include "common/error.h"

#include <string>

namespace App {

/// Runs the torch command argv[0] ("train", "eval", ...) from golf-torch.so: $GOLF_TORCH_MODULE,
/// else beside this executable (the build tree), else ../lib/golf-studio/ (installed). A module
/// that cannot be opened is an error naming the file and why.
int runTorchCommand(int argc, char **argv);

/// golf-torch.so cannot be opened (what identifyWithTorch throws then, "cannot open ...").
class ModuleError : public Core::Error
{
public:
    using Core::Error::Error;
};

/// What golf-torch.so's readers make of a model file of any kind (quant/modelfile.h): its kind's
/// name and its tensor count, after reading it fully. Throws Core::Error for a file of no known
/// kind or a corrupt one, ModuleError for a module that cannot be opened.
struct IdentifiedModel
{
    std::string kind;
    size_t tensors = 0;
};
IdentifiedModel identifyWithTorch(const std::string &path);

} // namespace App
