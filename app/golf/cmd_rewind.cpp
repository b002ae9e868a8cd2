// SPDX-License-Identifier: GPL-3.0-or-later
// `golf rewind`: iterative magnitude pruning with rewinding (analysis/rewind.h), with every round
// measured in bytes and val_bpb, beside one-shot pruning of the dense model as the control.

#include "cli/args.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "interrupt.h"
#include "pack/sizereport.h"
#include "packinputs.h"
#include "analysis/rewind.h"
#include "trainsession.h"

#include <cstdio>

namespace App {

namespace {

/// A training configuration file: the settings themselves, or a run's config.json (whose
/// "train" object holds them), so a finished run's settings can be reused as they are.
Core::TrainConfig readConfigFile(const std::string &path)
{
    try {
        nlohmann::json j = nlohmann::json::parse(Core::readFile(path));
        if (j.is_object() && j.value("format", "") == "golf-run-v1")
            j = j.at("train");
        return Core::TrainConfig::fromJson(j, /*validateResult=*/false);
    } catch (const nlohmann::json::exception &e) {
        throw Core::Error(path + ": not valid JSON: " + e.what());
    } catch (const Core::Error &e) {
        throw Core::Error(path + ": " + e.what());
    }
}

Core::TrainConfig resolveConfig(const ArgParser &args)
{
    Core::TrainConfig cfg;
    if (args.has("config"))
        cfg = readConfigFile(args.value("config"));
    if (args.has("data"))
        useDataset(cfg, args.value("data"));
    // A run's config.json records the run it came from; a rewind sets these per round.
    cfg.prune_mask.clear();
    for (const auto &assignment : args.values("set"))
        cfg.applyOverride(assignment);
    cfg.validate();
    return cfg;
}

void printTable(const Core::RewindResult &result, const Core::RewindOptions &o)
{
    std::printf(
        "\nrewind: %d round(s), prune %.3g of the survivors per round, rewind to step %lld, "
        "%lld steps each\n",
        o.rounds, o.fraction, (long long)o.rewindStep, (long long)o.train.iterations);
    std::printf("measured on %s; bytes = exact model file under %s\n\n", result.slice.c_str(),
                o.recipeLabel.c_str());
    std::printf("%-5s %8s %8s | %-34s | %-34s\n", "", "", "", "rewound + retrained",
                "control: dense, one-shot pruned");
    std::printf("%-5s %8s %8s | %9s %13s %10s | %9s %13s %10s\n", "round", "sparsity", "of all",
                "float bpb", "model bytes", "rt bpb", "float bpb", "model bytes", "rt bpb");
    const int64_t dense = result.rounds.empty() ? 0 : result.rounds.front().rewound.modelBytes;
    for (const auto &r : result.rounds) {
        std::printf("%-5d %8.4f %8.4f | %9.4f %13s %10.4f |", r.round, r.stats.sparsity(),
                    r.sparsityAll, r.rewound.floatBpb,
                    Core::formatBytes(r.rewound.modelBytes).c_str(), r.rewound.roundTripBpb);
        if (r.round == 0 || o.oneShotControl)
            std::printf(" %9.4f %13s %10.4f\n", r.oneShot.floatBpb,
                        Core::formatBytes(r.oneShot.modelBytes).c_str(), r.oneShot.roundTripBpb);
        else
            std::printf(" %9s %13s %10s\n", "-", "-", "-");
    }
    if (result.rounds.size() > 1) {
        const auto &last = result.rounds.back();
        std::printf("\nlast round vs dense: %+lld model bytes (%+.2f%%), round-trip bpb %+.4f "
                    "(one-shot control: %+.4f)\n",
                    (long long)(last.rewound.modelBytes - dense),
                    dense ? 100.0 * double(last.rewound.modelBytes - dense) / double(dense) : 0.0,
                    last.rewound.roundTripBpb - result.rounds.front().rewound.roundTripBpb,
                    last.oneShot.roundTripBpb - result.rounds.front().rewound.roundTripBpb);
    }
    std::printf("summary: %s\n", result.summaryPath.c_str());
}

} // namespace

int runRewind(int argc, char **argv)
{
    ArgParser args(
        "golf rewind",
        "Iterative magnitude pruning with rewinding (lottery tickets): round 0 trains the dense "
        "model and keeps its weights at the rewind step; each further round prunes a fraction of "
        "the surviving weights with the smallest |w| (per tensor, the block matrices by default), "
        "rewinds to the kept weights and trains again with the mask held. Every round is its own "
        "run directory under --out. After each round: sparsity, float val_bpb, and by a real "
        "round trip through the recipe the exact compressed model bytes and val_bpb; beside it, "
        "the control: the dense model pruned one-shot to the same sparsity, not retrained.");
    args.addOption("config", "FILE", "training configuration JSON, or a run's config.json");
    args.addOption("data", "DIR", "dataset folder from `golf tokenize`");
    args.addOption("set", "KEY=VALUE", "override one setting, repeatable (--set iterations=300)");
    args.addOption("rounds", "R", "pruned rounds after the dense round 0", "3");
    args.addOption("prune-fraction", "P", "share of the surviving weights pruned per round", "0.2");
    args.addOption("rewind-step", "K", "the step whose weights every round restarts from", "0");
    args.addOption("match", "REGEX", "tensors to prune (2-D, never control tensors)",
                   Core::kDefaultPruneMatch);
    args.addOption("recipe", "FILE|PRESET", "recipe of the round trip (" + recipePresetList() + ")",
                   "int8-lzma");
    args.addOption("eval-tokens", "N", "validation tokens every measurement uses (0 = all)",
                   "65536");
    args.addFlag("no-control", "skip the one-shot pruning control");
    args.addOption("out", "DIR", "output folder: round0/ .. roundR/, masks/, summary.json");
    args.addFlag("quiet", "no training log lines on stdout");
    args.addFlag("json", "print the summary as JSON instead of the table");
    args.setEpilog("After r rounds the selected tensors are 1-(1-P)^r sparse. Running again with "
                   "the same options and --out continues where it stopped.\n"
                   "Example: golf rewind --data demo/data --set iterations=300 --rounds 3 "
                   "--prune-fraction 0.3 --rewind-step 20 --out rewind-demo");
    return runCommand("golf rewind", args, argc, argv, [&]() -> int {
        if (!args.has("out"))
            throw UsageError("--out DIR is required");
        if (!args.has("config") && !args.has("data"))
            throw UsageError("say what to train on: --data DIR or --config FILE");
        Core::RewindOptions o;
        o.train = resolveConfig(args);
        o.rounds = int(args.intValue("rounds"));
        o.fraction = args.doubleValue("prune-fraction");
        o.rewindStep = args.intValue("rewind-step");
        o.match = args.value("match");
        o.recipe = loadRecipeArg(args.value("recipe"));
        o.recipeLabel = args.value("recipe");
        o.evalTokens = args.intValue("eval-tokens");
        o.oneShotControl = !args.has("no-control");
        o.outDir = args.value("out");
        o.validate();

        const bool quiet = args.has("quiet") || args.has("json");
        ProgressLine progress;
        Core::RewindCallbacks cb;
        int round = 0;
        cb.onLog = [&](const std::string &line) {
            progress.finish();
            std::fprintf(stderr, "golf rewind: %s\n", line.c_str());
        };
        cb.train.onLog = [&](const std::string &line) {
            if (quiet)
                return;
            progress.finish();
            std::printf("[round%d] %s\n", round, line.c_str());
            std::fflush(stdout);
        };
        cb.train.onStep = [&](const Core::TrainProgress &p) {
            char text[160];
            std::snprintf(text, sizeof text, "round %d/%d  train %lld/%lld  loss %.4f", round,
                          o.rounds, (long long)p.step, (long long)p.iterations, p.trainLoss);
            progress.update(text, p.step == p.iterations);
        };
        cb.onRound = [&](const Core::RewindRound &r) {
            progress.finish();
            std::fprintf(stderr,
                         "golf rewind: round %d: sparsity %.4f  float bpb %.4f  %s bytes  "
                         "round-trip bpb %.4f\n",
                         r.round, r.stats.sparsity(), r.rewound.floatBpb,
                         Core::formatBytes(r.rewound.modelBytes).c_str(), r.rewound.roundTripBpb);
            round = r.round + 1;
        };
        const Core::RewindResult result = Core::runRewind(o, installInterruptFlag(), cb);
        progress.finish();
        if (args.has("json"))
            std::printf("%s\n", result.toJson(o).dump(2).c_str());
        else
            printTable(result, o);
        return ExitOk;
    });
}

} // namespace App
