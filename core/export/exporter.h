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
#include "eval/scriptevaluator.h"
#include "pack/sizereport.h"
#include "quant/calibration.h"
#include "recipe/recipe.h"

#include <functional>
#include <optional>
#include <string>

namespace Core {

struct ExportOptions
{
    std::string checkpoint;
    Recipe recipe = Recipe::defaultRecipe();
    /// train_gpt.py to ship and count. For a golf-mixed-v1 model file it is shipped patched so
    /// that it writes that very file itself (export/trainscript.h); bytes_code counts the shipped
    /// (patched, maybe wrapped) file. "" needs noCode.
    std::string codePath;
    bool wrapCode = false; ///< ship the lzma+base85 wrapper as train_gpt.py
    /// A model-only bundle: no train_gpt.py, bytes_code 0. Not a valid submission by itself, and
    /// the README says so; without it an export without code is refused.
    bool noCode = false;
    /// Keep the baseline's int8+zlib block after the golf block (both artifacts get written).
    bool keepOfficialBlock = false;
    /// Warn when the headroom is below this many bytes: a rerun of train_gpt.py trains other
    /// weights, whose artifact is a little larger or smaller. < 0 = the measured default,
    /// defaultSizeMargin(model bytes).
    int64_t marginBytes = -1;
    std::string outDir = "records";
    std::string name;      ///< submission name; the folder is <date>_<name as a slug>
    std::string author, githubId, blurb;
    std::string date;      ///< ISO-8601 UTC; default now
    int64_t budget = kDefaultBudgetBytes;
    bool zip = true;
    bool overwrite = false;
    /// golf_mixed.py (embedded in the patched train_gpt.py; shipped beside a model-only bundle);
    /// golf_submit.py, the function the patched block calls, is read from the same folder.
    std::string mixedReaderPath;
    /// For recipes with "method": "gptq": the TRAINING tokens GPTQ calibrates on (never
    /// validation, see quant/calibration.h). An empty trainGlob means the run's training shards;
    /// seqLen 0 the run's train_seq_len (else 1024). Unused when no tensor uses gptq.
    CalibrationOptions calibration{"", 32768, 0};

    // Round-trip verification: evaluate the checkpoint and the re-read model file.
    bool verify = true;
    /// Score with the user's train_gpt.py through the evaluator bridge (a model of another
    /// architecture; its own validation data, so valGlob/lutsPath/seqLen do not apply) instead of
    /// golf's GPT. GPTQ recipes need golf's GPT.
    std::optional<ScriptEvaluatorOptions> script;
    std::string valGlob, lutsPath; ///< default: the checkpoint's run
    int64_t seqLen = 0;            ///< default: the run's train_seq_len, else 1024
    int64_t maxTokens = 0;         ///< 0 = the whole validation set
    int64_t batchTokens = 65536;
    /// A verified export is appended here as a point of the checkpoint's Pareto history
    /// (recipe/evalhistory.h; EvalHistory::pathFor(checkpoint) normally, "" = none).
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
    /// Where the shipped script writes the artifact: "the baseline's int8+zlib block (lines
    /// ...)", "golf-studio markers (...)"; "" without code.
    std::string scriptBlock;
    int64_t marginBytes = 0;     ///< the margin the headroom was checked against
    std::string marginWarning;   ///< set when the headroom is below the margin
    /// The score line the shipped script prints for this artifact (the round trip measured
    /// here, in the script's format); "" when not verified.
    std::string roundTripLine;
    /// What structured pruning (L0 gates) removed from golf's GPT (structuredPruningSummary);
    /// "" for a model at full width.
    std::string structure;
    /// The token mixers and windows when not attention everywhere (tokenMixerSummary), or "".
    std::string mixers;
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

/// The default headroom margin for a model file of `modelBytes`: reruns with other seeds give
/// artifacts of slightly different sizes (measured on the demo; see exporter.cpp).
int64_t defaultSizeMargin(int64_t modelBytes);

/// "2026-11-23_int6 mlp!" -> "2026-11-23_int6-mlp": the folder name for a submission name.
std::string recordsFolderName(const std::string &date, const std::string &name);

} // namespace Core
