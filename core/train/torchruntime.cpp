// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/torchruntime.h"

#include "train/cachingallocator_p.h"

#include <torch/torch.h>

#include <thread>

namespace Core {

void configureTorchRuntime(int64_t threads)
{
    const int64_t n = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
    torch::set_num_threads(int(n));
    installCachingCpuAllocator();
}

BuildInfo runtimeBuildInfo()
{
    BuildInfo info = buildInfo();
    info.cuda = torch::cuda::is_available();
    return info;
}

} // namespace Core
