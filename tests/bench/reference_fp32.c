/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fp32 reference bench_cexport.py measures golfmodel against: the baseline GPT's one-token
 * decoding step written the way llama2.c writes it, plain loops over float arrays, every weight
 * dequantized to fp32 up front. It reads a golf-c-v1 file whose tensors are all f32 (golf export-c
 * with a recipe that stores everything as fp32) and supports the baseline only: tied head, resid_mix,
 * U-Net skips, no recurrence, windows or embedding extras. Written from the model's description
 * (PARAMETER_GOLF.md section 4.1), not from golfmodel.c.
 *
 *   reference_fp32 WEIGHTS PROMPT_ID TOKENS   greedy decoding; prints the ids and tokens/s
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { char name[96]; int rows, cols; float *w; } Tensor;

static Tensor tensors[512];
static int n_tensors;
static int V, D, H, L, HKV, HD, HIDDEN;
static float rope_base = 10000.0f, softcap = 30.0f;

static float *get(const char *name)
{
    int i;
    for (i = 0; i < n_tensors; ++i)
        if (strcmp(tensors[i].name, name) == 0)
            return tensors[i].w;
    fprintf(stderr, "missing %s\n", name);
    exit(1);
}

static float *getf(const char *fmt, int b)
{
    char name[96];
    snprintf(name, sizeof name, fmt, b);
    return get(name);
}

static void load(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf, *line, *payload;
    long size, header;
    if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) exit(1);
    buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) exit(1);
    fclose(f);
    buf[size] = 0;
    header = (long)(strstr(buf, "\nend\n") - buf) + 5;
    payload = buf + (header + 63) / 64 * 64;
    buf[header - 1] = 0;
    for (line = strtok(buf + 8, "\n"); line; line = strtok(NULL, "\n")) {
        char kind[16];
        unsigned long long off, bytes;
        Tensor *t = &tensors[n_tensors];
        if (sscanf(line, "tensor %95s %15s %d %d %llu %llu", t->name, kind, &t->rows, &t->cols, &off, &bytes) == 6) {
            if (strcmp(kind, "f32") != 0) { fprintf(stderr, "%s is not f32\n", t->name); exit(1); }
            t->w = malloc(bytes);
            memcpy(t->w, payload + off, bytes);
            ++n_tensors;
        } else if (!strncmp(line, "config vocab_size ", 18)) V = atoi(line + 18);
        else if (!strncmp(line, "config model_dim ", 17)) D = atoi(line + 17);
        else if (!strncmp(line, "config num_heads ", 17)) H = atoi(line + 17);
        else if (!strncmp(line, "config num_layers ", 18)) L = atoi(line + 18);
        else if (!strncmp(line, "config rope_base ", 17)) rope_base = (float)atof(line + 17);
        else if (!strncmp(line, "config logit_softcap ", 21)) softcap = (float)atof(line + 21);
    }
    HD = D / H;
    {
        int i;
        for (i = 0; i < n_tensors; ++i) {
            if (!strcmp(tensors[i].name, "blocks.0.attn.c_k.weight")) HKV = tensors[i].rows / HD;
            if (!strcmp(tensors[i].name, "blocks.0.mlp.fc.weight")) HIDDEN = tensors[i].rows;
        }
    }
}

static void matvec(float *y, const float *w, const float *x, int rows, int cols)
{
    int i, j;
    for (i = 0; i < rows; ++i) {
        float s = 0;
        for (j = 0; j < cols; ++j)
            s += w[i * cols + j] * x[j];
        y[i] = s;
    }
}

static void rmsnorm(float *x, int n)
{
    float ss = 0;
    int i;
    for (i = 0; i < n; ++i) ss += x[i] * x[i];
    ss = 1.0f / sqrtf(ss / n + 1.1920929e-7f);
    for (i = 0; i < n; ++i) x[i] *= ss;
}

static void rope(float *x, int pos)
{
    int i, half = HD / 2;
    for (i = 0; i < half; ++i) {
        float a = pos * (1.0f / powf(rope_base, (float)(2 * i) / HD)), c = cosf(a), s = sinf(a);
        float x1 = x[i], x2 = x[i + half];
        x[i] = x1 * c + x2 * s;
        x[i + half] = x2 * c - x1 * s;
    }
}

int main(int argc, char **argv)
{
    int T, tok, pos, b, h, i, j, steps;
    float *x, *x0, *u, *q, *att, *hb, *out, *logits, *kc, *vc, *skip, *scores;
    clock_t t0;
    if (argc < 4) { fprintf(stderr, "usage: reference_fp32 WEIGHTS PROMPT_ID TOKENS\n"); return 2; }
    load(argv[1]);
    tok = atoi(argv[2]);
    steps = atoi(argv[3]);
    T = steps + 1;
    x = calloc(D, 4); x0 = calloc(D, 4); u = calloc(D, 4); q = calloc(D, 4); att = calloc(D, 4);
    hb = calloc(HIDDEN, 4); out = calloc(D, 4); logits = calloc(V, 4); scores = calloc(T, 4);
    kc = calloc((size_t)L * T * HKV * HD, 4); vc = calloc((size_t)L * T * HKV * HD, 4);
    skip = calloc((size_t)L * D, 4);
    t0 = clock();
    for (pos = 0; pos < steps; ++pos) {
        int n_skip = 0, enc = L / 2;
        memcpy(x, get("tok_emb.weight") + (size_t)tok * D, D * 4);
        rmsnorm(x, D);
        memcpy(x0, x, D * 4);
        for (b = 0; b < L; ++b) {
            float *k = kc + ((size_t)b * T + pos) * HKV * HD, *v = vc + ((size_t)b * T + pos) * HKV * HD;
            float *mix = getf("blocks.%d.resid_mix", b), *gain = getf("blocks.%d.attn.q_gain", b);
            if (b >= enc && n_skip > 0) {
                --n_skip;
                for (i = 0; i < D; ++i) x[i] += get("skip_weights")[(b - enc) * D + i] * skip[n_skip * D + i];
            }
            for (i = 0; i < D; ++i) x[i] = mix[i] * x[i] + mix[D + i] * x0[i];
            memcpy(u, x, D * 4);
            rmsnorm(u, D);
            matvec(q, getf("blocks.%d.attn.c_q.weight", b), u, D, D);
            matvec(k, getf("blocks.%d.attn.c_k.weight", b), u, HKV * HD, D);
            matvec(v, getf("blocks.%d.attn.c_v.weight", b), u, HKV * HD, D);
            for (h = 0; h < H; ++h) {
                rmsnorm(q + h * HD, HD);
                rope(q + h * HD, pos);
                for (i = 0; i < HD; ++i) q[h * HD + i] *= gain[h];
            }
            for (h = 0; h < HKV; ++h) {
                rmsnorm(k + h * HD, HD);
                rope(k + h * HD, pos);
            }
            for (h = 0; h < H; ++h) {
                int g = h / (H / HKV);
                float mx = -1e30f, sum = 0;
                for (j = 0; j <= pos; ++j) {
                    float s = 0, *kj = kc + ((size_t)b * T + j) * HKV * HD + g * HD;
                    for (i = 0; i < HD; ++i) s += q[h * HD + i] * kj[i];
                    scores[j] = s / sqrtf((float)HD);
                    if (scores[j] > mx) mx = scores[j];
                }
                for (j = 0; j <= pos; ++j) { scores[j] = expf(scores[j] - mx); sum += scores[j]; }
                for (i = 0; i < HD; ++i) att[h * HD + i] = 0;
                for (j = 0; j <= pos; ++j) {
                    float *vj = vc + ((size_t)b * T + j) * HKV * HD + g * HD;
                    for (i = 0; i < HD; ++i) att[h * HD + i] += scores[j] / sum * vj[i];
                }
            }
            matvec(out, getf("blocks.%d.attn.proj.weight", b), att, D, D);
            for (i = 0; i < D; ++i) x[i] += getf("blocks.%d.attn_scale", b)[i] * out[i];
            memcpy(u, x, D * 4);
            rmsnorm(u, D);
            matvec(hb, getf("blocks.%d.mlp.fc.weight", b), u, HIDDEN, D);
            for (i = 0; i < HIDDEN; ++i) hb[i] = hb[i] > 0 ? hb[i] * hb[i] : 0;
            matvec(out, getf("blocks.%d.mlp.proj.weight", b), hb, D, HIDDEN);
            for (i = 0; i < D; ++i) x[i] += getf("blocks.%d.mlp_scale", b)[i] * out[i];
            if (b < enc) memcpy(skip + (n_skip++) * D, x, D * 4);
        }
        rmsnorm(x, D);
        matvec(logits, get("tok_emb.weight"), x, V, D);
        for (i = 0, tok = 0; i < V; ++i) {
            logits[i] = softcap * tanhf(logits[i] / softcap);
            if (logits[i] > logits[tok]) tok = i;
        }
        printf("%d ", tok);
    }
    printf("\n");
    fprintf(stderr, "reference fp32: %d tokens in %.3f s: %.1f tokens/s\n", steps,
            (double)(clock() - t0) / CLOCKS_PER_SEC, steps / ((double)(clock() - t0) / CLOCKS_PER_SEC));
    return 0;
}
