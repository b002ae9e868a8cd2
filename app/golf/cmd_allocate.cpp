// SPDX-License-Identifier: GPL-3.0-or-later
// `golf allocate`: per-tensor settings that fit a byte budget with the smallest estimated loss
// increase, verified by a real round trip (quantize, compress, write, read back, evaluate).

#include "analysis/allocation.h"
#include "analysis/allocationrun.h"
#include "recipe/evalhistory.h"
#include "analysisinputs.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "commands.h"
#include "common/error.h"
#include "dist/world.h"
#include "ranklauncher.h"
#include "model/model.h"
#include "scriptinputs.h"
#include "pack/sizereport.h"
#include "sliceinputs.h"
#include "train/torchruntime.h"
#include "quant/modelload.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace App {

namespace {

nlohmann::json num(double v)
{
    return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}

} // namespace

int runAllocate(int argc, char **argv)
{
    ArgParser args(
        "golf allocate",
        "Chooses how each tensor is stored so the artifact (model file + code) fits BYTES with the "
        "smallest estimated loss increase: a knapsack over the exact compressed bytes of every "
        "candidate setting (golf sensitivity), then verified by really quantizing, compressing, "
        "reading back and evaluating the result. Prints estimate vs measured.");
    args.addPositional("CHECKPOINT", "a model file: state dict, int8 .ptz, golf-mixed-v1 or a record's artifact");
    args.addOption("budget", "BYTES", "artifact budget: model file + code bytes", "16000000");
    args.addOption(
        "estimate", "measured|fisher|weight",
        "what is minimised: the measured loss increase of each tensor alone, the Fisher proxy "
        "(no evaluation per cell) or the weight error",
        "measured");
    addSensitivityOptions(args);
    addCodeOptions(args);
    args.addOption("out", "FILE", "write the allocated recipe here (golf-recipe-v1, atomically)");
    args.addFlag("no-verify", "skip the round-trip evaluation of the result");
    args.addOption("threads", "N", "CPU threads (0 = all cores)", "0");
    args.addFlag("json", "print the result as one JSON object");
    return runCommand("golf allocate", args, argc, argv, [&]() -> int {
        if (args.has("nproc") && wantsLocalRanks(int(args.intValue("nproc"))))
            return launchLocalRanks("golf allocate", int(args.intValue("nproc")), argc, argv);
        const auto world = Core::joinWorld("cpu");
        Core::configureTorchRuntime(Core::rankThreads(args.intValue("threads"), world.get()));
        const std::string ckpt = args.positional("CHECKPOINT").front();
        const Core::CostEstimate estimate = Core::costEstimateFromName(args.value("estimate"));
        Core::SensitivityOptions o = sensitivityOptions(args, ckpt);
        o.world = world.get();
        o.measure = estimate == Core::CostEstimate::Measured;
        // Checked here too (runAllocation checks it), to name the options before a model loads.
        if (estimate == Core::CostEstimate::Fisher)
            Core::check(!o.fisherGlob.empty() && o.fisherTokens > 0,
                        "--estimate fisher needs training shards (--data or --train-files) and "
                        "--fisher-tokens > 0");
        if (estimate == Core::CostEstimate::Fisher && usesScript(args))
            throw UsageError("--estimate fisher needs golf's GPT's gradients; with --script use measured or weight");
        const int64_t budget = args.intValue("budget");
        const AnalysisTarget scorer = sensitivityTarget(args, ckpt, o);
        const std::vector<Core::TensorDesc> tensors = scorer.target->tensors();
        // The shipped script embeds every tensor's setting, so its size moves a little with the
        // allocation: reserve kSettingBytes per tensor over what the base recipe's script takes.
        // The ledger below counts the allocated recipe's script exactly.
        constexpr int64_t kSettingBytes = 48;
        const int64_t codeBytes =
            args.has("code") ? codeBytesOf(args, tensors, o.base) + kSettingBytes * int64_t(tensors.size())
                             : 0;
        const int64_t modelBudget = budget - codeBytes;

        Core::AllocationRunOptions run;
        run.sensitivity = o;
        run.estimate = estimate;
        run.budget = budget;
        run.codeBytes = codeBytes;
        run.verify = !args.has("no-verify");
        run.scratchDir = Core::checkpointCacheDir(ckpt);
        run.historyPath = Core::EvalHistory::pathFor(ckpt);
        ProgressLine line(2.0);
        const Core::SensitivityProgress printer = progressPrinter(line);
        const Core::AllocationRunResult result = Core::runAllocation(
            *scorer.target, run, [&](const std::string &stage, int64_t done, int64_t total) {
                if (!Core::isLeader(world.get()))
                    return true;
                if (stage == "verifying") {
                    if (done == 0)
                        line.finish(); // the sensitivity line ends before the verification's
                    line.update("progress: verifying " + std::to_string(done) + "/1", true);
                } else if (stage != "planning") {
                    printer(stage, done, total);
                }
                return true;
            });
        line.finish();
        if (!Core::isLeader(world.get()))
            return ExitOk; // it measured its share of the cells; rank 0 plans and reports
        const Core::AllocationPlan &plan = result.plan;
        const Core::SensitivityTable &table = result.table;
        if (!result.feasible()) {
            std::fprintf(stderr,
                         "golf allocate: no allocation fits: the model may take %s bytes (budget "
                         "%s - code %s), "
                         "but the smallest candidates need about %s\n",
                         Core::formatBytes(modelBudget).c_str(), Core::formatBytes(budget).c_str(),
                         Core::formatBytes(codeBytes).c_str(),
                         Core::formatBytes(result.smallestModelBytes).c_str());
            return ExitOverBudget;
        }
        if (args.has("out"))
            plan.recipe.save(args.value("out"));
        const int64_t shippedCode = args.has("code") ? codeBytesOf(args, tensors, plan.recipe) : 0;

        const double estimatedBpb = result.estimatedBpb();
        const Core::SizeReport &priced = result.priced;
        const Core::RecipeEval &measured = result.measured;
        const bool verify = result.verified;
        if (args.has("json")) {
            nlohmann::json j;
            j["recipe"] = plan.recipe.toJson();
            j["budget"] = budget;
            j["code_bytes"] = shippedCode;
            j["code_bytes_reserved"] = codeBytes;
            j["estimate_kind"] = Core::costEstimateName(estimate);
            j["estimate"] = {{"model_bytes", plan.estimatedModelBytes},
                             {"total_bytes", plan.estimatedModelBytes + shippedCode},
                             {"delta_bpb", num(plan.estimatedDeltaBpb)},
                             {"val_bpb", num(o.measure ? estimatedBpb : NAN)}};
            j["priced_model_bytes"] = priced.modelBytes;
            j["base"] = {{"val_bpb", num(o.measure ? table.baseBpb : NAN)}, {"slice", table.slice}};
            j["sensitivity"] = {{"measured_cells", table.measuredCells},
                                {"cached_cells", table.cachedCells},
                                {"spearman_weight", num(table.spearmanWeight)},
                                {"spearman_fisher", num(table.spearmanFisher)}};
            if (verify)
                j["measured"] = {{"model_bytes", measured.modelBytes},
                                 {"total_bytes", measured.totalBytes()},
                                 {"val_loss", measured.valLoss},
                                 {"val_bpb", measured.valBpb}};
            j["fits"] = priced.modelBytes + shippedCode <= budget;
            std::printf("%s\n", j.dump(1).c_str());
            return ExitOk;
        }
        std::printf("%s\n", Core::formatAllocationPlan(plan, table).c_str());
        Core::SizeLedger ledger;
        ledger.modelBytes = priced.modelBytes;
        ledger.codeBytes = shippedCode;
        if (args.has("code")) {
            ledger.codePath = args.value("code");
            ledger.codeForm = args.has("wrap-code") ? "lzma+base85" : "raw";
        }
        ledger.budget = budget;
        std::printf("%s\n", Core::formatLedger(ledger).c_str());
        if (o.measure)
            std::printf("full precision on %s: val_bpb %.6f\nestimate (sum of measured "
                        "single-tensor increases): "
                        "val_bpb %.6f (+%.6f)\n",
                        table.slice.c_str(), table.baseBpb, estimatedBpb, plan.estimatedDeltaBpb);
        if (verify && o.measure)
            std::printf("measured round trip: val_bpb %.6f (+%.6f), model file %s bytes\n",
                        measured.valBpb, measured.valBpb - table.baseBpb,
                        Core::formatBytes(measured.modelBytes).c_str());
        else if (verify)
            std::printf("measured round trip on %s: val_bpb %.6f, model file %s bytes\n",
                        measured.slice.c_str(), measured.valBpb,
                        Core::formatBytes(measured.modelBytes).c_str());
        if (args.has("out"))
            std::printf("recipe written to %s\n", args.value("out").c_str());
        return ExitOk;
    });
}

} // namespace App
