// SPDX-License-Identifier: GPL-3.0-or-later
// `golf-tokenize train`: a SentencePiece BPE tokenizer with the official trainer settings.

#include "cli/progress.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "steps.h"
#include "text/documentreader.h"
#include "text/tokenizertrainer.h"
#include "tokenizecli.h"

#include <cstdio>
#include <filesystem>

namespace App {

void addTrainOptions(ArgParser &args, bool vocabRequired)
{
    args.addOption("vocab-size", "N",
                   std::string("vocabulary size, 261..65536 (byte fallback reserves 260 ids; "
                               "SentencePiece may stop a little short, as officially)") +
                       (vocabRequired ? "; required" : ""));
    args.addOption("train-docs", "N",
                   "train on the first N documents only (0 = all; SentencePiece keeps the "
                   "training text in memory)",
                   "0");
    args.addOption("max-doc-bytes", "N",
                   "documents longer than this are cut for training (SentencePiece would drop "
                   "them)",
                   "16777216");
    args.addFlag("verbose", "show SentencePiece's own training log");
}

Core::Tokenizer trainStep(const ArgParser &args, const std::vector<std::string> &inputs,
                          Core::DocumentFormat format, const std::string &prefix)
{
    Core::TokenizerTrainOptions options;
    options.vocabSize = int(intOption(args, "vocab-size", 1));
    options.maxDocuments = intOption(args, "train-docs", 0);
    options.maxDocumentBytes = intOption(args, "max-doc-bytes", 1);
    options.threads = threadsOption(args);
    options.verbose = args.has("verbose");

    const std::filesystem::path prefixPath(prefix);
    if (prefixPath.has_parent_path())
        Core::makeDirs(prefixPath.parent_path().string());
    const std::string name = prefixPath.filename().string() + ".model";

    Core::DocumentReader reader(inputs, format);
    ProgressLine line;
    Stopwatch clock;
    auto result = Core::trainTokenizer(reader, name, options, [&](const Core::TextProgress &p) {
        std::string text = progressText("reading text", p, clock.seconds());
        if (p.finished)
            text += "; training BPE (no progress until done)";
        line.update(text, p.finished);
    });
    line.finish();
    result.tokenizer.save(prefix);
    std::printf("trained %s.model: vocab %d (asked %d) from %s documents, %s, in %.1f s\n",
                prefix.c_str(), result.tokenizer.vocabSize(), options.vocabSize,
                withCommas(result.documents).c_str(), humanBytes(result.bytes).c_str(),
                result.seconds);
    std::fflush(stdout);
    return std::move(result.tokenizer);
}

int runTokenizerTrain(int argc, char **argv)
{
    const std::string name = "golf-tokenize train";
    ArgParser args(name, "Trains a SentencePiece BPE tokenizer with the official Parameter Golf "
                         "settings (byte_fallback, split_digits, nmt_nfkc, add_dummy_prefix=false, "
                         "character_coverage 0.999, pad/bos/eos/unk = 0/1/2/3) and writes "
                         "PREFIX.model and PREFIX.vocab.");
    addInputOptions(args);
    addTrainOptions(args, true);
    args.addOption("out", "PREFIX", "output path without extension, e.g. data/fineweb_1024_bpe");
    addThreadsOption(args);
    args.setEpilog("Example:\n  golf-tokenize train --input /usr/share/games/fortunes "
                   "--vocab-size 1024 --out data/fortunes_1024_bpe");
    return runCommand(name, args, argc, argv, [&] {
        const auto inputs = inputPaths(args);
        const auto format = formatOption(args);
        if (!args.has("vocab-size"))
            throw UsageError("--vocab-size is required");
        if (!args.has("out"))
            throw UsageError("--out PREFIX is required");
        trainStep(args, inputs, format, args.value("out"));
        return int(ExitOk);
    });
}

} // namespace App
