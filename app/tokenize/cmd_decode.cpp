// SPDX-License-Identifier: GPL-3.0-or-later
// `golf-tokenize decode`: the documents in shards, back as text.

#include "commands.h"
#include "data/shard.h"
#include "text/tokenizer.h"
#include "tokenizecli.h"

#include <cstdio>

namespace App {

namespace {

// One document per output line: the rare newline in a decoded text (nmt_nfkc turns newlines
// into spaces before encoding, so only byte-fallback tokens can make one) is written as "\n".
void printDocument(const std::string &text)
{
    std::string line;
    line.reserve(text.size() + 1);
    for (char c : text) {
        if (c == '\n')
            line += "\\n";
        else if (c == '\r')
            line += "\\r";
        else
            line += c;
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
}

} // namespace

int runDecode(int argc, char **argv)
{
    const std::string name = "golf-tokenize decode";
    ArgParser args(name, "Prints the documents in token shards as text, one per line (the "
                         "stream is split at BOS tokens).");
    args.addOption("model", "FILE", "SentencePiece .model; required");
    args.addOption("shards", "GLOB", "token shards, read in sorted order (repeatable); required");
    args.addOption("limit-docs", "N", "stop after N documents (0 = all)", "0");
    return runCommand(name, args, argc, argv, [&] {
        if (!args.has("model") || !args.has("shards"))
            throw UsageError("--model FILE and --shards GLOB are required");
        const int64_t limit = intOption(args, "limit-docs", 0);
        const auto tokenizer = Core::Tokenizer::load(args.value("model"));
        const int bos = tokenizer.bosId();
        int64_t documents = 0, tokens = 0;
        std::vector<int> doc;
        bool open = false; // tokens since the last BOS (or the start) form a document
        const auto full = [&] { return limit > 0 && documents >= limit; };
        const auto emit = [&] {
            printDocument(tokenizer.decode(doc));
            ++documents;
            doc.clear();
            open = false;
        };
        for (const auto &glob : args.values("shards")) {
            for (const auto &path : Core::expandShardGlob(glob)) {
                for (uint16_t t : Core::readShard(path, tokenizer.vocabSize())) {
                    if (int(t) == bos && open)
                        emit();
                    if (full())
                        break;
                    ++tokens;
                    if (int(t) != bos)
                        doc.push_back(t);
                    open = true;
                }
                if (full())
                    break;
            }
            if (full())
                break;
        }
        if (open && !full())
            emit();
        std::fflush(stdout);
        std::fprintf(stderr, "decoded %s documents (%s tokens)\n", withCommas(documents).c_str(),
                     withCommas(tokens).c_str());
        return int(ExitOk);
    });
}

} // namespace App
