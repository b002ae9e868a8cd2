// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/trainer.h"

#include "common/error.h"
#include "data/tokenstream.h"
#include "data/bytelut.h"
#include "dist/collective.h"
#include "dist/gradreducer.h"
#include "dist/world.h"
#include "model/model_p.h"
#include "model/checkpoint_p.h"
#include "run/rundir.h"
#include "train/distillation_p.h"
#include "train/l0penalty_p.h"
#include "train/optimizers_p.h"
#include "train/schedule.h"
#include "train/torchruntime.h"
#include "train/weighthook_p.h"

#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <optional>

namespace Core {

namespace {

using Clock = std::chrono::steady_clock;

std::string fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char *format, ...)
{
    char buf[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    return buf;
}

/// The CPU, or the GPU: a data-parallel rank takes the one of its LOCAL_RANK, as under torchrun.
torch::Device pickDevice(const std::string &device, const Collective *world)
{
    if (device == "cuda" || (device == "auto" && torch::cuda::is_available())) {
        check(torch::cuda::is_available(), "device cuda requested, but no CUDA device is available");
        return torch::Device(torch::kCUDA, world ? int8_t(world->env().localRank % torch::cuda::device_count()) : 0);
    }
    return torch::Device(torch::kCPU);
}

} // namespace

struct Trainer::Impl
{
    TrainConfig cfg;
    RunDir run;
    const Collective *world = nullptr;     ///< data-parallel ranks, or none
    std::unique_ptr<GradReducer> reducer;  ///< with a world only
    int64_t localAccum = 1;                ///< micro-batches of this rank per step
    Model model;
    torch::Device device{torch::kCPU};
    Optimizers opt;
    WeightHooks hooks; ///< QAT, pruning mask (train/weighthook_p.h)
    std::unique_ptr<Distiller> distiller; ///< with a teacher only
    std::unique_ptr<L0Penalty> l0;        ///< with model.l0_gates only
    Distiller::Usage kdTotal;             ///< this run() so far, for the closing summary
    bool hooksBuilt = false;
    const Callbacks *callbacks = nullptr; ///< those of the run() in progress
    std::unique_ptr<TokenStream> stream;
    std::vector<uint16_t> valTokens;
    ByteLut lut;
    int64_t step = 0;
    double trainTimeMs = 0;
    double commMs = 0; ///< the last step's wait for the gradient all-reduce
    EvalResult lastEval;
    std::string lastCheckpoint;
    std::string message;
    std::vector<std::string> resumeNotes; ///< what resume() had to work around, logged by run()

    Impl(const TrainConfig &c, const std::string &dir, const Collective *w)
        : cfg(c)
        , run(dir)
        , world(w)
        , model(c.model, c.seed)
    {
        const int64_t ranks = worldSize();
        check(cfg.grad_accum_steps % ranks == 0,
              "grad_accum_steps (" + std::to_string(cfg.grad_accum_steps) + ") must be a multiple of the "
                  "world size (" + std::to_string(ranks) + "): each rank runs grad_accum_steps / world size "
                  "micro-batches, so that a step sees the same tokens at any world size (the official "
                  "script's 8 / WORLD_SIZE; --set grad_accum_steps=8 suits 1, 2, 4 and 8 ranks)");
        localAccum = cfg.grad_accum_steps / ranks;
        configureTorchRuntime(rankThreads(cfg.threads, world));
        device = pickDevice(cfg.device, world);
        model.impl().gpt->to(device);
        // Data first: a bad shard or LUT fails here, before any work is done.
        stream = std::make_unique<TokenStream>(cfg.train_files, cfg.model.vocabSize);
        valTokens = loadTokens(cfg.val_files, cfg.model.vocabSize);
        lut = ByteLut::load(cfg.byte_luts).paddedTo(cfg.model.vocabSize);
        if (!cfg.teacher.empty()) {
            // Rank 0 opens (creates) a teacher cache first; the ranks then write their own
            // records, at their own offsets.
            if (world && !leader())
                world->barrier("opening the teacher cache");
            distiller = std::make_unique<Distiller>(cfg, device);
            if (world && leader())
                world->barrier("opening the teacher cache");
        }
        if (cfg.model.l0Gates)
            l0 = std::make_unique<L0Penalty>(cfg, *model.impl().gpt);
        buildOptimizers();
        if (world) {
            opt.muon->shardAcross(world);
            reducer = std::make_unique<GradReducer>(model.impl().gpt->parameters(), *world,
                                                    int64_t(cfg.bucket_cap_mb * (1 << 20)));
        }
    }

    int rank() const { return world ? world->rank() : 0; }
    int worldSize() const { return world ? world->size() : 1; }
    /// The rank that writes: the only one without a world.
    bool leader() const { return !world || world->leader(); }

    void metric(const nlohmann::json &m)
    {
        if (leader())
            run.appendMetric(m);
    }

    /// Every rank starts from rank 0's weights (as DDP does), and all must have resumed the
    /// same step at the same place in the data.
    void agree(const std::string &when)
    {
        if (!world)
            return;
        torch::NoGradGuard noGrad;
        const auto pos = stream->position();
        const auto mine = torch::tensor({double(step), double(pos.shard), double(pos.offset)}, torch::kFloat64);
        const auto all = world->allGather(mine, when);
        for (int r = 1; r < worldSize(); ++r)
            check(all[size_t(r)].equal(all[0]),
                  when + ": rank " + std::to_string(r) + " is at step "
                      + std::to_string(all[size_t(r)][0].item<int64_t>()) + ", rank 0 at step "
                      + std::to_string(all[0][0].item<int64_t>())
                      + ": every rank must read the same run directory (a shared folder)");
        auto params = model.impl().gpt->parameters();
        auto flat = torch::cat([&] {
            std::vector<torch::Tensor> v;
            for (auto &p : params)
                v.push_back(p.detach().reshape({-1}));
            return v;
        }());
        world->broadcast(flat, 0, when);
        int64_t at = 0;
        for (auto &p : params) {
            p.detach().copy_(flat.narrow(0, at, p.numel()).view(p.sizes()));
            at += p.numel();
        }
    }

    /// The rewind point or any other starting weights (a new run only; resume loads its own).
    void loadInitialWeights()
    {
        if (cfg.init_checkpoint.empty())
            return;
        torch::NoGradGuard noGrad;
        assignStrict(namedTensors(*model.impl().gpt), loadStateDict(cfg.init_checkpoint),
                     cfg.init_checkpoint);
    }

    /// Hooks are built after the weights are final (initial or resumed): a mask zeroes them.
    /// The logger they keep writes through the callbacks of whichever run() is current.
    void buildHooks()
    {
        hooks = makeWeightHooks(cfg, *model.impl().gpt);
        hooksBuilt = true;
        for (const auto &hook : hooks)
            hook->describe([this](const std::string &line) {
                if (callbacks)
                    log(*callbacks, line);
            });
    }

    /// Fraction of training done: by iterations, or by time under a wall-clock cap.
    double progress() const
    {
        double p = double(step) / double(cfg.iterations);
        if (cfg.max_wallclock_seconds > 0)
            p = std::max(p, trainTimeMs / (cfg.max_wallclock_seconds * 1000.0));
        return std::min(p, 1.0);
    }

    void buildOptimizers() { opt = Optimizers::official(*model.impl().gpt, cfg); }

    void log(const Callbacks &cb, const std::string &line)
    {
        if (!leader())
            return;
        run.appendLog(line);
        if (cb.onLog)
            cb.onLog(line);
    }

    // --- checkpoints -------------------------------------------------------------------------

    bool weightsFinite()
    {
        torch::NoGradGuard noGrad;
        for (const auto &p : model.impl().gpt->parameters())
            if (!torch::isfinite(p).all().item<bool>())
                return false;
        return true;
    }

    /// Ends the run as diverged: nothing more is saved, the last good checkpoint stays newest.
    Outcome diverge(const Callbacks &cb, const std::string &what)
    {
        message = what + ": training diverged; nothing was saved";
        if (!lastCheckpoint.empty())
            message += "; the last good checkpoint is " + lastCheckpoint;
        log(cb, "stopping: " + message);
        return Outcome::Diverged;
    }

    /// Saves unless the weights went non-finite (then the run diverged).
    std::optional<Outcome> checkpointOrDiverge(const Callbacks &cb)
    {
        if (!weightsFinite())
            return diverge(cb, fmt("weights are not finite at step %lld", (long long)step));
        saveCheckpoint(cb);
        return std::nullopt;
    }

    void saveCheckpoint(const Callbacks &cb)
    {
        const std::string modelPath = run.checkpointPath(step), statePath = run.statePath(step);
        if (!leader()) {
            // Rank 0 writes; the others wait until the pair is complete.
            world->barrier("checkpoint " + modelPath);
            lastCheckpoint = modelPath;
            return;
        }
        c10::impl::GenericDict state(c10::StringType::get(), c10::AnyType::get());
        state.insert("format", std::string("golf-train-state-v1"));
        state.insert("step", step);
        state.insert("train_time_ms", trainTimeMs);
        const auto pos = stream->position();
        state.insert("data_shard", pos.shard);
        state.insert("data_offset", pos.offset);
        for (const auto &[name, t] : opt.muon->state())
            state.insert("muon." + name, t.detach().cpu());
        for (const auto &[name, t] : opt.adam->state())
            state.insert("adam." + name, t.detach().cpu());
        if (l0)
            for (const auto &[name, t] : l0->state())
                state.insert("l0." + name, t);
        // Model and state first; latest.json (the pointer) last, so a crash at any point
        // leaves latest.json naming a complete pair.
        savePickledDict(statePath, state);
        model.save(modelPath);
        namespace fs = std::filesystem;
        run.writeLatest({step, fs::path(modelPath).filename().string(),
                         fs::path(statePath).filename().string()});
        lastCheckpoint = modelPath;
        run.appendMetric({{"step", step}, {"checkpoint", fs::path(modelPath).filename().string()}});
        log(cb, fmt("checkpoint:%s step:%lld", modelPath.c_str(), (long long)step));
        if (world)
            world->barrier("checkpoint " + modelPath);
    }

    /// Loads one checkpoint pair: both files are read and checked before anything is applied,
    /// so a pair that fails to load leaves the model and optimizers as they were.
    void loadCheckpointPair(const RunDir::Latest &pair)
    {
        const std::string dir = run.path() + "/checkpoints/";
        const NamedTensors weights = loadStateDict(dir + pair.model);
        const auto state = loadPickledDict(dir + pair.state);
        auto get = [&](const std::string &key) {
            auto it = state.find(key);
            check(it != state.end(), dir + pair.state + ": missing '" + key + "'");
            return it->value();
        };
        check(get("format").isString() && get("format").toStringRef() == "golf-train-state-v1",
              dir + pair.state + ": not a Golf Studio training state");
        check(get("step").isInt() && get("step").toInt() == pair.step,
              dir + pair.state + ": does not hold step " + std::to_string(pair.step));
        std::vector<std::pair<std::string, torch::Tensor>> muonState, adamState, l0State;
        for (const auto &item : state) {
            const std::string &key = item.key().toStringRef();
            const bool isL0 = key.rfind("l0.", 0) == 0;
            if (key.rfind("muon.", 0) == 0 || key.rfind("adam.", 0) == 0 || isL0) {
                check(item.value().isTensor(), dir + pair.state + ": '" + key + "' is not a tensor");
                auto t = item.value().toTensor();
                if (isL0)
                    l0State.emplace_back(key.substr(3), t);
                else
                    (key[0] == 'm' ? muonState : adamState).emplace_back(key.substr(5), t.to(device));
            }
        }
        assignStrict(namedTensors(*model.impl().gpt), weights, dir + pair.model);
        step = get("step").toInt();
        trainTimeMs = get("train_time_ms").toDouble();
        stream->seek({get("data_shard").toInt(), get("data_offset").toInt()});
        opt.muon->loadState(muonState);
        opt.adam->loadState(adamState);
        if (l0)
            l0->loadState(l0State);
        lastCheckpoint = dir + pair.model;
    }

    /// Resumes from latest.json's pair; if it is missing or does not load, from the newest pair
    /// on disk that does (reported in `notes`). Returns false when there is no checkpoint at all
    /// (a run killed before its first one): the caller starts it over from step 0.
    bool loadCheckpoint(std::vector<std::string> &notes)
    {
        std::vector<RunDir::Latest> candidates;
        try {
            if (auto latest = run.readLatest())
                candidates.push_back(*latest);
        } catch (const Error &e) {
            notes.push_back(std::string("ignoring ") + e.what());
        }
        for (const auto &pair : run.checkpointsOnDisk())
            if (candidates.empty() || pair.step < candidates.front().step)
                candidates.push_back(pair);
        for (size_t i = 0; i < candidates.size(); ++i) {
            try {
                loadCheckpointPair(candidates[i]);
                if (i > 0)
                    notes.push_back("resuming from " + candidates[i].model + " instead");
                return true;
            } catch (const std::exception &e) {
                if (i + 1 == candidates.size() && i == 0)
                    throw; // the only checkpoint there is: its own error says it best
                // The next candidate sets everything a half-applied one may have set.
                notes.push_back(std::string("cannot resume from ") + candidates[i].model + ": " + e.what());
            }
        }
        check(candidates.empty(), run.path() + ": no checkpoint loads (" +
                                      (notes.empty() ? std::string() : notes.back()) + ")");
        return false;
    }

    // --- validation --------------------------------------------------------------------------

    void validate(const Callbacks &cb)
    {
        EvalOptions o;
        o.seqLen = cfg.train_seq_len;
        o.batchTokens = cfg.val_batch_size;
        o.stride = cfg.eval_stride;
        o.maxTokens = cfg.val_tokens;
        // Ranks score contiguous shares of the windows and sum their float64 totals.
        o.shard = rank();
        o.shards = worldSize();
        lastEval = evaluate(model, valTokens, lut, o, [&](int64_t done, int64_t total) {
            if (cb.onEval)
                cb.onEval(done, total);
            return true;
        });
        if (world) {
            auto totals = torch::tensor({lastEval.lossNats, double(lastEval.tokens), double(lastEval.bytes)},
                                        torch::kFloat64);
            world->allReduceSum(totals, "the validation totals");
            const auto t = totals.accessor<double, 1>();
            check(t[2] > 0, "the scored validation tokens carry no bytes (wrong byte LUT?)");
            lastEval = EvalResult::fromTotals(t[0], int64_t(t[1]), int64_t(t[2]), lastEval.seconds);
        }
        log(cb, fmt("step:%lld/%lld val_loss:%.4f val_bpb:%.4f train_time:%.0fms step_avg:%.2fms",
                    (long long)step, (long long)cfg.iterations, lastEval.valLoss, lastEval.valBpb,
                    trainTimeMs, trainTimeMs / double(std::max<int64_t>(step, 1))));
        metric({{"step", step}, {"t_ms", trainTimeMs}, {"val_loss", lastEval.valLoss},
                {"val_bpb", lastEval.valBpb}, {"val_tokens", lastEval.tokens},
                {"val_bytes", lastEval.bytes}, {"eval_ms", lastEval.seconds * 1000}});
    }

    // --- one optimizer step ------------------------------------------------------------------

    /// Returns the mean training loss over the micro-batches (NaN propagates to the caller).
    double trainStep(double lrMul)
    {
        auto &gpt = *model.impl().gpt;
        const int64_t microTokens = cfg.train_batch_tokens / cfg.grad_accum_steps;
        const int R = rank(), W = worldSize();
        const int64_t L = cfg.train_seq_len, B = microTokens / L;
        std::vector<uint16_t> span;
        std::vector<int64_t> ids(size_t(microTokens + 1));
        double lossSum = 0;
        bool finite = true;
        for (auto &hook : hooks)
            hook->beforeForward(step, progress());
        if (l0) {
            // The gates' noise restarts from (seed, step): a resumed run samples as the
            // uninterrupted one did.
            gpt.seedGateNoise(cfg.seed * 0x9E3779B97F4A7C15ull + uint64_t(step));
            l0->backward(progress());
        }
        for (int64_t micro = 0; micro < localAccum; ++micro) {
            stream->nextBatch(microTokens, span, R, W);
            std::copy(span.begin(), span.end(), ids.begin());
            auto all = torch::from_blob(ids.data(), {microTokens + 1}, torch::kInt64).to(device);
            auto x = all.narrow(0, 0, microTokens).view({B, L});
            auto y = all.narrow(0, 1, microTokens).view({B, L});
            torch::Tensor loss, ce;
            if (distiller) {
                // Reported as train_loss: the cross-entropy alone, on the same scale as runs
                // without a teacher.
                // The span's place in the one-rank order keys the teacher cache, so a cache
                // serves any world size.
                loss = distiller->loss(gpt, x, y, step * cfg.grad_accum_steps + micro * W + R, span, &ce);
                finite = finite && std::isfinite(loss.item<double>());
            } else {
                loss = ce = gpt.loss(x, y);
            }
            lossSum += ce.item<double>();
            if (reducer && micro + 1 == localAccum)
                reducer->arm(); // the last micro-batch's backward averages across ranks
            (loss / double(localAccum)).backward();
        }
        if (reducer) {
            reducer->finish();
            commMs = reducer->stats().waitMs;
            // One loss for every rank: the mean over all micro-batches of the step.
            auto agreed = torch::tensor({lossSum, finite ? 0.0 : 1.0}, torch::kFloat64);
            world->allReduceSum(agreed, "the step's loss");
            lossSum = agreed[0].item<double>();
            finite = agreed[1].item<double>() == 0;
        }
        for (auto &hook : hooks)
            hook->afterBackward(step);
        const double trainLoss = finite ? lossSum / double(cfg.grad_accum_steps) : NAN;
        if (!std::isfinite(trainLoss))
            return trainLoss;
        if (cfg.grad_clip_norm > 0)
            torch::nn::utils::clip_grad_norm_(gpt.parameters(), cfg.grad_clip_norm);
        opt.step(gpt, lrMul, muonMomentumAt(cfg, step));
        if (l0)
            l0->updateMultipliers();
        for (auto &hook : hooks)
            hook->afterStep(step);
        return trainLoss;
    }

    void logHeader(const Callbacks &cb)
    {
        const int64_t params = model.parameterCount();
        log(cb, fmt("model_params:%lld", (long long)params));
        log(cb, fmt("world_size:%d grad_accum_steps:%lld device:%s threads:%d", worldSize(),
                    (long long)localAccum, device.str().c_str(), torch::get_num_threads()));
        if (reducer)
            log(cb, fmt("data_parallel: backend:%s buckets:%d gradient_bytes:%lld bucket_cap_mb:%g",
                        world->backend().c_str(), reducer->stats().buckets,
                        (long long)reducer->stats().bytes, cfg.bucket_cap_mb));
        log(cb, fmt("train_batch_tokens:%lld train_seq_len:%lld iterations:%lld warmup_steps:0 "
                    "max_wallclock_seconds:%.3f",
                    (long long)cfg.train_batch_tokens, (long long)cfg.train_seq_len,
                    (long long)cfg.iterations, cfg.max_wallclock_seconds));
        log(cb, fmt("seed:%llu", (unsigned long long)cfg.seed));
        if (distiller)
            log(cb, distiller->description());
        if (l0)
            log(cb, l0->description());
        log(cb, fmt("train_loader:shards pattern=%s tokens:%lld", cfg.train_files.c_str(),
                    (long long)stream->totalTokens()));
        log(cb, fmt("val_loader:shards pattern=%s tokens:%lld", cfg.val_files.c_str(),
                    (long long)valTokens.size()));
    }
};

Trainer::Trainer(std::unique_ptr<Impl> d)
    : d(std::move(d))
{}
Trainer::Trainer(Trainer &&) noexcept = default;
Trainer::~Trainer() = default;

Trainer Trainer::start(const TrainConfig &config, const std::string &runDir,
                       const nlohmann::json &extra, const Collective *world)
{
    config.validate();
    auto impl = std::make_unique<Impl>(config, runDir, world); // loads data before touching the folder
    impl->loadInitialWeights();
    if (impl->leader()) {
        nlohmann::json meta = extra;
        meta["param_count"] = impl->model.parameterCount();
        if (world)
            meta["world_size"] = world->size();
        impl->run.create(config, meta);
    }
    impl->agree("the start of the run");
    return Trainer(std::move(impl));
}

Trainer Trainer::resume(const std::string &runDir, const Collective *world)
{
    RunDir run(runDir);
    auto impl = std::make_unique<Impl>(run.readConfig(), runDir, world);
    // A killed trainer may have left temporaries and a torn log line; tidy them before
    // appending to the logs again. The other ranks read the folder once rank 0 has.
    if (impl->leader())
        run.recoverAfterCrash();
    if (world)
        world->barrier("resuming " + runDir);
    if (!impl->loadCheckpoint(impl->resumeNotes)) {
        // Killed before its first checkpoint: the same seed gives the same start, so the run
        // starts over in its own folder, and so do its logs.
        if (impl->leader())
            run.restartLogs();
        impl->loadInitialWeights();
        impl->resumeNotes.push_back("no checkpoint yet: starting over from step 0");
    }
    if (impl->leader())
        run.clearStopRequest();
    impl->agree("resuming " + runDir);
    return Trainer(std::move(impl));
}

Trainer::Outcome Trainer::run(const std::atomic_bool &stop, const Callbacks &cb)
{
    if (!d->world)
        return runSteps(stop, cb);
    try {
        return runSteps(stop, cb);
    } catch (const Error &e) {
        // A rank that died (or any failure) in a data-parallel run: say where it can go on.
        const std::string dir = d->run.path();
        throw Error(std::string(e.what()) + fmt(" (at step %lld; ", (long long)d->step)
                    + (d->lastCheckpoint.empty() ? std::string("no checkpoint yet")
                                                 : "the newest checkpoint is " + d->lastCheckpoint)
                    + "; golf train --resume " + dir + " continues at any world size)");
    }
}

Trainer::Outcome Trainer::runSteps(const std::atomic_bool &stop, const Callbacks &cb)
{
    auto &s = *d;
    const auto &cfg = s.cfg;
    for (const auto &note : s.resumeNotes)
        s.log(cb, "resume: " + note);
    s.resumeNotes.clear();
    if (s.step == 0)
        s.logHeader(cb);
    else
        s.log(cb, fmt("resume:step:%lld from %s", (long long)s.step, s.lastCheckpoint.c_str()));
    s.callbacks = &cb;
    struct Forget // hooks may log later only through a live run()'s callbacks
    {
        const Callbacks *&callbacks;
        ~Forget() { callbacks = nullptr; }
    } forget{s.callbacks};
    if (!s.hooksBuilt)
        s.buildHooks();
    s.model.impl().gpt->train();

    const double capMs = cfg.max_wallclock_seconds * 1000.0;
    const int64_t firstStep = s.step;
    s.kdTotal = {};
    std::optional<int64_t> stopAfter;
    while (true) {
        const bool lastStep = s.step >= cfg.iterations || (stopAfter && s.step >= *stopAfter);
        if (lastStep || (cfg.val_loss_every > 0 && s.step % cfg.val_loss_every == 0))
            s.validate(cb); // the clock is paused: trainTimeMs only grows inside steps
        if (lastStep) {
            if (stopAfter && s.step < cfg.iterations)
                s.log(cb, fmt("stopping_early: wallclock_cap train_time:%.0fms step:%lld/%lld",
                              s.trainTimeMs, (long long)s.step, (long long)cfg.iterations));
            if (s.distiller && s.step > firstStep) {
                const double steps = double(s.step - firstStep);
                s.log(cb, fmt("distillation_cost: teacher_ms_per_step:%.2f teacher_runs:%lld "
                              "cache_hits:%lld",
                              s.kdTotal.ms / steps, (long long)s.kdTotal.teacherRuns,
                              (long long)s.kdTotal.cacheHits));
            }
            if (auto bad = s.checkpointOrDiverge(cb))
                return *bad;
            return Outcome::Finished;
        }

        const auto t0 = Clock::now();
        const double lrMul = lrMultiplier(cfg, s.step, s.trainTimeMs);
        const double trainLoss = s.trainStep(lrMul);
        if (!std::isfinite(trainLoss))
            return s.diverge(cb, fmt("train_loss is %s at step %lld",
                                     std::isnan(trainLoss) ? "nan" : "inf", (long long)s.step + 1));
        const double stepMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        s.trainTimeMs += stepMs;
        ++s.step;

        TrainProgress p;
        p.step = s.step;
        p.iterations = cfg.iterations;
        p.trainLoss = trainLoss;
        p.lr = lrMul;
        p.tokPerS = double(cfg.train_batch_tokens) / (stepMs / 1000.0);
        p.trainTimeMs = s.trainTimeMs;
        nlohmann::json metric = {{"step", p.step}, {"t_ms", p.trainTimeMs}, {"train_loss", trainLoss},
                                 {"lr", lrMul}, {"tok_per_s", p.tokPerS}};
        if (s.world)
            metric["comm_ms"] = s.commMs; // waited for the gradient all-reduce after backward
        if (s.distiller) {
            // What the teacher side cost in this step (inside step time): the overhead that
            // decides whether distillation pays at equal wall-clock time.
            const auto kd = s.distiller->takeUsage();
            metric["kd_ms"] = kd.ms;
            metric["kd_cache_hits"] = kd.cacheHits;
            s.kdTotal.ms += kd.ms;
            s.kdTotal.cacheHits += kd.cacheHits;
            s.kdTotal.teacherRuns += kd.teacherRuns;
        }
        if (s.l0) {
            const auto l0 = s.l0->stats();
            metric["l0_sparsity"] = l0.test; // what removal at export takes away
            metric["l0_expected_sparsity"] = l0.expected;
            metric["l0_target"] = l0.target;
        }
        s.metric(metric);
        if (cfg.train_log_every > 0 && (s.step <= 10 || s.step % cfg.train_log_every == 0 || stopAfter))
            s.log(cb, fmt("step:%lld/%lld train_loss:%.4f train_time:%.0fms step_avg:%.2fms",
                          (long long)s.step, (long long)cfg.iterations, trainLoss, s.trainTimeMs,
                          s.trainTimeMs / double(s.step)));
        if (cb.onStep)
            cb.onStep(p);

        bool stopNow = stop.load() || (s.leader() && s.run.stopRequested());
        if (s.world) {
            // One clock and one decision for all ranks: rank 0's step time (the wall-clock
            // cap and the warmdown then agree everywhere; rank 0 logged its own) and a stop
            // asked of any rank.
            auto agreed = torch::tensor({s.leader() ? stepMs : 0.0, stopNow ? 1.0 : 0.0}, torch::kFloat64);
            s.world->allReduceSum(agreed, "the step's agreement");
            s.trainTimeMs += agreed[0].item<double>() - stepMs;
            stopNow = agreed[1].item<double>() > 0;
        }

        if (capMs > 0 && s.trainTimeMs >= capMs && !stopAfter)
            stopAfter = s.step;
        if (cfg.checkpoint_every > 0 && s.step % cfg.checkpoint_every == 0 && s.step < cfg.iterations)
            if (auto bad = s.checkpointOrDiverge(cb))
                return *bad;
        if (stopNow) {
            if (s.leader())
                s.run.clearStopRequest();
            s.message = fmt("stopped on request at step %lld", (long long)s.step);
            s.log(cb, "stopping: " + s.message);
            if (auto bad = s.checkpointOrDiverge(cb))
                return *bad;
            return Outcome::Stopped;
        }
    }
}

int64_t Trainer::step() const { return d->step; }
const TrainConfig &Trainer::config() const { return d->cfg; }
Model &Trainer::model() { return d->model; }
const EvalResult &Trainer::lastEval() const { return d->lastEval; }
std::string Trainer::lastCheckpoint() const { return d->lastCheckpoint; }
const std::string &Trainer::message() const { return d->message; }
bool Trainer::leader() const { return d->leader(); }

} // namespace Core
