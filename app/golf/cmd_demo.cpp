// SPDX-License-Identifier: GPL-3.0-or-later
// `golf demo`: the whole pipeline on real English text in a few CPU minutes: train a tokenizer,
// write shards, train a small GPT, and compare its val_bpb with the unigram baseline.

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "common/buildinfo.h"
#include "common/error.h"
#include "common/resourcedir.h"
#include "data/dataset.h"
#include "data/tokenstream.h"
#include "data/bytelut.h"
#include "eval/unigram.h"
#include "export/exporter.h"
#include "pack/sizereport.h"
#include "pack/storagesummary.h"
#include "quant/modelload.h"
#include "packinputs.h"
#include "run/rundir.h"
#include "subprocess.h"
#include "trainsession.h"
#include "train/trainer.h"
#include "train/torchruntime.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

namespace App {

namespace fs = std::filesystem;

namespace {

// The records folder's blurb from demo.json's template, filled with what this run did and what
// the export stores: {layers}, {dim}, {steps}, {storage} (Core::storageSummary of the recipe
// resolved against the checkpoint's tensors, the settings the file is written with) and
// {container}. A preset's name says what it means to do; this says what it did.
std::string demoBlurb(std::string text, const Core::TrainConfig &cfg, int64_t steps,
                      const Core::Recipe &recipe, const std::string &checkpoint)
{
    const auto replace = [&](const std::string &key, const std::string &value) {
        for (size_t at = text.find(key); at != std::string::npos;
             at = text.find(key, at + value.size()))
            text.replace(at, key.size(), value);
    };
    if (text.find("{storage}") != std::string::npos) {
        const Core::Resolution resolution = recipe.resolve(Core::loadModel(checkpoint).tensors());
        Core::SizeReport stored;
        for (const Core::ResolvedTensor &t : resolution.tensors) {
            Core::TensorSize size;
            size.name = t.tensor.name;
            size.shape = t.tensor.shape;
            size.numel = t.tensor.numel;
            size.setting = t.setting;
            stored.tensors.push_back(size);
        }
        replace("{storage}", Core::storageSummary(stored));
    }
    replace("{layers}", std::to_string(cfg.model.numLayers));
    replace("{dim}", std::to_string(cfg.model.modelDim));
    replace("{steps}", std::to_string(steps));
    const Core::ContainerSpec &c = recipe.container;
    replace("{container}", c.official() ? c.format
                                        : c.format + " + " + Core::codecName(c.codec) + " " +
                                              std::to_string(c.level));
    return text;
}

} // namespace

int runDemo(int argc, char **argv)
{
    ArgParser args("golf demo",
                   "Runs the bundled demo end to end on real English text (Debian's `fortunes` "
                   "quotations): trains a SentencePiece tokenizer and writes official-format shards "
                   "(golf-tokenize), trains a small GPT with the official recipe, and prints its "
                   "val_bpb next to the unigram baseline of the same tokenizer.");
    args.addOption("workspace", "DIR", "folder for the demo's data and runs", "demo-workspace");
    args.addOption("iterations", "N", "training steps (default: the demo description's)");
    args.addOption("set", "KEY=VALUE", "override a training setting, repeatable");
    args.addOption("description", "FILE", "demo description JSON (default: resources/demo/demo.json)");
    args.addFlag("retokenize", "tokenize again even if the workspace has data");
    args.addFlag("quiet", "only the summary");
    return runCommand("golf demo", args, argc, argv, [&]() -> int {
        std::string descPath = args.value("description");
        if (descPath.empty()) {
            const std::string res = resourceDir();
            Core::check(!res.empty(), "cannot find resources/demo/demo.json (pass --description)");
            descPath = res + "/demo/demo.json";
        }
        const auto desc = nlohmann::json::parse(Core::readFile(descPath));
        const std::string ws = args.value("workspace");
        const std::string dataDir = ws + "/data";
        Core::makeDirs(ws);

        // 1. Text -> tokenizer + shards, in the helper process (no torch there).
        if (args.has("retokenize") || !fs::exists(dataDir + "/dataset.json")) {
            std::vector<std::string> tokArgs{"prepare"};
            for (const auto &input : desc["text"]["inputs"]) {
                const std::string path = input.get<std::string>();
                Core::check(fs::exists(path),
                            path + " is missing: install Debian's `"
                                + desc["text"].value("package", std::string("?"))
                                + "` package (packaging/install-deps.sh does)");
                tokArgs.insert(tokArgs.end(), {"--input", path});
            }
            tokArgs.insert(tokArgs.end(),
                           {"--format", desc["text"]["format"].get<std::string>(), "--vocab-size",
                            std::to_string(desc["tokenizer"]["vocab_size"].get<int>()),
                            "--val-fraction",
                            std::to_string(desc["tokenizer"]["val_fraction"].get<double>()),
                            // Our own tokenizer and shards: not named like the official FineWeb ones.
                            "--prefix", "fortunes", "--out", dataDir});
            const std::string helper = findTokenizeHelper();
            Core::check(!helper.empty(), "cannot find the golf-tokenize helper");
            std::fprintf(stderr, "demo 1/4: tokenizing %s\n", desc["text"]["about"].get<std::string>().c_str());
            const int rc = runChild(helper, tokArgs);
            Core::check(rc == 0, "golf-tokenize failed (exit code " + std::to_string(rc) + ")");
        } else {
            std::fprintf(stderr, "demo 1/4: reusing the tokenized data in %s\n", dataDir.c_str());
        }

        // 2. Train.
        Core::TrainConfig cfg = Core::TrainConfig::fromJson(desc["train"]);
        const auto paths = Core::datasetPaths(dataDir);
        cfg.train_files = paths.trainGlob;
        cfg.val_files = paths.valGlob;
        cfg.byte_luts = paths.byteLuts;
        const auto lut = Core::ByteLut::load(paths.byteLuts);
        cfg.model.vocabSize = int(lut.vocabSize());
        if (args.has("iterations"))
            cfg.applyOverride("iterations=" + std::to_string(args.intValue("iterations")));
        for (const auto &assignment : args.values("set"))
            cfg.applyOverride(assignment);
        const std::string runId = "demo-" + Core::RunDir::newRunId();
        const std::string runDir = ws + "/runs/" + runId;
        std::fprintf(stderr, "demo 2/4: training a %.2fM-parameter GPT for %lld steps in %s\n",
                     double(cfg.model.parameterCount()) / 1e6, (long long)cfg.iterations, runDir.c_str());
        auto trainer = Core::Trainer::start(cfg, runDir,
                                            {{"run_id", runId},
                                             {"demo", desc.value("title", "")},
                                             {"versions", Core::runtimeBuildInfo().toJson()}});
        const int rc = runTrainerWithProgress(trainer, args.has("quiet"));
        if (rc != ExitOk || trainer.step() < cfg.iterations)
            return rc;

        // 3. Compare with the unigram baseline of the same tokenizer.
        std::fprintf(stderr, "demo 3/4: comparing with the unigram baseline\n");
        const auto uni = Core::unigramBaseline(Core::loadTokens(cfg.train_files, cfg.model.vocabSize),
                                               Core::loadTokens(cfg.val_files, cfg.model.vocabSize),
                                               lut, cfg.model.vocabSize);
        const auto &r = trainer.lastEval();
        std::printf("\nDemo result (%s)\n", runDir.c_str());
        std::printf("  model:            %lld parameters, %lld steps\n",
                    (long long)cfg.model.parameterCount(), (long long)trainer.step());
        std::printf("  val_loss:         %.4f nats/token\n", r.valLoss);
        std::printf("  val_bpb:          %.4f bits/byte over %lld tokens (%lld bytes)\n", r.valBpb,
                    (long long)r.tokens, (long long)r.bytes);
        std::printf("  unigram baseline: %.4f bits/byte\n", uni.valBpb);
        const double gain = 100.0 * (1.0 - r.valBpb / uni.valBpb);
        if (gain >= 0)
            std::printf("  improvement:      %.1f%% fewer bits than the unigram baseline\n", gain);
        else
            std::printf("  not there yet:    %.1f%% more bits than the unigram baseline "
                        "(train for more steps)\n", -gain);
        std::printf("  checkpoint:       %s\n", trainer.lastCheckpoint().c_str());

        // 4. Compress with a recipe and export a records folder, verified by a round trip.
        const auto exportDesc = desc.value("export", nlohmann::json::object());
        Core::ExportOptions o;
        o.checkpoint = trainer.lastCheckpoint();
        o.recipe = loadRecipeArg(exportDesc.value("recipe", ""));
        o.name = exportDesc.value("name", "golf demo");
        o.blurb = demoBlurb(exportDesc.value("blurb", ""), cfg, trainer.step(), o.recipe,
                            o.checkpoint);
        o.author = "Golf Studio demo";
        o.outDir = ws + "/records";
        o.overwrite = true; // the demo can be run again; its folder is replaced whole
        // The demo trains in C++, so there is no train_gpt.py that reproduces its artifact: its
        // folder is a model-only bundle, and its README says so.
        o.noCode = true;
        o.mixedReaderPath = mixedReaderPath();
        std::fflush(stdout); // the result so far, before the progress lines on stderr
        std::fprintf(stderr, "demo 4/4: compressing with the recipe \"%s\" and exporting\n",
                     o.recipe.name.c_str());
        const Core::ExportResult e = Core::exportSubmission(o);
        std::printf("  model file:       %s bytes (%s, %s); fp32 weights %s bytes\n",
                    Core::formatBytes(e.report.modelBytes).c_str(), e.report.format.c_str(),
                    Core::codecName(e.report.codec), Core::formatBytes(cfg.model.parameterCount() * 4).c_str());
        std::printf("  budget:           %s of %s bytes used, %s headroom\n",
                    Core::formatBytes(e.ledger.totalBytes()).c_str(), Core::formatBytes(e.ledger.budget).c_str(),
                    Core::formatBytes(e.ledger.headroom()).c_str());
        // The blurb was made from the resolved settings before writing; the file is what counts.
        const std::string stored = Core::storageSummary(e.report);
        if (exportDesc.value("blurb", "").find("{storage}") != std::string::npos)
            Core::check(o.blurb.find(stored) != std::string::npos,
                        "the demo's description does not match what was stored: " + stored);
        std::printf("  stored as:        %s\n", stored.c_str());
        std::printf("  round trip:       val_bpb %.4f after compression (%+.4f)\n", e.roundTrip.valBpb,
                    e.roundTrip.valBpb - e.preQuant.valBpb);
        std::printf("  records folder:   %s\n", e.folder.c_str());
        std::printf("\nNext: golf inspect %s   (bytes per tensor)\n", e.modelFile.c_str());
        return ExitOk;
    });
}

} // namespace App
