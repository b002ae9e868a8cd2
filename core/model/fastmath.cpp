// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/fastmath_p.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

// One copy per instruction set, picked at load time: AVX2+FMA where the CPU has it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define GOLF_CLONES __attribute__((target_clones("arch=haswell", "default")))
#else
#define GOLF_CLONES
#endif

namespace Core::fastmath {

namespace {

// e^x, Cephes expf: x = n ln2 + r (Cody-Waite split of ln2), e^r by a degree-6 polynomial,
// 2^n by building the float's exponent bits. Inputs are clamped to [-87, 88] so the result is
// a normal float (e^-87 ~ 1.6e-38; anything smaller is 0 for our purposes after normalisation).
__attribute__((always_inline)) inline float expPoly(float x)
{
    x = std::min(std::max(x, -87.0f), 88.0f);
    const float t = x * 1.44269504088896341f;
    // Round to nearest, branch-free. A NaN input (a diverging run) must not reach the int
    // conversion, which is undefined for NaN; n = 0 there, and NaN still propagates through r.
    const float rounded = t + std::copysign(0.5f, t);
    const int n = rounded == rounded ? int(rounded) : 0;
    const float fn = float(n);
    const float r = x - fn * 0.693359375f + fn * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    const uint32_t bits = uint32_t(n + 127) << 23; // x in [-87, 88]: n + 127 in [1, 254], a normal exponent
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

// tanh(x) = sign(x) (1 - e) / (1 + e), e = exp(-2|x|): no overflow, absolute error ~1e-7.
__attribute__((always_inline)) inline float tanhPoly(float x)
{
    const float e = expPoly(-2.0f * std::abs(x));
    return std::copysign((1.0f - e) / (1.0f + e), x);
}

} // namespace

float expApprox(float x) { return expPoly(x); }
float tanhApprox(float x) { return tanhPoly(x); }

GOLF_CLONES float sumSquares(const float *x, int64_t n)
{
    float s = 0;
#pragma omp simd reduction(+ : s)
    for (int64_t i = 0; i < n; ++i)
        s += x[i] * x[i];
    return s;
}

GOLF_CLONES float dot(const float *x, const float *y, int64_t n)
{
    float s = 0;
#pragma omp simd reduction(+ : s)
    for (int64_t i = 0; i < n; ++i)
        s += x[i] * y[i];
    return s;
}

GOLF_CLONES void scale(const float *x, float a, float *y, int64_t n)
{
#pragma omp simd
    for (int64_t i = 0; i < n; ++i)
        y[i] = a * x[i];
}

GOLF_CLONES void axpby(float a, const float *x, float b, const float *y, float *out, int64_t n)
{
#pragma omp simd
    for (int64_t i = 0; i < n; ++i)
        out[i] = a * x[i] + b * y[i];
}

GOLF_CLONES void reluSquare(const float *x, float *y, int64_t n)
{
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) {
        // Branch-free so it vectorises; NaN stays NaN, as through torch.relu.
        const float r = x[i] * float(!(x[i] < 0.0f));
        y[i] = r * r;
    }
}

GOLF_CLONES void reluSquareBackward(const float *x, const float *dy, float *dx, int64_t n)
{
#pragma omp simd
    for (int64_t i = 0; i < n; ++i)
        dx[i] = 2.0f * x[i] * dy[i] * float(!(x[i] < 0.0f));
}

GOLF_CLONES float maxOf(const float *x, int64_t n)
{
    float m = -3.0e38f;
#pragma omp simd reduction(max : m)
    for (int64_t i = 0; i < n; ++i)
        m = std::max(m, x[i]);
    return m;
}

GOLF_CLONES float expShifted(const float *s, float scale, float shift, float *p, int64_t n)
{
    float sum = 0;
#pragma omp simd reduction(+ : sum)
    for (int64_t i = 0; i < n; ++i) {
        p[i] = expPoly(s[i] * scale - shift);
        sum += p[i];
    }
    return sum;
}

GOLF_CLONES void softmaxTileBackward(const float *p, const float *dp, float d, float a, float *ds, int64_t n)
{
#pragma omp simd
    for (int64_t i = 0; i < n; ++i)
        ds[i] = a * p[i] * (dp[i] - d);
}

GOLF_CLONES void softcap(const float *l, float cap, float *z, int64_t n)
{
    const float inv = 1.0f / cap;
#pragma omp simd
    for (int64_t i = 0; i < n; ++i)
        z[i] = cap * tanhPoly(l[i] * inv);
}

GOLF_CLONES float logSumExp(const float *z, int64_t n)
{
    float m = -3.0e38f;
#pragma omp simd reduction(max : m)
    for (int64_t i = 0; i < n; ++i)
        m = std::max(m, z[i]);
    float sum = 0;
#pragma omp simd reduction(+ : sum)
    for (int64_t i = 0; i < n; ++i)
        sum += expPoly(z[i] - m);
    return m + std::log(sum);
}

GOLF_CLONES void softcapCrossEntropyBackward(const float *z, float lse, float g, float cap, float *dl,
                                             int64_t n)
{
    const float inv = 1.0f / cap;
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) {
        const float u = z[i] * inv;
        dl[i] = g * expPoly(z[i] - lse) * (1.0f - u * u);
    }
}

} // namespace Core::fastmath
