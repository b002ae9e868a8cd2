// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The C export: a folder that runs a model from its quantized codes with nothing but a C
// compiler, libc and libm. golfmodel.c and golfmodel.h (resources/cexport, the same for every
// model), a Makefile, the model's golf-c-v1 weights file (export/cweights.h) and a README with
// the commands and the memory the program needs.

#include "config/gptconfig.h"
#include "export/cweights.h"
#include "recipe/recipe.h"

#include <optional>
#include <string>
#include <vector>

namespace Core {

struct CExportOptions
{
    std::string modelPath; ///< any model file golf loads (quant/modelload.h)
    /// How to store the weights. None: as the file stores them, which must then be golf-mixed-v1
    /// (its codes are taken as they are). A recipe whose settings use gptq needs calibration:
    /// export it with golf export first and give that file.
    std::optional<Recipe> recipe;
    std::optional<GptConfig> config; ///< the model's shape when the file cannot say (windows, recurrence)
    std::string outDir;
    std::string sourceDir; ///< golfmodel.c, golfmodel.h, Makefile; "" = resourceDir()/cexport
};

struct CExportResult
{
    std::string weightsPath;
    CWeightsSummary weights;
    std::string storage;  ///< how the tensors are stored (pack/storagesummary.h)
    std::vector<std::string> files; ///< every file written, in the folder
};

/// Writes the folder (each file atomically). Throws Core::Error naming what is wrong: a file
/// that is not a model, float weights without a recipe, what golfmodel.c does not run.
CExportResult exportC(const CExportOptions &options);

} // namespace Core
