// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Several ranks of one golf command: joined from torchrun's variables (torchrun, srun wrappers
// or a shell loop start `golf train` once per rank), or started here by `--nproc N`, torchrun's
// standalone mode on one machine.

#include <string>

namespace App {

/// Re-runs this command line without --nproc as `nproc` local ranks (RANK, WORLD_SIZE,
/// LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR=127.0.0.1, a free MASTER_PORT) and waits for them.
/// They share this terminal; a rank that fails takes the others down (after a grace period in
/// which they notice on their own), and the exit status names it. SIGTERM reaches every rank
/// (golf stops them with a checkpoint); the ranks die with this process (PR_SET_PDEATHSIG).
/// `name` is the command as typed ("golf train"); argv starts at the subcommand's name.
int launchLocalRanks(const std::string &name, int nproc, int argc, char **argv);

/// True when `--nproc N` asks for more than one rank and this process is not a rank already.
bool wantsLocalRanks(int nproc);

} // namespace App
