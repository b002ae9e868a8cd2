// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Row kernels for the fused ops (fusedops.cpp): plain loops written so the compiler vectorises
// them (built with -O3 -fopenmp-simd, and cloned for AVX-512 and AVX2+FMA with a run-time pick:
// GOLF_CLONES in fastexp_p.h). exp and tanh use a Cephes-style polynomial accurate to a few ulp
// in fp32 instead of libm, which does not vectorise. Each function works on one contiguous row of n floats.

#include <cstdint>

namespace Core::fastmath {

float sumSquares(const float *x, int64_t n);
float dot(const float *x, const float *y, int64_t n);
/// y = a x
void scale(const float *x, float a, float *y, int64_t n);
/// out = a x + b y
void axpby(float a, const float *x, float b, const float *y, float *out, int64_t n);
/// y = max(x, 0)^2; dx = 2 max(x, 0) dy
void reluSquare(const float *x, float *y, int64_t n);
void reluSquareBackward(const float *x, const float *dy, float *dx, int64_t n);
/// max of x (-3e38 for n = 0)
float maxOf(const float *x, int64_t n);
/// p = exp(scale s - shift); returns sum p
float expShifted(const float *s, float scale, float shift, float *p, int64_t n);
/// ds = a p (dp - d)
void softmaxTileBackward(const float *p, const float *dp, float d, float a, float *ds, int64_t n);
/// z = cap tanh(l / cap)
void softcap(const float *l, float cap, float *z, int64_t n);
float logSumExp(const float *z, int64_t n);
/// dl = g exp(z - lse) (1 - (z / cap)^2)  (the target's -g (1 - (z_t/cap)^2) is added by the caller)
void softcapCrossEntropyBackward(const float *z, float lse, float g, float cap, float *dl, int64_t n);

/// Scalar versions of the polynomial exp/tanh, for tests.
float expApprox(float x);
float tanhApprox(float x);

} // namespace Core::fastmath
