// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace Core {

/// Writes `bytes` to `path` atomically: the data goes to a temporary file in the same folder,
/// is flushed to disk, and is renamed over `path`. A reader (or a crash at any moment) sees either
/// the old complete file or the new complete one, never a torn write. Throws Error on failure
/// and leaves no temporary file behind.
void writeFileAtomic(const std::string &path, std::string_view bytes);

/// Reads a whole file. Throws Error naming the file if it cannot be opened or read.
std::string readFile(const std::string &path);

/// Appends one line (a '\n' is added) and flushes it, so a watcher never waits on a buffer.
/// Used for metrics.jsonl and train.log, which are append-only logs.
void appendLine(const std::string &path, std::string_view line);

/// Creates `path` and its parents if missing. Throws Error on failure.
void makeDirs(const std::string &path);

/// Removes a scratch file when it goes out of scope, whatever happens in between (errors while
/// removing are ignored: the file may never have been written).
class RemoveOnExit
{
public:
    explicit RemoveOnExit(std::string path)
        : m_path(std::move(path))
    {}
    ~RemoveOnExit();
    RemoveOnExit(const RemoveOnExit &) = delete;
    RemoveOnExit &operator=(const RemoveOnExit &) = delete;

private:
    std::string m_path;
};

} // namespace Core
