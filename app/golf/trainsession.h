// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "train/trainer.h"

#include <string>

namespace App {

/// Runs a Trainer with the CLI's display: official log lines on stdout, a live progress line
/// (step, loss, tokens/s, ETA) on stderr, and Ctrl-C wired to a clean stop. Returns the exit
/// code: 0 finished or stopped on request, 1 diverged.
int runTrainerWithProgress(Core::Trainer &trainer, bool quiet);

} // namespace App
