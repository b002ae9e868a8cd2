// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>

namespace App {

/// Installs SIGINT/SIGTERM handlers that set the returned flag, so long work can stop cleanly
/// (e.g. training writes a final checkpoint). A second Ctrl-C exits at once.
const std::atomic_bool &installInterruptFlag();

} // namespace App
