// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>

namespace Core {

/// How far a long text job (reading, training, exporting, auditing) has come. Fields that a job
/// does not track stay 0. Plain values, so the CLI prints them and a GUI could poll them.
struct TextProgress
{
    int64_t bytesDone = 0;  ///< input bytes consumed (text files, or shard bytes for an audit)
    int64_t bytesTotal = 0; ///< size of all inputs, 0 if unknown
    int64_t documents = 0;  ///< documents read or checked so far
    int64_t tokens = 0;     ///< tokens produced or checked so far
    bool finished = false;  ///< the last report of this pass over the input
};

/// Called from the working thread, at most every few thousand documents; may be empty.
using TextProgressFn = std::function<void(const TextProgress &)>;

} // namespace Core
