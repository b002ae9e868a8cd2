// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `golf` starts without libtorch: the commands that do tensor math live in a module,
// golf-torch.so, opened on their first use. Help, --version, score, tokenize and inspect of
// golf-mixed-v1 files and plain state dicts never load it (a few milliseconds instead of libtorch's ~0.7 s and
// ~150 MB). Opening it is also when OpenMP's spin limit is set (common/openmpenv.h): before
// libgomp loads with libtorch, so golf no longer starts itself twice.

namespace App {

/// Runs the torch command argv[0] ("train", "eval", ...) from golf-torch.so: $GOLF_TORCH_MODULE,
/// else beside this executable (the build tree), else ../lib/golf-studio/ (installed). A module
/// that cannot be opened is an error naming the file and why.
int runTorchCommand(int argc, char **argv);

} // namespace App
