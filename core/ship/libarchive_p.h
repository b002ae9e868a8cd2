// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the two users of libarchive (bundle.cpp reads submission zips, ziparchive.cpp writes
// them) share: an owning handle and the library's last error as text.

#include <archive.h>

#include <memory>
#include <string>

namespace Core::Internal {

using ArchivePtr = std::unique_ptr<archive, int (*)(archive *)>;

inline std::string archiveErrorText(archive *a)
{
    const char *text = archive_error_string(a);
    return text ? text : "unknown libarchive error";
}

} // namespace Core::Internal
