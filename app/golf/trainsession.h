// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/trainconfig.h"
#include "train/trainer.h"

#include <string>

namespace App {

/// Runs a Trainer with the CLI's display: official log lines on stdout, a live progress line
/// (step, loss, tokens/s, ETA) on stderr, and Ctrl-C wired to a clean stop. Returns the exit
/// code: 0 finished or stopped on request, 1 diverged.
int runTrainerWithProgress(Core::Trainer &trainer, bool quiet);

/// `--data DIR` for the training commands (train, rewind): points `cfg` at the dataset folder's
/// train and val shards and byte LUTs, and takes the vocabulary size from the tokenizer (a later
/// `--set model.vocab_size` can still override it). Throws Core::Error naming what is missing.
void useDataset(Core::TrainConfig &cfg, const std::string &dir);

} // namespace App
