// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to golftext: reads one text file line by line for the document parsers.

#include <cstdint>
#include <fstream>
#include <string>

namespace Core::Internal {

/// Streams the lines of one file. Line endings ("\n" or "\r\n") are removed; a last line without
/// a newline is still returned. Keeps the 1-based number of the last line and the bytes consumed.
class LineSource
{
public:
    /// Opens `path`; throws Error naming the file if it cannot be opened.
    explicit LineSource(const std::string &path);

    /// Reads the next line into `line`; false at the end of the file. Throws Error on a read error.
    bool next(std::string &line);

    const std::string &path() const { return m_path; }
    int64_t lineNumber() const { return m_line; }
    int64_t bytesRead() const { return m_bytes; }

private:
    std::string m_path;
    std::ifstream m_in;
    int64_t m_line = 0;
    int64_t m_bytes = 0;
};

} // namespace Core::Internal
