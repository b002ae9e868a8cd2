// SPDX-License-Identifier: GPL-3.0-or-later
// `golf pareto`: evaluates recipes on a checkpoint by real round trips and keeps them in the
// checkpoint's history, then shows bytes vs val_bpb with the frontier marked.

#include "recipe/evalhistory.h"
#include "analysis/roundtrip.h"
#include "analysis/sensitivityslice.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "dist/dealout.h"
#include "dist/world.h"
#include "model/model.h"
#include "scriptinputs.h"
#include "quant/calibration.h"
#include "quant/sizepricer.h"
#include "pack/sizereport.h"
#include "packinputs.h"
#include "ranklauncher.h"
#include "sliceinputs.h"
#include "train/torchruntime.h"
#include "quant/modelload.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <set>

namespace App {

namespace {

/// The built-in default with every large matrix at `bits` (small and control tensors as the
/// default keeps them): the uniform baselines a recipe should beat.
Core::Recipe uniformRecipe(int bits)
{
    Core::Recipe r = Core::Recipe::defaultRecipe();
    r.defaults["quant"] = "int" + std::to_string(bits);
    r.name = "uniform int" + std::to_string(bits) + " row";
    return r;
}

std::string labelOf(const std::string &arg, const Core::Recipe &recipe)
{
    if (std::filesystem::is_regular_file(arg))
        return recipe.name.empty() ? std::filesystem::path(arg).filename().string() : recipe.name;
    return arg; // a preset name
}

void printHistory(const std::vector<Core::RecipeEval> &all, const std::string &slice)
{
    std::vector<const Core::RecipeEval *> same;
    std::vector<int64_t> bytes;
    std::vector<double> bpb;
    for (const auto &e : all)
        if (e.slice == slice) {
            same.push_back(&e);
            bytes.push_back(e.totalBytes());
            bpb.push_back(e.valBpb);
        }
    const auto frontier = Core::paretoFrontier(bytes, bpb);
    const std::set<size_t> onFrontier(frontier.begin(), frontier.end());
    std::printf("%zu recipes evaluated on %s (* = on the Pareto frontier):\n", same.size(), slice.c_str());
    std::printf("  %-44s %-9s %14s %10s\n", "recipe", "source", "total bytes", "val_bpb");
    for (size_t i = 0; i < same.size(); ++i)
        std::printf("%c %-44.44s %-9s %14s %10.6f\n", onFrontier.count(i) ? '*' : ' ', same[i]->label.c_str(),
                    same[i]->source.c_str(), Core::formatBytes(same[i]->totalBytes()).c_str(), same[i]->valBpb);
}

} // namespace

int runPareto(int argc, char **argv)
{
    ArgParser args("golf pareto",
                   "Evaluates recipes on a checkpoint by real round trips (quantize, compress, write, read back, "
                   "evaluate on a fixed slice), records them in the checkpoint's history (the GUI's Pareto view "
                   "reads it) and prints bytes vs val_bpb with the Pareto frontier marked. Without --recipe it "
                   "evaluates the bundled presets and uniform int8..int3. Recipes with \"method\": \"gptq\" "
                   "calibrate on training tokens only (--calib-files, default the training shards).");
    args.addPositional("CHECKPOINT", "a model file: state dict, int8 .ptz, golf-mixed-v1 or a record's artifact");
    args.addOption("recipe", "FILE|PRESET", "a recipe to evaluate (repeatable)");
    args.addFlag("list", "evaluate nothing: print the recorded history");
    args.addOption("csv", "FILE", "write the whole history as CSV (atomically)");
    addSliceOptions(args);
    addCodeOptions(args);
    addCalibrationOptions(args);
    args.addOption("threads", "N", "CPU threads (0 = all cores)", "0");
    args.addOption("nproc", "N",
                   "deal the recipes out to N ranks on this machine (each gets the cores / N threads); "
                   "rank 0 records them. Across machines: one process per rank with torchrun's variables");
    args.addFlag("json", "print the new evaluations as a JSON array");
    return runCommand("golf pareto", args, argc, argv, [&]() -> int {
        if (args.has("nproc") && wantsLocalRanks(int(args.intValue("nproc"))))
            return launchLocalRanks("golf pareto", int(args.intValue("nproc")), argc, argv);
        const auto world = Core::joinWorld("cpu");
        const bool leader = Core::isLeader(world.get());
        Core::configureTorchRuntime(Core::rankThreads(args.intValue("threads"), world.get()));
        const std::string ckpt = args.positional("CHECKPOINT").front();
        Core::check(std::filesystem::exists(ckpt), ckpt + ": no such file");
        const std::string historyPath = Core::EvalHistory::pathFor(ckpt);

        std::vector<std::pair<std::string, Core::Recipe>> recipes;
        if (!args.has("list")) {
            for (const auto &arg : args.values("recipe")) {
                Core::Recipe r = loadRecipeArg(arg);
                recipes.emplace_back(labelOf(arg, r), r);
            }
            if (recipes.empty()) {
                for (const auto &name : recipePresetNames())
                    recipes.emplace_back(name, loadRecipeArg(name));
                for (int bits = 8; bits >= 3; --bits)
                    recipes.emplace_back("uniform int" + std::to_string(bits), uniformRecipe(bits));
            }
        }

        std::string sliceLabel;
        nlohmann::json fresh = nlohmann::json::array();
        if (!recipes.empty()) {
            SliceInputs in = sliceInputs(args, ckpt);
            const AnalysisTarget measured = analysisTarget(args, ckpt, in.slice);
            Core::EvalTarget &target = *measured.target;
            sliceLabel = in.slice.label();
            const std::unique_ptr<Core::SizePricer> pricer = target.makePricer();
            // GPTQ calibrates on training tokens whatever --slice compares on.
            std::vector<Core::Resolution> resolutions;
            for (const auto &[label, recipe] : recipes)
                resolutions.push_back(recipe.resolve(pricer->tensors()));
            CalibrationDefaults calib = calibrationDefaults(args, ckpt);
            if (!in.trainGlob.empty())
                calib.trainGlob = in.trainGlob;
            calib.seqLen = in.slice.seqLen;
            if (measured.model) {
                if (const auto calibration = calibrationFor(args, *measured.model, resolutions, calib))
                    pricer->setCalibration(*calibration);
            } else {
                for (const auto &r : resolutions)
                    Core::check(!Core::usesGptq(r), "a recipe uses GPTQ, whose calibration needs golf's GPT; "
                                                    "with --script compare rtn recipes");
            }
            ProgressLine line(2.0);
            auto progress = [&](size_t done) {
                if (leader)
                    line.update("progress: evaluating " + std::to_string(done) + "/" +
                                    std::to_string(recipes.size()),
                                true);
            };
            auto evaluate = [&](size_t i) {
                Core::RoundTripOptions rt;
                rt.scratchDir = Core::checkpointCacheDir(ckpt);
                rt.label = recipes[i].first;
                rt.source = "pareto";
                rt.codeBytes = codeBytesOf(args, pricer->tensors(), recipes[i].second);
                return Core::evaluateRecipe(target, *pricer, recipes[i].second, in.slice, rt);
            };
            auto record = [&](const Core::RecipeEval &e) {
                Core::EvalHistory::append(historyPath, e);
                fresh.push_back(e.toJson());
            };
            if (world) {
                // Recipe i goes to rank i mod W; rank 0 records every round as it arrives.
                std::vector<size_t> all(recipes.size());
                for (size_t i = 0; i < all.size(); ++i)
                    all[i] = i;
                Core::dealOut(
                    *world, all, [&](size_t i) { return evaluate(i).toJson().dump(); },
                    [&](size_t, const std::string &text) {
                        record(Core::RecipeEval::fromJson(nlohmann::json::parse(text), "a rank's evaluation"));
                    },
                    [&](size_t done, size_t) { progress(done); });
            } else {
                for (size_t i = 0; i < recipes.size(); ++i) {
                    progress(i);
                    record(evaluate(i));
                }
                progress(recipes.size());
            }
            line.finish();
            if (!leader)
                return ExitOk; // rank 0 reports
        }

        int skipped = 0;
        const auto history = Core::EvalHistory::load(historyPath, &skipped);
        if (args.has("csv"))
            Core::writeFileAtomic(args.value("csv"), Core::evalHistoryCsv(history));
        if (args.has("json")) {
            std::printf("%s\n", fresh.dump(1).c_str());
            return ExitOk;
        }
        if (sliceLabel.empty() && !history.empty())
            sliceLabel = history.back().slice;
        if (history.empty())
            std::printf("no recipes evaluated on this checkpoint yet (history: %s)\n", historyPath.c_str());
        else
            printHistory(history, sliceLabel);
        if (skipped)
            std::printf("(%d damaged line(s) in %s were skipped)\n", skipped, historyPath.c_str());
        return ExitOk;
    });
}

} // namespace App
