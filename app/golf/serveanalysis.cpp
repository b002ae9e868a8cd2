// SPDX-License-Identifier: GPL-3.0-or-later
#include "serveanalysis.h"

#include "analysis/allocationrun.h"
#include "analysis/evaltarget.h"
#include "analysis/roundtrip.h"
#include "job/analysisjobs.h"
#include "job/serveprotocol.h"
#include "model/model.h"
#include "quant/modelload.h"
#include "quant/sizepricer.h"
#include "recipe/evalhistory.h"

#include <filesystem>
#include <optional>

namespace App {

namespace {

/// What identifies a loaded model: the file as it is now (a retrained checkpoint at the same
/// path is loaded again) and who scores it.
struct Identity
{
    std::string path, script;
    std::uintmax_t size = 0;
    std::filesystem::file_time_type mtime;
    bool operator==(const Identity &o) const
    {
        return path == o.path && script == o.script && size == o.size && mtime == o.mtime;
    }
};

Identity identityOf(const std::string &checkpoint, const std::optional<Core::ScriptEvaluatorOptions> &script)
{
    std::error_code ec;
    Identity id;
    id.path = checkpoint;
    id.script = script ? script->script : std::string();
    id.size = std::filesystem::file_size(checkpoint, ec);
    id.mtime = std::filesystem::last_write_time(checkpoint, ec);
    return id;
}

Core::AllocationSummary summarize(const Core::AllocationRunResult &r)
{
    Core::AllocationSummary s;
    s.estimate = r.estimate;
    s.budget = r.budget;
    s.codeBytes = r.codeBytes;
    s.feasible = r.feasible();
    s.recipe = r.plan.recipe;
    s.estimatedModelBytes = r.plan.estimatedModelBytes;
    s.estimatedDeltaBpb = r.plan.estimatedDeltaBpb;
    s.estimatedBpb = r.estimatedBpb();
    s.pricedModelBytes = r.priced.modelBytes;
    s.margin = r.margin;
    s.smallestModelBytes = r.smallestModelBytes;
    s.verified = r.verified;
    s.measured = r.measured;
    s.slice = r.table.slice;
    s.baseBpb = r.table.baseBpb;
    s.candidateTensors = int64_t(r.table.tensors.size());
    s.measuredCells = r.table.measuredCells;
    s.cachedCells = r.table.cachedCells;
    s.spearmanFisher = r.table.spearmanFisher;
    return s;
}

} // namespace

struct AnalysisService::Loaded
{
    Identity identity;
    std::unique_ptr<Core::Model> model;
    std::unique_ptr<Core::EvalTarget> target;
    std::unique_ptr<Core::SizePricer> pricer;
};

AnalysisService::AnalysisService() = default;
AnalysisService::~AnalysisService() = default;

void AnalysisService::addHandlers(std::map<std::string, ServeHandler> &handlers)
{
    handlers[Core::Serve::kEvaluate] = [this](const nlohmann::json &args, ServeRequest &r) {
        return evaluate(args, r);
    };
    handlers[Core::Serve::kAllocate] = [this](const nlohmann::json &args, ServeRequest &r) {
        return allocate(args, r);
    };
}

AnalysisService::Loaded &AnalysisService::modelOf(const std::string &checkpoint,
                                                  const std::optional<Core::ScriptEvaluatorOptions> &script)
{
    const Identity id = identityOf(checkpoint, script);
    if (!m_loaded || !(m_loaded->identity == id)) {
        m_loaded.reset(); // a bridge child of the previous file ends before the next starts
        auto next = std::make_unique<Loaded>();
        if (script) {
            next->target = Core::scriptTarget(checkpoint, *script);
        } else {
            next->model = std::make_unique<Core::Model>(Core::loadModel(checkpoint));
            next->target = Core::builtinTarget(*next->model);
        }
        next->pricer = next->target->makePricer();
        next->identity = id;
        m_loaded = std::move(next);
    }
    return *m_loaded;
}

nlohmann::json AnalysisService::evaluate(const nlohmann::json &args, ServeRequest &request)
{
    Core::EvaluateJob job = Core::evaluateJobFromJson(args);
    request.progress("loading", 0, 0);
    Loaded &m = modelOf(job.checkpoint, job.script);
    m.target->label(job.slice);
    request.progress("evaluating", 0, 1);
    Core::RoundTripOptions rt;
    rt.scratchDir = Core::checkpointCacheDir(job.checkpoint);
    rt.label = job.label;
    rt.source = "studio";
    rt.codeBytes = job.codeBytes;
    const Core::RecipeEval record = Core::evaluateRecipe(*m.target, *m.pricer, job.recipe, job.slice, rt);
    Core::EvalHistory::append(Core::EvalHistory::pathFor(job.checkpoint), record);
    request.progress("evaluating", 1, 1);
    return record.toJson();
}

nlohmann::json AnalysisService::allocate(const nlohmann::json &args, ServeRequest &request)
{
    const Core::AllocateJob job = Core::allocateJobFromJson(args);
    Core::AllocationRunOptions o;
    o.sensitivity.base = job.base;
    o.sensitivity.slice = job.slice;
    o.sensitivity.minNumel = job.minNumel;
    o.sensitivity.cacheDir = job.cacheDir;
    o.sensitivity.fisherGlob = job.fisherGlob;
    o.sensitivity.fisherTokens = job.fisherTokens;
    o.estimate = job.estimate;
    o.budget = job.budget;
    o.codeBytes = job.codeBytes;
    o.verify = job.verify;
    o.scratchDir = job.scratchDir;
    o.historyPath = job.historyPath;
    const auto progress = [&request](const std::string &stage, int64_t done, int64_t total) {
        return request.progress(stage, done, total);
    };
    progress("loading", 0, 0);
    Loaded &m = modelOf(job.checkpoint, job.script);
    m.target->label(o.sensitivity.slice);
    return Core::toJson(summarize(Core::runAllocation(*m.target, o, progress, m.pricer.get())));
}

} // namespace App
