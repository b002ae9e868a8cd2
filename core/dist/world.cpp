// SPDX-License-Identifier: GPL-3.0-or-later
#include "dist/world.h"

#include "dist/collective.h"
#include "dist/worldenv.h"

#include <algorithm>
#include <thread>

namespace Core {

std::shared_ptr<Collective> joinWorld(const std::string &device)
{
    const WorldEnv env = WorldEnv::fromEnvironment();
    if (!env.distributed())
        return nullptr;
    const bool cuda = device == "cuda" || (device == "auto" && torch::cuda::is_available());
    return Collective::join(env, cuda ? torch::Device(torch::kCUDA, env.localRank)
                                      : torch::Device(torch::kCPU));
}

int64_t rankThreads(int64_t requested, const Collective *world)
{
    if (requested > 0 || !world)
        return requested;
    return std::max<int64_t>(1, int64_t(std::thread::hardware_concurrency()) /
                                    world->env().localWorldSize);
}

bool isLeader(const Collective *world)
{
    return !world || world->leader();
}

std::string agreeOnText(const Collective &world, const std::string &text, const std::string &what)
{
    return world.agreeOnText(text, what);
}

} // namespace Core
