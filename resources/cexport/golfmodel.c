/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * golfmodel: a Golf Studio model run from its quantized codes (see golfmodel.h for the model and
 * the weights file). C99, libc and libm only. Build with the Makefile beside it; define
 * GOLF_NO_MAIN to embed the model in another program through golfmodel.h alone.
 */
#include "golfmodel.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* With AVX2 and FMA (make's default -march=native on most x86-64 CPUs of the last decade) the
 * products decode 8 codes per instruction sequence; elsewhere the portable loops below do. */
#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define GOLF_AVX2 1
#endif

/* ---- small helpers -------------------------------------------------------------------------- */

/* The value of an IEEE half (fp16) or bfloat16, exactly (every one is a float). */
static float half_to_float(uint16_t h)
{
    const uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1fu, man = h & 0x3ffu, bits;
    float f;
    if (exp == 0x1fu) {
        bits = sign | 0x7f800000u | (man << 13); /* inf, nan */
    } else if (exp != 0) {
        bits = sign | ((exp + 112u) << 23) | (man << 13);
    } else if (man == 0) {
        bits = sign;
    } else { /* subnormal: man * 2^-24 */
        f = ldexpf((float)man, -24);
        return sign ? -f : f;
    }
    memcpy(&f, &bits, 4);
    return f;
}

static float bf16_to_float(uint16_t h)
{
    const uint32_t bits = (uint32_t)h << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static uint16_t read_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

static float read_f32(const uint8_t *p)
{
    const uint32_t bits = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

/* ---- tensors -------------------------------------------------------------------------------- */

enum { KIND_F32, KIND_F16, KIND_BF16, KIND_Q };

typedef struct {
    char name[96];
    int kind;        /* KIND_* */
    int bits;        /* KIND_Q: 1..8 */
    int bias;        /* KIND_Q: code = u - bias (binary: 2u - 1) */
    int rows, cols;
    int row_bytes;   /* KIND_Q: bytes of one padded row of codes */
    const uint8_t *data;
    int scale_kind;  /* KIND_F32, KIND_F16 or KIND_BF16 */
    int group;       /* codes per scale within a row; 0 = one scale for the tensor */
    int groups_per_row;
    const uint8_t *scales;
    /* KIND_Q with AVX2: lane k of 8 takes the two bytes holding code k and shifts it down. */
    unsigned char shuffle[32];
    int shift[8];
} golf_tensor;

static float scale_at(const golf_tensor *t, size_t i)
{
    switch (t->scale_kind) {
    case KIND_F16: return half_to_float(read_u16(t->scales + 2 * i));
    case KIND_BF16: return bf16_to_float(read_u16(t->scales + 2 * i));
    default: return read_f32(t->scales + 4 * i);
    }
}

static float float_at(const golf_tensor *t, size_t i)
{
    switch (t->kind) {
    case KIND_F16: return half_to_float(read_u16(t->data + 2 * i));
    case KIND_BF16: return bf16_to_float(read_u16(t->data + 2 * i));
    default: return read_f32(t->data + 4 * i);
    }
}

/* The 8 codes of one 8-code run (bits bytes at p). */
static void unpack8(const uint8_t *p, int bits, int bias, int codes[8])
{
    uint64_t v = 0;
    const uint64_t mask = (1u << bits) - 1u;
    int i;
    for (i = 0; i < bits; ++i)
        v |= (uint64_t)p[i] << (8 * i);
    for (i = 0; i < 8; ++i) {
        const int u = (int)((v >> (i * bits)) & mask);
        codes[i] = bits == 1 ? 2 * u - 1 : u - bias;
    }
}

static float scale_for(const golf_tensor *t, int r, int c)
{
    if (t->group == 0)
        return scale_at(t, 0);
    return scale_at(t, (size_t)r * (size_t)t->groups_per_row + (size_t)(c / t->group));
}

#ifdef GOLF_AVX2
/* The byte shuffle and shifts that put code k of an 8-code run (bits [k*B, k*B+B) of its
 * little-endian word) into 32-bit lane k: a code spans at most two bytes, since B <= 8. */
static void prepare_unpack(golf_tensor *t)
{
    int lane;
    for (lane = 0; lane < 8; ++lane) {
        const int bit = lane * t->bits, byte = bit / 8, at = (lane % 4) * 4 + (lane / 4) * 16;
        t->shuffle[at] = (unsigned char)byte;
        t->shuffle[at + 1] = (unsigned char)(byte + 1 < 8 ? byte + 1 : 0x80);
        t->shuffle[at + 2] = t->shuffle[at + 3] = 0x80;
        t->shift[lane] = bit % 8;
    }
}

typedef struct {
    __m256i shuffle, shift, mask, bias;
    int binary;
} unpacker;

static unpacker unpacker_of(const golf_tensor *t)
{
    unpacker u;
    u.shuffle = _mm256_loadu_si256((const __m256i *)t->shuffle);
    u.shift = _mm256_loadu_si256((const __m256i *)t->shift);
    u.mask = _mm256_set1_epi32((1 << t->bits) - 1);
    u.bias = _mm256_set1_epi32(t->bias);
    u.binary = t->bits == 1;
    return u;
}

/* The 8 codes of the run at p as floats. Reads 8 bytes: the file buffer has slack after it. */
static __m256 unpack8_avx2(const uint8_t *p, const unpacker *u)
{
    long long v;
    __m256i w;
    memcpy(&v, p, 8);
    w = _mm256_shuffle_epi8(_mm256_set1_epi64x(v), u->shuffle);
    w = _mm256_and_si256(_mm256_srlv_epi32(w, u->shift), u->mask);
    w = u->binary ? _mm256_sub_epi32(_mm256_add_epi32(w, w), _mm256_set1_epi32(1)) : _mm256_sub_epi32(w, u->bias);
    return _mm256_cvtepi32_ps(w);
}

/* 8 values of a float tensor (f32, f16 or bf16) at element i as a vector. */
static __m256 floats8_avx2(const golf_tensor *t, size_t i)
{
    if (t->kind == KIND_F32)
        return _mm256_loadu_ps((const float *)(const void *)(t->data + 4 * i));
    {
        const __m128i h = _mm_loadu_si128((const __m128i *)(const void *)(t->data + 2 * i));
#ifdef __F16C__
        if (t->kind == KIND_F16)
            return _mm256_cvtph_ps(h);
#endif
        if (t->kind == KIND_BF16)
            return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
        {
            float f[8];
            int k;
            for (k = 0; k < 8; ++k)
                f[k] = half_to_float(read_u16(t->data + 2 * (i + (size_t)k)));
            return _mm256_loadu_ps(f);
        }
    }
}

static float hsum(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
#endif

/* Row r of t as floats (codes times their scale, in fp32 as libtorch dequantizes). */
static void decode_row(const golf_tensor *t, int r, float *out)
{
    int c, k, codes[8];
    if (t->kind != KIND_Q) {
        c = 0;
#ifdef GOLF_AVX2
        for (; c + 8 <= t->cols; c += 8)
            _mm256_storeu_ps(out + c, floats8_avx2(t, (size_t)r * (size_t)t->cols + (size_t)c));
#endif
        for (; c < t->cols; ++c)
            out[c] = float_at(t, (size_t)r * (size_t)t->cols + (size_t)c);
        return;
    }
#ifdef GOLF_AVX2
    if (t->group == 0 || t->group >= t->cols || t->group % 8 == 0) {
        const unpacker u = unpacker_of(t);
        const uint8_t *p = t->data + (size_t)r * (size_t)t->row_bytes;
        for (c = 0; c + 8 <= t->cols; c += 8)
            _mm256_storeu_ps(out + c, _mm256_mul_ps(unpack8_avx2(p + (size_t)(c / 8) * (size_t)t->bits, &u),
                                                    _mm256_set1_ps(scale_for(t, r, c))));
        if (c == t->cols)
            return;
    } else {
        c = 0;
    }
    for (; c < t->cols; c += 8) {
#else
    for (c = 0; c < t->cols; c += 8) {
#endif
        const int n = t->cols - c < 8 ? t->cols - c : 8;
        unpack8(t->data + (size_t)r * (size_t)t->row_bytes + (size_t)(c / 8) * (size_t)t->bits, t->bits, t->bias, codes);
        for (k = 0; k < n; ++k)
            out[c + k] = (float)codes[k] * scale_for(t, r, c + k);
    }
}

/* Element i (row-major) of any tensor: for the per-channel vectors (scales, gains, resid_mix,
 * skip weights), which a recipe may store quantized too. */
static float value_at(const golf_tensor *t, size_t i)
{
    int codes[8];
    int r, c;
    if (t->kind != KIND_Q)
        return float_at(t, i);
    r = (int)(i / (size_t)t->cols);
    c = (int)(i % (size_t)t->cols);
    unpack8(t->data + (size_t)r * (size_t)t->row_bytes + (size_t)(c / 8) * (size_t)t->bits, t->bits, t->bias, codes);
    return (float)codes[c % 8] * scale_for(t, r, c);
}


/* Dot product with 8 independent partial sums, which compilers vectorize without reassociating. */
static float dot(const float *a, const float *b, int n)
{
#ifdef GOLF_AVX2
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    float tail = 0;
    int j = 0;
    for (; j + 16 <= n; j += 16) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + j), _mm256_loadu_ps(b + j), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + j + 8), _mm256_loadu_ps(b + j + 8), s1);
    }
    for (; j < n; ++j)
        tail += a[j] * b[j];
    return hsum(_mm256_add_ps(s0, s1)) + tail;
#else
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0}, s;
    int i = 0, k;
    for (; i + 8 <= n; i += 8)
        for (k = 0; k < 8; ++k)
            acc[k] += a[i + k] * b[i + k];
    s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; ++i)
        s += a[i] * b[i];
    return s;
#endif
}

#ifdef GOLF_AVX2
/* One row of packed codes against x: 8 codes decoded per step into a vector of floats and
 * multiplied into one fp32 accumulator per scale group, which its scale then weighs once. */
static float row_dot(const golf_tensor *t, int r, const float *x)
{
    const uint8_t *p = t->data + (size_t)r * (size_t)t->row_bytes;
    const unpacker u = unpacker_of(t);
    if (t->kind != KIND_Q) {
        const size_t at = (size_t)r * (size_t)t->cols;
        __m256 acc = _mm256_setzero_ps();
        float rest = 0;
        int c = 0;
        for (; c + 8 <= t->cols; c += 8)
            acc = _mm256_fmadd_ps(floats8_avx2(t, at + (size_t)c), _mm256_loadu_ps(x + c), acc);
        for (; c < t->cols; ++c)
            rest += float_at(t, at + (size_t)c) * x[c];
        return hsum(acc) + rest;
    }
    const int cols = t->cols, bits = t->bits;
    const int group = t->group == 0 || t->group > cols ? cols : t->group;
    __m256 total = _mm256_setzero_ps();
    float tail = 0;
    int g0, k;
    for (g0 = 0; g0 < cols; g0 += group) {
        const int g1 = g0 + group < cols ? g0 + group : cols;
        const float scale = scale_for(t, r, g0);
        __m256 acc = _mm256_setzero_ps();
        int c = g0;
        for (; c + 8 <= g1; c += 8)
            acc = _mm256_fmadd_ps(unpack8_avx2(p + (size_t)(c / 8) * (size_t)bits, &u), _mm256_loadu_ps(x + c), acc);
        total = _mm256_fmadd_ps(_mm256_set1_ps(scale), acc, total);
        if (c < g1) {
            int codes[8];
            float rest = 0;
            unpack8(p + (size_t)(c / 8) * (size_t)bits, bits, t->bias, codes);
            for (k = 0; c + k < g1; ++k)
                rest += (float)codes[k] * x[c + k];
            tail += scale * rest;
        }
    }
    return hsum(total) + tail;
}
#else
/* One row of packed B-bit codes against x, one fp32 partial sum per scale group: the codes are
 * turned into floats in registers and the scale multiplies each group's sum once. Specialized per
 * bit width so the 8-code unpack is straight-line code. */
#define DEFINE_ROW_DOT(B)                                                                              \
    static float row_dot_##B(const golf_tensor *t, int r, const float *x)                              \
    {                                                                                                  \
        const uint8_t *p = t->data + (size_t)r * (size_t)t->row_bytes;                                 \
        const uint64_t mask = (1u << B) - 1u;                                                          \
        const int bias = t->bias, cols = t->cols;                                                      \
        const int group = t->group == 0 || t->group > cols ? cols : t->group;                          \
        float total = 0;                                                                               \
        int g0;                                                                                        \
        for (g0 = 0; g0 < cols; g0 += group) {                                                         \
            const int g1 = g0 + group < cols ? g0 + group : cols;                                      \
            float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};                                                   \
            int c = g0, k;                                                                             \
            for (; c + 8 <= g1; c += 8) {                                                              \
                const uint8_t *q = p + (size_t)(c / 8) * B;                                            \
                uint64_t v = 0;                                                                        \
                for (k = 0; k < B; ++k)                                                                \
                    v |= (uint64_t)q[k] << (8 * k);                                                    \
                for (k = 0; k < 8; ++k) {                                                              \
                    const int u = (int)((v >> (k * B)) & mask);                                        \
                    acc[k] += (float)(B == 1 ? 2 * u - 1 : u - bias) * x[c + k];                       \
                }                                                                                      \
            }                                                                                          \
            if (c < g1) {                                                                              \
                int codes[8];                                                                          \
                unpack8(p + (size_t)(c / 8) * B, B, bias, codes);                                      \
                for (k = 0; c + k < g1; ++k)                                                           \
                    acc[k] += (float)codes[k] * x[c + k];                                              \
            }                                                                                          \
            total += scale_for(t, r, g0) *                                                             \
                     (((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))); \
        }                                                                                              \
        return total;                                                                                  \
    }
DEFINE_ROW_DOT(1)
DEFINE_ROW_DOT(2)
DEFINE_ROW_DOT(3)
DEFINE_ROW_DOT(4)
DEFINE_ROW_DOT(5)
DEFINE_ROW_DOT(6)
DEFINE_ROW_DOT(7)
DEFINE_ROW_DOT(8)

typedef float (*row_dot_fn)(const golf_tensor *, int, const float *);
static const row_dot_fn row_dots[9] = {0, row_dot_1, row_dot_2, row_dot_3, row_dot_4,
                                       row_dot_5, row_dot_6, row_dot_7, row_dot_8};

static float row_dot(const golf_tensor *t, int r, const float *x) { return row_dots[t->bits](t, r, x); }

#endif

/* A group size the fused row dot handles: whole rows, the whole tensor, or runs of 8. */
static int fused_groups(const golf_tensor *t)
{
    return t->group == 0 || t->group >= t->cols || t->group % 8 == 0;
}

/* y[i * t->rows + r] = sum_c W[r][c] x[i * t->cols + c] for i < n. One position: each row is dotted
 * straight from its codes. Several: a tile of rows is decoded once into floats (scratch, at least
 * 16 * cols floats) and reused for every position. */
static void matmul(const golf_tensor *t, const float *x, int n, float *y, float *scratch)
{
    const int rows = t->rows, cols = t->cols;
    int r, i, k;
#ifdef GOLF_AVX2
    if (n == 1 && (t->kind != KIND_Q || fused_groups(t))) {
#else
    if (n == 1 && t->kind == KIND_Q && fused_groups(t)) {
#endif
        for (r = 0; r < rows; ++r)
            y[r] = row_dot(t, r, x);
        return;
    }
    for (r = 0; r < rows; r += 16) {
        const int tile = rows - r < 16 ? rows - r : 16;
        for (k = 0; k < tile; ++k)
            decode_row(t, r + k, scratch + (size_t)k * (size_t)cols);
        for (i = 0; i < n; ++i) {
            const float *xi = x + (size_t)i * (size_t)cols;
            float *yi = y + (size_t)i * (size_t)rows + r;
            for (k = 0; k < tile; ++k)
                yi[k] = dot(scratch + (size_t)k * (size_t)cols, xi, cols);
        }
    }
}

/* ---- the model ------------------------------------------------------------------------------ */

#define MAX_BLOCKS 64
#define MAX_SCHEDULE 256

typedef struct {
    int mixer;                                   /* MIXER_* */
    int heads, kv_heads, mlp_hidden, window, value_embed; /* value_embed: adds ve_proj(value_emb) to v */
    const golf_tensor *attn_scale, *mlp_scale, *resid_mix, *q_gain, *c_q, *c_k, *c_v, *proj, *ve_proj;
    const golf_tensor *fc, *mlp_proj;
    /* A selective state-space mixer (Mamba): inner width, states per channel, conv taps, dt rank. */
    int inner, states, taps, dt_rank;
    const golf_tensor *A_log, *D, *in_proj, *conv_w, *conv_b, *x_proj, *dt_w, *dt_b, *out_proj;
    /* A Gated DeltaNet mixer (heads and head width as attention's; taps as above). */
    const golf_tensor *dn_A_log, *dt_bias, *q_proj, *k_proj, *v_proj, *a_proj, *b_proj, *q_conv, *k_conv, *v_conv;
    const golf_tensor *g_proj, *o_norm, *o_proj;
} golf_block;

enum { MIXER_ATTENTION, MIXER_SSM, MIXER_DELTANET };

struct golf_model {
    uint8_t *file;
    size_t file_bytes;
    golf_tensor *tensors;
    int n_tensors;
    /* config */
    int vocab, dim, num_heads, head_dim, num_blocks, tie, resid_mix, unet_skips, embed_dim;
    int bigram_buckets, trigram_buckets, ngram_dim, bigram_xor, trigram_xor, bos_id, value_embed_dim;
    float rope_base, softcap;
    int schedule[MAX_SCHEDULE], n_schedule, n_encoder;
    golf_block blocks[MAX_BLOCKS];
    const golf_tensor *tok_emb, *lm_head, *embed_up, *embed_down, *skip_weights;
    const golf_tensor *bigram_emb, *bigram_proj, *trigram_emb, *trigram_proj, *value_emb;
    int max_kv_dim, max_q_dim, max_hidden, max_cols, max_mix;
};

static const golf_tensor *find_tensor(const golf_model *m, const char *name)
{
    int i;
    for (i = 0; i < m->n_tensors; ++i)
        if (strcmp(m->tensors[i].name, name) == 0)
            return &m->tensors[i];
    return NULL;
}

static int fail(char *err, size_t errlen, const char *fmt, const char *what)
{
    if (err && errlen)
        snprintf(err, errlen, fmt, what);
    return -1;
}

static int kind_of(const char *s, int *bits)
{
    if (strcmp(s, "f32") == 0) return KIND_F32;
    if (strcmp(s, "f16") == 0) return KIND_F16;
    if (strcmp(s, "bf16") == 0) return KIND_BF16;
    if (s[0] == 'q' && s[1] >= '1' && s[1] <= '8' && s[2] == 0) {
        *bits = s[1] - '0';
        return KIND_Q;
    }
    return -1;
}

/* Looks up a tensor that must exist with the given shape (cols < 0: any). */
static int need(golf_model *m, const golf_tensor **out, const char *name, int rows, int cols, char *err, size_t errlen)
{
    const golf_tensor *t = find_tensor(m, name);
    if (!t)
        return fail(err, errlen, "the weights file has no tensor %s", name);
    if ((rows >= 0 && t->rows != rows) || (cols >= 0 && t->cols != cols))
        return fail(err, errlen, "tensor %s has an unexpected shape", name);
    *out = t;
    return 0;
}

static int parse_header(golf_model *m, const char *text, size_t payload_at, char *err, size_t errlen)
{
    const char *line = text;
    int n_tensor_lines = 0, i;
    /* Count the tensor lines first so the table is allocated once. */
    for (i = 0; text[i]; ++i)
        if ((i == 0 || text[i - 1] == '\n') && strncmp(text + i, "tensor ", 7) == 0)
            ++n_tensor_lines;
    m->tensors = (golf_tensor *)calloc((size_t)(n_tensor_lines ? n_tensor_lines : 1), sizeof(golf_tensor));
    if (!m->tensors)
        return fail(err, errlen, "%s", "out of memory");
    while (*line) {
        const char *end = strchr(line, '\n');
        char buf[512], key[64];
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len >= sizeof buf)
            return fail(err, errlen, "%s", "a header line is too long");
        memcpy(buf, line, len);
        buf[len] = 0;
        line = end ? end + 1 : line + len;
        if (strncmp(buf, "tensor ", 7) == 0) {
            golf_tensor *t = &m->tensors[m->n_tensors];
            char kind[16], skind[16] = "";
            unsigned long long off, bytes, soff = 0, sbytes = 0;
            int group = 0;
            const int got = sscanf(buf, "tensor %95s %15s %d %d %llu %llu %15s %d %llu %llu", t->name, kind, &t->rows,
                                   &t->cols, &off, &bytes, skind, &group, &soff, &sbytes);
            if (got != 6 && got != 10)
                return fail(err, errlen, "a tensor line is malformed: %s", buf);
            t->kind = kind_of(kind, &t->bits);
            if (t->kind < 0 || t->rows < 1 || t->cols < 1)
                return fail(err, errlen, "a tensor line is malformed: %s", buf);
            if (off + bytes > m->file_bytes - payload_at)
                return fail(err, errlen, "tensor %s lies past the end of the file (truncated?)", t->name);
            t->data = m->file + payload_at + off;
            if (t->kind == KIND_Q) {
                int sbits = 0;
                size_t scales;
                if (got != 10)
                    return fail(err, errlen, "quantized tensor %s has no scales", t->name);
                t->scale_kind = kind_of(skind, &sbits);
                if (t->scale_kind < 0 || t->scale_kind == KIND_Q || group < 0)
                    return fail(err, errlen, "tensor %s has a malformed scale entry", t->name);
                t->bias = t->bits <= 2 ? 1 : (1 << (t->bits - 1)) - 1;
                t->row_bytes = (t->cols + 7) / 8 * t->bits;
                t->group = group;
                t->groups_per_row = group == 0 ? 1 : (t->cols + group - 1) / group;
                scales = group == 0 ? 1 : (size_t)t->rows * (size_t)t->groups_per_row;
                if (bytes != (unsigned long long)t->rows * (unsigned long long)t->row_bytes ||
                    sbytes != scales * (t->scale_kind == KIND_F32 ? 4u : 2u))
                    return fail(err, errlen, "tensor %s: sizes do not match its shape", t->name);
                if (soff + sbytes > m->file_bytes - payload_at)
                    return fail(err, errlen, "tensor %s lies past the end of the file (truncated?)", t->name);
                t->scales = m->file + payload_at + soff;
#ifdef GOLF_AVX2
                prepare_unpack(t);
#endif
            } else if (bytes != (unsigned long long)t->rows * (unsigned long long)t->cols *
                                    (t->kind == KIND_F32 ? 4u : 2u)) {
                return fail(err, errlen, "tensor %s: sizes do not match its shape", t->name);
            }
            ++m->n_tensors;
        } else if (sscanf(buf, "config %63s", key) == 1) {
            const char *v = buf + 7 + strlen(key);
            int *ints[] = {&m->vocab, &m->dim, &m->num_heads, &m->num_blocks, &m->tie, &m->resid_mix,
                           &m->unet_skips, &m->embed_dim, &m->bigram_buckets, &m->trigram_buckets,
                           &m->ngram_dim, &m->bos_id, &m->value_embed_dim};
            const char *names[] = {"vocab_size", "model_dim", "num_heads", "num_layers", "tie_embeddings", "resid_mix",
                                   "unet_skips", "embed_dim", "bigram_buckets", "trigram_buckets", "ngram_dim",
                                   "bos_id", "value_embed_dim"};
            size_t k;
            int matched = 0;
            for (k = 0; k < sizeof names / sizeof names[0]; ++k)
                if (strcmp(key, names[k]) == 0) {
                    *ints[k] = atoi(v);
                    matched = 1;
                }
            if (strcmp(key, "bigram_hash") == 0 || strcmp(key, "trigram_hash") == 0) {
                char hash[16] = "";
                if (sscanf(v, "%15s", hash) != 1 || (strcmp(hash, "mul31") != 0 && strcmp(hash, "xor3") != 0))
                    return fail(err, errlen, "unknown n-gram hash in: %s", buf);
                *(key[0] == 'b' ? &m->bigram_xor : &m->trigram_xor) = strcmp(hash, "xor3") == 0;
            } else if (strcmp(key, "rope_base") == 0) {
                m->rope_base = (float)atof(v);
            } else if (strcmp(key, "logit_softcap") == 0) {
                m->softcap = (float)atof(v);
            } else if (strcmp(key, "schedule") == 0) {
                char *p = (char *)v, *q;
                m->n_schedule = 0;
                for (;;) {
                    const long b = strtol(p, &q, 10);
                    if (q == p)
                        break;
                    if (m->n_schedule == MAX_SCHEDULE)
                        return fail(err, errlen, "%s", "the layer schedule is too long");
                    m->schedule[m->n_schedule++] = (int)b;
                    p = q;
                }
            } else if (strcmp(key, "windows") == 0 || strcmp(key, "value_embed_layers") == 0) {
                /* windows: one per block (0 = full); value_embed_layers: the blocks that add them */
                char *p = (char *)v, *q;
                const int windows = key[0] == 'w';
                int b = 0;
                for (;; ++b) {
                    const long x = strtol(p, &q, 10);
                    if (q == p)
                        break;
                    if (b >= MAX_BLOCKS || x < 0)
                        return fail(err, errlen, "config %s is malformed", key);
                    if (windows)
                        m->blocks[b].window = (int)x;
                    else if (x < MAX_BLOCKS)
                        m->blocks[x].value_embed = 1;
                    p = q;
                }
            } else if (strcmp(key, "layer_types") == 0) {
                /* one per block: attention, ssm or deltanet */
                char word[16];
                const char *p = v;
                int b = 0, used;
                while (sscanf(p, "%15s%n", word, &used) == 1) {
                    if (b >= MAX_BLOCKS)
                        return fail(err, errlen, "config %s is malformed", key);
                    if (strcmp(word, "ssm") == 0)
                        m->blocks[b].mixer = MIXER_SSM;
                    else if (strcmp(word, "deltanet") == 0)
                        m->blocks[b].mixer = MIXER_DELTANET;
                    else if (strcmp(word, "attention") != 0)
                        return fail(err, errlen, "unknown token mixer in: %s", buf);
                    ++b;
                    p += used;
                }
            } else if (!matched) {
                return fail(err, errlen, "unknown config key %s (a newer golf wrote this file?)", key);
            }
        } else if (strcmp(buf, "end") == 0) {
            break;
        } else if (buf[0]) {
            return fail(err, errlen, "unexpected header line: %s", buf);
        }
    }
    return 0;
}

static int resolve(golf_model *m, char *err, size_t errlen)
{
    char name[128];
    int b, i;
    const int D = m->dim;
    if (D < 1 || m->vocab < 1 || m->num_heads < 1 || D % m->num_heads || m->num_blocks < 1 ||
        m->num_blocks > MAX_BLOCKS || m->n_schedule < 1)
        return fail(err, errlen, "%s", "the weights file's config is incomplete");
    m->head_dim = D / m->num_heads;
    if (m->head_dim % 2)
        return fail(err, errlen, "%s", "RoPE needs an even head width");
    for (i = 0; i < m->n_schedule; ++i)
        if (m->schedule[i] < 0 || m->schedule[i] >= m->num_blocks)
            return fail(err, errlen, "%s", "the layer schedule names a block that does not exist");
    m->n_encoder = m->unet_skips ? m->n_schedule / 2 : 0;
    if (need(m, &m->tok_emb, "tok_emb.weight", m->vocab, m->embed_dim > 0 ? m->embed_dim : D, err, errlen))
        return -1;
    if (m->embed_dim > 0 && need(m, &m->embed_up, "embed_up.weight", D, m->embed_dim, err, errlen))
        return -1;
    if (m->embed_dim > 0 && m->tie && need(m, &m->embed_down, "embed_down.weight", m->embed_dim, D, err, errlen))
        return -1;
    if (!m->tie && need(m, &m->lm_head, "lm_head.weight", m->vocab, D, err, errlen))
        return -1;
    if (m->unet_skips && m->n_schedule - m->n_encoder > 0 && m->n_encoder > 0 &&
        need(m, &m->skip_weights, "skip_weights", m->n_encoder < m->n_schedule - m->n_encoder ? m->n_encoder
                                                                                             : m->n_schedule - m->n_encoder,
             D, err, errlen))
        return -1;
    if (m->bigram_buckets > 0 && (need(m, &m->bigram_emb, "bigram_emb.weight", m->bigram_buckets, m->ngram_dim, err, errlen) ||
                                  need(m, &m->bigram_proj, "bigram_proj.weight", D, m->ngram_dim, err, errlen)))
        return -1;
    if (m->trigram_buckets > 0 && (need(m, &m->trigram_emb, "trigram_emb.weight", m->trigram_buckets, m->ngram_dim, err, errlen) ||
                                   need(m, &m->trigram_proj, "trigram_proj.weight", D, m->ngram_dim, err, errlen)))
        return -1;
    if (m->value_embed_dim > 0 && need(m, &m->value_emb, "value_emb.weight", m->vocab, m->value_embed_dim, err, errlen))
        return -1;
    m->max_cols = D > m->vocab ? D : m->vocab;
    for (b = 0; b < m->num_blocks; ++b) {
        golf_block *k = &m->blocks[b];
        const golf_tensor *t;
#define BLOCK_TENSOR(field, suffix, rows, cols)                                  \
    snprintf(name, sizeof name, "blocks.%d.%s", b, suffix);                      \
    if (need(m, &k->field, name, rows, cols, err, errlen))                       \
        return -1;
        BLOCK_TENSOR(attn_scale, "attn_scale", 1, D)
        BLOCK_TENSOR(mlp_scale, "mlp_scale", 1, D)
        if (m->resid_mix) {
            BLOCK_TENSOR(resid_mix, "resid_mix", 2, D)
        }
        BLOCK_TENSOR(fc, "mlp.fc.weight", -1, D)
        k->mlp_hidden = k->fc->rows;
        BLOCK_TENSOR(mlp_proj, "mlp.proj.weight", D, k->mlp_hidden)
        if (k->mlp_hidden > m->max_hidden) m->max_hidden = k->mlp_hidden;
        if (k->mixer == MIXER_SSM) {
            /* Shapes: A_log [inner, states], conv1d [inner, 1, taps], x_proj [rank + 2 states, inner]. */
            BLOCK_TENSOR(A_log, "ssm.A_log", -1, -1)
            k->inner = k->A_log->rows;
            k->states = k->A_log->cols;
            BLOCK_TENSOR(D, "ssm.D", 1, k->inner)
            BLOCK_TENSOR(in_proj, "ssm.in_proj.weight", 2 * k->inner, D)
            BLOCK_TENSOR(conv_w, "ssm.conv1d.weight", k->inner, -1)
            k->taps = k->conv_w->cols;
            BLOCK_TENSOR(conv_b, "ssm.conv1d.bias", 1, k->inner)
            BLOCK_TENSOR(x_proj, "ssm.x_proj.weight", -1, k->inner)
            k->dt_rank = k->x_proj->rows - 2 * k->states;
            if (k->dt_rank < 1)
                return fail(err, errlen, "%s", "a state-space block's x_proj does not fit its state size");
            BLOCK_TENSOR(dt_w, "ssm.dt_proj.weight", k->inner, k->dt_rank)
            BLOCK_TENSOR(dt_b, "ssm.dt_proj.bias", 1, k->inner)
            BLOCK_TENSOR(out_proj, "ssm.out_proj.weight", D, k->inner)
            /* scratch per position: xz, conv output, delta, x_proj output, gated y */
            if (5 * k->inner + k->x_proj->rows > m->max_mix) m->max_mix = 5 * k->inner + k->x_proj->rows;
            continue;
        }
        if (k->mixer == MIXER_DELTANET) {
            const int H = m->num_heads;
            k->heads = H;
            BLOCK_TENSOR(dn_A_log, "deltanet.A_log", 1, H)
            BLOCK_TENSOR(dt_bias, "deltanet.dt_bias", 1, H)
            BLOCK_TENSOR(q_proj, "deltanet.q_proj.weight", D, D)
            BLOCK_TENSOR(k_proj, "deltanet.k_proj.weight", D, D)
            BLOCK_TENSOR(v_proj, "deltanet.v_proj.weight", D, D)
            BLOCK_TENSOR(a_proj, "deltanet.a_proj.weight", H, D)
            BLOCK_TENSOR(b_proj, "deltanet.b_proj.weight", H, D)
            BLOCK_TENSOR(q_conv, "deltanet.q_conv1d.weight", D, -1)
            k->taps = k->q_conv->cols;
            BLOCK_TENSOR(k_conv, "deltanet.k_conv1d.weight", D, k->taps)
            BLOCK_TENSOR(v_conv, "deltanet.v_conv1d.weight", D, k->taps)
            BLOCK_TENSOR(g_proj, "deltanet.g_proj.weight", D, D)
            BLOCK_TENSOR(o_norm, "deltanet.o_norm.weight", 1, m->head_dim)
            BLOCK_TENSOR(o_proj, "deltanet.o_proj.weight", D, D)
            /* scratch per position: q, k, v, g, o and the a, b projections */
            if (5 * D + 2 * H > m->max_mix) m->max_mix = 5 * D + 2 * H;
            continue;
        }
        /* Per-block widths (structured pruning) come from the shapes. */
        BLOCK_TENSOR(c_q, "attn.c_q.weight", -1, D)
        BLOCK_TENSOR(c_k, "attn.c_k.weight", -1, D)
        k->heads = k->c_q->rows / m->head_dim;
        k->kv_heads = k->c_k->rows / m->head_dim;
        if (k->heads < 1 || k->kv_heads < 1 || k->c_q->rows % m->head_dim || k->c_k->rows % m->head_dim ||
            k->heads % k->kv_heads)
            return fail(err, errlen, "%s", "an attention block's head counts do not fit the head width");
        BLOCK_TENSOR(c_v, "attn.c_v.weight", k->c_k->rows, D)
        BLOCK_TENSOR(proj, "attn.proj.weight", D, k->c_q->rows)
        snprintf(name, sizeof name, "blocks.%d.attn.q_gain", b);
        t = find_tensor(m, name);
        if (!t || t->rows * t->cols != k->heads)
            return fail(err, errlen, "tensor %s is missing or has an unexpected shape", name);
        k->q_gain = t;
        if (k->value_embed) {
            BLOCK_TENSOR(ve_proj, "attn.ve_proj.weight", k->c_k->rows, m->value_embed_dim)
        }
#undef BLOCK_TENSOR
        if (k->c_q->rows > m->max_q_dim) m->max_q_dim = k->c_q->rows;
        if (k->c_k->rows > m->max_kv_dim) m->max_kv_dim = k->c_k->rows;
    }
    for (i = 0; i < m->n_tensors; ++i)
        if (m->tensors[i].cols > m->max_cols)
            m->max_cols = m->tensors[i].cols;
    return 0;
}

golf_model *golf_load(const char *path, char *err, size_t errlen)
{
    static const char magic[8] = {'G', 'O', 'L', 'F', 'C', '0', '1', '\n'};
    golf_model *m = (golf_model *)calloc(1, sizeof(golf_model));
    FILE *f = fopen(path, "rb");
    size_t header_end = 0, payload_at;
    long size;
    char *text;
    if (!m || !f) {
        fail(err, errlen, m ? "cannot open %s" : "%s", m ? path : "out of memory");
        if (f) fclose(f);
        free(m);
        return NULL;
    }
    m->rope_base = 10000.0f;
    m->softcap = 30.0f;
    m->tie = 1;
    m->bos_id = -1;
    m->ngram_dim = 128;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
        !(m->file = (uint8_t *)calloc((size_t)size + 16, 1)) || fread(m->file, 1, (size_t)size, f) != (size_t)size) {
        fail(err, errlen, "cannot read %s", path);
        fclose(f);
        golf_free(m);
        return NULL;
    }
    fclose(f);
    m->file_bytes = (size_t)size;
    m->file[size] = 0;
    if (m->file_bytes < 8 || memcmp(m->file, magic, 8) != 0) {
        fail(err, errlen, "%s is not a golf-c-v1 weights file (wrong magic)", path);
        golf_free(m);
        return NULL;
    }
    text = (char *)m->file + 8;
    {
        const char *e = strstr(text, "\nend\n");
        if (!e) {
            fail(err, errlen, "%s has no end of header (truncated?)", path);
            golf_free(m);
            return NULL;
        }
        header_end = (size_t)(e - (const char *)m->file) + 5;
    }
    payload_at = (header_end + 63) / 64 * 64;
    if (payload_at > m->file_bytes) {
        fail(err, errlen, "%s is truncated", path);
        golf_free(m);
        return NULL;
    }
    m->file[header_end - 1] = 0; /* the header as one string; the payload starts later */
    if (parse_header(m, text, payload_at, err, errlen) != 0 || resolve(m, err, errlen) != 0) {
        golf_free(m);
        return NULL;
    }
    return m;
}

void golf_free(golf_model *m)
{
    if (!m)
        return;
    free(m->tensors);
    free(m->file);
    free(m);
}

int golf_vocab_size(const golf_model *m) { return m->vocab; }

size_t golf_weight_bytes(const golf_model *m)
{
    return m->file_bytes + (size_t)m->n_tensors * sizeof(golf_tensor) + sizeof(golf_model);
}

size_t golf_kv_bytes_per_token(const golf_model *m)
{
    size_t bytes = 0;
    int i;
    for (i = 0; i < m->n_schedule; ++i)
        if (m->blocks[m->schedule[i]].mixer == MIXER_ATTENTION)
            bytes += 2u * (size_t)m->blocks[m->schedule[i]].c_k->rows * sizeof(float);
    return bytes;
}

/* Floats of layer i's recurrent state (convolution windows and the scan's or delta rule's
 * state), or 0 for attention, whose cache grows with the context instead. */
static size_t recurrent_floats(const golf_model *m, int i)
{
    const golf_block *b = &m->blocks[m->schedule[i]];
    if (b->mixer == MIXER_SSM)
        return (size_t)(b->taps - 1) * (size_t)b->inner + (size_t)b->inner * (size_t)b->states;
    if (b->mixer == MIXER_DELTANET)
        return 3u * (size_t)(b->taps - 1) * (size_t)m->dim + (size_t)m->num_heads * (size_t)m->head_dim * (size_t)m->head_dim;
    return 0;
}

size_t golf_recurrent_state_bytes(const golf_model *m)
{
    size_t bytes = 0;
    int i;
    for (i = 0; i < m->n_schedule; ++i)
        bytes += recurrent_floats(m, i) * sizeof(float);
    return bytes;
}

/* ---- decoding state ------------------------------------------------------------------------- */

#define MAX_STATE_ARRAYS 24

struct golf_state {
    int max_tokens, max_batch, pos, n_layers;
    int prev1, prev2;   /* the two tokens before the next position, -1 = none (for n-grams) */
    float *kv;          /* per scheduled layer: K then V, each [max_tokens][kv_dim of its block] */
    size_t kv_offset[MAX_SCHEDULE];
    float *x, *x0, *u, *tmp, *q, *att, *h, *emb, *ve, *scores, *scratch, *rope_cos, *rope_sin, *mix;
    size_t recurrent_at[MAX_SCHEDULE], recurrent_len[MAX_SCHEDULE]; /* zeroed by a reset */
    float *skips;       /* encoder outputs, n_encoder x [max_batch][dim] */
    void *arrays[MAX_STATE_ARRAYS];
    int n_arrays;
    size_t bytes;
};

static float *state_floats(golf_state *s, size_t count, int *ok)
{
    float *p;
    if (count == 0)
        count = 1;
    p = (float *)calloc(count, sizeof(float));
    if (!p || s->n_arrays == MAX_STATE_ARRAYS) {
        free(p);
        *ok = 0;
        return NULL;
    }
    s->arrays[s->n_arrays++] = p;
    s->bytes += count * sizeof(float);
    return p;
}

static size_t max3(size_t a, size_t b, size_t c) { return a > b ? (a > c ? a : c) : (b > c ? b : c); }

golf_state *golf_state_new(const golf_model *m, int max_tokens, int max_batch)
{
    golf_state *s;
    const size_t B = (size_t)(max_batch > 0 ? max_batch : 1), D = (size_t)m->dim, half = (size_t)m->head_dim / 2;
    size_t kv = 0;
    int ok = 1, i, p;
    if (max_tokens < 1 || (size_t)max_batch > (size_t)max_tokens || !(s = (golf_state *)calloc(1, sizeof(golf_state))))
        return NULL;
    s->max_tokens = max_tokens;
    s->max_batch = (int)B;
    for (i = 0; i < m->n_schedule; ++i) {
        const golf_block *b = &m->blocks[m->schedule[i]];
        s->kv_offset[i] = kv;
        s->recurrent_at[i] = kv;
        s->recurrent_len[i] = recurrent_floats(m, i);
        kv += b->mixer == MIXER_ATTENTION ? 2u * (size_t)b->c_k->rows * (size_t)max_tokens : s->recurrent_len[i];
    }
    s->n_layers = m->n_schedule;
    s->kv = state_floats(s, kv, &ok);
    s->skips = state_floats(s, (size_t)m->n_encoder * B * D, &ok);
    s->x = state_floats(s, B * D, &ok);
    s->x0 = state_floats(s, B * D, &ok);
    s->u = state_floats(s, B * D, &ok);
    s->tmp = state_floats(s, B * D, &ok);
    s->q = state_floats(s, B * (size_t)m->max_q_dim, &ok);
    s->att = state_floats(s, B * (size_t)m->max_q_dim, &ok);
    s->h = state_floats(s, B * max3((size_t)m->max_hidden, (size_t)m->vocab, D), &ok);
    s->emb = state_floats(s, B * max3(D, (size_t)m->embed_dim, (size_t)m->ngram_dim), &ok);
    s->ve = state_floats(s, B * (size_t)m->value_embed_dim, &ok);
    s->scores = state_floats(s, (size_t)max_tokens, &ok);
    s->scratch = state_floats(s, 16 * (size_t)m->max_cols, &ok);
    s->rope_cos = state_floats(s, (size_t)max_tokens * half, &ok);
    s->rope_sin = state_floats(s, (size_t)max_tokens * half, &ok);
    s->mix = state_floats(s, B * (size_t)m->max_mix, &ok);
    if (!ok) {
        golf_state_free(s);
        return NULL;
    }
    /* As the reference computes them, in fp32: inv_freq = 1 / base^(2i / hd), angle = t * inv_freq. */
    for (i = 0; i < (int)half; ++i) {
        const float inv = 1.0f / powf(m->rope_base, (float)(2 * i) / (float)m->head_dim);
        for (p = 0; p < max_tokens; ++p) {
            const float angle = (float)p * inv;
            s->rope_cos[(size_t)p * half + (size_t)i] = cosf(angle);
            s->rope_sin[(size_t)p * half + (size_t)i] = sinf(angle);
        }
    }
    golf_state_reset(s);
    return s;
}

void golf_state_free(golf_state *s)
{
    int i;
    if (!s)
        return;
    for (i = 0; i < s->n_arrays; ++i)
        free(s->arrays[i]);
    free(s);
}

void golf_state_reset(golf_state *s)
{
    int i;
    s->pos = 0;
    s->prev1 = s->prev2 = -1;
    for (i = 0; i < s->n_layers; ++i)
        if (s->recurrent_len[i])
            memset(s->kv + s->recurrent_at[i], 0, s->recurrent_len[i] * sizeof(float));
}

int golf_state_position(const golf_state *s) { return s->pos; }
size_t golf_state_bytes(const golf_state *s) { return s->bytes + sizeof(golf_state); }

/* ---- forward -------------------------------------------------------------------------------- */

/* x * rsqrt(mean(x^2) + eps) with eps = FLT_EPSILON, as F.rms_norm without a weight. */
static void rms_norm(float *x, int n)
{
    double ss = 0;
    float r;
    int i;
    for (i = 0; i < n; ++i)
        ss += (double)x[i] * (double)x[i];
    r = 1.0f / sqrtf((float)(ss / n) + FLT_EPSILON);
    for (i = 0; i < n; ++i)
        x[i] *= r;
}

/* QK-norm and RoPE on one head at position pos: half split, [x1 cos + x2 sin, x2 cos - x1 sin]. */
static void norm_rope(float *x, int hd, const golf_state *s, int pos, float gain)
{
    const int half = hd / 2;
    const float *c = s->rope_cos + (size_t)pos * (size_t)half, *sn = s->rope_sin + (size_t)pos * (size_t)half;
    int i;
    rms_norm(x, hd);
    for (i = 0; i < half; ++i) {
        const float x1 = x[i], x2 = x[i + half];
        x[i] = (x1 * c[i] + x2 * sn[i]) * gain;
        x[i + half] = (x2 * c[i] - x1 * sn[i]) * gain;
    }
}

/* The bucket of an n-gram (GptConfig's ngramBucket): none = vocab for a missing context token. */
static int ngram_bucket(int xor3, long long c, long long p1, long long p2, int buckets)
{
    long long h;
    if (xor3) {
        h = (c * 51647) ^ (p1 * 27191);
        if (p2 >= 0)
            h ^= p2 * 36313;
    } else {
        h = p2 >= 0 ? (p2 * 31 + p1) * 31 + c : p1 * 31 + c;
    }
    h %= buckets;
    return (int)(h < 0 ? h + buckets : h);
}

static void embed(const golf_model *m, golf_state *s, const int *tokens, int n)
{
    const int D = m->dim;
    int i, j, p1 = s->prev1, p2 = s->prev2;
    if (m->embed_up) {
        for (i = 0; i < n; ++i)
            decode_row(m->tok_emb, tokens[i], s->emb + (size_t)i * (size_t)m->embed_dim);
        matmul(m->embed_up, s->emb, n, s->x, s->scratch);
    } else {
        for (i = 0; i < n; ++i)
            decode_row(m->tok_emb, tokens[i], s->x + (size_t)i * (size_t)D);
    }
    if (!m->bigram_emb && !m->trigram_emb)
        return;
    for (j = 0; j < 2; ++j) {
        const golf_tensor *table = j == 0 ? m->bigram_emb : m->trigram_emb;
        int a1 = p1, a2 = p2;
        if (!table)
            continue;
        for (i = 0; i < n; ++i) {
            /* Contexts as ngramContexts: a BOS has none, the token after it only the BOS. */
            const int c = tokens[i];
            long long c1 = a1 < 0 ? m->vocab : a1, c2 = a2 < 0 ? m->vocab : a2;
            if (m->bos_id >= 0 && (c == m->bos_id || c1 == m->bos_id))
                c2 = m->vocab;
            if (m->bos_id >= 0 && c == m->bos_id)
                c1 = m->vocab;
            decode_row(table, j == 0 ? ngram_bucket(m->bigram_xor, c, c1, -1, m->bigram_buckets)
                                     : ngram_bucket(m->trigram_xor, c, c1, c2, m->trigram_buckets),
                       s->emb + (size_t)i * (size_t)m->ngram_dim);
            a2 = a1;
            a1 = c;
        }
        matmul(j == 0 ? m->bigram_proj : m->trigram_proj, s->emb, n, s->tmp, s->scratch);
        for (i = 0; i < n * D; ++i)
            s->x[i] += s->tmp[i];
    }
}

static void attention(const golf_model *m, const golf_block *b, golf_state *s, int layer, int n)
{
    const int hd = m->head_dim, H = b->heads, Hkv = b->kv_heads, G = H / Hkv;
    const int qdim = b->c_q->rows, kvdim = b->c_k->rows, D = m->dim;
    float *K = s->kv + s->kv_offset[layer], *V = K + (size_t)kvdim * (size_t)s->max_tokens;
    float *Kn = K + (size_t)s->pos * (size_t)kvdim, *Vn = V + (size_t)s->pos * (size_t)kvdim;
    const float scale = 1.0f / sqrtf((float)hd);
    int i, h, j, d;
    matmul(b->c_q, s->u, n, s->q, s->scratch);
    matmul(b->c_k, s->u, n, Kn, s->scratch);
    matmul(b->c_v, s->u, n, Vn, s->scratch);
    if (b->ve_proj) {
        matmul(b->ve_proj, s->ve, n, s->tmp, s->scratch);
        for (i = 0; i < n * kvdim; ++i)
            Vn[i] += s->tmp[i];
    }
    for (i = 0; i < n; ++i) {
        for (h = 0; h < H; ++h)
            norm_rope(s->q + (size_t)i * (size_t)qdim + (size_t)h * (size_t)hd, hd, s, s->pos + i,
                      value_at(b->q_gain, (size_t)h));
        for (h = 0; h < Hkv; ++h)
            norm_rope(Kn + (size_t)i * (size_t)kvdim + (size_t)h * (size_t)hd, hd, s, s->pos + i, 1.0f);
    }
    for (i = 0; i < n; ++i) {
        const int t = s->pos + i, first = b->window > 0 && t - b->window + 1 > 0 ? t - b->window + 1 : 0;
        for (h = 0; h < H; ++h) {
            const float *q = s->q + (size_t)i * (size_t)qdim + (size_t)h * (size_t)hd;
            const size_t kvh = (size_t)(h / G) * (size_t)hd;
            float *out = s->att + (size_t)i * (size_t)qdim + (size_t)h * (size_t)hd, mx = -INFINITY;
            double sum = 0;
            for (j = first; j <= t; ++j) {
                const float sc = dot(q, K + (size_t)j * (size_t)kvdim + kvh, hd) * scale;
                s->scores[j] = sc;
                if (sc > mx)
                    mx = sc;
            }
            for (j = first; j <= t; ++j) {
                s->scores[j] = expf(s->scores[j] - mx);
                sum += s->scores[j];
            }
            for (d = 0; d < hd; ++d)
                out[d] = 0;
            for (j = first; j <= t; ++j) {
                const float p = (float)(s->scores[j] / sum);
                const float *v = V + (size_t)j * (size_t)kvdim + kvh;
                for (d = 0; d < hd; ++d)
                    out[d] += p * v[d];
            }
        }
    }
    matmul(b->proj, s->att, n, s->tmp, s->scratch);
    (void)D;
}

static float silu(float x) { return x / (1.0f + expf(-x)); }
static float softplus(float x) { return x > 20.0f ? x : log1pf(expf(x)); } /* torch's threshold */

/* One step of a causal depthwise convolution over `width` channels of `taps` taps, in place:
 * x[c] becomes bias[c] + sum_k w[c][k] * input(t - taps + 1 + k), where window holds the previous
 * taps - 1 inputs of each channel ([taps - 1][width], oldest first; zeros before the start). */
static void conv_step(const golf_tensor *w, const golf_tensor *bias, float *window, float *x, int width, int taps)
{
    int c, k;
    for (c = 0; c < width; ++c) {
        const float in = x[c];
        float acc = 0;
        for (k = 0; k + 1 < taps; ++k)
            acc += value_at(w, (size_t)c * (size_t)taps + (size_t)k) * window[(size_t)k * (size_t)width + (size_t)c];
        acc += value_at(w, (size_t)c * (size_t)taps + (size_t)(taps - 1)) * in;
        for (k = 0; k + 2 < taps; ++k)
            window[(size_t)k * (size_t)width + (size_t)c] = window[(size_t)(k + 1) * (size_t)width + (size_t)c];
        if (taps > 1)
            window[(size_t)(taps - 2) * (size_t)width + (size_t)c] = in;
        x[c] = bias ? acc + value_at(bias, (size_t)c) : acc;
    }
}

/* A selective state-space mixer (model/ssm_p.h): in_proj -> causal conv + SiLU -> x_proj ->
 * delta = softplus(dt_proj) -> the scan h = exp(delta A) h + delta x B, y = C.h + D x -> gate
 * SiLU(z) -> out_proj. The projections run over all n positions at once, the convolution and
 * the scan position by position from the layer's state. Output in s->tmp. */
static void ssm_mixer(const golf_block *b, golf_state *s, int layer, int n)
{
    const int di = b->inner, N = b->states, K = b->taps, R = b->dt_rank, P = b->x_proj->rows;
    float *window = s->kv + s->kv_offset[layer], *h = window + (size_t)(K - 1) * (size_t)di;
    float *xz = s->mix, *xc = xz + (size_t)n * 2 * (size_t)di, *dbc = xc + (size_t)n * (size_t)di;
    float *delta = dbc + (size_t)n * (size_t)P, *y = delta + (size_t)n * (size_t)di;
    int i, c, j;
    matmul(b->in_proj, s->u, n, xz, s->scratch);
    for (i = 0; i < n; ++i) {
        float *x = xc + (size_t)i * (size_t)di;
        memcpy(x, xz + (size_t)i * 2 * (size_t)di, (size_t)di * sizeof(float));
        conv_step(b->conv_w, b->conv_b, window, x, di, K);
        for (c = 0; c < di; ++c)
            x[c] = silu(x[c]);
    }
    matmul(b->x_proj, xc, n, dbc, s->scratch);
    for (i = 0; i < n; ++i) /* dt_proj reads the first R of each position's x_proj output */
        memcpy(y + (size_t)i * (size_t)R, dbc + (size_t)i * (size_t)P, (size_t)R * sizeof(float));
    matmul(b->dt_w, y, n, delta, s->scratch);
    for (i = 0; i < n; ++i) {
        const float *x = xc + (size_t)i * (size_t)di, *Bm = dbc + (size_t)i * (size_t)P + R, *C = Bm + N;
        const float *z = xz + (size_t)i * 2 * (size_t)di + di;
        float *yi = y + (size_t)i * (size_t)di, *dl = delta + (size_t)i * (size_t)di;
        for (c = 0; c < di; ++c) {
            const float d = softplus(dl[c] + value_at(b->dt_b, (size_t)c)), u = d * x[c];
            float *hc = h + (size_t)c * (size_t)N, acc = 0;
            for (j = 0; j < N; ++j) {
                const float A = -expf(value_at(b->A_log, (size_t)c * (size_t)N + (size_t)j));
                hc[j] = expf(d * A) * hc[j] + u * Bm[j];
                acc += C[j] * hc[j];
            }
            yi[c] = (acc + value_at(b->D, (size_t)c) * x[c]) * silu(z[c]);
        }
    }
    matmul(b->out_proj, y, n, s->tmp, s->scratch);
}

/* x * rsqrt(sum(x^2) + 1e-6): DeltaNet's L2 norm with a floor. */
static void unit_norm(float *x, int n, float scale)
{
    double ss = 0;
    float r;
    int i;
    for (i = 0; i < n; ++i)
        ss += (double)x[i] * (double)x[i];
    r = scale / sqrtf((float)ss + 1e-6f);
    for (i = 0; i < n; ++i)
        x[i] *= r;
}

/* A Gated DeltaNet mixer (model/deltanet_p.h): q, k, v through short causal convs + SiLU (q and k
 * L2-normed, q by hd^-1/2), beta = sigmoid(b_proj), decay alpha = exp(-exp(A_log) softplus(a_proj
 * + dt_bias)); per head the state S (hd x hd) decays, is erased along k and written with v, and
 * read by q; then a per-head RMSNorm times o_norm, a SiLU(g_proj) gate and o_proj. Output in
 * s->tmp. */
static void deltanet_mixer(const golf_model *m, const golf_block *b, golf_state *s, int layer, int n)
{
    const int D = m->dim, H = m->num_heads, hd = m->head_dim, K = b->taps;
    float *wq = s->kv + s->kv_offset[layer], *wk = wq + (size_t)(K - 1) * (size_t)D, *wv = wk + (size_t)(K - 1) * (size_t)D;
    float *S = wv + (size_t)(K - 1) * (size_t)D;
    float *q = s->mix, *k = q + (size_t)n * (size_t)D, *v = k + (size_t)n * (size_t)D, *g = v + (size_t)n * (size_t)D;
    float *o = g + (size_t)n * (size_t)D, *a = o + (size_t)n * (size_t)D, *bb = a + (size_t)n * (size_t)H;
    const float qscale = 1.0f / sqrtf((float)hd);
    int i, hh, r, c;
    matmul(b->q_proj, s->u, n, q, s->scratch);
    matmul(b->k_proj, s->u, n, k, s->scratch);
    matmul(b->v_proj, s->u, n, v, s->scratch);
    matmul(b->a_proj, s->u, n, a, s->scratch);
    matmul(b->b_proj, s->u, n, bb, s->scratch);
    matmul(b->g_proj, s->u, n, g, s->scratch);
    for (i = 0; i < n; ++i) {
        float *qi = q + (size_t)i * (size_t)D, *ki = k + (size_t)i * (size_t)D, *vi = v + (size_t)i * (size_t)D;
        conv_step(b->q_conv, NULL, wq, qi, D, K);
        conv_step(b->k_conv, NULL, wk, ki, D, K);
        conv_step(b->v_conv, NULL, wv, vi, D, K);
        for (c = 0; c < D; ++c) {
            qi[c] = silu(qi[c]);
            ki[c] = silu(ki[c]);
            vi[c] = silu(vi[c]);
        }
        for (hh = 0; hh < H; ++hh) {
            float *qh = qi + (size_t)hh * (size_t)hd, *kh = ki + (size_t)hh * (size_t)hd, *vh = vi + (size_t)hh * (size_t)hd;
            float *Sh = S + (size_t)hh * (size_t)hd * (size_t)hd, *oh = o + (size_t)i * (size_t)D + (size_t)hh * (size_t)hd;
            const float *gh = g + (size_t)i * (size_t)D + (size_t)hh * (size_t)hd;
            const float beta = 1.0f / (1.0f + expf(-bb[(size_t)i * (size_t)H + (size_t)hh]));
            const float alpha = expf(-expf(value_at(b->dn_A_log, (size_t)hh)) *
                                     softplus(a[(size_t)i * (size_t)H + (size_t)hh] + value_at(b->dt_bias, (size_t)hh)));
            unit_norm(qh, hd, qscale);
            unit_norm(kh, hd, 1.0f);
            /* S = alpha S; S += beta k (v - k^T S)^T; o = S^T q (S[r][c]: key row r, value column c) */
            for (c = 0; c < hd; ++c) {
                float read = 0;
                for (r = 0; r < hd; ++r) {
                    Sh[(size_t)r * (size_t)hd + (size_t)c] *= alpha;
                    read += kh[r] * Sh[(size_t)r * (size_t)hd + (size_t)c];
                }
                oh[c] = beta * (vh[c] - read); /* the value written, for now */
            }
            for (r = 0; r < hd; ++r)
                for (c = 0; c < hd; ++c)
                    Sh[(size_t)r * (size_t)hd + (size_t)c] += kh[r] * oh[c];
            for (c = 0; c < hd; ++c) {
                float acc = 0;
                for (r = 0; r < hd; ++r)
                    acc += qh[r] * Sh[(size_t)r * (size_t)hd + (size_t)c];
                oh[c] = acc;
            }
            rms_norm(oh, hd);
            for (c = 0; c < hd; ++c)
                oh[c] *= value_at(b->o_norm, (size_t)c) * silu(gh[c]);
        }
    }
    matmul(b->o_proj, o, n, s->tmp, s->scratch);
}

static void block_forward(const golf_model *m, const golf_block *b, golf_state *s, int layer, int n)
{
    const int D = m->dim, hidden = b->mlp_hidden;
    int i, d;
    if (b->resid_mix)
        for (i = 0; i < n; ++i)
            for (d = 0; d < D; ++d) {
                float *x = s->x + (size_t)i * (size_t)D + d;
                *x = value_at(b->resid_mix, (size_t)d) * *x + value_at(b->resid_mix, (size_t)(D + d)) * s->x0[(size_t)i * (size_t)D + d];
            }
    memcpy(s->u, s->x, (size_t)n * (size_t)D * sizeof(float));
    for (i = 0; i < n; ++i)
        rms_norm(s->u + (size_t)i * (size_t)D, D);
    if (b->mixer == MIXER_SSM)
        ssm_mixer(b, s, layer, n);
    else if (b->mixer == MIXER_DELTANET)
        deltanet_mixer(m, b, s, layer, n);
    else
        attention(m, b, s, layer, n);
    for (i = 0; i < n; ++i)
        for (d = 0; d < D; ++d)
            s->x[(size_t)i * (size_t)D + d] += value_at(b->attn_scale, (size_t)d) * s->tmp[(size_t)i * (size_t)D + d];
    memcpy(s->u, s->x, (size_t)n * (size_t)D * sizeof(float));
    for (i = 0; i < n; ++i)
        rms_norm(s->u + (size_t)i * (size_t)D, D);
    matmul(b->fc, s->u, n, s->h, s->scratch);
    for (i = 0; i < n * hidden; ++i) {
        const float r = s->h[i] > 0 ? s->h[i] : 0;
        s->h[i] = r * r;
    }
    matmul(b->mlp_proj, s->h, n, s->tmp, s->scratch);
    for (i = 0; i < n; ++i)
        for (d = 0; d < D; ++d)
            s->x[(size_t)i * (size_t)D + d] += value_at(b->mlp_scale, (size_t)d) * s->tmp[(size_t)i * (size_t)D + d];
}

int golf_forward(const golf_model *m, golf_state *s, const int *tokens, int n, float *logits,
                 const int *targets, double *nll)
{
    const int D = m->dim, V = m->vocab;
    int i, l, skips = 0;
    if (n < 1 || n > s->max_batch || s->pos + n > s->max_tokens)
        return -1;
    for (i = 0; i < n; ++i)
        if (tokens[i] < 0 || tokens[i] >= V || (targets && (targets[i] < 0 || targets[i] >= V)))
            return -1;
    embed(m, s, tokens, n);
    for (i = 0; i < n; ++i)
        rms_norm(s->x + (size_t)i * (size_t)D, D);
    memcpy(s->x0, s->x, (size_t)n * (size_t)D * sizeof(float));
    if (m->value_emb)
        for (i = 0; i < n; ++i)
            decode_row(m->value_emb, tokens[i], s->ve + (size_t)i * (size_t)m->value_embed_dim);
    for (l = 0; l < m->n_schedule; ++l) {
        if (l >= m->n_encoder && skips > 0) {
            /* Decoder layer d adds the encoder outputs in reverse, weighted by skip_weights[d]. */
            const float *e = s->skips + (size_t)(--skips) * (size_t)s->max_batch * (size_t)D;
            int d;
            for (i = 0; i < n; ++i)
                for (d = 0; d < D; ++d)
                    s->x[(size_t)i * (size_t)D + d] += value_at(m->skip_weights, (size_t)(l - m->n_encoder) * (size_t)D + (size_t)d) *
                                                       e[(size_t)i * (size_t)D + d];
        }
        block_forward(m, &m->blocks[m->schedule[l]], s, l, n);
        if (l < m->n_encoder)
            memcpy(s->skips + (size_t)(skips++) * (size_t)s->max_batch * (size_t)D, s->x, (size_t)n * (size_t)D * sizeof(float));
    }
    for (i = 0; i < n; ++i)
        rms_norm(s->x + (size_t)i * (size_t)D, D);
    /* Logits: the untied head, or the token table itself (through embed_down when narrower). */
    if (m->lm_head) {
        matmul(m->lm_head, s->x, n, s->h, s->scratch);
    } else if (m->embed_down) {
        matmul(m->embed_down, s->x, n, s->emb, s->scratch);
        matmul(m->tok_emb, s->emb, n, s->h, s->scratch);
    } else {
        matmul(m->tok_emb, s->x, n, s->h, s->scratch);
    }
    for (i = 0; i < n; ++i) {
        float *lg = s->h + (size_t)i * (size_t)V, mx = -INFINITY;
        double sum = 0;
        int v;
        for (v = 0; v < V; ++v) {
            lg[v] = m->softcap * tanhf(lg[v] / m->softcap);
            if (lg[v] > mx)
                mx = lg[v];
        }
        if (logits)
            memcpy(logits + (size_t)i * (size_t)V, lg, (size_t)V * sizeof(float));
        if (nll && targets) {
            for (v = 0; v < V; ++v)
                sum += exp((double)(lg[v] - mx));
            nll[i] = log(sum) + (double)mx - (double)lg[targets[i]];
        }
    }
    s->prev2 = n >= 2 ? tokens[n - 2] : s->prev1;
    s->prev1 = tokens[n - 1];
    s->pos += n;
    return 0;
}

/* ---- the program ------------------------------------------------------------------------------ */
#ifndef GOLF_NO_MAIN

static const char usage[] =
    "usage: golfmodel COMMAND WEIGHTS [ARGS]\n"
    "  info WEIGHTS [--context N]            memory: weights in RAM, KV cache per token, peak\n"
    "  generate WEIGHTS [--prompt \"ID ID ...\"] [--tokens N] [--temperature T] [--top-k K] [--seed S]\n"
    "                                        token ids out; temperature 0 = greedy\n"
    "  score WEIGHTS LUTS SHARD... [--seq-len N] [--batch N] [--max-tokens N]\n"
    "                                        val_loss and val_bpb of the shards, as train_gpt.py scores\n"
    "  logits WEIGHTS OUT [--one-by-one] ID...  every position's logits as float32 into OUT\n";

static int die(const char *what, const char *detail)
{
    fprintf(stderr, "golfmodel: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    return 1;
}

static double seconds_now(void) { return (double)clock() / CLOCKS_PER_SEC; }

/* Wall-clock seconds where the C library has them (C11 timespec_get), else CPU seconds. */
static double wall_seconds(void)
{
#if defined(TIME_UTC) && __STDC_VERSION__ >= 201112L
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) == TIME_UTC)
        return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
#endif
    return seconds_now();
}

static const char *option(int argc, char **argv, const char *name, const char *fallback)
{
    int i;
    for (i = 0; i + 1 < argc; ++i)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return fallback;
}

static char *read_text(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = (char *)malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = 0;
            if (size)
                *size = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

/* The JSON array under "key" in a tokenizer.luts.json (numbers, true or false), n entries. */
static int json_array(const char *text, const char *key, int *out, int n)
{
    char quoted[64];
    const char *p;
    int i = 0;
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    if (!(p = strstr(text, quoted)) || !(p = strchr(p + strlen(quoted), '[')))
        return -1;
    ++p;
    for (;;) {
        char *end;
        while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\r' || *p == '\t')
            ++p;
        if (*p == ']')
            break;
        if (i == n)
            return -1;
        if (strncmp(p, "true", 4) == 0) {
            out[i++] = 1;
            p += 4;
        } else if (strncmp(p, "false", 5) == 0) {
            out[i++] = 0;
            p += 5;
        } else {
            out[i++] = (int)strtol(p, &end, 10);
            if (end == p)
                return -1;
            p = end;
        }
    }
    return i == n ? 0 : -1;
}

/* Appends a token shard's tokens: a 256 x int32 header (magic 20240520, version 1, count), then
 * count uint16 tokens. */
static int read_shard(const char *path, int **tokens, size_t *count)
{
    size_t size, n, i;
    unsigned char *b = (unsigned char *)read_text(path, &size);
    int *grown;
    if (!b)
        return die("cannot read", path);
    if (size < 1024) {
        free(b);
        return die("not a token shard (too short)", path);
    }
#define I32(k) ((long)((uint32_t)b[4 * (k)] | ((uint32_t)b[4 * (k) + 1] << 8) | ((uint32_t)b[4 * (k) + 2] << 16) | ((uint32_t)b[4 * (k) + 3] << 24)))
    if (I32(0) != 20240520L || I32(1) != 1) {
        free(b);
        return die("not a token shard (wrong magic or version)", path);
    }
    n = (size_t)I32(2);
#undef I32
    if (size != 1024 + 2 * n) {
        free(b);
        return die("token shard size does not match its header (truncated?)", path);
    }
    if (!(grown = (int *)realloc(*tokens, (*count + n) * sizeof(int)))) {
        free(b);
        return die("out of memory reading", path);
    }
    *tokens = grown;
    for (i = 0; i < n; ++i)
        grown[*count + i] = (int)read_u16(b + 1024 + 2 * i);
    *count += n;
    free(b);
    return 0;
}

static uint64_t rng_state = 88172645463325252ull;
static double random_unit(void) /* xorshift64*, 53 bits */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static int descending(const void *a, const void *b)
{
    const float x = *(const float *)a, y = *(const float *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Samples from softmax(logits / temperature) over the top_k largest (0 = all); greedy at 0.
 * scratch holds V doubles. */
static int sample(const float *logits, int V, double temperature, int top_k, double *scratch)
{
    int i, best = 0;
    double mx, sum = 0, r;
    float threshold = -INFINITY;
    for (i = 1; i < V; ++i)
        if (logits[i] > logits[best])
            best = i;
    if (temperature <= 0)
        return best;
    if (top_k > 0 && top_k < V) {
        /* The k-th largest logit (ties at it are kept too). */
        float *sorted = (float *)scratch;
        memcpy(sorted, logits, (size_t)V * sizeof(float));
        qsort(sorted, (size_t)V, sizeof(float), descending);
        threshold = sorted[top_k - 1];
    }
    mx = logits[best];
    for (i = 0; i < V; ++i) {
        scratch[i] = logits[i] >= threshold ? exp((logits[i] - mx) / temperature) : 0;
        sum += scratch[i];
    }
    r = random_unit() * sum;
    for (i = 0; i < V; ++i) {
        r -= scratch[i];
        if (r < 0 && scratch[i] > 0)
            return i;
    }
    return best;
}

static int parse_ids(const char *text, int **ids, int *n)
{
    const char *p = text;
    char *end;
    *n = 0;
    *ids = (int *)malloc((strlen(text) / 2 + 2) * sizeof(int));
    if (!*ids)
        return -1;
    for (;;) {
        const long v = strtol(p, &end, 10);
        if (end == p)
            break;
        (*ids)[(*n)++] = (int)v;
        p = end;
    }
    return 0;
}

static int cmd_info(const golf_model *m, int argc, char **argv)
{
    const int context = atoi(option(argc, argv, "--context", "1024"));
    golf_state *s = golf_state_new(m, context, 1);
    if (!s)
        return die("out of memory", NULL);
    printf("weights_in_ram_bytes: %lu\n", (unsigned long)golf_weight_bytes(m));
    printf("kv_cache_bytes_per_token: %lu\n", (unsigned long)golf_kv_bytes_per_token(m));
    printf("recurrent_state_bytes: %lu\n", (unsigned long)golf_recurrent_state_bytes(m));
    printf("state_bytes_at_context_%d: %lu\n", context, (unsigned long)golf_state_bytes(s));
    printf("peak_bytes_generating: %lu\n", (unsigned long)(golf_weight_bytes(m) + golf_state_bytes(s)));
    golf_state_free(s);
    return 0;
}

static int cmd_generate(const golf_model *m, int argc, char **argv)
{
    int *prompt = NULL, n_prompt = 0, i, next;
    const int tokens = atoi(option(argc, argv, "--tokens", "64")), top_k = atoi(option(argc, argv, "--top-k", "0"));
    const double temperature = atof(option(argc, argv, "--temperature", "1.0"));
    const int V = golf_vocab_size(m);
    golf_state *s;
    float *logits;
    double *probs, t0, elapsed;
    rng_state ^= (uint64_t)strtoull(option(argc, argv, "--seed", "1"), NULL, 10) * 0x9E3779B97F4A7C15ull;
    if (parse_ids(option(argc, argv, "--prompt", "1"), &prompt, &n_prompt) != 0 || n_prompt < 1)
        return die("--prompt needs token ids", NULL);
    s = golf_state_new(m, n_prompt + tokens, n_prompt);
    logits = (float *)malloc((size_t)n_prompt * (size_t)V * sizeof(float));
    probs = (double *)malloc((size_t)V * sizeof(double));
    if (!s || !logits || !probs)
        return die("out of memory", NULL);
    t0 = wall_seconds();
    if (golf_forward(m, s, prompt, n_prompt, logits, NULL, NULL) != 0)
        return die("a prompt token id is out of range", NULL);
    next = sample(logits + (size_t)(n_prompt - 1) * (size_t)V, V, temperature, top_k, probs);
    for (i = 0; i < tokens; ++i) {
        printf("%d%c", next, i + 1 == tokens ? '\n' : ' ');
        if (i + 1 == tokens || golf_forward(m, s, &next, 1, logits, NULL, NULL) != 0)
            break;
        next = sample(logits, V, temperature, top_k, probs);
    }
    elapsed = wall_seconds() - t0;
    fprintf(stderr, "generated %d tokens after a %d-token prompt in %.3f s: %.1f tokens/s\n", tokens, n_prompt,
            elapsed, elapsed > 0 ? tokens / elapsed : 0.0);
    golf_state_free(s);
    free(logits);
    free(probs);
    free(prompt);
    return 0;
}

static int cmd_score(const golf_model *m, int argc, char **argv)
{
    const int V = golf_vocab_size(m);
    const int seq = atoi(option(argc, argv, "--seq-len", "1024"));
    const long max_tokens = atol(option(argc, argv, "--max-tokens", "0"));
    int batch = atoi(option(argc, argv, "--batch", "0"));
    int *tokens = NULL, *base = (int *)malloc((size_t)V * sizeof(int)), *space = (int *)malloc((size_t)V * sizeof(int));
    int *boundary = (int *)malloc((size_t)V * sizeof(int)), a;
    size_t count = 0, n_seq, q;
    double loss = 0, bytes = 0, *nll, t0;
    char *luts;
    golf_state *s;
    if (argc < 4)
        return die("score needs WEIGHTS LUTS SHARD...", NULL);
    if (!(luts = read_text(argv[3], NULL)))
        return die("cannot read", argv[3]);
    if (!base || !space || !boundary || json_array(luts, "base_bytes", base, V) || json_array(luts, "has_leading_space", space, V) ||
        json_array(luts, "is_boundary", boundary, V))
        return die("not a tokenizer.luts.json for this vocabulary", argv[3]);
    free(luts);
    for (a = 4; a < argc; ++a) {
        if (strncmp(argv[a], "--", 2) == 0) {
            ++a;
            continue;
        }
        if (read_shard(argv[a], &tokens, &count) != 0)
            return 1;
    }
    /* As train_gpt.py: non-overlapping windows over the first floor((N-1)/seq)*seq + 1 tokens
     * (of the first --max-tokens, as golf eval --eval-tokens). */
    if (max_tokens > 0 && (size_t)max_tokens < count)
        count = (size_t)max_tokens;
    n_seq = seq < 1 || count < 2 ? 0 : (count - 1) / (size_t)seq;
    if (n_seq == 0)
        return die("fewer tokens than one sequence", NULL);
    if (batch < 1 || batch > seq)
        batch = seq;
    s = golf_state_new(m, seq, batch);
    nll = (double *)malloc((size_t)batch * sizeof(double));
    if (!s || !nll)
        return die("out of memory", NULL);
    t0 = wall_seconds();
    for (q = 0; q < n_seq; ++q) {
        const int *x = tokens + q * (size_t)seq;
        int i, j;
        golf_state_reset(s);
        for (i = 0; i < seq; i += batch) {
            const int n = seq - i < batch ? seq - i : batch;
            if (golf_forward(m, s, x + i, n, NULL, x + i + 1, nll) != 0)
                return die("a token id is out of range for this model", NULL);
            for (j = 0; j < n; ++j) {
                const int prev = x[i + j], target = x[i + j + 1];
                loss += nll[j];
                bytes += base[target] + (space[target] && !boundary[prev] ? 1 : 0);
            }
        }
        if ((q + 1) % 16 == 0 || q + 1 == n_seq)
            fprintf(stderr, "scored %lu/%lu sequences\n", (unsigned long)(q + 1), (unsigned long)n_seq);
    }
    {
        const double tokens_scored = (double)n_seq * seq, val_loss = loss / tokens_scored;
        const double val_bpb = loss / (log(2.0) * bytes);
        printf("final_golf_c_roundtrip val_loss:%.4f val_bpb:%.4f eval_time:%.0fms\n", val_loss, val_bpb,
               1000.0 * (wall_seconds() - t0));
        printf("final_golf_c_roundtrip_exact val_loss:%.8f val_bpb:%.8f\n", val_loss, val_bpb);
    }
    golf_state_free(s);
    free(nll);
    free(tokens);
    free(base);
    free(space);
    free(boundary);
    return 0;
}

static int cmd_logits(const golf_model *m, int argc, char **argv)
{
    const int V = golf_vocab_size(m);
    int *ids = (int *)malloc((size_t)(argc > 4 ? argc - 4 : 1) * sizeof(int)), n = 0, a, i, one_by_one = 0;
    float *logits;
    golf_state *s;
    FILE *f;
    if (argc < 5 || !ids)
        return die("logits needs WEIGHTS OUT and token ids", NULL);
    for (a = 4; a < argc; ++a) {
        if (strcmp(argv[a], "--one-by-one") == 0)
            one_by_one = 1;
        else
            ids[n++] = atoi(argv[a]);
    }
    s = golf_state_new(m, n, one_by_one ? 1 : n);
    logits = (float *)malloc((size_t)n * (size_t)V * sizeof(float));
    if (!s || !logits)
        return die("out of memory", NULL);
    /* All positions in one batch, or one at a time as generation runs them. */
    for (i = 0; i < n; i += one_by_one ? 1 : n)
        if (golf_forward(m, s, ids + i, one_by_one ? 1 : n, logits + (size_t)i * (size_t)V, NULL, NULL) != 0)
            return die("a token id is out of range", NULL);
    if (!(f = fopen(argv[3], "wb")) || fwrite(logits, sizeof(float), (size_t)n * (size_t)V, f) != (size_t)n * (size_t)V ||
        fclose(f) != 0)
        return die("cannot write", argv[3]);
    golf_state_free(s);
    free(logits);
    free(ids);
    return 0;
}

int main(int argc, char **argv)
{
    char err[512];
    golf_model *m;
    int rc;
    if (argc < 3) {
        fputs(usage, stderr);
        return 2;
    }
    if (!(m = golf_load(argv[2], err, sizeof err)))
        return die(err, NULL);
    if (strcmp(argv[1], "info") == 0)
        rc = cmd_info(m, argc, argv);
    else if (strcmp(argv[1], "generate") == 0)
        rc = cmd_generate(m, argc, argv);
    else if (strcmp(argv[1], "score") == 0)
        rc = cmd_score(m, argc, argv);
    else if (strcmp(argv[1], "logits") == 0)
        rc = cmd_logits(m, argc, argv);
    else {
        fputs(usage, stderr);
        rc = 2;
    }
    golf_free(m);
    return rc;
}

#endif
