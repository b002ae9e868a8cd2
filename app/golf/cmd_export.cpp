// SPDX-License-Identifier: GPL-3.0-or-later
// `golf export`: checkpoint + recipe (+ train_gpt.py) -> a size-checked, round-trip verified
// records folder and its zip (core/export/exporter.h).

#include "recipe/evalhistory.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "commands.h"
#include "common/error.h"
#include "data/dataset.h"
#include "export/exporter.h"
#include "packinputs.h"
#include "scriptinputs.h"
#include "train/torchruntime.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace App {

int runExport(int argc, char **argv)
{
    ArgParser args("golf export",
                   "Writes a records folder YYYY-MM-DD_<name>/ for a submission: the compressed model "
                   "file, submission.json, README.md (size ledger, recipe table, scores), the run's "
                   "train.log and train_gpt.py, plus a .zip of it. The written file is read back, "
                   "dequantized, loaded strictly and evaluated (pre-quantization vs round-trip "
                   "val_bpb). Over the budget nothing is written and the exit code is 3. Recipes with "
                   "\"method\": \"gptq\" calibrate on training tokens only (--calib-files, "
                   "default the training shards of --data or of the run), never validation.");
    args.addPositional("CHECKPOINT", "the trained model (a run's checkpoint or final_model.pt)");
    args.addOption("name", "NAME", "submission name (also names the folder)");
    args.addOption("recipe", "FILE|PRESET", "recipe JSON or a bundled preset (" + recipePresetList() +
                                                "); default: int8 per row in golf-mixed-v1 + lzma");
    args.addOption("code", "FILE",
                   "train_gpt.py to ship; for a golf-mixed-v1 recipe it is patched to write the "
                   "model file itself (the baseline's serialization block, or golf-studio "
                   "markers); the shipped file's bytes count toward the budget");
    args.addFlag("no-code", "a model-only bundle without train_gpt.py (not a submission by itself)");
    args.addFlag("keep-official", "keep the baseline's int8+zlib block after the golf block");
    args.addOption("margin", "BYTES",
                   "warn when the headroom is below this (default: 1% of the model bytes; the "
                   "demo's artifact moved by 0.59% over four seeds)");
    args.addFlag("wrap-code", "ship train_gpt.py as the lzma+base85 self-extracting wrapper "
                              "(the original goes in as train_gpt_human.py)");
    args.addOption("out", "DIR", "where the records folder goes", "records");
    args.addOption("author", "NAME", "submission.json author");
    args.addOption("github-id", "ID", "submission.json github_id");
    args.addOption("blurb", "TEXT", "one-paragraph description");
    args.addOption("budget", "BYTES", "artifact budget in bytes", "16000000");
    args.addOption("date", "ISO", "submission date, e.g. 2026-11-23T12:00:00Z (default: now, UTC)");
    args.addOption("data", "DIR", "dataset folder for verification (default: the checkpoint's run)");
    args.addOption("val-files", "GLOB", "validation shards (instead of --data)");
    args.addOption("luts", "FILE", "byte LUT sidecar (instead of --data)");
    args.addOption("seq-len", "N", "evaluation window (default: the run's train_seq_len)");
    args.addOption("max-tokens", "N", "verify on the first N validation tokens only (0 = all)", "0");
    args.addFlag("no-verify", "skip the round-trip evaluation (no score is recorded)");
    args.addFlag("no-zip", "do not write the .zip");
    args.addFlag("overwrite", "replace an existing folder of the same name");
    addCalibrationOptions(args);
    addScriptOptions(args);
    args.addOption("threads", "N", "CPU threads (0 = all cores)", "0");
    args.addFlag("json", "print the result as JSON");
    return runCommand("golf export", args, argc, argv, [&]() -> int {
        if (!args.has("name"))
            throw UsageError("say what the submission is called: --name NAME");
        Core::configureTorchRuntime(args.intValue("threads"));
        Core::ExportOptions o;
        o.checkpoint = args.positional("CHECKPOINT").front();
        o.recipe = loadRecipeArg(args.value("recipe"));
        o.name = args.value("name");
        o.codePath = args.value("code");
        o.wrapCode = args.has("wrap-code");
        o.noCode = args.has("no-code");
        o.keepOfficialBlock = args.has("keep-official");
        if (args.has("margin"))
            o.marginBytes = args.intValue("margin");
        if (o.wrapCode && o.codePath.empty())
            throw UsageError("--wrap-code needs --code FILE");
        o.outDir = args.value("out");
        o.author = args.value("author");
        o.githubId = args.value("github-id");
        o.blurb = args.value("blurb");
        o.budget = args.intValue("budget");
        o.date = args.value("date");
        o.verify = !args.has("no-verify");
        o.zip = !args.has("no-zip");
        o.overwrite = args.has("overwrite");
        o.mixedReaderPath = mixedReaderPath();
        if (args.has("data")) {
            const auto paths = Core::datasetPaths(args.value("data"), /*requireTrain=*/false);
            o.valGlob = paths.valGlob;
            o.lutsPath = paths.byteLuts;
        }
        // GPTQ calibrates on training shards only: --calib-files, those of --data, else the
        // run's (calibrationDefaults; the exporter falls back to the run's too).
        o.calibration.trainGlob = args.has("calib-files")
                                      ? args.value("calib-files")
                                      : calibrationDefaults(args, o.checkpoint).trainGlob;
        o.calibration.tokens = args.intValue("calib-tokens");
        if (args.has("val-files"))
            o.valGlob = args.value("val-files");
        if (args.has("luts"))
            o.lutsPath = args.value("luts");
        if (args.has("seq-len"))
            o.seqLen = args.intValue("seq-len");
        o.maxTokens = args.intValue("max-tokens");
        if (usesScript(args))
            o.script = scriptOptions(args); // verified by the script's own model and evaluation
        o.historyPath = Core::EvalHistory::pathFor(o.checkpoint);

        ProgressLine progress(2.0);
        Core::ExportResult r;
        try {
            r = Core::exportSubmission(o, [&](const std::string &stage) { progress.update(stage); });
        } catch (const Core::OverBudgetError &e) {
            progress.finish();
            std::fprintf(stderr, "golf export: %s\n\n%s", e.what(), Core::formatLedger(e.ledger).c_str());
            return ExitOverBudget;
        }
        progress.finish();
        if (!r.marginWarning.empty())
            std::fprintf(stderr, "golf export: warning: %s\n", r.marginWarning.c_str());
        if (!r.historyError.empty())
            std::fprintf(stderr, "golf export: warning: not recorded in the Pareto history: %s\n",
                         r.historyError.c_str());

        if (args.has("json")) {
            nlohmann::json out{{"folder", r.folder},       {"zip", r.zipPath},
                               {"model_file", r.modelFile}, {"ledger", Core::toJson(r.ledger)},
                               {"verified", r.verified},   {"seconds", r.seconds},
                               {"script_block", r.scriptBlock},
                               {"margin_bytes", r.marginBytes}};
            if (!r.marginWarning.empty())
                out["margin_warning"] = r.marginWarning;
            if (!r.structure.empty())
                out["structure"] = r.structure;
            if (!r.mixers.empty())
                out["mixers"] = r.mixers;
            if (r.verified) {
                out["pre_quant"] = {{"val_loss", r.preQuant.valLoss}, {"val_bpb", r.preQuant.valBpb}};
                out["round_trip"] = {{"val_loss", r.roundTrip.valLoss}, {"val_bpb", r.roundTrip.valBpb},
                                     {"tokens", r.roundTrip.tokens}};
            }
            std::printf("%s\n", out.dump().c_str());
            return ExitOk;
        }
        std::printf("%s", Core::formatLedger(r.ledger).c_str());
        if (!r.structure.empty())
            std::printf("%s\n", r.structure.c_str());
        if (!r.mixers.empty())
            std::printf("%s\n", r.mixers.c_str());
        if (r.verified) {
            std::printf("pre-quant   val_loss:%.8f val_bpb:%.8f\n", r.preQuant.valLoss, r.preQuant.valBpb);
            std::printf("round trip  val_loss:%.8f val_bpb:%.8f (%+.6f bpb, %lld tokens)\n", r.roundTrip.valLoss,
                        r.roundTrip.valBpb, r.roundTrip.valBpb - r.preQuant.valBpb, (long long)r.roundTrip.tokens);
            std::printf("train_gpt.py prints: %s\n", r.roundTripLine.c_str());
        }
        if (!r.scriptBlock.empty())
            std::printf("train_gpt.py writes the model file itself: golf rewrote %s\n",
                        r.scriptBlock.c_str());
        std::printf("wrote %s/%s\n", r.folder.c_str(), r.zipPath.empty() ? "" : (" and " + r.zipPath).c_str());
        return ExitOk;
    });
}

} // namespace App
