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
#include "eval/evaluator.h"
#include "pack/sizereport.h"
#include "quant/calibration.h"
#include "quant/recipe.h"

#include <functional>
#include <string>

namespace Core {

struct ExportOptions
{
    std::string checkpoint;
    Recipe recipe = Recipe::defaultRecipe();
    std::string codePath;  ///< train_gpt.py to ship and count ("" = none; bytes_code 0)
    bool wrapCode = false; ///< ship the lzma+base85 wrapper as train_gpt.py
    std::string outDir = "records";
    std::string name;      ///< submission name; the folder is <date>_<name as a slug>
    std::string author, githubId, blurb;
    std::string date;      ///< ISO-8601 UTC; default now
    int64_t budget = kDefaultBudgetBytes;
    bool zip = true;
    bool overwrite = false;
    std::string mixedReaderPath; ///< golf_mixed.py to ship beside a golf-mixed-v1 model file
    /// For recipes with "method": "gptq": the TRAINING tokens GPTQ calibrates on (never
    /// validation, see quant/calibration.h). An empty trainGlob means the run's training shards;
    /// seqLen 0 the run's train_seq_len (else 1024). Unused when no tensor uses gptq.
    CalibrationOptions calibration{"", 32768, 0};

    // Round-trip verification: evaluate the checkpoint and the re-read model file.
    bool verify = true;
    std::string valGlob, lutsPath; ///< default: the checkpoint's run
    int64_t seqLen = 0;            ///< default: the run's train_seq_len, else 1024
    int64_t maxTokens = 0;         ///< 0 = the whole validation set
    int64_t batchTokens = 65536;
    /// A verified export is appended here as a point of the checkpoint's Pareto history
    /// (analysis/evalhistory.h; EvalHistory::pathFor(checkpoint) normally, "" = none).
    std::string historyPath;
};

struct ExportResult
{
    std::string folder, zipPath, modelFile;
    SizeReport report;
    SizeLedger ledger;
    bool verified = false;
    EvalResult preQuant, roundTrip;
    double seconds = 0;
    /// Set when the export succeeded but recording it in historyPath failed (why).
    std::string historyError;
};

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

/// "2026-11-23_int6 mlp!" -> "2026-11-23_int6-mlp": the folder name for a submission name.
std::string recordsFolderName(const std::string &date, const std::string &name);

} // namespace Core
