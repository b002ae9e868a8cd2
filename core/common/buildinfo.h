// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace Core {

/// Versions recorded in every run's config.json and printed by `golf --version`.
struct BuildInfo
{
    std::string golfVersion;  ///< project version
    std::string gitRevision;  ///< 12-digit git hash at build time, "-dirty" appended when
                              ///< tracked files differed from it; "unknown" outside git
    std::string torchVersion; ///< libtorch the binary was built against
    std::string compiler;     ///< compiler id and version
    bool cuda = false;        ///< built with CUDA and a GPU is visible

    /// The "versions" record of a run's config.json.
    nlohmann::json toJson() const
    {
        return {{"golf", golfVersion}, {"git_revision", gitRevision}, {"libtorch", torchVersion},
                {"compiler", compiler}, {"cuda", cuda}};
    }
};

BuildInfo buildInfo();

} // namespace Core
