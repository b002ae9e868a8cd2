// SPDX-License-Identifier: GPL-3.0-or-later
// `golf-tokenize luts`: the byte LUT sidecar of a tokenizer, for val_bpb on the torch side.

#include "commands.h"
#include "common/error.h"
#include "text/tokenizer.h"
#include "tokenizecli.h"

#include <algorithm>
#include <cstdio>

namespace App {

int runLuts(int argc, char **argv)
{
    const std::string name = "golf-tokenize luts";
    ArgParser args(name, "Writes the byte LUTs of a SentencePiece model (base_bytes, "
                         "has_leading_space, is_boundary, as the official "
                         "build_sentencepiece_luts) as a JSON sidecar.");
    args.addOption("model", "FILE", "SentencePiece .model; required");
    args.addOption("out", "FILE", "output JSON, e.g. data/tokenizer.luts.json; required");
    args.addOption("vocab-size", "N",
                   "pad the tables to N entries with zero-byte boundary tokens, as the official "
                   "code sizes them max(sp.vocab_size(), VOCAB_SIZE)");
    return runCommand(name, args, argc, argv, [&] {
        if (!args.has("model") || !args.has("out"))
            throw UsageError("--model FILE and --out FILE are required");
        const auto tokenizer = Core::Tokenizer::load(args.value("model"));
        Core::ByteLut lut = tokenizer.byteLut();
        if (args.has("vocab-size")) {
            lut = lut.paddedTo(intOption(args, "vocab-size", 1));
            // paddedTo() leaves the piece list short; ByteLut::load() wants equal lengths.
            lut.pieces.resize(size_t(lut.vocabSize()));
        }
        lut.save(args.value("out"));
        const auto count = [](const std::vector<uint8_t> &v) {
            return int64_t(std::count(v.begin(), v.end(), uint8_t(1)));
        };
        int64_t bytePieces = 0;
        for (int id = 0; id < tokenizer.vocabSize(); ++id)
            bytePieces += tokenizer.isByte(id) ? 1 : 0;
        std::printf("wrote %s: %s entries, %s boundary, %s byte pieces, %s with a leading space\n",
                    args.value("out").c_str(), withCommas(lut.vocabSize()).c_str(),
                    withCommas(count(lut.isBoundary)).c_str(), withCommas(bytePieces).c_str(),
                    withCommas(count(lut.hasLeadingSpace)).c_str());
        return int(ExitOk);
    });
}

} // namespace App
