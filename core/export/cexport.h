// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The C export: a folder that runs a model from its quantized codes with nothing but a C
// compiler, libc and libm. golfmodel.c and golfmodel.h (resources/cexport, the same for every
// model), a Makefile, the model's golf-c-v1 weights file (ship/cweights.h) and a README with
// the commands and the memory the program needs.

#include "job/exportjobs.h"

namespace Core {

/// Writes the folder (each file atomically). Throws Core::Error naming what is wrong: a file
/// that is not a model, float weights without a recipe, what golfmodel.c does not run.
CExportResult exportC(const CExportOptions &options);

} // namespace Core
