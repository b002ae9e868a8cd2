// SPDX-License-Identifier: GPL-3.0-or-later
#include "atomicfile.h"

#include "error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Core {

namespace {

std::string errnoText() { return std::strerror(errno); }

void writeAll(int fd, std::string_view bytes, const std::string &path)
{
    const char *p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw Error("cannot write " + path + ": " + errnoText());
        p += n;
        left -= size_t(n);
    }
}

} // namespace

void writeFileAtomic(const std::string &path, std::string_view bytes)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // The temporary lives beside the target so the rename stays within one file system.
    std::string tmpl = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw Error("cannot create a temporary file in " + dir.string() + ": " + errnoText());
    try {
        writeAll(fd, bytes, tmpl);
        if (::fsync(fd) != 0)
            throw Error("cannot flush " + tmpl + ": " + errnoText());
        ::fchmod(fd, 0644);
        if (::close(fd) != 0) {
            fd = -1;
            throw Error("cannot close " + tmpl + ": " + errnoText());
        }
        fd = -1;
        if (::rename(tmpl.c_str(), path.c_str()) != 0)
            throw Error("cannot rename " + tmpl + " to " + path + ": " + errnoText());
    } catch (...) {
        if (fd >= 0)
            ::close(fd);
        ::unlink(tmpl.c_str());
        throw;
    }
    // Make the rename itself durable.
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open " + path + ": " + errnoText());
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        throw Error("cannot read " + path);
    return data;
}

void appendLine(const std::string &path, std::string_view line)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error("cannot open " + path + " for appending: " + errnoText());
    std::string buf(line);
    buf.push_back('\n');
    try {
        writeAll(fd, buf, path);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
}

void makeDirs(const std::string &path)
{
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec)
        throw Error("cannot create folder " + path + ": " + ec.message());
}

RemoveOnExit::~RemoveOnExit()
{
    std::error_code ec;
    std::filesystem::remove(m_path, ec);
}

} // namespace Core
