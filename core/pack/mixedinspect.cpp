// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/mixedinspect.h"

#include "common/error.h"
#include "pack/mixedformat.h"

#include <cmath>
#include <cstring>
#include <map>

namespace Core {

namespace {

float bitsToFloat(uint32_t bits)
{
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

/// One stored little-endian value of `type`, exactly, as a float.
float storedFloat(const char *p, FloatType type)
{
    switch (type) {
    case FloatType::Float32: {
        uint32_t bits;
        std::memcpy(&bits, p, 4);
        return bitsToFloat(bits);
    }
    case FloatType::BFloat16: {
        uint16_t bits;
        std::memcpy(&bits, p, 2);
        return bitsToFloat(uint32_t(bits) << 16);
    }
    case FloatType::Float16: {
        uint16_t h;
        std::memcpy(&h, p, 2);
        const int exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
        const float sign = (h & 0x8000) ? -1.0f : 1.0f;
        if (exponent == 0)
            return sign * std::ldexp(float(mantissa), -24); // zero and subnormals
        if (exponent == 31)
            return mantissa ? NAN : sign * INFINITY;
        return sign * std::ldexp(float(mantissa | 0x400), exponent - 25);
    }
    }
    return 0;
}

size_t floatSize(FloatType type)
{
    return type == FloatType::Float32 ? 4 : 2;
}

/// Whether the fp32 value `v` becomes zero when cast to the tensor's dtype, rounding to nearest
/// even as torch's casts do: bf16 keeps fp32's exponent range, so only zero stays zero; fp16's
/// smallest step is 2^-24, so magnitudes up to 2^-25 (the tie rounds to even, zero) vanish.
bool zeroInDtype(float v, const std::string &dtype)
{
    if (v == 0.0f)
        return true;
    if (dtype == "float16")
        return std::fabs(v) <= 0x1p-25f;
    if (dtype == "bfloat16") {
        uint32_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        const uint32_t rounded = bits + 0x7fff + ((bits >> 16) & 1);
        return (rounded & 0x7fff0000u) == 0 && (bits & 0x7f800000u) != 0x7f800000u;
    }
    return false;
}

} // namespace

double storedZeroFraction(const QuantizedTensor &q)
{
    const int64_t n = q.numel();
    if (n == 0)
        return 0.0;
    const QuantSetting &s = q.setting;
    int64_t zeros = 0;
    if (s.scheme == QuantScheme::Float) {
        const size_t size = floatSize(s.floatType);
        check(q.values.size() == size_t(n) * size, q.name + ": stored values do not match the shape");
        for (int64_t i = 0; i < n; ++i)
            zeros += zeroInDtype(storedFloat(q.values.data() + size_t(i) * size, s.floatType), q.dtype);
        return double(zeros) / double(n);
    }
    // Scale groups as dequantization lays them out: one per tensor, per row, or per groupSize
    // values of a row (a row no longer than a group has one).
    const int64_t rows = s.granularity == Granularity::Tensor ? 1 : q.rows();
    const int64_t cols = n / rows;
    const int64_t groupLen = s.granularity == Granularity::Group && cols > s.groupSize ? s.groupSize : cols;
    const int64_t groupsPerRow = groupLen > 0 ? (cols + groupLen - 1) / groupLen : 0;
    const size_t size = floatSize(s.scaleType);
    check(q.codes.size() == size_t(n) && q.scales.size() >= size_t(rows * groupsPerRow) * size,
          q.name + ": stored codes or scales do not match the shape");
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t g = 0; g < groupsPerRow; ++g) {
            const float scale = storedFloat(q.scales.data() + size_t(r * groupsPerRow + g) * size, s.scaleType);
            const int64_t end = std::min(cols, (g + 1) * groupLen);
            for (int64_t c = g * groupLen; c < end; ++c)
                zeros += zeroInDtype(float(q.codes[size_t(r * cols + c)]) * scale, q.dtype);
        }
    return double(zeros) / double(n);
}

SizeReport inspectMixedFile(std::string_view bytes, const std::string &what)
{
    const std::vector<QuantizedTensor> tensors = readMixed(bytes, what);
    const MixedFileLayout layout = mixedLayout(bytes, what);
    std::map<std::string, int64_t> streamBytes;
    for (const auto &[name, n] : layout.streamBytes)
        streamBytes[name] += n;
    SizeReport r;
    r.format = kMixedFormatTag;
    r.codec = layout.codec;
    r.level = layout.level;
    for (const QuantizedTensor &q : tensors) {
        TensorSize s{q.name, q.shape, q.numel(), q.dtype, q.setting, 0, q.payloadBytes(), streamBytes[q.name]};
        s.sparsity = storedZeroFraction(q);
        r.tensors.push_back(std::move(s));
    }
    r.headerBytes = layout.headerBytes;
    r.modelBytes = int64_t(bytes.size());
    return r;
}

} // namespace Core
