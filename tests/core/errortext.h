// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// For data-driven bad-input tests: the message of the Core::Error that `f` throws, so a test can
// check which error it was, not only that there was one.

#include "common/error.h"

#include <QString>

namespace TestData {

template <typename F> QString errorOf(F &&f)
{
    try {
        f();
    } catch (const Core::Error &e) {
        return QString::fromStdString(e.what());
    }
    return "(no Core::Error thrown)";
}

} // namespace TestData
