// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The export jobs' options and results (export/exporter.h writes a records folder,
// export/cexport.h a C program), as plain values with their JSON: what `golf serve` is sent by
// the window and answers.

#include "config/gptconfig.h"
#include "job/evalresult.h"
#include "job/scriptoptions.h"
#include "pack/sizereport.h"
#include "recipe/calibrationoptions.h"
#include "recipe/recipe.h"
#include "ship/cweights.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace Core {

struct ExportOptions
{
    std::string checkpoint;
    Recipe recipe = Recipe::defaultRecipe();
    /// train_gpt.py to ship and count. For a golf-mixed-v1 model file it is shipped patched so
    /// that it writes that very file itself (ship/trainscript.h); bytes_code counts the shipped
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

nlohmann::json toJson(const ExportOptions &options);
ExportOptions exportOptionsFromJson(const nlohmann::json &json);
nlohmann::json toJson(const ExportResult &result);
ExportResult exportResultFromJson(const nlohmann::json &json);
nlohmann::json toJson(const CExportOptions &options);
CExportOptions cexportOptionsFromJson(const nlohmann::json &json);
nlohmann::json toJson(const CExportResult &result);
CExportResult cexportResultFromJson(const nlohmann::json &json);

} // namespace Core
