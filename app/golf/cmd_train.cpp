// SPDX-License-Identifier: GPL-3.0-or-later
// `golf train`: a training run into a run directory, or the continuation of one.

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "common/buildinfo.h"
#include "common/error.h"
#include "dist/world.h"
#include "model/model.h"
#include "packinputs.h"
#include "ranklauncher.h"
#include "run/rundir.h"
#include "trainsession.h"
#include "train/qat.h"
#include "train/trainer.h"
#include "train/torchruntime.h"

#include <cstdio>

namespace App {

namespace {

Core::TrainConfig resolveConfig(const ArgParser &args)
{
    Core::TrainConfig cfg;
    if (args.has("config")) {
        const std::string path = args.value("config");
        try {
            cfg = Core::TrainConfig::fromJson(nlohmann::json::parse(Core::readFile(path)));
        } catch (const nlohmann::json::exception &e) {
            throw Core::Error(path + ": not valid JSON: " + e.what());
        } catch (const Core::Error &e) {
            throw Core::Error(path + ": " + e.what());
        }
    }
    if (args.has("data"))
        useDataset(cfg, args.value("data"));
    for (const char *name : {"iterations", "seed", "threads"})
        if (args.has(name))
            cfg.applyOverride(std::string(name) + "=" + std::to_string(args.intValue(name)));
    if (args.has("max-wallclock"))
        cfg.applyOverride("max_wallclock_seconds=" + args.value("max-wallclock"));
    // The recipe's document itself goes into the configuration, so config.json records exactly
    // what the run trained for (a preset may change later).
    if (args.has("qat")) {
        try {
            cfg.qat_recipe = loadRecipeArg(args.value("qat")).toJson();
        } catch (const Core::Error &e) {
            // loadRecipeArg speaks of --recipe, the option of the commands that share it.
            const std::string what = e.what();
            throw Core::Error(what.rfind("--recipe ", 0) == 0 ? "--qat " + what.substr(9) : what);
        }
    }
    if (args.has("qat-start"))
        cfg.applyOverride("qat_start_fraction=" + args.value("qat-start"));
    if (args.has("teacher"))
        cfg.teacher = args.value("teacher");
    if (args.has("kd-cache"))
        cfg.kd_cache = args.value("kd-cache");
    for (const auto &assignment : args.values("set"))
        cfg.applyOverride(assignment);
    cfg.validate();
    return cfg;
}

/// A recipe that does not fit the model fails here, before a run directory exists. The
/// tensors come from a model built from the configuration (the same names and shapes the
/// trainer will have).
void checkQat(const Core::TrainConfig &cfg)
{
    if (cfg.qat_recipe.is_null())
        return;
    const Core::QatPlan plan =
        Core::planQat(cfg.qat_recipe, Core::Model(cfg.model, cfg.seed).tensors());
    if (plan.tensors.empty())
        std::fprintf(stderr,
                     "golf train: warning: the QAT recipe %s stores every tensor as fp32; "
                     "QAT changes nothing\n",
                     plan.recipeName.c_str());
}

} // namespace

int runTrain(int argc, char **argv)
{
    ArgParser args("golf train",
                   "Trains the challenge's baseline GPT (every knob configurable) with the official "
                   "recipe: Muon + Adam, warmdown, periodic validation in bits per byte. Writes a run "
                   "directory: config.json, metrics.jsonl, train.log (official line format) and "
                   "checkpoints/ (torch.save state dicts with the official tensor names).\n"
                   "Ctrl-C (or a file named STOP in the run directory) stops after the current step "
                   "with a checkpoint; --resume continues bit-for-bit.");
    args.addOption("config", "FILE", "training configuration JSON (any subset of the settings)");
    args.addOption("data", "DIR",
                   "dataset folder from `golf tokenize` (shards + tokenizer.luts.json)");
    args.addOption("set", "KEY=VALUE",
                   "override one setting, repeatable: --set iterations=500 "
                   "--set model.num_layers=4");
    args.addOption("iterations", "N", "number of training steps");
    args.addOption("seed", "N", "random seed (same seed, same loss curve on CPU)");
    args.addOption("threads", "N", "CPU threads for torch (0 = all cores)");
    args.addOption("max-wallclock", "SECONDS", "training time cap; 0 = none (official: 600)");
    args.addOption("qat", "RECIPE",
                   "quantization-aware training for this recipe (a preset name or a file, as "
                   "`golf quantize --recipe`): from --qat-start on, the passes see the weights "
                   "as the recipe exports them (straight-through gradients, round to nearest); "
                   "checkpoints and validation keep the full-precision weights");
    args.addOption("qat-start", "FRACTION",
                   "fraction of training after which QAT is on (default 0.8; 0 = from the "
                   "start); same as --set qat_start_fraction=F");
    args.addOption("teacher", "MODEL_FILE",
                   "distil from this model (any model file golf reads, on the same tokenizer): "
                   "loss = kd_alpha*CE + (1-kd_alpha)*T^2*KL at T = kd_temperature over the "
                   "teacher's kd_top_k logits (--set kd_alpha=0.5 kd_temperature=2 kd_top_k=32)");
    args.addOption("kd-cache", "FILE",
                   "keep the teacher's top-k logits in FILE: filled on the first run, read by "
                   "every later run on the same data and batch layout (the teacher then never "
                   "runs)");
    args.addOption("run-dir", "DIR", "run directory to create (default: RUNS/<date-time-id>)");
    args.addOption("runs", "DIR", "parent folder of new run directories", "runs");
    args.addOption("resume", "RUN_DIR", "continue the run in RUN_DIR from its latest checkpoint (at any "
                                         "world size that divides grad_accum_steps)");
    args.addOption("nproc", "N",
                   "data-parallel: start N ranks on this machine (torchrun's standalone mode; each "
                   "gets the machine's cores / N threads unless --threads says otherwise). The global "
                   "batch stays the same: each rank runs grad_accum_steps / N micro-batches. To span "
                   "machines, start one golf train per rank with torchrun's variables instead "
                   "(RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT, LOCAL_RANK)");
    args.addFlag("print-config", "print the resolved configuration as JSON and exit");
    args.addFlag("quiet", "no log lines on stdout (the run directory still gets them)");
    args.setEpilog("Settings and their defaults: golf train --print-config\n"
                   "Example: golf train --data demo/data --set model.num_layers=4 --iterations 300\n"
                   "Late QAT: golf train --data demo/data --qat ternary --qat-start 0.7\n"
                   "Distillation: golf train --data demo/data --teacher big/final.pt "
                   "--kd-cache big/top32.kd\n"
                   "Two ranks: golf train --data demo/data --nproc 2 --set grad_accum_steps=2\n"
                   "Two machines: torchrun --nnodes 2 --nproc_per_node 1 --node_rank R --master_addr HOST "
                   "--master_port 29500 --no_python golf train ... (or set the variables yourself)");
    return runCommand("golf train", args, argc, argv, [&]() -> int {
        if (args.has("nproc") && wantsLocalRanks(int(args.intValue("nproc"))))
            return launchLocalRanks("golf train", int(args.intValue("nproc")), argc, argv);
        if (args.has("resume")) {
            const auto world = Core::joinWorld(Core::RunDir(args.value("resume")).readConfig().device);
            auto trainer = Core::Trainer::resume(args.value("resume"), world.get());
            return runTrainerWithProgress(trainer, args.has("quiet"));
        }
        const Core::TrainConfig cfg = resolveConfig(args);
        if (args.has("print-config")) {
            std::printf("%s\n", cfg.toJson().dump(2).c_str());
            return ExitOk;
        }
        checkQat(cfg);
        const auto world = Core::joinWorld(cfg.device);
        // Every rank needs the same folder: a new run's name comes from rank 0.
        std::string runId = Core::RunDir::newRunId();
        if (world && !args.has("run-dir"))
            runId = Core::agreeOnText(*world, runId, "naming the run directory");
        const std::string runDir =
            args.has("run-dir") ? args.value("run-dir") : args.value("runs") + "/" + runId;
        auto trainer = Core::Trainer::start(
            cfg, runDir, {{"run_id", runId}, {"versions", Core::runtimeBuildInfo().toJson()}}, world.get());
        if (trainer.leader())
            std::fprintf(stderr, "golf train: run directory %s\n", runDir.c_str());
        return runTrainerWithProgress(trainer, args.has("quiet"));
    });
}

} // namespace App
