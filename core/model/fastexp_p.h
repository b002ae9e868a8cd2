// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The vectorisable exp and tanh of the CPU kernels (fastmath.cpp, ssmscan.cpp), inlined into each
// loop so the compiler keeps it in vector registers.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

// One copy of a kernel per instruction set, picked at load time from the CPU's features:
// AVX-512 (x86-64-v4), AVX2+FMA (x86-64-v3), else SSE2. Not "arch=haswell": its resolver asks
// for an Intel Haswell-or-later model, so every AMD CPU got the SSE copy.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define GOLF_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define GOLF_CLONES
#endif

namespace Core::fastmath {

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

} // namespace Core::fastmath
