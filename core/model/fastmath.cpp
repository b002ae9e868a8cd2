// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/fastmath_p.h"

#include "model/fastexp_p.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace Core::fastmath {

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
