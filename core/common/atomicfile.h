// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

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

} // namespace Core
