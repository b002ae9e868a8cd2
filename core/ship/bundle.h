// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Unpacking a submission bundle (the `<folder>.zip` golf export writes, or one someone sent).
// A zip is outside input, so extraction trusts none of it (zip-slip and zip bombs): every entry
// name must be a plain relative path (no leading '/', no '..' or drive letters, no backslashes),
// only regular files and folders are accepted (no symlinks, hard links, devices or FIFOs), no
// name may appear twice, and the entry count and the bytes actually decompressed are capped.
// Extraction is all or nothing: entries go into a fresh hidden sibling of the destination that
// is renamed into place at the end; on any refusal or error that sibling is removed and the
// destination never appears.

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

struct BundleLimits
{
    /// Total bytes of all entries once decompressed (a records folder is ~16 MB).
    int64_t maxTotalBytes = int64_t(64) << 20;
    int64_t maxEntries = 1000;
};

struct BundleFile
{
    std::string path; ///< relative to the destination, '/'-separated
    int64_t bytes = 0;
};

struct ExtractedBundle
{
    std::string destination;
    std::vector<BundleFile> files; ///< regular files, in archive order
};

/// Extracts `zipPath` into the new folder `destination` (which must not exist; its parent must).
/// Throws Core::Error "<zip>: refused: <entry>: <why>" for a hostile entry and
/// "<zip>: <problem>" for a corrupt archive; nothing is left behind then.
ExtractedBundle extractBundle(const std::string &zipPath, const std::string &destination,
                              const BundleLimits &limits = {});

} // namespace Core
