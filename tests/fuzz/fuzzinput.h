// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the fuzz targets. Some parsers take a path (they stat, reopen or tail the
// file), so the input goes through one scratch file per process; /dev/shm keeps that in memory.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <unistd.h>

namespace Fuzz {

/// A scratch path unique to this process (libFuzzer's -jobs/-workers run several processes),
/// one per suffix.
inline std::string scratchPath(const char *suffix)
{
    static const std::string base = [] {
        const char *dir = std::getenv("GOLF_FUZZ_TMP");
        std::string d = dir ? dir : (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
        return d + "/golf-fuzz-" + std::to_string(getpid());
    }();
    return base + suffix;
}

/// Replaces the scratch file with `size` bytes of `data` and returns its path.
inline std::string writeScratch(const uint8_t *data, size_t size, const char *suffix = ".in")
{
    const std::string path = scratchPath(suffix);
    FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        std::abort(); // the harness itself is broken; nothing to learn from this input
    if (size && std::fwrite(data, 1, size, f) != size)
        std::abort();
    std::fclose(f);
    return path;
}

inline std::string_view bytes(const uint8_t *data, size_t size)
{
    return std::string_view(reinterpret_cast<const char *>(data), size);
}

} // namespace Fuzz
