// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The `golf` subcommands. Each takes argv after the subcommand name is consumed
// (argv[0] = "golf <command>") and returns an App::ExitCode.

#include <string>

namespace App {

int runTrain(int argc, char **argv);
int runEval(int argc, char **argv);
int runTokenize(int argc, char **argv);
int runDemo(int argc, char **argv);
int runQuantize(int argc, char **argv);
int runInspect(int argc, char **argv);
int runExport(int argc, char **argv);
int runConvert(int argc, char **argv);
int runExportC(int argc, char **argv);
int runSensitivity(int argc, char **argv);
int runAllocate(int argc, char **argv);
int runPareto(int argc, char **argv);
int runRewind(int argc, char **argv);
int runUnpack(int argc, char **argv);
int runScore(int argc, char **argv);

/// Path of the golf-tokenize helper: $GOLF_TOKENIZE, beside this executable, the build tree's
/// app/tokenize/, or PATH. Empty if none is found.
std::string findTokenizeHelper();

/// Folder holding resources (demo description, recipe presets): Core::resourceDir(), the
/// share/golf-studio beside the executable (or $GOLF_RESOURCE_DIR); empty when there is none.
std::string resourceDir();

} // namespace App
