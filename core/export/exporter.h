// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `golf export` and the GUI's one-click export: checkpoint + recipe (+ train_gpt.py) -> a
// records folder `YYYY-MM-DD_<name>/` as the challenge expects (PARAMETER_GOLF.md §1.3):
//   final_model.int8.ptz | final_model.golf.ptz   the model file (official or golf-mixed-v1)
//   submission.json      the baseline's fields (+ a few of ours, prefixed golf_)
//   README.md            size ledger, recipe table, scores
//   train.log            the run's log, when the checkpoint belongs to a run
//   train_gpt.py         the code (the lzma+base85 wrapper when asked; the readable original
//                        is then train_gpt_human.py)
//   recipe.json          the recipe that produced the model file
//   golf_mixed.py        the Python reader, for golf-mixed-v1 files
// plus `<folder>.zip` beside it. The export is all or nothing: files are written into a hidden
// sibling folder that is renamed into place at the end, and an export over budget writes
// nothing at all.

#include "common/error.h"
#include "job/exportjobs.h"

#include <functional>
#include <optional>
#include <string>

namespace Core {

/// Thrown when the artifact does not fit: nothing was written.
class OverBudgetError : public Error
{
public:
    OverBudgetError(const std::string &message, SizeLedger ledger)
        : Error(message)
        , ledger(std::move(ledger))
    {}
    SizeLedger ledger;
};

/// Progress: a short stage description ("pricing", "verifying round trip 40%", ...).
using ExportProgress = std::function<void(const std::string &stage)>;

ExportResult exportSubmission(const ExportOptions &options, const ExportProgress &progress = {});

/// The default headroom margin for a model file of `modelBytes`: reruns with other seeds give
/// artifacts of slightly different sizes (measured on the demo; see exporter.cpp).
int64_t defaultSizeMargin(int64_t modelBytes);

/// "2026-11-23_int6 mlp!" -> "2026-11-23_int6-mlp": the folder name for a submission name.
std::string recordsFolderName(const std::string &date, const std::string &name);

} // namespace Core
