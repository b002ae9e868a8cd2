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
    bool torchCuda = false;   ///< that libtorch was built with CUDA
    /// Built with CUDA and a GPU is visible: only the torch side can tell
    /// (train/torchruntime.h runtimeBuildInfo); false from buildInfo().
    bool cuda = false;

    /// The "versions" record of a run's config.json.
    nlohmann::json toJson() const
    {
        return {{"golf", golfVersion}, {"git_revision", gitRevision}, {"libtorch", torchVersion},
                {"compiler", compiler}, {"cuda", cuda}};
    }
};

/// What is known without loading libtorch.
BuildInfo buildInfo();

} // namespace Core
