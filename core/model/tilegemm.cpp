// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/tilegemm_p.h"

#include <cstring>

namespace Core::tilegemm {

namespace {

// GCC vector types: one register of each instruction set. The kernels are written once over the
// vector type and inlined into a function compiled for that set.
typedef float V16 __attribute__((vector_size(64)));
typedef float V8 __attribute__((vector_size(32)));
typedef float V4 __attribute__((vector_size(16)));

#define GOLF_INLINE __attribute__((always_inline)) inline

template <class V> GOLF_INLINE V load(const float *p)
{
    V v;
    std::memcpy(&v, p, sizeof v); // unaligned load
    return v;
}

template <class V> GOLF_INLINE void store(float *p, V v) { std::memcpy(p, &v, sizeof v); }

// C[MR x NV*W] (+)= A[MR x k] B[k x NV*W]: MR x NV accumulators stay in registers for the whole
// k loop (6 x 2 = 12 of the 16 or 32 vector registers), each step loads NV vectors of B and
// broadcasts MR scalars of A.
template <class V, int MR, int NV>
GOLF_INLINE void micro(int64_t k, const float *__restrict a, int64_t lda, const float *__restrict b,
                       int64_t ldb, float *__restrict c, int64_t ldc, bool accumulate)
{
    constexpr int W = sizeof(V) / sizeof(float);
    V acc[MR][NV];
    for (int r = 0; r < MR; ++r)
        for (int v = 0; v < NV; ++v)
            acc[r][v] = accumulate ? load<V>(c + r * ldc + v * W) : V{};
    for (int64_t p = 0; p < k; ++p) {
        V bv[NV];
        for (int v = 0; v < NV; ++v)
            bv[v] = load<V>(b + p * ldb + v * W);
        for (int r = 0; r < MR; ++r) {
            const float av = a[r * lda + p];
            for (int v = 0; v < NV; ++v)
                acc[r][v] += av * bv[v];
        }
    }
    for (int r = 0; r < MR; ++r)
        for (int v = 0; v < NV; ++v)
            store<V>(c + r * ldc + v * W, acc[r][v]);
}

// One column panel of width NV*W over all m rows: strips of 6 rows, then the remainder.
template <class V, int NV>
GOLF_INLINE void panel(int64_t m, int64_t k, const float *a, int64_t lda, const float *b, int64_t ldb,
                       float *c, int64_t ldc, bool accumulate)
{
    int64_t i = 0;
    for (; i + 6 <= m; i += 6)
        micro<V, 6, NV>(k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate);
    switch (m - i) {
    case 5: micro<V, 5, NV>(k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate); break;
    case 4: micro<V, 4, NV>(k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate); break;
    case 3: micro<V, 3, NV>(k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate); break;
    case 2: micro<V, 2, NV>(k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate); break;
    case 1: micro<V, 1, NV>(k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, accumulate); break;
    default: break;
    }
}

template <class V>
GOLF_INLINE void gemmWith(int64_t m, int64_t n, int64_t k, const float *a, int64_t lda, const float *b,
                          int64_t ldb, float *c, int64_t ldc, bool accumulate)
{
    constexpr int W = sizeof(V) / sizeof(float);
    int64_t j = 0;
    for (; j + 2 * W <= n; j += 2 * W)
        panel<V, 2>(m, k, a, lda, b + j, ldb, c + j, ldc, accumulate);
    for (; j + W <= n; j += W)
        panel<V, 1>(m, k, a, lda, b + j, ldb, c + j, ldc, accumulate);
    // Columns left over (n not a multiple of the vector width): plain loops.
    for (int64_t i = 0; i < m && j < n; ++i)
        for (int64_t jj = j; jj < n; ++jj) {
            float s = accumulate ? c[i * ldc + jj] : 0.0f;
            for (int64_t p = 0; p < k; ++p)
                s += a[i * lda + p] * b[p * ldb + jj];
            c[i * ldc + jj] = s;
        }
}

using GemmFn = void (*)(int64_t, int64_t, int64_t, const float *, int64_t, const float *, int64_t,
                        float *, int64_t, bool);

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx512f,avx512vl,avx2,fma"))) void gemmAvx512(int64_t m, int64_t n, int64_t k,
    const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc, bool accumulate)
{
    gemmWith<V16>(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}

__attribute__((target("avx2,fma"))) void gemmAvx2(int64_t m, int64_t n, int64_t k, const float *a,
    int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc, bool accumulate)
{
    gemmWith<V8>(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}
#endif

void gemmSse(int64_t m, int64_t n, int64_t k, const float *a, int64_t lda, const float *b, int64_t ldb,
             float *c, int64_t ldc, bool accumulate)
{
    gemmWith<V4>(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}

struct Pick
{
    GemmFn fn;
    const char *isa;
};

Pick pick()
{
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl"))
        return {gemmAvx512, "avx512"};
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return {gemmAvx2, "avx2"};
#endif
    return {gemmSse, "sse"};
}

const Pick &chosen()
{
    static const Pick p = pick();
    return p;
}

} // namespace

void gemm(int64_t m, int64_t n, int64_t k, const float *a, int64_t lda, const float *b, int64_t ldb,
          float *c, int64_t ldc, bool accumulate)
{
    chosen().fn(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
}

void transpose(int64_t m, int64_t n, const float *in, int64_t ldIn, float *out, int64_t ldOut)
{
    // 8 x 8 blocks keep both sides' cache lines in use.
    for (int64_t i0 = 0; i0 < m; i0 += 8)
        for (int64_t j0 = 0; j0 < n; j0 += 8)
            for (int64_t i = i0; i < i0 + 8 && i < m; ++i)
                for (int64_t j = j0; j < j0 + 8 && j < n; ++j)
                    out[j * ldOut + i] = in[i * ldIn + j];
}

const char *isa() { return chosen().isa; }

} // namespace Core::tilegemm
