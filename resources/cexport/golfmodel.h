/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * golfmodel: runs a Golf Studio model from its quantized codes, in C99 with libc and libm only.
 * Written by `golf export-c`; the same source runs every exported model, which the weights file
 * describes (format below).
 *
 * The model is the Parameter Golf baseline GPT family (PARAMETER_GOLF.md section 4.1): token
 * embedding (optionally factorized, plus hashed bigram/trigram tables and value embeddings),
 * RMSNorm, blocks of causal attention with QK-norm, RoPE (half split, the baseline's sign
 * convention), per-head q_gain and grouped-query heads (optionally a sliding window), a relu^2
 * MLP, resid_mix with the embedding, attention/MLP scales, U-Net skips, depth recurrence, tied
 * or untied head and the logit softcap; in any block, instead of attention, a selective
 * state-space mixer (Mamba) or Gated DeltaNet. Per-block widths (structured pruning) come from
 * the tensors' shapes.
 *
 * Weights stay as stored: integer codes of 1 to 8 bits packed eight codes to `bits` bytes,
 * their scales in the stored float type, float tensors in fp32, fp16 or bf16. Matrix products
 * decode the codes on the fly and accumulate in fp32.
 *
 * Weights file, "golf-c-v1" (all numbers little-endian):
 *   "GOLFC01\n", then ASCII lines up to and including "end\n", zero bytes up to a multiple of 64,
 *   then the payload. Lines:
 *     config KEY VALUE...                       (see golf_load for the keys)
 *     tensor NAME KIND ROWS COLS OFFSET BYTES [SCALEKIND GROUP SCALEOFFSET SCALEBYTES]
 *   KIND is f32, f16, bf16, or qB (B = 1..8 bits). A qB tensor's codes are stored row by row,
 *   each row padded to a multiple of 8 codes; 8 codes take B bytes, code i in bits
 *   [i*B, i*B+B) of their little-endian 64-bit word, as unsigned u = c + bias where bias is
 *   2^(B-1)-1 (ternary and int2: 1; binary: u = 1 for +1 and 0 for -1).
 *   SCALEKIND (f32, f16 or bf16) and GROUP give one scale per GROUP codes of a row (GROUP = COLS
 *   for one per row; GROUP 0: one scale for the whole tensor). OFFSET and SCALEOFFSET count from
 *   the start of the payload and are multiples of 64.
 */
#ifndef GOLFMODEL_H
#define GOLFMODEL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct golf_model golf_model;
typedef struct golf_state golf_state;

/* Reads a golf-c-v1 file. On failure returns NULL and writes why into err. */
golf_model *golf_load(const char *path, char *err, size_t errlen);
void golf_free(golf_model *m);

int golf_vocab_size(const golf_model *m);
/* Bytes the model holds in memory: the weights file's payload and its tables. */
size_t golf_weight_bytes(const golf_model *m);
/* Bytes of key/value cache one position takes, over every attention layer as it runs
 * (recurrence unrolled). */
size_t golf_kv_bytes_per_token(const golf_model *m);
/* Bytes of the state-space and DeltaNet layers' state, whatever the context length. */
size_t golf_recurrent_state_bytes(const golf_model *m);

/* A decoding state for up to max_tokens positions (KV cache and scratch for batches of up to
 * max_batch positions). NULL when memory runs out. */
golf_state *golf_state_new(const golf_model *m, int max_tokens, int max_batch);
void golf_state_free(golf_state *s);
void golf_state_reset(golf_state *s);
int golf_state_position(const golf_state *s);
/* Bytes the state holds (cache and scratch). */
size_t golf_state_bytes(const golf_state *s);

/* Runs n tokens (n <= max_batch) at the next positions, after those already run. Writes the
 * softcapped logits of each into logits[i * vocab] when logits is not NULL, and when nll is
 * not NULL, nll[i] = -log softmax(logits_i)[targets[i]]. Returns 0, or -1 when the state is full
 * or a token id is out of range. */
int golf_forward(const golf_model *m, golf_state *s, const int *tokens, int n, float *logits,
                 const int *targets, double *nll);

#ifdef __cplusplus
}
#endif

#endif
