// SPDX-License-Identifier: GPL-3.0-or-later
// `golf eval`: val_loss and val_bpb of a checkpoint, official windows or sliding.

#include "cli/args.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "data/dataset.h"
#include "data/tokenstream.h"
#include "data/bytelut.h"
#include "eval/evaluator.h"
#include "eval/unigram.h"
#include "model/model.h"
#include "run/checkpointdata.h"
#include "train/torchruntime.h"
#include "quant/modelload.h"
#include "scriptinputs.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

namespace App {

namespace {

void printResult(const ArgParser &args, const Core::EvalResult &r, nlohmann::json &out)
{
    if (args.has("json")) {
        std::printf("%s\n", out.dump().c_str());
        return;
    }
    std::printf("val_loss:%.8f val_bpb:%.8f tokens:%lld bytes:%lld eval_time:%.0fms\n", r.valLoss, r.valBpb,
                (long long)r.tokens, (long long)r.bytes, r.seconds * 1000);
    if (out.contains("unigram_val_bpb"))
        std::printf("unigram_baseline val_bpb:%.4f\n", out["unigram_val_bpb"].get<double>());
}

/// The model file's tensors scored by the user's script: its windows, its evaluation.
int evalWithScript(const ArgParser &args, const std::string &ckpt)
{
    for (const char *own : {"stride", "seq-len", "unigram", "model-config"})
        if (args.has(own) && !(std::string(own) == "stride" && args.intValue("stride") == 0))
            throw UsageError(std::string("--") + own + " is golf's own evaluation; with --script the script's "
                             "Hyperparameters decide (set them with --script-env)");
    const auto target = Core::scriptTarget(ckpt, scriptOptions(args));
    Core::EvalSlice slice;
    slice.tokens = args.intValue("max-tokens");
    target->label(slice);
    const Core::EvalResult r = target->score(slice);
    nlohmann::json out{{"checkpoint", ckpt}, {"val_loss", r.valLoss}, {"val_bpb", r.valBpb},
                       {"tokens", r.tokens}, {"bytes", r.bytes},      {"seconds", r.seconds},
                       {"evaluator", target->describe()}};
    printResult(args, r, out);
    return ExitOk;
}

} // namespace

int runEval(int argc, char **argv)
{
    ArgParser args("golf eval",
                   "Scores a checkpoint on validation shards: val_loss (nats/token) and val_bpb "
                   "(bits per UTF-8 byte), with the official formula and byte LUT rule. Windows "
                   "are non-overlapping (official) unless --stride sets sliding-window scoring.");
    args.addPositional("CHECKPOINT", "a model file: a state dict (ours, or the official final_model.pt), an "
                                     "int8 .ptz, golf-mixed-v1 or a record's artifact");
    args.addOption("data", "DIR", "dataset folder (val shards + tokenizer.luts.json); default: "
                                  "the data of the checkpoint's run");
    args.addOption("val-files", "GLOB", "validation shards (instead of --data)");
    args.addOption("luts", "FILE", "byte LUT sidecar (instead of --data)");
    args.addOption("model-config", "FILE", "model shape JSON; default: the run's config.json, "
                                           "else inferred from the tensor shapes");
    args.addOption("seq-len", "N", "window length; default: the run's train_seq_len, else 1024");
    args.addOption("stride", "S", "sliding-window stride (score the last S tokens of each window)", "0");
    args.addOption("max-tokens", "N", "score only the first N validation tokens (0 = all)", "0");
    args.addOption("batch-tokens", "N", "tokens per forward batch", "65536");
    args.addOption("threads", "N", "CPU threads (0 = all cores)", "0");
    args.addFlag("unigram", "also print the unigram baseline of the run's training shards");
    args.addFlag("json", "print the result as one JSON object");
    addScriptOptions(args);
    return runCommand("golf eval", args, argc, argv, [&]() -> int {
        Core::configureTorchRuntime(args.intValue("threads"));
        const std::string ckpt = args.positional("CHECKPOINT").front();
        Core::check(std::filesystem::exists(ckpt), ckpt + ": no such file");
        if (usesScript(args))
            return evalWithScript(args, ckpt);

        // Defaults come from the checkpoint's run directory when there is one.
        const Core::CheckpointData data = Core::checkpointData(ckpt, args.value("data"));
        std::string valGlob = data.valGlob, luts = data.luts, trainGlob = data.trainGlob;
        int64_t seqLen = data.seqLen > 0 ? data.seqLen : 1024;
        if (args.has("val-files"))
            valGlob = args.value("val-files");
        if (args.has("luts"))
            luts = args.value("luts");
        if (args.has("seq-len"))
            seqLen = args.intValue("seq-len");
        if (valGlob.empty() || luts.empty())
            throw UsageError("say which validation data to use: --data DIR, or --val-files and --luts");

        std::unique_ptr<Core::GptConfig> shape;
        if (args.has("model-config"))
            shape = std::make_unique<Core::GptConfig>(Core::GptConfig::fromJson(
                nlohmann::json::parse(Core::readFile(args.value("model-config")))));
        Core::Model model = Core::loadModel(ckpt, shape.get());
        const int64_t vocab = model.config().vocabSize;
        const auto tokens = Core::loadTokens(valGlob, vocab);
        const auto lut = Core::ByteLut::load(luts);

        Core::EvalOptions o;
        o.seqLen = seqLen;
        o.stride = args.intValue("stride");
        o.maxTokens = args.intValue("max-tokens");
        o.batchTokens = args.intValue("batch-tokens");
        if (o.seqLen < 1 || o.stride < 0 || o.stride > o.seqLen || o.batchTokens < 1)
            throw UsageError("need seq-len >= 1, 0 <= stride <= seq-len, batch-tokens >= 1");
        ProgressLine progress;
        const auto r = Core::evaluate(model, tokens, lut, o, [&](int64_t done, int64_t total) {
            char text[128];
            std::snprintf(text, sizeof text, "eval %lld/%lld tokens (%.0f%%)", (long long)done,
                          (long long)total, 100.0 * double(done) / double(total));
            progress.update(text, done == total);
            return true;
        });
        progress.finish();

        nlohmann::json out{{"checkpoint", ckpt},     {"val_loss", r.valLoss},
                           {"val_bpb", r.valBpb},    {"tokens", r.tokens},
                           {"bytes", r.bytes},       {"seq_len", o.seqLen},
                           {"stride", o.stride},     {"seconds", r.seconds},
                           {"params", model.parameterCount()}};
        if (args.has("unigram")) {
            Core::check(!trainGlob.empty(), "--unigram needs training shards (from --data or the run)");
            const auto uni = Core::unigramBaseline(Core::loadTokens(trainGlob, vocab), tokens, lut, vocab);
            out["unigram_val_bpb"] = uni.valBpb;
        }
        printResult(args, r, out);
        return ExitOk;
    });
}

} // namespace App
