// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/buildinfo.h"

#include <cstdint>

namespace Core {

/// Prepares libtorch for our CPU workloads; call once before heavy work (safe to call again):
/// - intra-op threads = `threads`, or every core when 0 (libtorch otherwise picks what it picks:
///   1 was seen here, which leaves half the machine idle);
/// - a caching CPU allocator (see cachingallocator_p.h), because a training or evaluation loop
///   frees and re-allocates the same activation sizes every step, and the system allocator
///   returns those blocks to the kernel and page-faults them back in each time.
void configureTorchRuntime(int64_t threads);

/// buildInfo() with `cuda` filled in: whether this libtorch sees a GPU now.
BuildInfo runtimeBuildInfo();

} // namespace Core
