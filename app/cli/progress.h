// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace App {

/// A one-line progress display on stderr. On a terminal the line is redrawn in place (at most
/// ~10 times a second); otherwise (logs, CI, a parent process reading a pipe) a plain line is
/// printed at most every `plainIntervalSeconds`, so logs stay short.
class ProgressLine
{
public:
    explicit ProgressLine(double plainIntervalSeconds = 5.0);
    ~ProgressLine() { finish(); }

    /// Shows `text`; `force` bypasses the rate limit (use for the last update of a phase).
    void update(const std::string &text, bool force = false);
    /// Ends the current line (on a terminal) so normal output can follow.
    void finish();

    bool isTerminal() const { return m_tty; }

private:
    using Clock = std::chrono::steady_clock;
    bool m_tty;
    bool m_open = false;
    double m_plainInterval;
    Clock::time_point m_last{};
    size_t m_lastWidth = 0;
};

} // namespace App
