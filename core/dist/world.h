// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The torch-free face of dist/ for the command-line tools, which never see torch's headers:
// join the world torchrun's variables describe, and the little they ask of it.

#include <cstdint>
#include <memory>
#include <string>

namespace Core {

class Collective;

/// The world this process belongs to by torchrun's variables (dist/worldenv.h), joined: the
/// process group formed. nullptr when the process is alone. `device` as TrainConfig::device
/// ("auto", "cpu", "cuda"): CUDA ranks talk over NCCL, CPU ranks over Gloo.
std::shared_ptr<Collective> joinWorld(const std::string &device);

/// CPU threads for one rank: `requested`, or for 0 ("all cores") the machine's cores shared
/// among the ranks that run on it (LOCAL_WORLD_SIZE).
int64_t rankThreads(int64_t requested, const Collective *world);

/// True for rank 0 and for a process without a world.
bool isLeader(const Collective *world);

/// Rank 0's `text` on every rank (e.g. the name of a new run directory).
std::string agreeOnText(const Collective &world, const std::string &text, const std::string &what);

} // namespace Core
