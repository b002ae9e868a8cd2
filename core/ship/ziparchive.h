// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Zips a records folder for upload (libarchive). Reproducible: entries sorted by path, fixed
// timestamps and permissions, so the same folder gives the same bytes.

#include <string>
#include <vector>

namespace Core {

/// Writes `zipPath` (atomically) holding every regular file under `folder`, stored as
/// "<folder name>/<relative path>". Throws Core::Error naming the file that failed.
void zipFolder(const std::string &folder, const std::string &zipPath);

/// The entry names and sizes of a zip file, for verification and tests.
std::vector<std::pair<std::string, int64_t>> zipEntries(const std::string &zipPath);

} // namespace Core
