// SPDX-License-Identifier: GPL-3.0-or-later
#include "ship/bundle.h"

#include "common/error.h"
#include "ship/libarchive_p.h"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace Core {

namespace {

using Internal::ArchivePtr;

/// Quotes an entry name for a message (names are hostile too).
std::string quoted(const char *name)
{
    return "'" + printableText(name, 120) + "'";
}

/// The entry name as a safe relative path ("a/b/c"), or the reason it is refused.
std::string safeRelative(const std::string &name, std::string &why)
{
    if (name.empty()) {
        why = "an entry has an empty name";
        return {};
    }
    if (name.size() > 1024) {
        why = "the entry name is longer than 1024 bytes";
        return {};
    }
    if (name[0] == '/') {
        why = "absolute path";
        return {};
    }
    if (name.find('\\') != std::string::npos) {
        why = "backslash in the name (a Windows path, possibly ..\\ traversal)";
        return {};
    }
    if (name.size() >= 2 && name[1] == ':') {
        why = "drive letter in the name";
        return {};
    }
    std::string out;
    size_t start = 0;
    while (start <= name.size()) {
        size_t end = name.find('/', start);
        if (end == std::string::npos)
            end = name.size();
        const std::string part = name.substr(start, end - start);
        start = end + 1;
        if (part.empty() || part == ".")
            continue; // "a//b", "./a", a folder entry's trailing '/'
        if (part == "..") {
            why = "'..' in the path (it would write outside the destination)";
            return {};
        }
        for (unsigned char c : part)
            if (c < 0x20 || c == 0x7f) {
                why = "control character in the name";
                return {};
            }
        out += (out.empty() ? "" : "/") + part;
    }
    if (out.empty())
        why = "the name is only '.' and '/'";
    return out;
}

/// Removes the staging folder on every way out but success.
struct Staging
{
    fs::path path;
    bool keep = false;
    ~Staging()
    {
        if (!keep && !path.empty()) {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    }
};

} // namespace

ExtractedBundle extractBundle(const std::string &zipPath, const std::string &destination,
                              const BundleLimits &limits)
{
    const fs::path dest = fs::path(destination).lexically_normal();
    check(!dest.filename().empty(), destination + ": not a folder name to extract into");
    std::error_code ec;
    check(!fs::exists(fs::symlink_status(dest, ec)),
          destination + ": already exists; unpacking never overwrites (choose another --into)");
    const fs::path parent = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
    check(fs::is_directory(parent), parent.string() + ": no such folder to unpack into");

    ArchivePtr a(archive_read_new(), archive_read_free);
    check(a != nullptr, "libarchive: no reader");
    archive_read_support_format_zip(a.get());
    check(archive_read_open_filename(a.get(), zipPath.c_str(), 1 << 16) == ARCHIVE_OK,
          zipPath + ": not a readable zip (" + Internal::archiveErrorText(a.get()) + ")");

    // The staging folder: hidden, beside the destination (same file system, so the final
    // rename is atomic), created fresh by mkdtemp so nothing in it predates us.
    Staging staging;
    std::string tmpl = (parent / ("." + dest.filename().string() + ".unpack-XXXXXX")).string();
    check(::mkdtemp(tmpl.data()) != nullptr,
          tmpl + ": cannot create a staging folder: " + std::strerror(errno));
    staging.path = tmpl;

    ExtractedBundle result;
    result.destination = dest.string();
    std::set<std::string> seen;
    int64_t total = 0, entries = 0;
    const auto refuse = [&](const char *name, const std::string &why) {
        throw Error(zipPath + ": refused: " + quoted(name) + ": " + why);
    };
    std::vector<char> buffer(1 << 16);
    archive_entry *e = nullptr;
    int status;
    while ((status = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK) {
        const char *rawName = archive_entry_pathname(e);
        const char *name = rawName ? rawName : "";
        if (++entries > limits.maxEntries)
            refuse(name, "more than " + std::to_string(limits.maxEntries) + " entries");
        std::string why;
        const std::string rel = safeRelative(name, why);
        if (!why.empty())
            refuse(name, why);
        if (archive_entry_hardlink(e))
            refuse(name, "hard link entry");
        const mode_t type = archive_entry_filetype(e);
        if (type == AE_IFLNK)
            refuse(name, "symbolic link entry (it could point outside the destination)");
        if (type != AE_IFREG && type != AE_IFDIR)
            refuse(name, "not a regular file or folder (device, FIFO or socket entry)");
        if (!seen.insert(rel).second)
            refuse(name, "the name appears twice in the archive");
        const fs::path out = staging.path / rel;
        if (type == AE_IFDIR) {
            fs::create_directories(out, ec);
            if (ec)
                refuse(name, "cannot create the folder: " + ec.message());
            continue;
        }
        if (archive_entry_size_is_set(e) && archive_entry_size(e) > limits.maxTotalBytes - total)
            refuse(name, "declares " + std::to_string(archive_entry_size(e))
                             + " bytes, over the limit of " + std::to_string(limits.maxTotalBytes)
                             + " bytes for the whole bundle");
        // Parents are created by us inside the fresh staging folder (no symlink can be there:
        // none is ever extracted), and O_EXCL|O_NOFOLLOW refuses anything already in place.
        fs::create_directories(out.parent_path(), ec);
        if (ec)
            refuse(name, "cannot create its folder: " + ec.message()
                             + " (a file and a folder of the same name?)");
        const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0)
            refuse(name, std::string("cannot create the file: ") + std::strerror(errno));
        int64_t written = 0;
        for (;;) {
            const la_ssize_t n = archive_read_data(a.get(), buffer.data(), buffer.size());
            if (n == 0)
                break;
            if (n < 0) {
                ::close(fd);
                throw Error(zipPath + ": " + quoted(name) + ": cannot read the entry ("
                            + Internal::archiveErrorText(a.get()) + ")");
            }
            // Counted as decompressed, whatever the entry header claims: that is what a zip
            // bomb lies about.
            if (n > limits.maxTotalBytes - total) {
                ::close(fd);
                refuse(name, "the bundle decompresses to more than "
                                 + std::to_string(limits.maxTotalBytes) + " bytes");
            }
            total += n;
            written += n;
            for (la_ssize_t off = 0; off < n;) {
                const ssize_t w = ::write(fd, buffer.data() + off, size_t(n - off));
                if (w < 0 && errno == EINTR)
                    continue;
                if (w <= 0) {
                    const int err = errno;
                    ::close(fd);
                    throw Error(out.string() + ": cannot write: " + std::strerror(err));
                }
                off += w;
            }
        }
        if (::fsync(fd) != 0 || ::close(fd) != 0)
            throw Error(out.string() + ": cannot write: " + std::strerror(errno));
        result.files.push_back({rel, written});
    }
    if (status != ARCHIVE_EOF)
        throw Error(zipPath + ": corrupt zip (" + Internal::archiveErrorText(a.get()) + ")");
    check(entries > 0, zipPath + ": the zip is empty");

    // mkdtemp made it 0700; the unpacked folder is an ordinary one.
    fs::permissions(staging.path,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec
                        | fs::perms::others_read | fs::perms::others_exec, ec);
    // No replacement of a destination that appeared meanwhile: RENAME_NOREPLACE.
    int moved = ::renameat2(AT_FDCWD, staging.path.c_str(), AT_FDCWD, dest.c_str(), RENAME_NOREPLACE);
    if (moved != 0 && (errno == EINVAL || errno == ENOSYS)) { // a file system without the flag
        if (fs::exists(fs::symlink_status(dest, ec)))
            throw Error(destination + ": appeared while unpacking; left untouched");
        moved = std::rename(staging.path.c_str(), dest.c_str());
    }
    if (moved != 0)
        throw Error(destination + ": cannot move the unpacked bundle into place: "
                    + std::strerror(errno));
    staging.keep = true;
    return result;
}

} // namespace Core
