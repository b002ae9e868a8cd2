// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/trainconfig.h"
#include "train/trainer.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace TestData {

/// Writes a small dataset folder (train/val shards + tokenizer.luts.json) into `dir`: real
/// FineWeb tokens from ../shared/data when present, else a deterministic token stream (these
/// tests exercise mechanics, which do not depend on the text). Returns a TrainConfig for a tiny
/// model over it: 2 layers x 32 dims, seq 32, 4 sequences per step, no wall-clock cap.
Core::TrainConfig writeTinyDataset(const std::string &dir);

/// Runs `trainer` to the end, or until the step `stopAtStep` has been taken (then it stops as a
/// user's stop request would, so the run can be resumed). Returns how the run ended.
Core::Trainer::Outcome train(Core::Trainer &trainer, int stopAtStep = -1);

/// Every line of the run's metrics.jsonl, parsed.
std::vector<nlohmann::json> metrics(const std::string &runDir);

/// The run's train_loss values in the order they were logged (one per step).
std::vector<double> trainLosses(const std::string &runDir);

} // namespace TestData
