// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

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

/// Throws Error(message) unless `condition` holds. For input checks, not programmer errors.
inline void check(bool condition, const std::string &message)
{
    if (!condition)
        throw Error(message);
}

} // namespace Core
