// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The demo's training shape, read from the demo description (resources/demo/demo.json, the
// file `golf demo` trains from), so the Train dialog starts where the demo does and the two
// never drift apart.

#include "config/trainconfig.h"

#include <QString>

namespace App {

/// demo.json's "train" object as a TrainConfig (a 4x256 GPT, 300 steps at the time of
/// writing). Falls back to TrainConfig's defaults (the baseline) when the description is
/// missing or unreadable; `error` then says why.
Core::TrainConfig demoTrainConfig(QString *error = nullptr);

} // namespace App
