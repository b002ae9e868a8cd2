// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/checkpointdata.h"

#include "data/dataset.h"
#include "run/rundir.h"

namespace Core {

CheckpointData checkpointData(const std::string &checkpoint, const std::string &dataDir)
{
    CheckpointData d;
    if (const auto run = checkpoint.empty() ? std::nullopt : RunDir::ofCheckpoint(checkpoint)) {
        const TrainConfig cfg = run->readConfig();
        d.valGlob = cfg.val_files;
        d.trainGlob = cfg.train_files;
        d.luts = cfg.byte_luts;
        d.seqLen = cfg.train_seq_len;
    }
    if (!dataDir.empty()) {
        const DatasetPaths paths = datasetPaths(dataDir, /*requireTrain=*/false);
        d.valGlob = paths.valGlob;
        d.trainGlob = paths.trainGlob;
        d.luts = paths.byteLuts;
    }
    return d;
}

} // namespace Core
