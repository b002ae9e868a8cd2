// SPDX-License-Identifier: GPL-3.0-or-later
#include "ship/ziparchive.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "ship/libarchive_p.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace Core {

namespace {

using Internal::ArchivePtr;

// 2026-01-01T00:00:00Z: a fixed entry time keeps the zip reproducible.
constexpr time_t kEntryTime = 1767225600;

la_ssize_t writeToString(archive *, void *clientData, const void *buffer, size_t length)
{
    static_cast<std::string *>(clientData)->append(static_cast<const char *>(buffer), length);
    return la_ssize_t(length);
}

} // namespace

void zipFolder(const std::string &folder, const std::string &zipPath)
{
    check(fs::is_directory(folder), folder + ": no such folder");
    const fs::path root = fs::path(folder).lexically_normal();
    const std::string top = (root.has_filename() ? root : root.parent_path()).filename().string();
    std::vector<fs::path> files;
    for (const auto &entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file())
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    std::string bytes;
    ArchivePtr a(archive_write_new(), archive_write_free);
    check(a && archive_write_set_format_zip(a.get()) == ARCHIVE_OK, "libarchive: no zip writer");
    archive_write_set_bytes_in_last_block(a.get(), 1); // no padding after the last entry
    check(archive_write_open(a.get(), &bytes, nullptr, writeToString, nullptr) == ARCHIVE_OK,
          zipPath + ": " + Internal::archiveErrorText(a.get()));
    for (const fs::path &file : files) {
        const std::string data = readFile(file.string());
        const std::string name = top + "/" + fs::relative(file, root).generic_string();
        std::unique_ptr<archive_entry, void (*)(archive_entry *)> e(archive_entry_new(), archive_entry_free);
        archive_entry_set_pathname(e.get(), name.c_str());
        archive_entry_set_size(e.get(), la_int64_t(data.size()));
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0644);
        archive_entry_set_mtime(e.get(), kEntryTime, 0);
        check(archive_write_header(a.get(), e.get()) == ARCHIVE_OK,
              zipPath + ": " + name + ": " + Internal::archiveErrorText(a.get()));
        check(archive_write_data(a.get(), data.data(), data.size()) == la_ssize_t(data.size()),
              zipPath + ": " + name + ": " + Internal::archiveErrorText(a.get()));
    }
    check(archive_write_close(a.get()) == ARCHIVE_OK, zipPath + ": " + Internal::archiveErrorText(a.get()));
    writeFileAtomic(zipPath, bytes);
}

std::vector<std::pair<std::string, int64_t>> zipEntries(const std::string &zipPath)
{
    ArchivePtr a(archive_read_new(), archive_read_free);
    archive_read_support_format_zip(a.get());
    check(archive_read_open_filename(a.get(), zipPath.c_str(), 1 << 16) == ARCHIVE_OK,
          zipPath + ": " + Internal::archiveErrorText(a.get()));
    std::vector<std::pair<std::string, int64_t>> out;
    archive_entry *e = nullptr;
    int status;
    while ((status = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK) {
        out.emplace_back(archive_entry_pathname(e), int64_t(archive_entry_size(e)));
        // Reading the data checks each entry's CRC.
        char buffer[1 << 16];
        la_ssize_t n;
        while ((n = archive_read_data(a.get(), buffer, sizeof buffer)) > 0) {
        }
        check(n == 0, zipPath + ": " + Internal::archiveErrorText(a.get()));
    }
    check(status == ARCHIVE_EOF, zipPath + ": " + Internal::archiveErrorText(a.get()));
    return out;
}

} // namespace Core
