// SPDX-License-Identifier: GPL-3.0-or-later
// GPTQ (quant/gptq_p.h states the algorithm and its choices). Shapes: R = rows (outputs),
// C = columns (inputs), B = columns of one lazy block, W [R, C], H and U [C, C].

#include "quant/gptq_p.h"

#include "common/error.h"
#include "quant/calibration_p.h"
#include "quant/quantcommon_p.h"
#include "quant/quantizer_p.h"
#include "model/checkpoint_p.h"

#include <algorithm>
#include <cstring>

namespace Core {

namespace {

// The upper Cholesky factor U of H^-1 (H^-1 = U^T U), after the dead-input fix and dampening.
// Row q of U, divided by U_qq, is (H_F^-1)_{q,F} / [H_F^-1]_qq for F = {q, ..., C-1}: the
// compensation direction of paper eq. 2 once columns 0..q-1 are gone, for all q at once.
torch::Tensor inverseHessianFactor(const std::string &name, torch::Tensor H, double dampening)
{
    torch::Tensor diag = H.diagonal(); // a view: the fixes below edit H
    diag.masked_fill_(diag == 0, 1.0);
    diag.add_(dampening * diag.mean().item<double>());
    const auto [L, info] = torch::linalg_cholesky_ex(H);
    check(info.item<int64_t>() == 0,
          name + ": the calibration Hessian is not positive definite even after dampening "
                 "(calibrate on more tokens, or raise the dampening)");
    return torch::linalg_cholesky(torch::cholesky_inverse(L), /*upper=*/true);
}

} // namespace

QuantizedTensor gptqQuantize(const std::string &name, const torch::Tensor &t,
                             const QuantSetting &setting, const torch::Tensor &hessian,
                             const GptqOptions &options)
{
    Internal::checkQuantizable(name, t, setting);
    check(setting.scheme != QuantScheme::Float,
          name + ": gptq chooses integer codes; " + setting.describe() + " has none");
    check(t.dim() == 2, name + ": gptq needs a 2-D weight [out, in] of a linear layer, got " +
                            std::to_string(t.dim()) + "-D");
    check(options.blockSize >= 1 && options.dampening >= 0,
          name + ": gptq needs a block size >= 1 and a dampening >= 0");
    const int64_t R = t.size(0), C = t.size(1);
    check(hessian.dim() == 2 && hessian.size(0) == C && hessian.size(1) == C,
          name + ": the calibration Hessian is " + torch::str(hessian.sizes()) +
              " but the weight has " + std::to_string(C) + " inputs");
    const torch::Tensor w32 = t.detach().to(torch::kCPU).to(torch::kFloat32).contiguous();
    check(torch::isfinite(w32).all().item<bool>(),
          name + ": has values that are not finite in float32 (NaN, inf or out of range)");
    torch::Tensor H = hessian.detach().to(torch::kCPU).to(torch::kFloat64).clone();
    check(torch::isfinite(H).all().item<bool>(), name + ": the calibration Hessian is not finite");

    QuantizedTensor q;
    q.name = name;
    q.shape = Internal::shapeOf(t);
    q.dtype = dtypeName(t.scalar_type());
    q.setting = setting;
    const Internal::ScaleLayout l = Internal::scaleLayout(q);
    const torch::Tensor pruned = prune(w32, setting).contiguous(); // [R, C]
    if (t.numel() == 0) {
        q.scales = Internal::tensorBytes(quantScales(pruned, setting).first);
        return q;
    }
    // Pruned weights stay pruned: their code is 0 whatever the compensation did to them.
    const torch::Tensor keep = setting.prune != PruneMode::None ? pruned != 0 : torch::Tensor();

    // Scales [R or 1, G] (stored type and float32). Tensor and row scales are fixed now, from
    // the original weights; group scales are filled in as each group starts.
    const bool groups = setting.granularity == Granularity::Group && l.groupsPerRow > 1;
    const int64_t groupLen = groups ? l.groupLen : C;
    torch::Tensor stored, scale;
    if (groups) {
        stored = torch::empty({R, l.groupsPerRow}, Internal::torchType(setting.scaleType));
        scale = torch::empty({R, l.groupsPerRow}, torch::kFloat32);
    } else {
        std::tie(stored, scale) = quantScales(pruned, setting);
        scale = scale.view({-1, 1}); // [R, 1], or [1, 1] for one tensor scale
    }
    QuantSetting perRow = setting;
    perRow.granularity = Granularity::Row;

    const int qmax = setting.qmax();
    const bool binary = setting.scheme == QuantScheme::Binary;
    torch::Tensor codes = torch::empty({R, C}, torch::kFloat32);
    // Rounds column j (float64 [R]) as rtn would against its stored scale; returns the
    // dequantized column (exactly what dequantize() will give) in float64.
    auto roundColumn = [&](const torch::Tensor &w, int64_t j) {
        const torch::Tensor wf = w.to(torch::kFloat32);
        const torch::Tensor s = scale.select(1, groups ? j / groupLen : 0);
        torch::Tensor c = binary ? torch::where(wf >= 0, 1.0, -1.0).to(torch::kFloat32)
                                 : torch::round(wf / s).clamp_(-qmax, qmax);
        if (keep.defined())
            c.masked_fill_(keep.select(1, j).logical_not(), 0.0);
        codes.select(1, j).copy_(c);
        return (c * s).to(torch::kFloat64);
    };

    const torch::Tensor U = inverseHessianFactor(name, std::move(H), options.dampening);
    torch::Tensor W = pruned.to(torch::kFloat64); // updated in place as columns are rounded
    for (int64_t i1 = 0; i1 < C;) {
        // A group that starts inside a block must end inside it, so that its scale sees every
        // earlier update (columns past the block only get this block's updates at its end).
        int64_t i2 = std::min(C, i1 + options.blockSize);
        if (groups && i2 < C && (i2 / groupLen) * groupLen > i1)
            i2 = (i2 / groupLen) * groupLen;
        const int64_t n = i2 - i1;
        torch::Tensor W1 = W.slice(1, i1, i2).clone();                // [R, B]
        torch::Tensor Err1 = torch::empty({R, n}, torch::kFloat64);   // scaled errors [R, B]
        const torch::Tensor U1 = U.slice(0, i1, i2).slice(1, i1, i2); // [B, B]
        for (int64_t i = 0; i < n; ++i) {
            const int64_t j = i1 + i;
            if (groups && j % groupLen == 0) {
                const int64_t g = j / groupLen, len = l.lengthOf(g);
                // Inside the block W1 holds the group; a group reaching past it started at i1,
                // where W is up to date and W1 still equals it.
                torch::Tensor gw =
                    (j + len <= i2 ? W1.slice(1, i, i + len) : W.slice(1, j, j + len))
                        .to(torch::kFloat32);
                if (keep.defined())
                    gw.masked_fill_(keep.slice(1, j, j + len).logical_not(), 0.0);
                const auto [gs, gv] = quantScales(gw.contiguous(), perRow);
                stored.select(1, g).copy_(gs);
                scale.select(1, g).copy_(gv);
            }
            const torch::Tensor w = W1.select(1, i);
            // err = (w_q - w^_q) / [H_F^-1]_qq; the not yet rounded columns of the block move by
            // -err * U_{q, q+1..}  (paper eq. 2; column q itself is done).
            const torch::Tensor err = (w - roundColumn(w, j)) / U1[i][i].item<double>();
            if (i + 1 < n)
                W1.slice(1, i + 1).sub_(torch::outer(err, U1[i].slice(0, i + 1)));
            Err1.select(1, i).copy_(err);
        }
        // The lazy batch update: all of this block's compensation for the columns after it.
        if (i2 < C)
            W.slice(1, i2).sub_(Err1.mm(U.slice(0, i1, i2).slice(1, i2)));
        i1 = i2;
    }

    const torch::Tensor flat = codes.to(torch::kInt8).contiguous().view({-1});
    q.codes.assign(flat.data_ptr<int8_t>(), flat.data_ptr<int8_t>() + flat.numel());
    q.scales = Internal::tensorBytes(stored);
    return q;
}

QuantizedTensor quantizeWithMethod(const std::string &name, const torch::Tensor &w,
                                   const QuantSetting &s, const Calibration &calibration)
{
    if (s.method != QuantMethod::Gptq || s.scheme == QuantScheme::Float)
        return quantize(name, w, s);
    check(!calibration.empty(),
          name + ": " + s.describe() +
              " needs calibration statistics from training tokens, and none were given "
              "(golf: --calib-files GLOB or --data DIR)");
    const torch::Tensor H = hessianOf(calibration, name);
    check(H.defined(), name + ": gptq needs a linear layer's input statistics, and the "
                              "calibration has none for this tensor (it is not the weight "
                              "of a block's linear layer or of an untied lm_head)");
    return gptqQuantize(name, w, s, H);
}

} // namespace Core
