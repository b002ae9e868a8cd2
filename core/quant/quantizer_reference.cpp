// SPDX-License-Identifier: GPL-3.0-or-later
// The reference quantizer: pack/quantsetting.h's definitions as plain loops over floats, with
// torch used only to move data in and out. Slow and obvious on purpose; the fast path in
// quantizer.cpp and prune.cpp must produce the same bytes (tests/core/tst_quantizer.cpp).
// Reductions run in double and add left to right; fp16 conversions use c10::Half's scalar
// round-to-nearest-even, bf16 is rounded here by hand.

#include "common/error.h"
#include "quant/quantcommon_p.h"
#include "quant/quantizer_p.h"
#include "model/checkpoint_p.h"

#include <c10/util/Half.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <vector>

namespace Core {

using Internal::ScaleLayout;

namespace {

// ---- data in and out ----------------------------------------------------------------------

std::vector<float> floatsOf(const torch::Tensor &t)
{
    const torch::Tensor c = t.detach().to(torch::kCPU).to(torch::kFloat32).contiguous();
    const float *p = c.data_ptr<float>();
    return std::vector<float>(p, p + c.numel());
}

uint16_t floatToBf16(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, 4);
    if (std::isnan(f))
        return 0x7FC0;
    // Round to nearest, ties to even, on the 16 bits that are dropped.
    u += 0x7FFF + ((u >> 16) & 1);
    return uint16_t(u >> 16);
}

float bf16ToFloat(uint16_t b)
{
    const uint32_t u = uint32_t(b) << 16;
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

uint16_t floatToHalf(float f)
{
    return c10::Half(f).x;
}

float halfToFloat(uint16_t h)
{
    return float(c10::Half(h, c10::Half::from_bits()));
}

// `f` rounded to `type`, appended to `out` as little-endian bytes; returns the rounded value.
float appendAs(float f, FloatType type, std::string &out)
{
    switch (type) {
    case FloatType::Float32:
        out.append(reinterpret_cast<const char *>(&f), 4);
        return f;
    case FloatType::Float16: {
        const uint16_t h = floatToHalf(f);
        out.append(reinterpret_cast<const char *>(&h), 2);
        return halfToFloat(h);
    }
    case FloatType::BFloat16: {
        const uint16_t b = floatToBf16(f);
        out.append(reinterpret_cast<const char *>(&b), 2);
        return bf16ToFloat(b);
    }
    }
    return f;
}

float readAs(const std::string &bytes, int64_t i, FloatType type)
{
    const char *p = bytes.data() + i * floatTypeBytes(type);
    if (type == FloatType::Float32) {
        float f;
        std::memcpy(&f, p, 4);
        return f;
    }
    uint16_t h;
    std::memcpy(&h, p, 2);
    return type == FloatType::Float16 ? halfToFloat(h) : bf16ToFloat(h);
}

torch::Tensor tensorOf(const std::vector<float> &values, const std::vector<int64_t> &shape,
                       torch::ScalarType type)
{
    torch::Tensor t = torch::empty(shape, type);
    const size_t n = values.size();
    switch (type) {
    case torch::kFloat32:
        std::copy(values.begin(), values.end(), t.data_ptr<float>());
        break;
    case torch::kFloat64:
        std::copy(values.begin(), values.end(), t.data_ptr<double>());
        break;
    case torch::kFloat16: {
        auto *p = static_cast<uint16_t *>(t.data_ptr());
        for (size_t i = 0; i < n; ++i)
            p[i] = floatToHalf(values[i]);
        break;
    }
    case torch::kBFloat16: {
        auto *p = static_cast<uint16_t *>(t.data_ptr());
        for (size_t i = 0; i < n; ++i)
            p[i] = floatToBf16(values[i]);
        break;
    }
    default:
        throw Error("dequantize: unsupported dtype");
    }
    return t;
}

// ---- pruning ------------------------------------------------------------------------------

// Indices 0..n-1 of `values` stably sorted by |value|; ascending puts the smallest first.
std::vector<int64_t> magnitudeOrder(const float *values, int64_t n, bool ascending)
{
    std::vector<int64_t> idx(n);
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) {
        const float x = std::fabs(values[a]), y = std::fabs(values[b]);
        return ascending ? x < y : x > y;
    });
    return idx;
}

void pruneValues(std::vector<float> &w, int64_t rows, const QuantSetting &s)
{
    const int64_t numel = int64_t(w.size());
    const int64_t cols = rows ? numel / rows : 0;
    switch (s.prune) {
    case PruneMode::None:
        return;
    case PruneMode::Magnitude: {
        const int64_t k = Internal::prunedCount(s.sparsity, numel);
        const std::vector<int64_t> order = magnitudeOrder(w.data(), numel, true);
        for (int64_t i = 0; i < k; ++i)
            w[order[i]] = 0.0f;
        return;
    }
    case PruneMode::NM:
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t start = 0; start < cols; start += s.m) {
                float *run = w.data() + r * cols + start;
                const int64_t len = std::min<int64_t>(s.m, cols - start);
                const std::vector<int64_t> order = magnitudeOrder(run, len, false);
                for (int64_t i = s.n; i < len; ++i)
                    run[order[i]] = 0.0f;
            }
        return;
    case PruneMode::Rows: {
        const int64_t blocks = (rows + s.rowBlock - 1) / s.rowBlock;
        const int64_t k = Internal::prunedCount(s.sparsity, blocks);
        std::vector<double> norm2(blocks, 0.0);
        for (int64_t b = 0; b < blocks; ++b) {
            const int64_t begin = b * s.rowBlock * cols;
            const int64_t end = std::min(numel, (b + 1) * s.rowBlock * cols);
            for (int64_t i = begin; i < end; ++i)
                norm2[b] += double(w[i]) * double(w[i]);
        }
        std::vector<int64_t> order(blocks);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](int64_t a, int64_t b) { return norm2[a] < norm2[b]; });
        for (int64_t i = 0; i < k; ++i) {
            const int64_t begin = order[i] * s.rowBlock * cols;
            const int64_t end = std::min(numel, (order[i] + 1) * s.rowBlock * cols);
            std::fill(w.begin() + begin, w.begin() + end, 0.0f);
        }
        return;
    }
    }
}

// ---- scales -------------------------------------------------------------------------------

// Clip (Int) or mean |w| (Binary, Ternary) of one group of n values, in double.
double scaleBasis(const float *w, int64_t n, const QuantSetting &s)
{
    if (n == 0)
        return 0.0;
    if (s.scheme != QuantScheme::Int) {
        double sum = 0.0;
        for (int64_t i = 0; i < n; ++i)
            sum += std::fabs(double(w[i]));
        return sum / double(n);
    }
    switch (s.clip) {
    case ClipMode::None: {
        float m = 0.0f;
        for (int64_t i = 0; i < n; ++i)
            m = std::max(m, std::fabs(w[i]));
        return m;
    }
    case ClipMode::Percentile: {
        std::vector<float> mag(n);
        for (int64_t i = 0; i < n; ++i)
            mag[i] = std::fabs(w[i]);
        std::sort(mag.begin(), mag.end());
        const double pos = double(n - 1) * (s.clipValue / 100.0);
        const double lo = std::floor(pos);
        const double a = mag[size_t(lo)], b = mag[size_t(std::ceil(pos))];
        return a + (b - a) * (pos - lo);
    }
    case ClipMode::Std: {
        double sum = 0.0;
        for (int64_t i = 0; i < n; ++i)
            sum += w[i];
        const double mean = sum / double(n);
        double dev2 = 0.0;
        for (int64_t i = 0; i < n; ++i) {
            const double d = double(w[i]) - mean;
            dev2 += d * d;
        }
        return std::sqrt(dev2 / double(n)) * s.clipValue;
    }
    }
    return 0.0;
}

// Stores the scale of one group in s.scaleType and returns its value as float.
float storeScale(double basis, const QuantSetting &s, std::string &out)
{
    const float f = float(std::min(basis / double(s.qmax()), Internal::maxFinite(s.scaleType)));
    std::string bytes;
    float stored = appendAs(f, s.scaleType, bytes);
    if (stored == 0.0f && s.scheme != QuantScheme::Binary) {
        bytes.clear();
        stored = appendAs(1.0f, s.scaleType, bytes);
    }
    out += bytes;
    return stored;
}

int8_t codeOf(float w, float scale, const QuantSetting &s)
{
    if (s.scheme == QuantScheme::Binary)
        return w >= 0.0f ? 1 : -1;
    const float qmax = float(s.qmax());
    return int8_t(std::clamp(std::nearbyint(w / scale), -qmax, qmax));
}

} // namespace

torch::Tensor pruneReference(const torch::Tensor &t, const QuantSetting &setting)
{
    if (setting.prune == PruneMode::None)
        return t;
    setting.validate("pruning");
    check(t.is_floating_point(), "pruning: can only prune float tensors");
    std::vector<float> w = floatsOf(t);
    for (float v : w)
        check(std::isfinite(v), "pruning: the tensor has non-finite values");
    pruneValues(w, t.dim() >= 2 ? t.size(0) : 1, setting);
    return tensorOf(w, Internal::shapeOf(t), torch::kFloat32);
}

QuantizedTensor quantizeReference(const std::string &name, const torch::Tensor &t,
                                  const QuantSetting &setting)
{
    Internal::checkQuantizable(name, t, setting);
    QuantizedTensor q;
    q.name = name;
    q.shape = Internal::shapeOf(t);
    q.dtype = dtypeName(t.scalar_type());
    q.setting = setting;
    // Everything works on float32 (exact for every input dtype but float64, where it is the
    // quantizer's first rounding); a float64 beyond float32's range turns inf here and is
    // refused with NaN and inf.
    std::vector<float> w = floatsOf(t);
    for (float v : w)
        check(std::isfinite(v),
              name + ": has values that are not finite in float32 (NaN, inf or out of range)");
    pruneValues(w, q.rows(), setting);

    if (setting.scheme == QuantScheme::Float) {
        for (float v : w)
            check(std::isfinite(appendAs(v, setting.floatType, q.values)),
                  name + ": values overflow " + floatTypeName(setting.floatType));
        return q;
    }

    const ScaleLayout l = Internal::scaleLayout(q);
    q.codes.resize(w.size());
    for (int64_t r = 0; r < l.rows; ++r)
        for (int64_t j = 0; j < l.groupsPerRow; ++j) {
            const int64_t begin = r * l.cols + j * l.groupLen;
            const int64_t n = l.lengthOf(j);
            const float scale =
                storeScale(scaleBasis(w.data() + begin, n, setting), setting, q.scales);
            for (int64_t i = begin; i < begin + n; ++i)
                q.codes[i] = codeOf(w[i], scale, setting);
        }
    return q;
}

torch::Tensor dequantizeReference(const QuantizedTensor &q)
{
    Internal::checkQuantized(q);
    const torch::ScalarType out = Internal::floatDtypeFromName(q.dtype, q.name);
    const QuantSetting &s = q.setting;
    const int64_t numel = q.numel();
    std::vector<float> w(numel);
    if (s.scheme == QuantScheme::Float) {
        for (int64_t i = 0; i < numel; ++i)
            w[i] = readAs(q.values, i, s.floatType);
    } else {
        const ScaleLayout l = Internal::scaleLayout(q);
        for (int64_t r = 0; r < l.rows; ++r)
            for (int64_t j = 0; j < l.groupsPerRow; ++j) {
                const float scale = readAs(q.scales, r * l.groupsPerRow + j, s.scaleType);
                const int64_t begin = r * l.cols + j * l.groupLen;
                for (int64_t i = begin; i < begin + l.lengthOf(j); ++i)
                    w[i] = float(q.codes[i]) * scale;
            }
    }
    return tensorOf(w, q.shape, out);
}

} // namespace Core
