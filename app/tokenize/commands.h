// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The golf-tokenize subcommands. Each gets argv with argv[0] = its own name ("train", ...) and
// returns an App::ExitCode: 0 success, 1 failure, 2 usage error.

namespace App {

int runTokenizerTrain(int argc, char **argv);
int runEncode(int argc, char **argv);
int runPrepare(int argc, char **argv);
int runLuts(int argc, char **argv);
int runAudit(int argc, char **argv);
int runDecode(int argc, char **argv);

} // namespace App
