// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The train_gpt.py a submission ships for a given model file, and so the code bytes the ledger
// counts (PARAMETER_GOLF.md §1.1): for golf-mixed-v1 the user's script patched to write that
// file itself (ship/trainscript.h), for the official int8 file the script as it is (its own
// baseline block writes that format); either one wrapped as lzma+base85 when asked or when the
// file already is such a wrapper. Every place that counts code bytes (export, quantize, the
// allocator, the window's budget bar) goes through here, so they all count the same file.

#include "recipe/calibrationoptions.h"
#include "recipe/recipe.h"

#include <string>

namespace Core {

struct ShippedScript
{
    std::string code;     ///< the file as shipped and counted
    std::string readable; ///< the same before wrapping (== code when not wrapped)
    std::string form = "raw"; ///< or "lzma+base85"
    std::string block;    ///< where it writes the model file (SerializationBlock::describe())
};

/// Builds the shipped script from the user's `codePath`. `mixedReaderPath` is golf_mixed.py;
/// golf_submit.py is read from the same folder. `calibration` is the GPTQ calibration (nullptr
/// when no tensor uses gptq). `keepOfficial` keeps the baseline's int8+zlib block after the
/// golf block. Throws Core::Error for an unreadable script, one golf cannot
/// patch (saying how to add markers), or the official format without the baseline's block.
ShippedScript shipScript(const std::string &codePath, bool wrap, const Resolution &resolution,
                         const ContainerSpec &container, const CalibrationOptions *calibration,
                         const std::string &mixedReaderPath, bool keepOfficial = false);

/// The model file's name in a records folder: final_model.int8.ptz or final_model.golf.ptz.
std::string modelFileName(const ContainerSpec &container);

} // namespace Core
