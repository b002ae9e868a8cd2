// SPDX-License-Identifier: GPL-3.0-or-later
// golf: the headless command-line interface to Golf Studio's core (no Qt, so it also builds on
// a GPU box). This executable is torch-free; the commands that need libtorch are opened from
// golf-torch.so when one of them runs (torchcommands.h).

#include "cli/command.h"
#include "commands.h"
#include "common/buildinfo.h"
#include "torchcommands.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace {

const char *kUsage =
    "Usage: golf <command> [options]\n"
    "\n"
    "Train, evaluate, compress and export tiny language models for Parameter Golf.\n"
    "\n"
    "Commands:\n"
    "  tokenize   train or load a SentencePiece tokenizer and write token shards (golf-tokenize)\n"
    "  train      train a GPT from token shards into a run directory\n"
    "  eval       score a checkpoint: val_loss and val_bpb\n"
    "  quantize   apply a recipe: --explain per tensor, exact compressed sizes, the size ledger\n"
    "  inspect    per-tensor byte table of a checkpoint or an exported model file\n"
    "  export     records folder + zip for a submission, size-checked and round-trip verified\n"
    "  convert    any model file -> a plain state dict of its (dequantized) weights\n"
    "  export-c   the model as a dependency-free C program that runs it from its quantized codes\n"
    "  sensitivity  per tensor and setting: exact bytes and the measured loss increase\n"
    "  allocate   per-tensor settings that fit a byte budget best, verified by a round trip\n"
    "  pareto     evaluate recipes, keep their history, show bytes vs val_bpb and the frontier\n"
    "  rewind     iterative magnitude pruning with rewinding, measured in bytes and val_bpb\n"
    "  unpack     extract a submission zip safely and check its claimed sizes against the files\n"
    "  serve      answer JSON requests on stdin: golf-studio's worker for tensor work\n"
    "  score      the score a training log reports (any era's format), its label and sizes\n"
    "  demo       tokenize real English text, train a small model, evaluate it (a few CPU minutes)\n"
    "\n"
    "  golf <command> --help   options of one command\n"
    "  golf --version          versions of golf, libtorch and the compiler\n"
    "\n"
    "Exit codes: 0 success, 1 failure, 2 usage error, 3 over the byte budget (export, allocate).\n";

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 2 && (std::string(argv[1]) == "--version" || std::string(argv[1]) == "version")) {
        const auto info = Core::buildInfo();
        std::printf("golf %s (git %s)\nlibtorch %s%s\ncompiler %s\n", info.golfVersion.c_str(),
                    info.gitRevision.c_str(), info.torchVersion.c_str(),
                    info.torchCuda ? " (CUDA build)" : " (CPU)", info.compiler.c_str());
        return App::ExitOk;
    }
    return App::dispatchSubcommand("golf", kUsage,
                                   {{"train", App::runTorchCommand},
                                    {"eval", App::runTorchCommand},
                                    {"tokenize", App::runTokenize},
                                    {"demo", App::runTorchCommand},
                                    {"quantize", App::runQuantize},
                                    {"inspect", App::runInspect},
                                    {"export", App::runTorchCommand},
                                    {"convert", App::runTorchCommand},
                                    {"export-c", App::runTorchCommand},
                                    {"sensitivity", App::runTorchCommand},
                                    {"allocate", App::runTorchCommand},
                                    {"pareto", App::runTorchCommand},
                                    {"rewind", App::runTorchCommand},
                                    {"unpack", App::runUnpack},
                                    {"serve", App::runTorchCommand},
                                    {"score", App::runScore}},
                                   argc, argv);
}
