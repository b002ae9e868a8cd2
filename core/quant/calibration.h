// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Calibration statistics for GPTQ (quant/gptq_p.h): for every linear weight W [out, in] of the
// model's blocks (attn.c_q, c_k, c_v, proj; mlp.fc, proj; and lm_head when the embeddings are
// untied), the Hessian of the layer-wise loss ||WX - W^X||^2,
//     H = (2/n) sum_t x_t x_t^T   [in, in],
// over the n = tokens input rows x_t [in] the layer sees while the model runs on calibration
// sequences. c_q, c_k and c_v share one input and so one H; a block that several layers of a
// recurrent schedule reuse sums the inputs of all its uses.
//
// Calibration reads TRAINING shards only, never validation: the score is measured on the
// validation set, and fitting the quantization to its tokens would leak it into the artifact
// (PARAMETER_GOLF.md §1). collect() refuses shards whose file names say "_val_".
//
// Torch-free handle: the statistics live behind a shared, immutable implementation
// (quant/calibration_p.h), so copies are cheap and a SizePricer can keep one.

#include "quant/recipe.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace Core {

class Model;

struct CalibrationOptions
{
    std::string trainGlob;       ///< training token shards (sorted, read in order like training)
    int64_t tokens = 32768;      ///< tokens run through the model (rounded down to whole sequences)
    int64_t seqLen = 1024;       ///< sequence length (the run's train_seq_len)
    int64_t offset = 0;          ///< tokens skipped at the start of the stream
    int64_t batchTokens = 16384; ///< tokens per forward pass (memory vs speed)
};

class Calibration
{
public:
    /// An empty calibration: has() is false for every tensor.
    Calibration();

    /// Runs `model` (eval mode, no gradients) over the options' training tokens and accumulates
    /// every calibratable tensor's H. `progress(done, total)` gets sequences and may return
    /// false to cancel (Core::Error "cancelled"). Throws Core::Error for missing shards, fewer
    /// tokens than one sequence, or validation shards.
    static Calibration collect(Model &model, const CalibrationOptions &options,
                               const std::function<bool(int64_t, int64_t)> &progress = {});

    bool empty() const;
    /// True when H was collected for tensor `name` (e.g. "blocks.0.attn.c_q.weight").
    bool has(const std::string &name) const;
    /// The calibrated tensors, in the model's order.
    std::vector<std::string> tensors() const;
    int64_t tokens() const; ///< input rows n per layer use (sequences * seqLen)
    /// "train[0:32768] seq 1024" (the glob is not included).
    std::string label() const;

    struct Impl;
    /// Wraps statistics built by collect() or makeCalibration (quant/calibration_p.h).
    explicit Calibration(std::shared_ptr<const Impl> impl);
    const Impl *impl() const { return d.get(); }

private:
    std::shared_ptr<const Impl> d;
};

/// The tensors of `model` calibration collects H for (see the top of this file), in the
/// model's order.
std::vector<std::string> calibratableTensors(const Model &model);

/// True when some tensor of `resolution` is quantized with method gptq (Float settings, where
/// the method does not apply, excluded).
bool usesGptq(const Resolution &resolution);

/// Throws Core::Error naming the first gptq tensor of `resolution` that is not in `calibratable`
/// ("tok_emb.weight: gptq needs a linear layer's input statistics ..."). Call before collecting,
/// so a recipe that cannot work fails at once.
void checkGptqTensors(const Resolution &resolution, const std::vector<std::string> &calibratable);

} // namespace Core
