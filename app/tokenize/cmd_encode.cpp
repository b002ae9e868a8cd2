// SPDX-License-Identifier: GPL-3.0-or-later
// `golf-tokenize encode` and `golf-tokenize prepare`: text -> official token shards, with the
// byte LUTs, the tokenizer and dataset.json beside them.

#include "cli/progress.h"
#include "commands.h"
#include "common/error.h"
#include "steps.h"
#include "text/documentreader.h"
#include "text/shardexport.h"
#include "tokenizecli.h"

#include <cstdio>
#include <filesystem>

namespace App {

namespace {

void printSplit(const char *label, const Core::SplitStats &s)
{
    std::printf("%-6s %s documents, %s tokens, %s LUT bytes (%s of text), %zu shard%s\n", label,
                withCommas(s.documents).c_str(), withCommas(s.tokens).c_str(),
                withCommas(s.lutBytes).c_str(), humanBytes(s.textBytes).c_str(), s.files.size(),
                s.files.size() == 1 ? "" : "s");
}

const char *kFormatsEpilog =
    "Documents: blocks = runs of non-blank lines; lines = one per line; jsonl = the \"text\" of\n"
    "each JSON line; fortune = text between '%' lines. Empty documents are skipped.\n"
    "Each document becomes [BOS, tokens...] (no EOS); validation shards are P_val_NNNNNN.bin,\n"
    "training shards P_train_NNNNNN.bin. Beside them: tokenizer.luts.json (byte LUTs for\n"
    "val_bpb), the tokenizer (.model, .vocab) and dataset.json (counts per split).";

} // namespace

int exportStep(const ArgParser &args, const Core::Tokenizer &tokenizer,
               const std::vector<std::string> &inputs, Core::DocumentFormat format,
               const std::string &folder)
{
    Core::ShardExportOptions options;
    options.folder = folder;
    options.prefix = args.value("prefix");
    options.shardTokens = intOption(args, "shard-tokens", 1);
    options.split = splitOption(args);
    options.threads = threadsOption(args);
    options.inputs = inputs;

    Core::DocumentReader reader(inputs, format);
    ProgressLine line;
    Stopwatch clock;
    const auto result =
        Core::exportShards(reader, tokenizer, options, [&](const Core::TextProgress &p) {
            line.update(progressText("encoding", p, clock.seconds()), p.finished);
        });
    line.finish();

    if (result.val.documents == 0)
        std::fprintf(stderr, "golf-tokenize: warning: the validation split is empty\n");
    if (result.train.documents == 0)
        std::fprintf(stderr, "golf-tokenize: warning: the training split is empty\n");
    if (result.removedStale > 0)
        std::fprintf(stderr, "golf-tokenize: removed %d old shard%s of an earlier export\n",
                     result.removedStale, result.removedStale == 1 ? "" : "s");
    printSplit("val", result.val);
    printSplit("train", result.train);
    std::printf("split  %s\n", options.split.describe().c_str());
    std::printf("luts   %s\n", result.lutsPath.c_str());
    std::printf("model  %s\n", result.modelPath.c_str());
    const int64_t tokens = result.val.tokens + result.train.tokens;
    const int64_t lutBytes = result.val.lutBytes + result.train.lutBytes;
    const size_t shards = result.val.files.size() + result.train.files.size();
    std::printf("wrote %zu shard%s to %s: %s tokens, %.4f tokens/byte, %.0f tokens/s (%.1f s)\n",
                shards, shards == 1 ? "" : "s", folder.c_str(), withCommas(tokens).c_str(),
                lutBytes > 0 ? double(tokens) / double(lutBytes) : 0.0,
                result.seconds > 0 ? double(tokens) / result.seconds : 0.0, result.seconds);
    return ExitOk;
}

int runEncode(int argc, char **argv)
{
    const std::string name = "golf-tokenize encode";
    ArgParser args(name, "Tokenizes text with a SentencePiece model into Parameter Golf token "
                         "shards, as the official download_hf_docs_and_tokenize.py does.");
    args.addOption("model", "FILE", "SentencePiece .model; required");
    addInputOptions(args);
    args.addOption("out", "DIR", "output folder (created if missing); required");
    addExportOptions(args);
    addThreadsOption(args);
    args.setEpilog(std::string(kFormatsEpilog) +
                   "\n\nExample:\n  golf-tokenize encode --model fineweb_1024_bpe.model --input "
                   "docs.txt --format lines --val-docs 901 --out data/sp1024");
    return runCommand(name, args, argc, argv, [&] {
        if (!args.has("model"))
            throw UsageError("--model FILE is required");
        if (!args.has("out"))
            throw UsageError("--out DIR is required");
        const auto inputs = inputPaths(args);
        const auto format = formatOption(args);
        splitOption(args); // usage errors before any work
        const auto tokenizer = Core::Tokenizer::load(args.value("model"));
        return exportStep(args, tokenizer, inputs, format, args.value("out"));
    });
}

int runPrepare(int argc, char **argv)
{
    const std::string name = "golf-tokenize prepare";
    ArgParser args(name,
                   "Trains a tokenizer (with --vocab-size) or loads one (--model), then encodes "
                   "the same text into shards: `train` and `encode` in one go. The tokenizer is "
                   "trained into DIR/<prefix>_<N>_bpe.model.");
    args.addOption("model", "FILE", "use this tokenizer instead of training one");
    addInputOptions(args);
    addTrainOptions(args, false);
    args.addOption("out", "DIR", "output folder (created if missing); required");
    addExportOptions(args);
    addThreadsOption(args);
    args.setEpilog(std::string(kFormatsEpilog) +
                   "\n\nExample:\n  golf-tokenize prepare --input /usr/share/games/fortunes "
                   "--vocab-size 1024 --val-fraction 0.1 --out demo/data");
    return runCommand(name, args, argc, argv, [&] {
        if (!args.has("out"))
            throw UsageError("--out DIR is required");
        if (!args.has("model") && !args.has("vocab-size"))
            throw UsageError("give --vocab-size N to train a tokenizer, or --model FILE");
        const auto inputs = inputPaths(args);
        const auto format = formatOption(args);
        splitOption(args);
        const std::string folder = args.value("out");
        Core::Tokenizer tokenizer;
        if (args.has("model")) {
            tokenizer = Core::Tokenizer::load(args.value("model"));
            if (args.has("vocab-size") && tokenizer.vocabSize() != args.intValue("vocab-size"))
                throw Core::Error(args.value("model") + ": vocabulary size is " +
                                  std::to_string(tokenizer.vocabSize()) + ", not " +
                                  args.value("vocab-size"));
        } else {
            const std::string stem =
                args.value("prefix") + "_" + std::to_string(args.intValue("vocab-size")) + "_bpe";
            const std::string prefix = (std::filesystem::path(folder) / stem).string();
            tokenizer = trainStep(args, inputs, format, prefix);
        }
        return exportStep(args, tokenizer, inputs, format, folder);
    });
}

} // namespace App
