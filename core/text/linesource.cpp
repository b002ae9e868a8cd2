// SPDX-License-Identifier: GPL-3.0-or-later
#include "linesource.h"

#include "common/error.h"

#include <cerrno>
#include <cstring>

namespace Core::Internal {

LineSource::LineSource(const std::string &path)
    : m_path(path)
    , m_in(path, std::ios::binary)
{
    check(bool(m_in), path + ": cannot open: " + std::strerror(errno));
}

bool LineSource::next(std::string &line)
{
    if (!std::getline(m_in, line)) {
        check(!m_in.bad(), m_path + ": read error after line " + std::to_string(m_line));
        return false;
    }
    ++m_line;
    // getline stops at '\n' and drops it; at the very end there may be no '\n' to count.
    m_bytes += int64_t(line.size()) + (m_in.eof() ? 0 : 1);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return true;
}

} // namespace Core::Internal
