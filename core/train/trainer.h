// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The official training recipe (PARAMETER_GOLF.md §4.3) writing a run directory: Muon on block
// matrices, Adam on embeddings and scalars, warmdown, gradient accumulation, periodic
// validation, checkpoints that resume bit-for-bit, stop on request, and a clean halt on NaN.

#include "eval/evaluator.h"
#include "config/trainconfig.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace Core {

class Collective;
class Model;

struct TrainProgress
{
    int64_t step = 0;       ///< steps completed
    int64_t iterations = 0; ///< configured upper bound
    double trainLoss = 0;
    double lr = 0;          ///< learning-rate multiplier of the schedule
    double tokPerS = 0;     ///< this step's training throughput
    double trainTimeMs = 0; ///< accumulated training time (validation excluded)
};

class Trainer
{
public:
    enum class Outcome { Finished, Stopped, Diverged };

    struct Callbacks
    {
        std::function<void(const std::string &line)> onLog;       ///< every train.log line
        std::function<void(const TrainProgress &)> onStep;        ///< after each step
        std::function<void(int64_t done, int64_t total)> onEval;  ///< validation progress
    };

    /// Creates `runDir` (config.json, logs) for a new run. `extra` lands in config.json beside
    /// the configuration (run id, versions, ...). Loads and validates the data up front.
    ///
    /// With `world` (data-parallel, dist/collective.h) every rank calls this with the same
    /// configuration: rank 0 alone writes the run directory (logs, metrics, checkpoints) while
    /// the others wait at barriers; each rank runs grad_accum_steps / W micro-batches of its own
    /// spans of the stream, gradients are averaged, and rank 0's weights are broadcast first.
    static Trainer start(const TrainConfig &config, const std::string &runDir,
                         const nlohmann::json &extra = {}, const Collective *world = nullptr);
    /// Continues the run in `runDir` from its latest complete checkpoint, at any world size
    /// that divides grad_accum_steps (every rank reads the run directory).
    static Trainer resume(const std::string &runDir, const Collective *world = nullptr);

    Trainer(Trainer &&) noexcept;
    ~Trainer();

    /// Trains until the iteration limit or wall-clock cap (Finished: final validation and
    /// checkpoint), a stop request through `stop` or a STOP file in the run directory (Stopped:
    /// checkpoint, resumable), or a non-finite loss (Diverged: nothing saved; the last good
    /// checkpoint stays the newest).
    Outcome run(const std::atomic_bool &stop, const Callbacks &callbacks);

    int64_t step() const;
    const TrainConfig &config() const;
    Model &model();
    /// Result of the most recent validation (zeroes before the first).
    const EvalResult &lastEval() const;
    /// Path of the newest complete checkpoint, or empty.
    std::string lastCheckpoint() const;
    /// Human-readable reason for Stopped/Diverged.
    const std::string &message() const;
    /// False on ranks other than 0 of a data-parallel run: they write nothing and say nothing.
    bool leader() const;

private:
    struct Impl;
    explicit Trainer(std::unique_ptr<Impl> d);
    Outcome runSteps(const std::atomic_bool &stop, const Callbacks &callbacks);
    std::unique_ptr<Impl> d;
};

} // namespace Core
