// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Iterative magnitude pruning with rewinding (the lottery-ticket procedure of Frankle & Carbin,
// with the late rewinding of Frankle et al. 2020), measured in the challenge's terms:
//
//   round 0   train the dense model for T steps, keeping its weights after k steps (the rewind
//             point; k = 0 is the initialisation);
//   round r   prune `fraction` of the weights that survived round r-1, by the smallest |w| of
//             round r-1's final weights; rewind every weight to the step-k copy, and train T
//             steps again with the mask held (train/weightmask.cpp).
//
// After r rounds the pruned share of the selected tensors is 1 - (1 - fraction)^r (up to the
// floor of each count). Only the weights are rewound: each round is a new run, so the optimizer
// state and the learning-rate schedule start afresh and the data are read from the start.
//
// Pruning is per tensor: each selected tensor loses the same fraction of its survivors. A
// global threshold over all tensors would compare magnitudes across matrices whose scales Muon
// and the init set differently (MLP vs attention, first vs last layer) and empty some of them;
// per tensor is also what the export's "magnitude" pruning does, so the one-shot control below
// prunes every tensor to exactly the rewound model's count. Selected: 2-D tensors whose name
// matches `match` (searched, RE2 syntax), never the control tensors (resid_mix is 2-D).
//
// Every round is measured the same way on one fixed validation slice: the float model's
// val_bpb, and a real round trip through the recipe (exact compressed model bytes, val_bpb of
// the file read back). The control is one-shot magnitude pruning of the dense round-0 model to
// each round's mask counts, without retraining — what rewinding buys is the gap.
//
// Layout of the output folder (each round is an ordinary run directory the GUI can watch):
//   <out>/round0/ .. <out>/roundR/     run directories
//   <out>/rewind_step<k>.pt            the rewind weights (state dict)
//   <out>/masks/round<r>.pt            the mask round r trained with (bool state dict)
//   <out>/summary.json                 golf-rewind-v1: the options and every finished round,
//                                      rewritten (atomically) after each round
// Running again with the same options and folder continues: finished rounds are read back,
// an interrupted one resumes from its latest checkpoint.

#include "recipe/recipe.h"
#include "train/trainer.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace Core {

/// The default selection: the attention and MLP matrices of every block.
inline constexpr const char *kDefaultPruneMatch = R"(^blocks\.\d+\.(attn|mlp)\.)";

struct MaskStats
{
    int tensors = 0;    ///< tensors in the mask
    int64_t pruned = 0; ///< zeros in the mask
    int64_t total = 0;  ///< values in the mask
    double sparsity() const { return total ? double(pruned) / double(total) : 0.0; }
};

/// Writes (atomically) the mask for the next round to `outPath`: every selected tensor of the
/// model file `weightsPath` (a state dict) keeps pruning what `previousMask` pruned ("" = none)
/// and loses `fraction` of its survivors with the smallest |w|.
MaskStats writeNextMask(const std::string &weightsPath, const std::string &previousMask,
                        double fraction, const std::string &match, const std::string &outPath);

/// Counts of a mask file (checked as the training hook checks it, against `weightsPath`).
MaskStats readMaskStats(const std::string &maskPath, const std::string &weightsPath);

struct RewindOptions
{
    TrainConfig train;      ///< every round's settings (data, model, steps T, seed)
    int rounds = 3;         ///< pruned rounds after the dense round 0
    double fraction = 0.2;  ///< share of the survivors pruned per round, in (0, 1)
    int64_t rewindStep = 0; ///< k, in [0, T]
    std::string match = kDefaultPruneMatch;
    Recipe recipe = Recipe::defaultRecipe(); ///< the round trip's recipe
    std::string recipeLabel = "int8-lzma";
    int64_t evalTokens = 65536; ///< validation slice for every measurement (0 = all)
    bool oneShotControl = true;
    std::string outDir;

    /// Throws Error naming the bad option.
    void validate() const;
    nlohmann::json toJson() const;
};

/// One model's measurements on the slice.
struct RewindPoint
{
    double floatBpb = 0;     ///< the weights as trained (or pruned), no quantization
    int64_t modelBytes = 0;  ///< exact compressed model file under the recipe
    double roundTripBpb = 0; ///< the file read back, dequantized, evaluated
    nlohmann::json toJson() const;
};

struct RewindRound
{
    int round = 0;
    std::string runDir, checkpoint, mask; ///< mask "" for round 0
    MaskStats stats;                      ///< over the selected tensors
    double sparsityAll = 0;               ///< zeros of the mask over all the model's weights
    double trainValBpb = 0;               ///< the trainer's last validation (its own val_tokens)
    RewindPoint rewound;                  ///< this round's trained model
    RewindPoint oneShot;                  ///< control: dense round 0, one-shot pruned (r >= 1)
    nlohmann::json toJson() const;
};

struct RewindResult
{
    std::vector<RewindRound> rounds;
    std::string slice; ///< "val[0:65536]"
    std::string summaryPath;
    nlohmann::json toJson(const RewindOptions &options) const;
};

struct RewindCallbacks
{
    std::function<void(const std::string &line)> onLog; ///< round-level messages
    Trainer::Callbacks train;                           ///< passed to every round's trainer
    /// After each finished round (its measurements complete).
    std::function<void(const RewindRound &)> onRound;
};

/// Runs (or continues) the whole procedure. Throws Error when a round diverges or is stopped
/// (`stop`, Ctrl-C): run again with the same options to continue.
RewindResult runRewind(const RewindOptions &options, const std::atomic_bool &stop,
                       const RewindCallbacks &callbacks);

} // namespace Core
