// SPDX-License-Identifier: GPL-3.0-or-later
#include "buildinfo.h"

#include "buildinfo_values.h"

#include <torch/torch.h>

namespace Core {

BuildInfo buildInfo()
{
    BuildInfo info;
    info.golfVersion = GOLF_VERSION_STRING;
    info.gitRevision = GOLF_GIT_REVISION_STRING;
    info.torchVersion = TORCH_VERSION;
#if defined(__clang__)
    info.compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
    info.compiler = "gcc " __VERSION__;
#else
    info.compiler = "unknown";
#endif
    info.cuda = torch::cuda::is_available();
    return info;
}

} // namespace Core
