// SPDX-License-Identifier: GPL-3.0-or-later
#include "buildinfo.h"

namespace Core {

// Written at build time by common/buildstamp.cmake into the build tree (generated/buildstamp.cpp):
// a file of its own, so a new commit recompiles that one line, not this torch-heavy file.
namespace BuildStamp {
const char *version();
const char *gitRevision();
} // namespace BuildStamp

BuildInfo buildInfo()
{
    BuildInfo info;
    info.golfVersion = BuildStamp::version();
    info.gitRevision = BuildStamp::gitRevision();
    info.torchVersion = GOLF_TORCH_VERSION;
    info.torchCuda = GOLF_TORCH_CUDA != 0;
#if defined(__clang__)
    info.compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
    info.compiler = "gcc " __VERSION__;
#else
    info.compiler = "unknown";
#endif
    return info;
}

} // namespace Core
