// SPDX-License-Identifier: GPL-3.0-or-later
#include "progress.h"

#include <unistd.h>

namespace App {

ProgressLine::ProgressLine(double plainIntervalSeconds)
    : m_tty(::isatty(STDERR_FILENO) == 1)
    , m_plainInterval(plainIntervalSeconds)
{}

void ProgressLine::update(const std::string &text, bool force)
{
    const auto now = Clock::now();
    const double since = std::chrono::duration<double>(now - m_last).count();
    if (!force && since < (m_tty ? 0.1 : m_plainInterval))
        return;
    m_last = now;
    if (m_tty) {
        // Pad with spaces to wipe a longer previous line.
        std::string line = text;
        if (line.size() < m_lastWidth)
            line.append(m_lastWidth - line.size(), ' ');
        m_lastWidth = text.size();
        std::fprintf(stderr, "\r%s", line.c_str());
        m_open = true;
    } else {
        std::fprintf(stderr, "%s\n", text.c_str());
    }
    std::fflush(stderr);
}

void ProgressLine::finish()
{
    if (m_tty && m_open) {
        std::fputc('\n', stderr);
        std::fflush(stderr);
    }
    m_open = false;
    m_lastWidth = 0;
}

} // namespace App
