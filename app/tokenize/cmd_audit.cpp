// SPDX-License-Identifier: GPL-3.0-or-later
// `golf-tokenize audit`: LUT bytes against decoded bytes, document by document.

#include "cli/progress.h"
#include "commands.h"
#include "data/shard.h"
#include "text/byteaudit.h"
#include "text/tokenizer.h"
#include "tokenizecli.h"

#include <cstdio>

namespace App {

int runAudit(int argc, char **argv)
{
    const std::string name = "golf-tokenize audit";
    ArgParser args(name,
                   "Checks the byte LUTs against the shards: splits the token stream at BOS into "
                   "documents, decodes each with SentencePiece, and compares the LUT's byte count "
                   "(the official eval_val rule over [BOS, tokens...]) with the UTF-8 length of "
                   "the decoded text. Exits 1 if any document differs.");
    args.addOption("model", "FILE", "SentencePiece .model; required");
    args.addOption("shards", "GLOB",
                   "token shards, read in sorted order as one stream (repeatable); required");
    args.addOption("luts", "FILE", "byte LUT sidecar to check; default: built from --model");
    args.addOption("max-mismatches", "N", "documents to list when they differ", "10");
    args.setEpilog("Example:\n  golf-tokenize audit --model data/fineweb_1024_bpe.model "
                   "--shards 'data/fineweb_val_*.bin' --luts data/tokenizer.luts.json");
    return runCommand(name, args, argc, argv, [&] {
        if (!args.has("model") || !args.has("shards"))
            throw UsageError("--model FILE and --shards GLOB are required");
        const auto tokenizer = Core::Tokenizer::load(args.value("model"));
        const Core::ByteLut lut =
            args.has("luts") ? Core::ByteLut::load(args.value("luts")) : tokenizer.byteLut();
        std::vector<std::string> paths;
        for (const auto &glob : args.values("shards")) {
            const auto matched = Core::expandShardGlob(glob);
            paths.insert(paths.end(), matched.begin(), matched.end());
        }
        ProgressLine line;
        Stopwatch clock;
        const auto report = Core::auditShards(
            tokenizer, lut, paths, int(intOption(args, "max-mismatches", 0)),
            [&](const Core::TextProgress &p) {
                line.update(progressText("auditing", p, clock.seconds()), p.finished);
            });
        line.finish();

        for (const auto &m : report.mismatches)
            std::printf("document %s (tokens %s..%s): LUT %s bytes, decoded %s bytes: \"%s\"\n",
                        withCommas(m.document).c_str(), withCommas(m.firstToken).c_str(),
                        withCommas(m.firstToken + m.tokens).c_str(), withCommas(m.lutBytes).c_str(),
                        withCommas(m.decodedBytes).c_str(), m.snippet.c_str());
        if (report.mismatchCount > int64_t(report.mismatches.size()))
            std::printf(
                "... and %s more documents that differ\n",
                withCommas(report.mismatchCount - int64_t(report.mismatches.size())).c_str());
        if (report.tokensBeforeFirstBos > 0)
            std::printf("note: the stream starts with %s tokens before its first BOS\n",
                        withCommas(report.tokensBeforeFirstBos).c_str());
        if (report.bosBytes != 0)
            std::printf("the LUT credits %s bytes to BOS tokens (must be 0)\n",
                        withCommas(report.bosBytes).c_str());
        std::printf("last document (no BOS after it; may be cut off): LUT %s bytes, decoded %s "
                    "bytes\n",
                    withCommas(report.lastDocumentLutBytes).c_str(),
                    withCommas(report.lastDocumentDecodedBytes).c_str());
        std::printf("LUT %s, tokenizer %s, %zu shard%s\n",
                    args.has("luts") ? args.value("luts").c_str() : "built from the model",
                    tokenizer.name().c_str(), paths.size(), paths.size() == 1 ? "" : "s");
        if (report.clean()) {
            std::printf("audit clean: %s documents, %s tokens, LUT bytes = decoded bytes = %s\n",
                        withCommas(report.documents).c_str(), withCommas(report.tokens).c_str(),
                        withCommas(report.lutBytes).c_str());
            return int(ExitOk);
        }
        std::printf("audit FAILED: %s of %s documents differ; LUT %s bytes vs decoded %s bytes "
                    "(%+.4f%%)\n",
                    withCommas(report.mismatchCount).c_str(), withCommas(report.documents).c_str(),
                    withCommas(report.lutBytes).c_str(), withCommas(report.decodedBytes).c_str(),
                    report.decodedBytes > 0
                        ? 100.0 * double(report.lutBytes - report.decodedBytes) /
                              double(report.decodedBytes)
                        : 0.0);
        return int(ExitFailure);
    });
}

} // namespace App
