// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace Core {

/// Versions recorded in every run's config.json and printed by `golf --version`.
struct BuildInfo
{
    std::string golfVersion;  ///< project version
    std::string gitRevision;  ///< short git hash at configure time, or "unknown"
    std::string torchVersion; ///< libtorch the binary was built against
    std::string compiler;     ///< compiler id and version
    bool cuda = false;        ///< built with CUDA and a GPU is visible
};

BuildInfo buildInfo();

} // namespace Core
