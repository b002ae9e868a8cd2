// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The two halves that `prepare` chains: train a tokenizer, then export shards with it.

#include "cli/args.h"
#include "text/documentformat.h"
#include "text/tokenizer.h"

#include <string>
#include <vector>

namespace App {

/// --vocab-size, --train-docs, --max-doc-bytes, --verbose.
void addTrainOptions(ArgParser &args, bool vocabRequired);

/// Trains on `inputs` with the options of addTrainOptions() and --threads, writes
/// `prefix`.model and `prefix`.vocab, prints a summary line and returns the tokenizer.
Core::Tokenizer trainStep(const ArgParser &args, const std::vector<std::string> &inputs,
                          Core::DocumentFormat format, const std::string &prefix);

/// Encodes `inputs` into shards and sidecars in `folder` with the options of addExportOptions()
/// and --threads, and prints the per-split report and the summary line.
int exportStep(const ArgParser &args, const Core::Tokenizer &tokenizer,
               const std::vector<std::string> &inputs, Core::DocumentFormat format,
               const std::string &folder);

} // namespace App
