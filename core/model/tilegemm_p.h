// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small dense matrix products for the blocked attention kernels (flashattention.cpp): tiles of
// 64 x 64 x head_dim, too small for a BLAS call to pay off (OpenBLAS also starts its own threads
// at this size, beside ours). One register-blocked kernel, compiled for AVX-512, AVX2+FMA and
// plain SSE, picked once at load time from what the CPU has.
//
// All matrices are fp32, row-major, with explicit leading dimensions (elements between rows).

#include <cstdint>

namespace Core::tilegemm {

/// C[m x n] = A[m x k] B[k x n], or C += A B when `accumulate`.
void gemm(int64_t m, int64_t n, int64_t k, const float *a, int64_t lda, const float *b, int64_t ldb,
          float *c, int64_t ldc, bool accumulate);

/// out[n x m] = in[m x n] transposed.
void transpose(int64_t m, int64_t n, const float *in, int64_t ldIn, float *out, int64_t ldOut);

/// The instruction set gemm() runs with here: "avx512", "avx2" or "sse".
const char *isa();

} // namespace Core::tilegemm
