// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The shape of the challenge's baseline GPT (PARAMETER_GOLF.md §4.1). Defaults are the official
// train_gpt.py defaults: 9 layers x 512 dims, 8 heads / 4 KV heads, MLP 2x, vocab 1024,
// tied embeddings: 17,059,912 parameters. Torch-free so the GUI can size a model before it exists.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

struct GptConfig
{
    int vocabSize = 1024;     ///< VOCAB_SIZE
    int numLayers = 9;        ///< NUM_LAYERS: distinct blocks (weights)
    int modelDim = 512;       ///< MODEL_DIM
    int numHeads = 8;         ///< NUM_HEADS; head_dim = modelDim / numHeads
    int numKvHeads = 4;       ///< NUM_KV_HEADS (grouped-query attention)
    int mlpMult = 2;          ///< MLP_MULT: hidden = mlpMult * modelDim, relu^2
    bool tieEmbeddings = true;       ///< TIE_EMBEDDINGS: logits use tok_emb.weight
    double ropeBase = 10000.0;       ///< ROPE_BASE
    double logitSoftcap = 30.0;      ///< LOGIT_SOFTCAP: logits = c * tanh(logits / c)
    double qkGainInit = 1.5;         ///< QK_GAIN_INIT: initial per-head query gain
    double tiedEmbedInitStd = 0.005; ///< TIED_EMBED_INIT_STD
    /// U-Net skips: the first half of the layers push outputs that the second half adds back,
    /// weighted by `skip_weights`. Off: a plain stack and no skip_weights tensor.
    bool unetSkips = true;
    /// resid_mix: each block mixes the running residual with the embedding x0. Off: no
    /// resid_mix tensors and the block sees the residual alone.
    bool residMix = true;
    /// Depth recurrence: blocks [recurStart, recurEnd) run recurCount times in a row, sharing
    /// weights. Adds effective depth for no bytes. recurCount 1 (or an empty range) = off.
    int recurStart = 0;
    int recurEnd = 0;
    int recurCount = 1;

    // --- Embedding compression (all off by default; docs/guide "Embedding techniques") -------
    /// Factorized embedding: the token table is vocab x embed_dim, `embed_up` (embed_dim ->
    /// model_dim) lifts a row into the model, and a tied head reads logits through `embed_down`
    /// (model_dim -> embed_dim) against the same table. 0 = off (vocab x model_dim).
    int embedDim = 0;
    /// Hashed n-gram embeddings added to the token embedding before the first norm: a table of
    /// `ngram_dim` columns per order, indexed by a hash of (previous, current) tokens or of the
    /// two previous and the current, projected to model_dim. 0 buckets = that order off.
    int bigramBuckets = 0;
    int trigramBuckets = 0;
    int ngramDim = 128;
    std::string bigramHash = "mul31"; ///< see ngramBucket()
    std::string trigramHash = "xor3";
    /// The token that starts a document (BOS): an n-gram context never reaches back across it,
    /// so no position sees the previous document through its hash. -1 = no document resets.
    int bosId = 1;
    /// Value embeddings: one shared vocab x value_embed_dim table, projected (`ve_proj`) and
    /// added to the attention values of the blocks in value_embed_layers. 0 = off.
    int valueEmbedDim = 0;
    std::vector<int> valueEmbedLayers;

    // --- Learned structured sparsity (L0 hard-concrete gates; guide "Learned sparsity") -------
    /// Every block carries gates, as log alpha tensors: `blocks.N.attn.gate_log_alpha`
    /// [num_kv_heads], one per head group (a KV head and the query heads that share it: with as
    /// many KV heads as heads, one head), and `blocks.N.mlp.gate_log_alpha` [MLP hidden], one per
    /// hidden unit. Training samples them and an expected-L0 penalty closes them
    /// (train/l0penalty_p.h); loading a gated model for anything else removes what they closed
    /// and folds the rest into the output projections (model/l0gates_p.h).
    bool l0Gates = false;
    /// Widths per block after structured removal: the head groups (KV heads) kept and the MLP
    /// hidden units kept. Empty = every block at full width.
    std::vector<int> layerKvHeads;
    std::vector<int> layerMlpHidden;

    // --- Token mixers (guide "Beyond attention") -------------------------------------------------
    /// The token mixer of each block: "attention" (causal softmax attention, the baseline),
    /// "ssm" (a selective state-space layer as in Mamba, Gu & Dao 2023: `blocks.N.ssm.*`) or
    /// "deltanet" (Gated DeltaNet, linear attention with the gated delta rule, Yang et al. 2025:
    /// `blocks.N.deltanet.*`, num_heads heads of head_dim). The block's MLP, scales and
    /// residual mix are the same whichever it is. Empty = attention everywhere.
    std::vector<std::string> layerTypes;
    /// The selective state-space layers' shape: N state channels per inner channel, an inner
    /// width of ssm_expand x model_dim (1 keeps a block's parameters close to an attention
    /// block's at 2 query heads per KV head), a causal depthwise convolution of ssm_conv taps,
    /// and Delta's low rank (0 = ceil(model_dim / 16), as in Mamba).
    int ssmState = 16;
    int ssmExpand = 1;
    int ssmConv = 4;
    int ssmDtRank = 0;
    /// Taps of Gated DeltaNet's short causal convolutions on q, k and v.
    int deltanetConv = 4;

    // --- Attention span ------------------------------------------------------------------------
    /// Sliding-window attention per block: query t reads keys t - w + 1 .. t (itself and w - 1
    /// before it); 0 = every earlier key (full causal). Empty = full everywhere. Not stored in
    /// the tensors (like the recurrence): a run's config.json carries it.
    std::vector<int> layerWindows;

    int headDim() const { return modelDim / numHeads; }
    /// True when block `block` mixes tokens with attention (not a state-space layer).
    const std::string &layerTypeAt(int block) const;
    bool isAttentionBlock(int block) const { return layerTypeAt(block) == "attention"; }
    /// True when every block is an attention block (the baseline family).
    bool allAttention() const;
    int ssmInner() const { return ssmExpand * modelDim; }
    int ssmDtRankValue() const { return ssmDtRank > 0 ? ssmDtRank : (modelDim + 15) / 16; }
    /// Parameters of one state-space mixer (in_proj, conv1d, x_proj, dt_proj, A_log, D, out_proj).
    int64_t ssmParameters() const;
    /// Parameters of one Gated DeltaNet mixer (projections, convolutions, A_log, dt_bias, o_norm).
    int64_t deltanetParameters() const;
    /// Block `block`'s attention window (0 = full causal).
    int windowAt(int block) const { return layerWindows.empty() ? 0 : layerWindows.at(size_t(block)); }
    int groupSize() const { return numHeads / numKvHeads; } ///< query heads per KV head
    int kvHeadsAt(int block) const;
    int headsAt(int block) const { return kvHeadsAt(block) * groupSize(); }
    int mlpHiddenAt(int block) const;
    /// True when some block is narrower than the full width (a structurally pruned model).
    bool isStructurallyPruned() const { return !layerKvHeads.empty() || !layerMlpHidden.empty(); }
    /// Parameters one L0 gate stands for, its own log alpha included: a head group of `block`
    /// (c_q, c_k, c_v and ve_proj rows, q_gain entries, proj columns) or an MLP unit (an fc row
    /// and a proj column). l0_target_sparsity is a share of their sum over all gates.
    int64_t headGroupParameters(int block) const;
    int64_t mlpUnitParameters() const { return 2 * int64_t(modelDim) + 1; }
    int64_t gatedParameterCount() const;
    int kvDim() const { return numKvHeads * headDim(); }
    int mlpHidden() const { return mlpMult * modelDim; }

    /// Which block runs at each virtual layer, recurrence unrolled: e.g. 6 layers with
    /// recurrence over [2,4) x2 gives 0 1 2 3 2 3 4 5.
    std::vector<int> layerSchedule() const;
    /// Encoder/decoder split of the U-Net over the virtual layers, and the skip count.
    int numEncoderLayers() const { return int(layerSchedule().size()) / 2; }
    int numDecoderLayers() const { return int(layerSchedule().size()) - numEncoderLayers(); }
    int numSkipWeights() const;

    /// The table width of the token embedding: embed_dim when factorized, else model_dim.
    int tokenTableDim() const { return embedDim > 0 ? embedDim : modelDim; }
    bool hasValueEmbedding(int block) const;

    /// Exact parameter count (closed form; tested against the real model).
    int64_t parameterCount() const;

    /// Throws Error describing the first invalid knob (e.g. heads not dividing the dimension).
    void validate() const;

    /// JSON with the official hyperparameter names in lower case (num_layers, model_dim, ...).
    nlohmann::json toJson() const;
    /// Reads what toJson writes; missing keys keep defaults; unknown keys are an Error.
    /// `validateResult` false skips validate(), for a config that is still being assembled.
    static GptConfig fromJson(const nlohmann::json &j, bool validateResult = true);
};

/// The bucket of one n-gram for a table of `buckets` rows. `hash` is "mul31" (polynomial:
/// ((p2 * 31 + p1) * 31 + c) for trigrams, (p1 * 31 + c) for bigrams) or "xor3" (c * 51647 xor
/// p1 * 27191 xor p2 * 36313); the result is the non-negative remainder mod `buckets`. A missing
/// context token (sequence start, or across a document start) is passed as `vocab`, an id no
/// token has; `p2` < 0 means a bigram. The model computes the same on whole tensors.
int64_t ngramBucket(const std::string &hash, int64_t c, int64_t p1, int64_t p2, int64_t buckets);

/// The multipliers of the hashes: "mul31"'s base, and "xor3"'s for the current token, the
/// previous one and the one before.
inline constexpr int64_t kMul31Base = 31;
inline constexpr int64_t kXor3Current = 51647, kXor3Previous = 27191, kXor3Before = 36313;

/// What structured pruning removed from a model with per-block widths, against the same model
/// at full width: "L0 gates removed 412,160 of 1,050,624 gated parameters (39.2%): head groups
/// kept per block 2 1 2 2 of 2, MLP units kept per block 301 288 250 270 of 512". "" for a
/// model at full width.
std::string structuredPruningSummary(const GptConfig &config);

/// The token mixers and attention windows of a model that is not attention with full windows
/// in every block: "token mixers per block: ssm attention ssm attention; attention windows per
/// block: 64 64 128 full". "" for the baseline family.
std::string tokenMixerSummary(const GptConfig &config);

/// The n-gram hashes golf knows, for validation and the window's choices.
const std::vector<std::string> &ngramHashes();
/// The token mixers a block can have (layer_types), for validation and the window's choices.
const std::vector<std::string> &layerTypeNames();

} // namespace Core
