// SPDX-License-Identifier: GPL-3.0-or-later
// golf-tokenize: SentencePiece tokenizers, token shards and byte LUTs. A separate executable
// because SentencePiece and libtorch crash in one process (DESIGN.md §3); `golf tokenize`
// hands over to it.

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"

#include <cstdio>
#include <string>

namespace {

const char *kUsage =
    "Usage: golf-tokenize <command> [options]\n"
    "\n"
    "Turns text into the Parameter Golf data format: a SentencePiece BPE tokenizer with the\n"
    "official settings, token shards (fineweb_{val,train}_NNNNNN.bin), and the byte LUTs that\n"
    "val_bpb divides by (tokenizer.luts.json).\n"
    "\n"
    "Commands:\n"
    "  train     train a tokenizer: PREFIX.model and PREFIX.vocab\n"
    "  encode    tokenize text with a tokenizer into shards + LUTs + dataset.json\n"
    "  prepare   train (when --vocab-size is given) and encode in one go\n"
    "  luts      write the byte LUTs of a tokenizer\n"
    "  audit     check that the LUT bytes of every document in shards equal its decoded bytes\n"
    "  decode    print the documents in shards as text, one per line\n"
    "\n"
    "Text formats (--format): auto, blocks, lines, jsonl, fortune; see `golf-tokenize encode "
    "--help`.\n"
    "  golf-tokenize <command> --help   options of one command\n"
    "\n"
    "Exit codes: 0 success, 1 failure, 2 usage error.\n";

} // namespace

int main(int argc, char **argv)
{
    return App::dispatchSubcommand("golf-tokenize", kUsage,
                                   {{"train", App::runTokenizerTrain},
                                    {"encode", App::runEncode},
                                    {"prepare", App::runPrepare},
                                    {"luts", App::runLuts},
                                    {"audit", App::runAudit},
                                    {"decode", App::runDecode}},
                                   argc, argv);
}
