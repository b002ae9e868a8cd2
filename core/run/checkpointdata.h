// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The data a checkpoint is measured on, one answer for every command and the window: the run's
// (config.json of the run folder the checkpoint sits in), or the dataset folder the user names,
// which replaces the run's shards and LUT. Options naming single files (--val-files, --luts)
// are applied by the caller on top.

#include <cstdint>
#include <string>

namespace Core {

struct CheckpointData
{
    std::string valGlob, trainGlob, luts; ///< "" when unknown
    int64_t seqLen = 0;                   ///< the run's train_seq_len; 0 when unknown
};

/// The run's data for `checkpoint`, with `dataDir` (a dataset folder, "" = none) in its place.
/// Throws Core::Error for a dataset folder that is not one (datasetPaths' message).
CheckpointData checkpointData(const std::string &checkpoint, const std::string &dataDir = {});

} // namespace Core
