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

#include "recipe/calibrationoptions.h"
#include "recipe/recipe.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace Core {



class Calibration
{
public:
    /// An empty calibration: has() is false for every tensor.
    Calibration();

    bool empty() const;
    /// True when H was collected for tensor `name` (e.g. "blocks.0.attn.c_q.weight").
    bool has(const std::string &name) const;
    /// The calibrated tensors, in the model's order.
    std::vector<std::string> tensors() const;
    int64_t tokens() const; ///< input rows n per layer use (sequences * seqLen)
    /// "train[0:32768] seq 1024" (the glob is not included).
    std::string label() const;

    struct Impl;
    /// Wraps statistics built by collectCalibration (analysis/calibrationrun.h) or
    /// makeCalibration (quant/calibration_p.h).
    explicit Calibration(std::shared_ptr<const Impl> impl);
    const Impl *impl() const { return d.get(); }

private:
    std::shared_ptr<const Impl> d;
};

/// True when some tensor of `resolution` is quantized with method gptq (Float settings, where
/// the method does not apply, excluded).
bool usesGptq(const Resolution &resolution);

/// Throws Core::Error naming the first gptq tensor of `resolution` that is not in `calibratable`
/// ("tok_emb.weight: gptq needs a linear layer's input statistics ..."). Call before collecting,
/// so a recipe that cannot work fails at once.
void checkGptqTensors(const Resolution &resolution, const std::vector<std::string> &calibratable);

} // namespace Core
