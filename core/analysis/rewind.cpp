// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/rewind.h"

#include "analysis/roundtrip.h"
#include "analysis/sensitivityslice.h"
#include "common/atomicfile.h"
#include "common/buildinfo.h"
#include "common/error.h"
#include "config/mixertensors.h"
#include "eval/evaluator.h"
#include "model/model_p.h"
#include "quant/sizepricer.h"
#include "recipe/namepattern.h"
#include "run/rundir.h"
#include "train/optimizers_p.h"
#include "analysis/rewind_p.h"
#include "quant/modelload.h"
#include "train/torchruntime.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

namespace Core {

namespace fs = std::filesystem;

namespace {

NamePattern selectionPattern(const std::string &match)
{
    if (const std::string why = NamePattern::problem(match); !why.empty())
        throw Error("prune selection '" + match + "' is not a valid regular expression: " + why);
    return NamePattern(match, "prune selection");
}

bool selected(const std::string &name, const torch::Tensor &t, const NamePattern &re)
{
    return t.dim() == 2 && !isControlTensor(name) && !isMixerDynamicsTensor(name) && re.search(name);
}

int64_t zerosOf(const torch::Tensor &keep)
{
    return keep.numel() - keep.sum().item<int64_t>();
}

MaskStats statsOf(const NamedTensors &mask)
{
    MaskStats s;
    for (const auto &[name, keep] : mask) {
        ++s.tensors;
        s.pruned += zerosOf(keep);
        s.total += keep.numel();
    }
    return s;
}

/// The last val_bpb the trainer logged in a run's metrics.jsonl (0 if none).
double lastValBpb(const std::string &runDir)
{
    std::ifstream in(runDir + "/metrics.jsonl");
    double bpb = 0;
    for (std::string line; std::getline(in, line);) {
        const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (j.is_object() && j.contains("val_bpb") && j["val_bpb"].is_number())
            bpb = j["val_bpb"].get<double>();
    }
    return bpb;
}

std::string roundName(int r)
{
    return "round" + std::to_string(r);
}

} // namespace

// --- masks ---------------------------------------------------------------------------------

int64_t nextPrunedCount(int64_t numel, int64_t pruned, double fraction)
{
    check(pruned >= 0 && pruned <= numel, "pruned count outside [0, numel]");
    return pruned + static_cast<int64_t>(std::floor(fraction * double(numel - pruned)));
}

torch::Tensor magnitudeKeepMask(const torch::Tensor &w, const torch::Tensor &keep,
                                int64_t prunedTotal)
{
    const int64_t n = w.numel();
    // |w| in double: exact for every float type, so the ranking is the weights' own.
    torch::Tensor mag = w.detach().to(torch::kCPU).to(torch::kFloat64).abs().reshape({-1});
    check(torch::isfinite(mag).all().item<bool>(), "cannot prune by magnitude: non-finite weights");
    int64_t already = 0;
    if (keep.defined()) {
        const torch::Tensor k = keep.to(torch::kCPU).to(torch::kBool).reshape({-1});
        check(k.numel() == n, "mask and weights differ in size");
        already = zerosOf(k);
        // Below every |w| >= 0: the pruned weights come first in the order and stay pruned.
        mag.masked_fill_(k.logical_not(), -1.0);
    }
    check(prunedTotal >= already && prunedTotal <= n,
          "cannot prune " + std::to_string(prunedTotal) + " of " + std::to_string(n) +
              " weights when " + std::to_string(already) + " are pruned already");
    // Stable ascending sort: among equal magnitudes the lower flat index is pruned first.
    const torch::Tensor order = std::get<1>(mag.sort(/*stable=*/true, /*dim=*/0, false));
    torch::Tensor out = torch::ones({n}, torch::TensorOptions().dtype(torch::kBool));
    out.index_fill_(0, order.slice(0, 0, prunedTotal), false);
    return out.view(w.sizes());
}

MaskStats writeNextMask(const std::string &weightsPath, const std::string &previousMask,
                        double fraction, const std::string &match, const std::string &outPath)
{
    check(fraction > 0 && fraction < 1, "prune fraction must be in (0, 1)");
    const NamePattern re = selectionPattern(match);
    const NamedTensors weights = loadStateDict(weightsPath);
    std::map<std::string, torch::Tensor> previous;
    if (!previousMask.empty())
        for (auto &[name, keep] : loadMaskFile(previousMask, weights))
            previous.emplace(name, keep);
    NamedTensors mask;
    for (const auto &[name, w] : weights) {
        const auto prev = previous.find(name);
        const bool pick = selected(name, w, re);
        if (!pick && prev == previous.end())
            continue;
        const torch::Tensor keep = prev != previous.end() ? prev->second : torch::Tensor();
        const int64_t already = keep.defined() ? zerosOf(keep) : 0;
        // A tensor the previous mask holds but the selection no longer picks keeps its mask.
        const int64_t target = pick ? nextPrunedCount(w.numel(), already, fraction) : already;
        mask.emplace_back(name, magnitudeKeepMask(w, keep, target));
    }
    check(!mask.empty(), weightsPath + ": no 2-D tensor matches the prune selection '" + match +
                             "' (control tensors are never pruned)");
    const fs::path parent = fs::path(outPath).parent_path();
    if (!parent.empty())
        makeDirs(parent.string());
    saveStateDict(outPath, mask); // atomic
    return statsOf(mask);
}

MaskStats readMaskStats(const std::string &maskPath, const std::string &weightsPath)
{
    return statsOf(loadMaskFile(maskPath, loadStateDict(weightsPath)));
}

// --- options and results -------------------------------------------------------------------

void RewindOptions::validate() const
{
    train.validate();
    check(rounds >= 0, "rewind: --rounds must be >= 0");
    check(fraction > 0 && fraction < 1, "rewind: --prune-fraction must be in (0, 1)");
    check(rewindStep >= 0 && rewindStep <= train.iterations,
          "rewind: --rewind-step must be in [0, iterations = " + std::to_string(train.iterations) +
              "]");
    check(!outDir.empty(), "rewind: no output folder given");
    check(train.prune_mask.empty(),
          "rewind: the base configuration must not set prune_mask (each round sets its own)");
    selectionPattern(match); // throws for an invalid one
    check(evalTokens >= 0, "rewind: --eval-tokens must be >= 0");
}

nlohmann::json RewindOptions::toJson() const
{
    return {{"rounds", rounds},
            {"prune_fraction", fraction},
            {"rewind_step", rewindStep},
            {"match", match},
            {"pruning", "per-tensor magnitude of the survivors"},
            {"recipe_label", recipeLabel},
            {"recipe", recipe.toJson()},
            {"eval_tokens", evalTokens},
            {"one_shot_control", oneShotControl},
            {"train", train.toJson()}};
}

nlohmann::json RewindPoint::toJson() const
{
    return {{"float_bpb", floatBpb}, {"model_bytes", modelBytes}, {"roundtrip_bpb", roundTripBpb}};
}

nlohmann::json RewindRound::toJson() const
{
    nlohmann::json j = {{"round", round},
                        {"run_dir", runDir},
                        {"checkpoint", checkpoint},
                        {"mask", mask},
                        {"mask_tensors", stats.tensors},
                        {"pruned", stats.pruned},
                        {"selected", stats.total},
                        {"sparsity", stats.sparsity()},
                        {"sparsity_all_weights", sparsityAll},
                        {"train_val_bpb", trainValBpb},
                        {"rewound", rewound.toJson()}};
    if (round > 0)
        j["one_shot"] = oneShot.toJson();
    return j;
}

nlohmann::json RewindResult::toJson(const RewindOptions &options) const
{
    nlohmann::json j = {
        {"format", "golf-rewind-v1"}, {"slice", slice}, {"options", options.toJson()}};
    j["rounds"] = nlohmann::json::array();
    for (const auto &r : rounds)
        j["rounds"].push_back(r.toJson());
    return j;
}

// --- the procedure -------------------------------------------------------------------------

namespace {

struct Driver
{
    const RewindOptions &o;
    const std::atomic_bool &stop;
    const RewindCallbacks &cb;
    std::string out, rewindPath;
    SliceData slice;

    void log(const std::string &line) const
    {
        if (cb.onLog)
            cb.onLog(line);
    }

    /// Trains (or continues, or reads back) one round; returns its final checkpoint.
    std::string trainRound(const TrainConfig &cfg, int r)
    {
        const std::string runDir = out + "/" + roundName(r);
        RunDir run(runDir);
        std::optional<Trainer> t;
        if (fs::exists(run.file("config.json"))) {
            check(run.readConfigJson().value("train", nlohmann::json()) == cfg.toJson(),
                  runDir + " holds a run with other settings; give another --out or remove it");
            const auto latest = run.readLatest();
            check(latest.has_value(), runDir + " was interrupted before its first checkpoint; "
                                               "remove it to train the round afresh");
            if (latest->step >= cfg.iterations) {
                log(roundName(r) + ": finished before, reading " + runDir + " back");
                return runDir + "/checkpoints/" + latest->model;
            }
            log(roundName(r) + ": resuming " + runDir);
            t.emplace(Trainer::resume(runDir));
        } else {
            log(roundName(r) + ": training " + runDir);
            t.emplace(
                Trainer::start(cfg, runDir,
                               {{"run_id", fs::path(out).filename().string() + "-" + roundName(r)},
                                {"rewind", {{"round", r}, {"summary", out + "/summary.json"}}},
                                {"versions", runtimeBuildInfo().toJson()}}));
        }
        const bool keepRewind = r == 0;
        if (keepRewind && o.rewindStep == 0 && t->step() == 0)
            t->model().save(rewindPath); // the initialisation (or init_checkpoint) itself
        Trainer::Callbacks tcb = cb.train;
        tcb.onStep = [&](const TrainProgress &p) {
            if (keepRewind && p.step == o.rewindStep)
                t->model().save(rewindPath);
            if (cb.train.onStep)
                cb.train.onStep(p);
        };
        const Trainer::Outcome outcome = t->run(stop, tcb);
        check(outcome == Trainer::Outcome::Finished,
              runDir + ": " + t->message() +
                  "; run golf rewind again with the same options to continue");
        return t->lastCheckpoint();
    }

    RewindPoint measure(Model &model, const std::string &label) const
    {
        RewindPoint p;
        p.floatBpb = evaluate(model, slice.tokens, slice.lut, slice.options).valBpb;
        SizePricer pricer(model);
        RoundTripOptions rt;
        rt.scratchDir = out;
        rt.label = label;
        rt.source = "rewind";
        const RecipeEval e = evaluateRecipe(model, pricer, o.recipe, slice, rt);
        p.modelBytes = e.modelBytes;
        p.roundTripBpb = e.valBpb;
        return p;
    }

    /// The control: the dense model with each masked tensor pruned one-shot by magnitude to
    /// exactly the mask's count.
    RewindPoint oneShot(const std::string &denseCheckpoint, const std::string &maskPath) const
    {
        Model model = loadModel(denseCheckpoint);
        const NamedTensors params = namedTensors(*model.impl().gpt);
        std::map<std::string, torch::Tensor> byName(params.begin(), params.end());
        torch::NoGradGuard noGrad;
        for (const auto &[name, keep] : loadMaskFile(maskPath, params)) {
            torch::Tensor &p = byName.at(name);
            const torch::Tensor k = magnitudeKeepMask(p, torch::Tensor(), zerosOf(keep));
            p.masked_fill_(k.logical_not().to(p.device()), 0.0);
        }
        return measure(model, "one-shot " + fs::path(maskPath).filename().string());
    }
};

} // namespace

RewindResult runRewind(const RewindOptions &options, const std::atomic_bool &stop,
                       const RewindCallbacks &callbacks)
{
    options.validate();
    Driver d{options, stop, callbacks, {}, {}, {}};
    d.out = fs::absolute(options.outDir).lexically_normal().string();
    while (d.out.size() > 1 && d.out.back() == '/')
        d.out.pop_back();
    makeDirs(d.out + "/masks");
    d.rewindPath = d.out + "/rewind_step" + std::to_string(options.rewindStep) + ".pt";

    EvalSlice es;
    es.source = "val";
    es.glob = options.train.val_files;
    es.luts = options.train.byte_luts;
    es.tokens = options.evalTokens;
    es.seqLen = options.train.train_seq_len;
    es.batchTokens = options.train.val_batch_size;
    d.slice = loadSlice(es, options.train.model.vocabSize);

    RewindResult result;
    result.slice = d.slice.label;
    result.summaryPath = d.out + "/summary.json";
    const int64_t allWeights = options.train.model.parameterCount();
    std::string denseCheckpoint, previousCheckpoint, previousMask;
    for (int r = 0; r <= options.rounds; ++r) {
        RewindRound round;
        round.round = r;
        round.runDir = d.out + "/" + roundName(r);
        TrainConfig cfg = options.train;
        if (r > 0) {
            round.mask = d.out + "/masks/" + roundName(r) + ".pt";
            // Recomputed on a rerun too: the same inputs give the same file.
            round.stats = writeNextMask(previousCheckpoint, previousMask, options.fraction,
                                        options.match, round.mask);
            cfg.init_checkpoint = d.rewindPath;
            cfg.prune_mask = round.mask;
            d.log(roundName(r) + ": mask " + round.mask + " prunes " +
                  std::to_string(round.stats.pruned) + " of " + std::to_string(round.stats.total) +
                  " selected weights");
        }
        round.checkpoint = d.trainRound(cfg, r);
        check(fs::exists(d.rewindPath), d.rewindPath +
                                            " is missing (round 0 was resumed past step " +
                                            std::to_string(options.rewindStep) + "); remove " +
                                            d.out + "/round0 to train it afresh");
        round.sparsityAll = double(round.stats.pruned) / double(allWeights);
        round.trainValBpb = lastValBpb(round.runDir);
        d.log(roundName(r) + ": measuring on " + d.slice.label);
        {
            Model model = loadModel(round.checkpoint);
            round.rewound = d.measure(model, roundName(r));
        }
        if (r == 0) {
            denseCheckpoint = round.checkpoint;
            round.oneShot = round.rewound;
        } else if (options.oneShotControl) {
            round.oneShot = d.oneShot(denseCheckpoint, round.mask);
        }
        previousCheckpoint = round.checkpoint;
        previousMask = round.mask;
        result.rounds.push_back(round);
        writeFileAtomic(result.summaryPath, result.toJson(options).dump(2) + "\n");
        if (callbacks.onRound)
            callbacks.onRound(round);
    }
    return result;
}

} // namespace Core
