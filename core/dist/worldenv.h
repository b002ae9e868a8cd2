// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where this process stands among the ranks of a job, read from the variables that torchrun
// sets (and that `golf ... --nproc N`, srun wrappers or a shell loop can set the same way):
// RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT. Without WORLD_SIZE
// (or with 1) the process is alone, as the official train_gpt.py reads it.

#include <string>

namespace Core {

struct WorldEnv
{
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;      ///< rank among the ranks on this machine
    int localWorldSize = 1; ///< ranks on this machine (they share its cores)
    std::string masterAddr = "127.0.0.1";
    int masterPort = 29500;

    bool distributed() const { return worldSize > 1; }
    bool leader() const { return rank == 0; }

    /// Reads the variables above. A missing LOCAL_* is derived (one machine); a rank outside
    /// the world, a non-numeric value or a missing MASTER_PORT in a world of several ranks is an
    /// Error that names the variable.
    static WorldEnv fromEnvironment();
};

} // namespace Core
