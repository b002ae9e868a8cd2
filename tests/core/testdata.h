// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/trainconfig.h"

#include <string>

namespace TestData {

/// Writes a small dataset folder (train/val shards + tokenizer.luts.json) into `dir`: real
/// FineWeb tokens from ../shared/data when present, else a deterministic token stream (these
/// tests exercise mechanics, which do not depend on the text). Returns a TrainConfig for a tiny
/// model over it: 2 layers x 32 dims, seq 32, 4 sequences per step, no wall-clock cap.
Core::TrainConfig writeTinyDataset(const std::string &dir);

} // namespace TestData
