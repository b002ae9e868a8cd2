// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace Core {

/// Where a tokenized dataset folder keeps its parts: what golf-tokenize writes, and the official
/// data/datasets/fineweb10B_sp1024/ layout (plus our LUT sidecar).
struct DatasetPaths
{
    std::string trainGlob; ///< e.g. DIR/fineweb_train_*.bin
    std::string valGlob;   ///< e.g. DIR/fineweb_val_*.bin
    std::string byteLuts;  ///< DIR/tokenizer.luts.json
};

/// Finds the shards in `dir` (any `<prefix>_val_*.bin` / `<prefix>_train_*.bin`). Throws Error
/// naming the folder and what is missing. `requireTrain` false allows a val-only folder.
DatasetPaths datasetPaths(const std::string &dir, bool requireTrain = true);

} // namespace Core
