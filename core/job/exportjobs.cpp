// SPDX-License-Identifier: GPL-3.0-or-later
#include "job/exportjobs.h"

#include "common/error.h"
#include "common/jsonfields.h"
#include "job/reportjson.h"

namespace Core {

using nlohmann::json;

namespace {

json calibrationJson(const CalibrationOptions &c)
{
    return {{"train_glob", c.trainGlob}, {"tokens", c.tokens},   {"seq_len", c.seqLen},
            {"offset", c.offset},        {"batch_tokens", c.batchTokens}};
}

CalibrationOptions calibrationFrom(const json &j, const std::string &what)
{
    CalibrationOptions c;
    c.trainGlob = Json::text(j, "train_glob", what);
    c.tokens = Json::integer(j, "tokens", what);
    c.seqLen = Json::integer(j, "seq_len", what);
    c.offset = Json::integer(j, "offset", what);
    c.batchTokens = Json::integer(j, "batch_tokens", what);
    return c;
}

} // namespace

json toJson(const ExportOptions &o)
{
    return {{"checkpoint", o.checkpoint},
            {"recipe", o.recipe.toJson()},
            {"code_path", o.codePath},
            {"wrap_code", o.wrapCode},
            {"no_code", o.noCode},
            {"keep_official_block", o.keepOfficialBlock},
            {"margin_bytes", o.marginBytes},
            {"out_dir", o.outDir},
            {"name", o.name},
            {"author", o.author},
            {"github_id", o.githubId},
            {"blurb", o.blurb},
            {"date", o.date},
            {"budget", o.budget},
            {"zip", o.zip},
            {"overwrite", o.overwrite},
            {"mixed_reader_path", o.mixedReaderPath},
            {"calibration", calibrationJson(o.calibration)},
            {"verify", o.verify},
            {"script", o.script ? toJson(*o.script) : json(nullptr)},
            {"val_glob", o.valGlob},
            {"luts_path", o.lutsPath},
            {"seq_len", o.seqLen},
            {"max_tokens", o.maxTokens},
            {"batch_tokens", o.batchTokens},
            {"history_path", o.historyPath}};
}

ExportOptions exportOptionsFromJson(const json &j)
{
    const std::string what = "export";
    ExportOptions o;
    o.checkpoint = Json::text(j, "checkpoint", what);
    o.recipe = Recipe::fromJson(Json::object(j, "recipe", what), what + ".recipe");
    o.codePath = Json::text(j, "code_path", what);
    o.wrapCode = Json::boolean(j, "wrap_code", what);
    o.noCode = Json::boolean(j, "no_code", what);
    o.keepOfficialBlock = Json::boolean(j, "keep_official_block", what);
    o.marginBytes = Json::integer(j, "margin_bytes", what);
    o.outDir = Json::text(j, "out_dir", what);
    o.name = Json::text(j, "name", what);
    o.author = Json::text(j, "author", what);
    o.githubId = Json::text(j, "github_id", what);
    o.blurb = Json::text(j, "blurb", what);
    o.date = Json::text(j, "date", what);
    o.budget = Json::integer(j, "budget", what);
    o.zip = Json::boolean(j, "zip", what);
    o.overwrite = Json::boolean(j, "overwrite", what);
    o.mixedReaderPath = Json::text(j, "mixed_reader_path", what);
    o.calibration = calibrationFrom(Json::object(j, "calibration", what), what + ".calibration");
    o.verify = Json::boolean(j, "verify", what);
    if (const json &s = Json::field(j, "script", what); !s.is_null())
        o.script = scriptOptionsFromJson(s, what + ".script");
    o.valGlob = Json::text(j, "val_glob", what);
    o.lutsPath = Json::text(j, "luts_path", what);
    o.seqLen = Json::integer(j, "seq_len", what);
    o.maxTokens = Json::integer(j, "max_tokens", what);
    o.batchTokens = Json::integer(j, "batch_tokens", what);
    o.historyPath = Json::text(j, "history_path", what);
    return o;
}

json toJson(const ExportResult &r)
{
    return {{"folder", r.folder},
            {"zip_path", r.zipPath},
            {"model_file", r.modelFile},
            {"report", toJson(r.report)},
            {"ledger", toJson(r.ledger)},
            {"verified", r.verified},
            {"pre_quant", toJson(r.preQuant)},
            {"round_trip", toJson(r.roundTrip)},
            {"seconds", r.seconds},
            {"history_error", r.historyError},
            {"script_block", r.scriptBlock},
            {"margin_bytes", r.marginBytes},
            {"margin_warning", r.marginWarning},
            {"round_trip_line", r.roundTripLine},
            {"structure", r.structure},
            {"mixers", r.mixers}};
}

ExportResult exportResultFromJson(const json &j)
{
    const std::string what = "export result";
    ExportResult r;
    r.folder = Json::text(j, "folder", what);
    r.zipPath = Json::text(j, "zip_path", what);
    r.modelFile = Json::text(j, "model_file", what);
    r.report = sizeReportFromJson(Json::object(j, "report", what), what + ".report");
    r.ledger = sizeLedgerFromJson(Json::object(j, "ledger", what), what + ".ledger");
    r.verified = Json::boolean(j, "verified", what);
    r.preQuant = evalResultFromJson(Json::object(j, "pre_quant", what), what + ".pre_quant");
    r.roundTrip = evalResultFromJson(Json::object(j, "round_trip", what), what + ".round_trip");
    r.seconds = Json::number(j, "seconds", what);
    r.historyError = Json::text(j, "history_error", what);
    r.scriptBlock = Json::text(j, "script_block", what);
    r.marginBytes = Json::integer(j, "margin_bytes", what);
    r.marginWarning = Json::text(j, "margin_warning", what);
    r.roundTripLine = Json::text(j, "round_trip_line", what);
    r.structure = Json::text(j, "structure", what);
    r.mixers = Json::text(j, "mixers", what);
    return r;
}

json toJson(const CExportOptions &o)
{
    return {{"model_path", o.modelPath},
            {"recipe", o.recipe ? o.recipe->toJson() : json(nullptr)},
            {"config", o.config ? o.config->toJson() : json(nullptr)},
            {"out_dir", o.outDir},
            {"source_dir", o.sourceDir}};
}

CExportOptions cexportOptionsFromJson(const json &j)
{
    const std::string what = "export-c";
    CExportOptions o;
    o.modelPath = Json::text(j, "model_path", what);
    if (const json &r = Json::field(j, "recipe", what); !r.is_null())
        o.recipe = Recipe::fromJson(r, what + ".recipe");
    if (const json &c = Json::field(j, "config", what); !c.is_null())
        o.config = GptConfig::fromJson(c);
    o.outDir = Json::text(j, "out_dir", what);
    o.sourceDir = Json::text(j, "source_dir", what);
    return o;
}

json toJson(const CExportResult &r)
{
    return {{"weights_path", r.weightsPath},
            {"weights",
             {{"file_bytes", r.weights.fileBytes},
              {"code_bytes", r.weights.codeBytes},
              {"scale_bytes", r.weights.scaleBytes},
              {"float_bytes", r.weights.floatBytes},
              {"kv_bytes_per_token", r.weights.kvBytesPerToken}}},
            {"storage", r.storage},
            {"files", r.files}};
}

CExportResult cexportResultFromJson(const json &j)
{
    const std::string what = "export-c result";
    CExportResult r;
    r.weightsPath = Json::text(j, "weights_path", what);
    const json &w = Json::object(j, "weights", what);
    r.weights.fileBytes = Json::integer(w, "file_bytes", what + ".weights");
    r.weights.codeBytes = Json::integer(w, "code_bytes", what + ".weights");
    r.weights.scaleBytes = Json::integer(w, "scale_bytes", what + ".weights");
    r.weights.floatBytes = Json::integer(w, "float_bytes", what + ".weights");
    r.weights.kvBytesPerToken = Json::integer(w, "kv_bytes_per_token", what + ".weights");
    r.storage = Json::text(j, "storage", what);
    for (const json &f : Json::array(j, "files", what)) {
        if (!f.is_string())
            throw Error(what + ": files must be strings");
        r.files.push_back(f.get<std::string>());
    }
    return r;
}

} // namespace Core
