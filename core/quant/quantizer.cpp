// SPDX-License-Identifier: GPL-3.0-or-later
// The fast quantizer: vectorised libtorch over a [S, L] view of the weights, one row per scale
// group (S groups of at most L values; rows whose last group is short are padded). The
// arithmetic is pack/quantsetting.h's; quantizer_reference.cpp states it as scalar loops, and
// the two must agree bit for bit (tests/core/tst_quantizer.cpp). What makes that possible:
//   - clip, mean and std are computed in double, and every sum is a cumsum, which adds left to
//     right exactly as the reference loop does (sum() adds pairwise, and a last-bit difference
//     in a clip could flip a scale's rounding);
//   - the percentile interpolates by hand in double (torch.quantile works in the input dtype);
//   - codes are round-half-even of the float32 weight over the float32 stored scale, which
//     IEEE division and torch.round give identically in both paths.

#include "common/error.h"
#include "quant/quantcommon_p.h"
#include "quant/quantizer_p.h"
#include "model/checkpoint_p.h"

#include <cstring>

namespace Core {

using Internal::ScaleLayout;

namespace {

// [S, L] view of the flat weights `w`, each row of the layout padded to paddedCols() with `pad`.
torch::Tensor groupView(const torch::Tensor &w, const ScaleLayout &l, double pad)
{
    torch::Tensor x = w.reshape({l.rows, l.cols});
    if (l.paddedCols() > l.cols)
        x = torch::constant_pad_nd(x, {0, l.paddedCols() - l.cols}, pad);
    return x.reshape({l.count(), l.groupLen});
}

// The inverse of groupView: drops the padding, back to [rows * cols].
torch::Tensor ungroup(const torch::Tensor &g, const ScaleLayout &l)
{
    return g.reshape({l.rows, l.paddedCols()}).slice(1, 0, l.cols).reshape({-1});
}

// True values per group, int64 [S].
torch::Tensor groupCounts(const ScaleLayout &l)
{
    torch::Tensor c = torch::full({l.rows, l.groupsPerRow}, l.groupLen, torch::kInt64);
    if (l.paddedCols() > l.cols)
        c.select(1, l.groupsPerRow - 1).fill_(l.lengthOf(l.groupsPerRow - 1));
    return c.view({-1});
}

// True where a [S, L] position holds a value, false on padding.
torch::Tensor inGroupMask(const ScaleLayout &l)
{
    return torch::arange(l.groupLen, torch::kInt64).unsqueeze(0) < groupCounts(l).unsqueeze(1);
}

// Per-group sum of a double [S, L] tensor whose padding is 0, added left to right.
torch::Tensor sequentialSum(const torch::Tensor &x)
{
    return x.cumsum(1).select(1, x.size(1) - 1);
}

// Per-group value the scale is derived from, double [S]: clip (Int) or mean |w| (Binary,
// Ternary). `g` is the float32 [S, L] view padded with 0.
torch::Tensor scaleBasis(const torch::Tensor &g, const ScaleLayout &l, const QuantSetting &s)
{
    const torch::Tensor counts = groupCounts(l).to(torch::kFloat64);
    const bool padded = l.paddedCols() > l.cols;
    if (s.scheme != QuantScheme::Int)
        return sequentialSum(g.abs().to(torch::kFloat64)) / counts;
    switch (s.clip) {
    case ClipMode::None:
        return g.abs().amax(1).to(torch::kFloat64);
    case ClipMode::Percentile: {
        // Linear interpolation at pos = q (n - 1) of the ascending |w| (torch.quantile's rule),
        // in double. Only the order statistics at floor(pos) and ceil(pos) are needed: counted
        // from the top they are the (n-1-floor)-th and (n-1-ceil)-th largest, so for the usual
        // high percentiles a top-k of a few values replaces a full sort (20x faster here).
        // Padding is -1, below every |w|, so it never enters a group's own top n.
        torch::Tensor mag = g.abs();
        if (padded)
            mag.masked_fill_(inGroupMask(l).logical_not(), -1.0);
        const torch::Tensor pos = (counts - 1.0) * (s.clipValue / 100.0);
        const torch::Tensor lo = pos.floor();
        const torch::Tensor frac = pos - lo;
        const torch::Tensor fromTopLo = (counts - 1.0 - lo).to(torch::kInt64);
        const torch::Tensor fromTopHi = (counts - 1.0 - pos.ceil()).to(torch::kInt64);
        const int64_t k = fromTopLo.max().item<int64_t>() + 1;
        // Descending |w| per group, at least its first k values.
        const torch::Tensor top =
            k <= l.groupLen / 8
                ? std::get<0>(mag.topk(k, /*dim=*/1, /*largest=*/true, /*sorted=*/true))
                : std::get<0>(mag.sort(/*dim=*/1, /*descending=*/true));
        const torch::Tensor a =
            top.gather(1, fromTopLo.unsqueeze(1)).squeeze(1).to(torch::kFloat64);
        const torch::Tensor b =
            top.gather(1, fromTopHi.unsqueeze(1)).squeeze(1).to(torch::kFloat64);
        return a + (b - a) * frac;
    }
    case ClipMode::Std: {
        // Population std about the group mean; the padding is masked out of the deviations.
        const torch::Tensor x = g.to(torch::kFloat64);
        const torch::Tensor mean = sequentialSum(x) / counts;
        torch::Tensor dev2 = (x - mean.unsqueeze(1)).square();
        if (padded)
            dev2.masked_fill_(inGroupMask(l).logical_not(), 0.0);
        return (sequentialSum(dev2) / counts).sqrt() * s.clipValue;
    }
    }
    return {};
}

// The stored scales (scaleType) and their float32 values, from the per-group basis (double):
// basis / qmax, saturated at the type's largest finite value, rounded to float32 and then to
// scaleType. A zero scale becomes 1 (its codes are all 0), except for Binary, where 0 is the
// exact scale of an all-zero group.
std::pair<torch::Tensor, torch::Tensor> storeScales(const torch::Tensor &basis,
                                                    const QuantSetting &s)
{
    torch::Tensor stored = (basis / double(s.qmax()))
                               .clamp_max(Internal::maxFinite(s.scaleType))
                               .to(torch::kFloat32)
                               .to(Internal::torchType(s.scaleType));
    if (s.scheme != QuantScheme::Binary)
        stored.masked_fill_(stored == 0, 1.0);
    return {stored.contiguous(), stored.to(torch::kFloat32)};
}

// A tensor of `type` and `count` elements holding a copy of raw bytes (sizes already checked).
torch::Tensor fromBytes(const void *data, int64_t count, torch::ScalarType type)
{
    torch::Tensor t = torch::empty({count}, type);
    if (t.nbytes())
        std::memcpy(t.data_ptr(), data, t.nbytes());
    return t;
}

} // namespace

std::pair<torch::Tensor, torch::Tensor> quantScales(const torch::Tensor &w,
                                                    const QuantSetting &setting)
{
    check(w.dim() == 2 && w.scalar_type() == torch::kFloat32 &&
              setting.scheme != QuantScheme::Float,
          "quantScales: needs a float32 matrix and an integer setting");
    QuantizedTensor q;
    q.shape = Internal::shapeOf(w);
    q.setting = setting;
    const ScaleLayout l = Internal::scaleLayout(q);
    if (w.numel() == 0)
        return storeScales(torch::zeros({l.count()}, torch::kFloat64), setting);
    const torch::Tensor g = groupView(w.contiguous().view({-1}), l, 0.0);
    return storeScales(scaleBasis(g, l, setting), setting);
}

QuantizedTensor quantize(const std::string &name, const torch::Tensor &t,
                         const QuantSetting &setting)
{
    Internal::checkQuantizable(name, t, setting);
    // Everything works on float32 (exact for every input dtype but float64, where it is the
    // quantizer's first rounding); a float64 beyond float32's range turns inf here and is
    // refused with NaN and inf.
    const torch::Tensor w32 = t.detach().to(torch::kCPU).to(torch::kFloat32).contiguous();
    check(torch::isfinite(w32).all().item<bool>(),
          name + ": has values that are not finite in float32 (NaN, inf or out of range)");

    QuantizedTensor q;
    q.name = name;
    q.shape = Internal::shapeOf(t);
    q.dtype = dtypeName(t.scalar_type());
    q.setting = setting;
    const torch::Tensor w = prune(w32, setting).contiguous().view({-1});

    if (setting.scheme == QuantScheme::Float) {
        const torch::Tensor v = w.to(Internal::torchType(setting.floatType));
        check(!torch::isinf(v).any().item<bool>(),
              name + ": values overflow " + floatTypeName(setting.floatType));
        q.values = Internal::tensorBytes(v);
        return q;
    }

    const ScaleLayout l = Internal::scaleLayout(q);
    if (w.numel() == 0) {
        // Groups without values: clip 0, so scale 1 (Binary: 0); no codes.
        q.scales = Internal::tensorBytes(storeScales(torch::zeros({l.count()}, torch::kFloat64), setting).first);
        return q;
    }
    const torch::Tensor g = groupView(w, l, 0.0);
    const auto [stored, scale] = storeScales(scaleBasis(g, l, setting), setting);
    const int qmax = setting.qmax();
    const torch::Tensor codes = setting.scheme == QuantScheme::Binary
                                    ? torch::where(g >= 0, 1, -1)
                                    : torch::round(g / scale.unsqueeze(1)).clamp_(-qmax, qmax);
    const torch::Tensor flat = ungroup(codes, l).to(torch::kInt8).contiguous();
    q.codes.assign(flat.data_ptr<int8_t>(), flat.data_ptr<int8_t>() + flat.numel());
    q.scales = Internal::tensorBytes(stored);
    return q;
}

torch::Tensor dequantize(const QuantizedTensor &q)
{
    Internal::checkQuantized(q);
    const torch::ScalarType out = Internal::floatDtypeFromName(q.dtype, q.name);
    const QuantSetting &s = q.setting;
    torch::Tensor w;
    if (s.scheme == QuantScheme::Float) {
        w = fromBytes(q.values.data(), q.numel(), Internal::torchType(s.floatType))
                .to(torch::kFloat32);
    } else {
        const ScaleLayout l = Internal::scaleLayout(q);
        const torch::Tensor codes = fromBytes(q.codes.data(), q.numel(), torch::kInt8);
        if (q.numel() == 0) {
            w = codes.to(torch::kFloat32);
        } else {
            const torch::Tensor scale =
                fromBytes(q.scales.data(), l.count(), Internal::torchType(s.scaleType))
                    .to(torch::kFloat32);
            w = ungroup(groupView(codes.to(torch::kFloat32), l, 0.0) * scale.unsqueeze(1), l);
        }
    }
    return w.to(out).reshape(q.shape).contiguous();
}

} // namespace Core
