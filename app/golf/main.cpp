// SPDX-License-Identifier: GPL-3.0-or-later
// golf: the headless command-line interface to Golf Studio's core (no Qt, so it also builds on
// a GPU box). Subcommands tokenize, train, eval and demo.

#include "cli/args.h"
#include "commands.h"
#include "common/buildinfo.h"
#include "common/openmpenv.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace {

const char *kUsage =
    "Usage: golf <command> [options]\n"
    "\n"
    "Train, evaluate and (soon) compress tiny language models for Parameter Golf.\n"
    "\n"
    "Commands:\n"
    "  tokenize   train or load a SentencePiece tokenizer and write token shards (golf-tokenize)\n"
    "  train      train a GPT from token shards into a run directory\n"
    "  eval       score a checkpoint: val_loss and val_bpb\n"
    "  demo       tokenize real English text, train a small model, evaluate it (a few CPU minutes)\n"
    "\n"
    "  golf <command> --help   options of one command\n"
    "  golf --version          versions of golf, libtorch and the compiler\n"
    "\n"
    "Exit codes: 0 success, 1 failure, 2 usage error.\n";

} // namespace

int main(int argc, char **argv)
{
    Core::limitOpenMpSpinning(argv);
    if (argc < 2) {
        std::fputs(kUsage, stderr);
        return App::ExitUsage;
    }
    const std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        std::fputs(kUsage, stdout);
        return App::ExitOk;
    }
    if (cmd == "--version" || cmd == "version") {
        const auto info = Core::buildInfo();
        std::printf("golf %s (git %s)\nlibtorch %s%s\ncompiler %s\n", info.golfVersion.c_str(),
                    info.gitRevision.c_str(), info.torchVersion.c_str(),
                    info.cuda ? " with CUDA" : " (CPU)", info.compiler.c_str());
        return App::ExitOk;
    }
    // Subcommands parse argv[1..]: argv[1] is their program name.
    if (cmd == "train")
        return App::runTrain(argc - 1, argv + 1);
    if (cmd == "eval")
        return App::runEval(argc - 1, argv + 1);
    if (cmd == "tokenize")
        return App::runTokenize(argc - 1, argv + 1);
    if (cmd == "demo")
        return App::runDemo(argc - 1, argv + 1);
    std::fprintf(stderr, "golf: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
    return App::ExitUsage;
}
