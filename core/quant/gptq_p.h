// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch): GPTQ, error-compensating quantization of a linear layer's weight (Frantar,
// Ashkboos, Hoefler, Alistarh, "GPTQ: Accurate Post-Training Quantization for Generative
// Pre-trained Transformers", 2022), for the settings whose method is "gptq"
// (pack/quantsetting.h).
//
// For W [out, in] and calibration inputs X [in, n], GPTQ minimises ||WX - W^X||^2 row by row.
// With H = (2/n) X X^T [in, in] (quant/calibration.h) it rounds the columns of W in order; after
// rounding column q to w^_q it moves the columns not yet rounded (F) by
//     delta_F = -(w_q - w^_q) / [H_F^-1]_qq * (H_F^-1)_{q,F}
// (the optimal compensation for the error just made, paper eq. 2), then drops q from F. The
// successive H_F^-1 are rows of the upper Cholesky factor of H^-1, so one factorisation serves
// all columns, and updates to columns outside the current block of `blockSize` are applied
// lazily, once per block (the paper's "lazy batch updates").
//
// Layout: codes and scales are exactly those of QuantizedTensor for the same setting, so files
// and dequantize() are unchanged. Scales come from quantScales (the rtn arithmetic): for tensor
// and row granularity from the original (pruned) weights before any column is rounded; for
// group granularity when a group's first column is reached, from the group's weights as the
// earlier compensation left them (as the reference implementation does; here blocks never
// straddle a group start, so those weights carry every earlier update, not only the finished
// blocks', and blocked and unblocked runs agree).
//
// Details:
//   dampening   H += lambda I with lambda = dampening * mean(diag H) (1% by default) before
//               factorising, for a well-conditioned inverse.
//   dead inputs H_ii = 0 (an input never active in the calibration data): H_ii is set to 1 and
//               the column is simply rounded to nearest. Nothing is correlated with it, so no
//               error propagates from or to it. (The reference zeroes such columns; keeping
//               them is the same for the calibration loss and keeps the weight for inputs the
//               calibration data merely missed.)
//   pruning     the setting's pruning mask is applied first; pruned weights get code 0 and
//               their whole value is compensated like any rounding error.
//   Binary      sign codes (0 -> +1) against the group's mean |w| scale, as rtn.
// Arithmetic is float64 (W, H, its factor), codes are round-half-even of the float32 value
// over the float32 stored scale, as in rtn.

#include "quant/calibration.h"
#include "pack/quantizedtensor.h"

#include <torch/torch.h>

#include <string>

namespace Core {

struct GptqOptions
{
    int64_t blockSize = 128; ///< columns per lazy batch (>= 1; results do not depend on it)
    double dampening = 0.01; ///< lambda as a fraction of mean(diag H)
};

/// Quantizes the 2-D weight `w` [out, in] of tensor `name` as `setting` (Int, Binary or
/// Ternary; its method is not looked at) with GPTQ against `hessian` [in, in] (float, symmetric
/// positive semi-definite). Throws Core::Error naming `name` for a wrong shape, non-finite
/// values, or a Hessian that stays singular after dampening.
QuantizedTensor gptqQuantize(const std::string &name, const torch::Tensor &w,
                             const QuantSetting &setting, const torch::Tensor &hessian,
                             const GptqOptions &options = {});

/// Quantizes as `setting` says, whatever its method: rtn (and every Float setting) through
/// quantize(), gptq through gptqQuantize() against the H that `calibration` holds for `name`.
/// Throws Core::Error naming the tensor when a gptq setting has no calibration, or the
/// calibration no H for this tensor.
QuantizedTensor quantizeWithMethod(const std::string &name, const torch::Tensor &w,
                                   const QuantSetting &setting, const Calibration &calibration);

} // namespace Core
