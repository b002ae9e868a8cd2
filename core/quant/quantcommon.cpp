// SPDX-License-Identifier: GPL-3.0-or-later
#include "quant/quantcommon_p.h"

#include "common/error.h"
#include "model/checkpoint_p.h"

#include <c10/util/BFloat16.h>
#include <c10/util/Half.h>

#include <cfloat>
#include <cmath>
#include <cstring>

namespace Core::Internal {

ScaleLayout scaleLayout(const QuantizedTensor &q)
{
    ScaleLayout l;
    const QuantSetting &s = q.setting;
    if (s.scheme == QuantScheme::Float)
        return l;
    if (s.granularity == Granularity::Tensor) {
        l.rows = 1;
        l.cols = q.numel();
        l.groupsPerRow = 1;
        l.groupLen = l.cols;
        return l;
    }
    l.rows = q.rows();
    l.cols = q.cols();
    if (s.granularity == Granularity::Row || l.cols <= s.groupSize) {
        // One group per row; a row of zero values still has its (unused) scale.
        l.groupsPerRow = s.granularity == Granularity::Row || l.cols > 0 ? 1 : 0;
        l.groupLen = l.cols;
        return l;
    }
    l.groupLen = s.groupSize;
    l.groupsPerRow = (l.cols + l.groupLen - 1) / l.groupLen;
    return l;
}

std::vector<int64_t> shapeOf(const torch::Tensor &t)
{
    return std::vector<int64_t>(t.sizes().begin(), t.sizes().end());
}

FloatType floatTypeOf(torch::ScalarType type)
{
    return type == torch::kFloat16    ? FloatType::Float16
           : type == torch::kBFloat16 ? FloatType::BFloat16
                                      : FloatType::Float32;
}

std::string tensorBytes(const torch::Tensor &t)
{
    const torch::Tensor c = t.contiguous();
    return std::string(static_cast<const char *>(c.data_ptr()), c.nbytes());
}

torch::ScalarType torchType(FloatType type)
{
    switch (type) {
    case FloatType::Float32:
        return torch::kFloat32;
    case FloatType::Float16:
        return torch::kFloat16;
    case FloatType::BFloat16:
        return torch::kBFloat16;
    }
    return torch::kFloat32;
}

double maxFinite(FloatType type)
{
    switch (type) {
    case FloatType::Float32:
        return FLT_MAX;
    case FloatType::Float16:
        return 65504.0;
    case FloatType::BFloat16:
        return 3.3895313892515355e38; // 0x7F7F
    }
    return FLT_MAX;
}

torch::ScalarType floatDtypeFromName(const std::string &name, const std::string &what)
{
    for (torch::ScalarType type :
         {torch::kFloat32, torch::kFloat64, torch::kFloat16, torch::kBFloat16})
        if (dtypeName(type) == name)
            return type;
    throw Error(what + ": dtype '" + name +
                "' is not a float type (float32, float64, float16, bfloat16)");
}

int64_t prunedCount(double sparsity, int64_t total)
{
    return static_cast<int64_t>(std::floor(sparsity * double(total)));
}

void checkQuantizable(const std::string &name, const torch::Tensor &t, const QuantSetting &setting)
{
    setting.validate(name);
    check(t.defined(), name + ": no tensor to quantize");
    const torch::ScalarType type = t.scalar_type();
    check(type == torch::kFloat32 || type == torch::kFloat64 || type == torch::kFloat16 ||
              type == torch::kBFloat16,
          name + ": can only quantize float tensors, this one is " + dtypeName(type));
    // A pruned zero has no binary code (sign: 0 -> +1), so it would come back as +scale.
    check(setting.scheme != QuantScheme::Binary || setting.prune == PruneMode::None,
          name + ": binary codes can't represent pruned zeros; use ternary");
}

namespace {

float scaleValue(const std::string &bytes, int64_t i, FloatType type)
{
    const char *p = bytes.data() + i * floatTypeBytes(type);
    switch (type) {
    case FloatType::Float32: {
        float f;
        std::memcpy(&f, p, 4);
        return f;
    }
    case FloatType::Float16: {
        c10::Half h;
        std::memcpy(&h.x, p, 2);
        return float(h);
    }
    case FloatType::BFloat16: {
        c10::BFloat16 b;
        std::memcpy(&b.x, p, 2);
        return float(b);
    }
    }
    return 0.0f;
}

} // namespace

void checkQuantized(const QuantizedTensor &q)
{
    const std::string &what = q.name;
    q.setting.validate(what);
    floatDtypeFromName(q.dtype, what);
    // Shapes come from files: refuse negative sizes and element counts no vector could hold.
    int64_t numel = 1;
    for (int64_t d : q.shape) {
        check(d >= 0, what + ": negative dimension " + std::to_string(d) + " in the shape");
        check(d == 0 || numel <= (int64_t(1) << 40) / d, what + ": shape too large");
        numel *= d;
    }
    const QuantSetting &s = q.setting;
    if (s.scheme == QuantScheme::Float) {
        const int64_t want = numel * floatTypeBytes(s.floatType);
        check(int64_t(q.values.size()) == want,
              what + ": " + std::to_string(q.values.size()) + " value bytes, the shape needs " +
                  std::to_string(want) + " (" + floatTypeName(s.floatType) + ")");
        check(q.codes.empty() && q.scales.empty(),
              what + ": a float tensor has no codes or scales");
        return;
    }
    check(int64_t(q.codes.size()) == numel, what + ": " + std::to_string(q.codes.size()) +
                                                " codes, the shape has " + std::to_string(numel) +
                                                " values");
    const int64_t scales = q.scaleCount();
    const int64_t want = scales * floatTypeBytes(s.scaleType);
    check(int64_t(q.scales.size()) == want, what + ": " + std::to_string(q.scales.size()) +
                                                " scale bytes, " + q.setting.describe() +
                                                " needs " + std::to_string(want));
    check(q.values.empty(), what + ": an integer-coded tensor has no float values");

    // One pass for the range (vectorises); find the culprit only when it is out of range.
    const int qmax = s.qmax();
    int lo = 0, hi = 0;
    for (int8_t c : q.codes) {
        lo = std::min(lo, int(c));
        hi = std::max(hi, int(c));
    }
    check(lo >= -qmax && hi <= qmax, what + ": code out of range [-" + std::to_string(qmax) + ", " +
                                         std::to_string(qmax) +
                                         "]: " + std::to_string(lo < -qmax ? lo : hi));
    if (s.scheme == QuantScheme::Binary)
        for (size_t i = 0; i < q.codes.size(); ++i)
            check(q.codes[i] != 0, what + ": binary code 0 at index " + std::to_string(i) +
                                       " (binary codes are -1 and +1)");
    for (int64_t i = 0; i < scales; ++i) {
        const float v = scaleValue(q.scales, i, s.scaleType);
        check(std::isfinite(v) && v >= 0, what + ": scale " + std::to_string(i) + " is " +
                                              std::to_string(v) + " (must be finite and >= 0)");
    }
}

} // namespace Core::Internal
