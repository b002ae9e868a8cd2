// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace Core {

/// The one exception type core throws for bad input and failed I/O. The message is meant for
/// the user as is: it names the file (or tensor, or option) and what is wrong with it.
class Error : public std::runtime_error
{
public:
    explicit Error(const std::string &message)
        : std::runtime_error(message)
    {}
};

/// Content that does not parse as the format a reader expects, with the detail only ("the pickle
/// ends inside an opcode at byte 12"). Readers of low layers throw it; the entry point that knows
/// the file's name and format catches it and throws Error("<file>: not a readable <format>
/// (<detail>)"), so it never reaches a user as is.
class FormatError : public std::runtime_error
{
public:
    explicit FormatError(const std::string &detail)
        : std::runtime_error(detail)
    {}
};

/// Quotes text that came from a file for an error message: printable ASCII only (others as '?'),
/// at most `max` characters then "...".
inline std::string printableText(std::string_view s, size_t max = 80)
{
    std::string out;
    for (size_t i = 0; i < s.size() && i < max; ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        out += (c >= 0x20 && c < 0x7f) ? char(c) : '?';
    }
    if (s.size() > max)
        out += "...";
    return out;
}

/// Throws Error(message) unless `condition` holds. For input checks, not programmer errors.
inline void check(bool condition, const std::string &message)
{
    if (!condition)
        throw Error(message);
}

} // namespace Core
