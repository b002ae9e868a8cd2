// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The `golf` subcommands. Each takes argv from the subcommand's name on (argv[0] = "train")
// and returns an App::ExitCode. The front (the `golf` executable, torch-free) runs tokenize,
// score, unpack, and inspect and quantize --explain of golf-mixed-v1 files and plain state dicts
// itself; the rest live in golf-torch.so (torchentry.cpp), opened on first use (torchcommands.h).

#include <string>

namespace App {

// In the front.
int runTokenize(int argc, char **argv);
int runScore(int argc, char **argv);
int runInspect(int argc, char **argv);
int runQuantize(int argc, char **argv); ///< --explain of golf-mixed-v1 files and plain state dicts
int runUnpack(int argc, char **argv);

// In golf-torch.so.
int runTrain(int argc, char **argv);
int runEval(int argc, char **argv);
int runDemo(int argc, char **argv);
int runQuantizeAnyFile(int argc, char **argv); ///< everything else quantize does
int runInspectAnyFile(int argc, char **argv); ///< every kind of model file
int runExport(int argc, char **argv);
int runConvert(int argc, char **argv);
int runExportC(int argc, char **argv);
int runSensitivity(int argc, char **argv);
int runAllocate(int argc, char **argv);
int runPareto(int argc, char **argv);
int runRewind(int argc, char **argv);
int runServe(int argc, char **argv); ///< golf-studio's worker (job/serveprotocol.h)

/// Path of the golf-tokenize helper: $GOLF_TOKENIZE, beside this executable, the build tree's
/// app/tokenize/, or PATH. Empty if none is found.
std::string findTokenizeHelper();

/// Folder holding resources (demo description, recipe presets): Core::resourceDir(), the
/// share/golf-studio beside the executable (or $GOLF_RESOURCE_DIR); empty when there is none.
std::string resourceDir();

} // namespace App
