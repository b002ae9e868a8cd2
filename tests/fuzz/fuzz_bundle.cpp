// SPDX-License-Identifier: GPL-3.0-or-later
// Submission bundles (core/ship/bundle.cpp): a zip from outside, extracted with the zip-slip
// and zip-bomb checks. After each input the harness checks the contract itself: the scratch
// parent folder holds nothing but the destination (and only on success), i.e. no entry escaped
// and no staging folder was left behind.

#include "common/error.h"
#include "ship/bundle.h"
#include "fuzzinput.h"

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string zip = Fuzz::writeScratch(data, size, ".zip");
    static const fs::path parent = [] {
        fs::path p = Fuzz::scratchPath(".unpack");
        fs::create_directories(p);
        return p;
    }();
    const fs::path dest = parent / "bundle";
    bool ok = false;
    try {
        // Small caps keep the fuzzer fast; the checks are the same as with the defaults.
        Core::extractBundle(zip, dest.string(), Core::BundleLimits{int64_t(4) << 20, 64});
        ok = true;
    } catch (const Core::Error &) {
    }
    int children = 0;
    for (const auto &entry : fs::directory_iterator(parent)) {
        ++children;
        if (entry.path() != dest)
            std::abort(); // something escaped the destination or a staging folder survived
    }
    if (children != (ok ? 1 : 0))
        std::abort();
    fs::remove_all(dest);
    return 0;
}
