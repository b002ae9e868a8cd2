// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) header: the baseline GPT of the challenge's train_gpt.py, module for module, so
// that state-dict names, shapes and order match the official script exactly (PARAMETER_GOLF.md
// §4.2). Only core .cpp files and tests include this.
//
// Shapes: B = batch, T = sequence length, D = model dim, H = heads, Hkv = KV heads,
// hd = head dim, V = vocabulary.

#include "config/gptconfig.h"
#include "model/deltanet_p.h"
#include "model/ssm_p.h"

#include <torch/torch.h>

#include <functional>

namespace Core {

/// F.rms_norm over the last dimension with PyTorch's default eps (finfo(dtype).eps).
torch::Tensor rmsNorm(const torch::Tensor &x);

/// Calibration's window on the inputs of a block's linear layers (quant/calibration.cpp): called
/// with the layer ("attn.c_q" for c_q, c_k and c_v, which share one input, "attn.proj",
/// "mlp.fc", "mlp.proj") and its input [B, T, in] just before the layer runs. Unset, as in
/// training and evaluation, it costs one test per layer call.
using LinearInputHook = std::function<void(const char *layer, const torch::Tensor &input)>;

class CausalSelfAttentionImpl : public torch::nn::Module
{
public:
    /// Block `index`'s attention (its width and window come from the config: layer_kv_heads,
    /// layer_windows); with value embeddings when the config gives this block one (ve_proj).
    CausalSelfAttentionImpl(const GptConfig &c, int index);
    /// [B,T,D] -> [B,T,D]; `ve` [B,T,value_embed_dim] is the value embedding of the tokens
    /// (undefined when the model has none).
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &ve = {});

    torch::Tensor q_gain; // [H], registered before the linears, as in Python
    torch::nn::Linear c_q{nullptr}, c_k{nullptr}, c_v{nullptr}, proj{nullptr};
    torch::nn::Linear ve_proj{nullptr}; // [kvDim, value_embed_dim], only in value_embed_layers
    torch::Tensor gate_log_alpha;       // [Hkv] head-group gates, only with l0_gates
    LinearInputHook inputHook; ///< unset except while calibrating
    at::Generator gateNoise;   ///< the model's, for training samples of the gates

private:
    int m_heads, m_kvHeads, m_headDim, m_window;
    double m_ropeBase;
    // RoPE cos/sin [T, hd/2], cached for the last T.
    int64_t m_cachedT = -1;
    torch::Tensor m_cos, m_sin;
    void ensureCaches(int64_t T, const torch::Device &device);
};
TORCH_MODULE(CausalSelfAttention);

class MlpImpl : public torch::nn::Module
{
public:
    MlpImpl(const GptConfig &c, int index);
    torch::Tensor forward(const torch::Tensor &x); // proj(relu(fc(x))^2 [* gates])

    torch::nn::Linear fc{nullptr}, proj{nullptr};
    torch::Tensor gate_log_alpha; // [hidden] unit gates, only with l0_gates
    LinearInputHook inputHook; ///< unset except while calibrating
    at::Generator gateNoise;   ///< the model's, for training samples of the gates
};
TORCH_MODULE(Mlp);

class BlockImpl : public torch::nn::Module
{
public:
    BlockImpl(const GptConfig &c, int index);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &x0, const torch::Tensor &ve = {});

    // attn_scale weighs the token mixer's output, whichever it is (the official name).
    torch::Tensor attn_scale, mlp_scale, resid_mix; // [D], [D], [2, D] (resid_mix optional)
    CausalSelfAttention attn{nullptr}; ///< the token mixer of an attention block (layer_types)
    SelectiveSsm ssm{nullptr};         ///< the token mixer of a state-space block
    GatedDeltaNet deltanet{nullptr};   ///< the token mixer of a Gated DeltaNet block
    Mlp mlp{nullptr};
};
TORCH_MODULE(Block);

class GptImpl : public torch::nn::Module
{
public:
    /// Builds the model and initialises it as the official _init_weights does (tied embedding
    /// ~ N(0, tied_embed_init_std), zero output projections, PyTorch default elsewhere). Seed
    /// torch first for reproducible weights.
    explicit GptImpl(const GptConfig &c);

    /// The input representation [B,T,D] before the first norm: the token embedding (lifted by
    /// embed_up when factorized) plus the projected n-gram embeddings.
    torch::Tensor embed(const torch::Tensor &ids);
    /// Final-normed hidden states [B,T,D] for token ids [B,T] (int64).
    torch::Tensor hidden(const torch::Tensor &ids);
    /// Softcapped logits [B,T,V] in fp32.
    torch::Tensor logits(const torch::Tensor &ids);
    /// Cross-entropy per target position [B,T] in nats (fp32), as F.cross_entropy on the
    /// softcapped fp32 logits.
    torch::Tensor tokenLosses(const torch::Tensor &ids, const torch::Tensor &targets);
    /// Mean cross-entropy over all positions: the training loss.
    torch::Tensor loss(const torch::Tensor &ids, const torch::Tensor &targets);

    const GptConfig &config() const { return m_config; }

    /// Restarts the noise of the L0 gates' training samples (l0_gates) from `seed`: the trainer
    /// seeds it per step, so a resumed run samples what the uninterrupted one did.
    void seedGateNoise(uint64_t seed);

    torch::Tensor skip_weights; // [numSkipWeights, D], only with U-Net skips
    torch::nn::Embedding tok_emb{nullptr};
    // Embedding compression (GptConfig): each only when configured.
    torch::nn::Linear embed_up{nullptr}, embed_down{nullptr}; // factorized table <-> model
    torch::nn::Embedding bigram_emb{nullptr}, trigram_emb{nullptr}, value_emb{nullptr};
    torch::nn::Linear bigram_proj{nullptr}, trigram_proj{nullptr};
    torch::nn::ModuleList blocks{nullptr};
    torch::nn::Linear lm_head{nullptr}; // only when embeddings are untied

private:
    at::Generator m_gateNoise;
    torch::Tensor rawLogits(const torch::Tensor &h); // before the softcap
    torch::Tensor headLogits(const torch::Tensor &h);
    GptConfig m_config;
    std::vector<int> m_schedule;
    std::vector<Block> m_blocks; // typed view of `blocks`
};
TORCH_MODULE(Gpt);

/// The n-gram contexts of token ids [B,T]: (previous, the one before), each int64 [B,T] with
/// `vocab` where there is none: at the sequence start, and never across a document start (a
/// token equal to `bosId` has no context; the token after it has no second one).
std::pair<torch::Tensor, torch::Tensor> ngramContexts(const torch::Tensor &ids, int64_t vocab, int bosId);
/// ngramBucket() (config/gptconfig.h) on whole tensors; `p2` undefined for bigrams.
torch::Tensor ngramBuckets(const std::string &hash, const torch::Tensor &c, const torch::Tensor &p1,
                           const torch::Tensor &p2, int64_t buckets);

/// State-dict view: official names -> tensors, in the official order.
std::vector<std::pair<std::string, torch::Tensor>> namedTensors(GptImpl &model);

} // namespace Core
