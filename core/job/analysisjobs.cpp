// SPDX-License-Identifier: GPL-3.0-or-later
#include "job/analysisjobs.h"

#include "common/error.h"
#include "common/jsonfields.h"

namespace Core {

using nlohmann::json;

CostEstimate costEstimateFromName(const std::string &name)
{
    if (name == "measured")
        return CostEstimate::Measured;
    if (name == "fisher")
        return CostEstimate::Fisher;
    if (name == "weight")
        return CostEstimate::Weight;
    throw Error("unknown estimate \"" + name + "\" (measured, fisher or weight)");
}

const char *costEstimateName(CostEstimate estimate)
{
    switch (estimate) {
    case CostEstimate::Measured:
        return "measured";
    case CostEstimate::Fisher:
        return "fisher";
    case CostEstimate::Weight:
        return "weight";
    }
    return "?";
}

namespace {

json scriptJson(const std::optional<ScriptEvaluatorOptions> &script)
{
    return script ? toJson(*script) : json(nullptr);
}

std::optional<ScriptEvaluatorOptions> scriptFrom(const json &j, const std::string &what)
{
    const json &s = Json::field(j, "script", what);
    if (s.is_null())
        return std::nullopt;
    return scriptOptionsFromJson(s, what + ".script");
}

} // namespace

json toJson(const EvaluateJob &j)
{
    return {{"checkpoint", j.checkpoint}, {"recipe", j.recipe.toJson()},
            {"slice", toJson(j.slice)},   {"code_bytes", j.codeBytes},
            {"label", j.label},           {"script", scriptJson(j.script)}};
}

EvaluateJob evaluateJobFromJson(const json &j)
{
    const std::string what = "evaluate";
    EvaluateJob e;
    e.checkpoint = Json::text(j, "checkpoint", what);
    e.recipe = Recipe::fromJson(Json::object(j, "recipe", what), what + ".recipe");
    e.slice = evalSliceFromJson(Json::object(j, "slice", what), what + ".slice");
    e.codeBytes = Json::integer(j, "code_bytes", what);
    e.label = Json::text(j, "label", what);
    e.script = scriptFrom(j, what);
    return e;
}

json toJson(const AllocateJob &a)
{
    return {{"checkpoint", a.checkpoint},   {"script", scriptJson(a.script)},
            {"base", a.base.toJson()},      {"slice", toJson(a.slice)},
            {"min_numel", a.minNumel},      {"cache_dir", a.cacheDir},
            {"fisher_glob", a.fisherGlob},  {"fisher_tokens", a.fisherTokens},
            {"estimate", costEstimateName(a.estimate)},
            {"budget", a.budget},           {"code_bytes", a.codeBytes},
            {"verify", a.verify},           {"scratch_dir", a.scratchDir},
            {"history_path", a.historyPath}};
}

AllocateJob allocateJobFromJson(const json &j)
{
    const std::string what = "allocate";
    AllocateJob a;
    a.checkpoint = Json::text(j, "checkpoint", what);
    a.script = scriptFrom(j, what);
    a.base = Recipe::fromJson(Json::object(j, "base", what), what + ".base");
    a.slice = evalSliceFromJson(Json::object(j, "slice", what), what + ".slice");
    a.minNumel = Json::integer(j, "min_numel", what);
    a.cacheDir = Json::text(j, "cache_dir", what);
    a.fisherGlob = Json::text(j, "fisher_glob", what);
    a.fisherTokens = Json::integer(j, "fisher_tokens", what);
    a.estimate = costEstimateFromName(Json::text(j, "estimate", what));
    a.budget = Json::integer(j, "budget", what);
    a.codeBytes = Json::integer(j, "code_bytes", what);
    a.verify = Json::boolean(j, "verify", what);
    a.scratchDir = Json::text(j, "scratch_dir", what);
    a.historyPath = Json::text(j, "history_path", what);
    return a;
}

json toJson(const AllocationSummary &s)
{
    return {{"estimate", costEstimateName(s.estimate)},
            {"budget", s.budget},
            {"code_bytes", s.codeBytes},
            {"feasible", s.feasible},
            {"recipe", s.recipe.toJson()},
            {"estimated_model_bytes", s.estimatedModelBytes},
            {"estimated_delta_bpb", Json::finiteOrNull(s.estimatedDeltaBpb)},
            {"estimated_bpb", Json::finiteOrNull(s.estimatedBpb)},
            {"priced_model_bytes", s.pricedModelBytes},
            {"margin", s.margin},
            {"smallest_model_bytes", s.smallestModelBytes},
            {"verified", s.verified},
            {"measured", s.verified ? s.measured.toJson() : json(nullptr)},
            {"slice", s.slice},
            {"base_bpb", Json::finiteOrNull(s.baseBpb)},
            {"candidate_tensors", s.candidateTensors},
            {"measured_cells", s.measuredCells},
            {"cached_cells", s.cachedCells},
            {"spearman_fisher", Json::finiteOrNull(s.spearmanFisher)}};
}

AllocationSummary allocationSummaryFromJson(const json &j)
{
    const std::string what = "allocation";
    AllocationSummary s;
    s.estimate = costEstimateFromName(Json::text(j, "estimate", what));
    s.budget = Json::integer(j, "budget", what);
    s.codeBytes = Json::integer(j, "code_bytes", what);
    s.feasible = Json::boolean(j, "feasible", what);
    s.recipe = Recipe::fromJson(Json::object(j, "recipe", what), what + ".recipe");
    s.estimatedModelBytes = Json::integer(j, "estimated_model_bytes", what);
    s.estimatedDeltaBpb = Json::numberOrNan(j, "estimated_delta_bpb", what);
    s.estimatedBpb = Json::numberOrNan(j, "estimated_bpb", what);
    s.pricedModelBytes = Json::integer(j, "priced_model_bytes", what);
    s.margin = Json::integer(j, "margin", what);
    s.smallestModelBytes = Json::integer(j, "smallest_model_bytes", what);
    s.verified = Json::boolean(j, "verified", what);
    if (s.verified)
        s.measured = RecipeEval::fromJson(Json::object(j, "measured", what), what + ".measured");
    s.slice = Json::text(j, "slice", what);
    s.baseBpb = Json::numberOrNan(j, "base_bpb", what);
    s.candidateTensors = Json::integer(j, "candidate_tensors", what);
    s.measuredCells = Json::integer(j, "measured_cells", what);
    s.cachedCells = Json::integer(j, "cached_cells", what);
    s.spearmanFisher = Json::numberOrNan(j, "spearman_fisher", what);
    return s;
}

} // namespace Core
