// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace Core {

/// Sets libtorch's intra-op thread count: `threads`, or every core when 0. libtorch otherwise
/// picks what it picks (1 was seen here), which leaves half the machine idle.
void configureTorchThreads(int64_t threads);

} // namespace Core
