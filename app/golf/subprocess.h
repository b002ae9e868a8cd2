// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace App {

/// Runs `program` with `args`, sharing this process's stdout/stderr (so its progress shows), and
/// waits. Returns its exit code, or 128+signal if it was killed. Throws Core::Error if it cannot
/// be started.
int runChild(const std::string &program, const std::vector<std::string> &args);

} // namespace App
