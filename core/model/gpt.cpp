// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/gpt_p.h"

#include "model/flashattention_p.h"
#include "model/fusedops_p.h"
#include "model/l0gates_p.h"

#include <ATen/CPUGeneratorImpl.h>

#include <mutex>

#include <cfloat>
#include <cmath>

namespace Core {

namespace F = torch::nn::functional;

torch::Tensor rmsNorm(const torch::Tensor &x)
{
    if (canFuse(x))
        return fusedRmsNorm(x);
    // F.rms_norm(x, (x.size(-1),)) with eps=None uses torch.finfo(x.dtype).eps.
    const double eps = x.scalar_type() == torch::kFloat64 ? DBL_EPSILON
                       : x.scalar_type() == torch::kFloat32 ? double(FLT_EPSILON)
                       : x.scalar_type() == torch::kBFloat16 ? 0.0078125
                                                             : 0.0009765625; // fp16
    return x * torch::rsqrt(x.square().mean(-1, /*keepdim=*/true) + eps);
}

// ---------------------------------------------------------------------------------------------
// Attention

CausalSelfAttentionImpl::CausalSelfAttentionImpl(const GptConfig &c, int index)
    : m_heads(c.headsAt(index))
    , m_kvHeads(c.kvHeadsAt(index))
    , m_headDim(c.headDim())
    , m_window(c.windowAt(index))
    , m_ropeBase(c.ropeBase)
{
    // Registration order = Python's: own parameter q_gain, then c_q, c_k, c_v, proj.
    const int qDim = m_heads * m_headDim, kvDim = m_kvHeads * m_headDim;
    q_gain = register_parameter("q_gain", torch::full({m_heads}, c.qkGainInit));
    auto lin = [](int in, int out) { return torch::nn::LinearOptions(in, out).bias(false); };
    c_q = register_module("c_q", torch::nn::Linear(lin(c.modelDim, qDim)));
    c_k = register_module("c_k", torch::nn::Linear(lin(c.modelDim, kvDim)));
    c_v = register_module("c_v", torch::nn::Linear(lin(c.modelDim, kvDim)));
    proj = register_module("proj", torch::nn::Linear(lin(qDim, c.modelDim)));
    if (c.hasValueEmbedding(index))
        ve_proj = register_module("ve_proj", torch::nn::Linear(lin(c.valueEmbedDim, kvDim)));
    if (c.l0Gates)
        gate_log_alpha = register_parameter(
            "gate_log_alpha", torch::full({m_kvHeads}, HardConcrete::initLogAlpha(m_kvHeads)));
}

void CausalSelfAttentionImpl::ensureCaches(int64_t T, const torch::Device &device)
{
    if (m_cachedT == T && m_cos.device() == device)
        return;
    torch::NoGradGuard noGrad;
    auto f32 = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    // inv_freq = 1 / base^(arange(0, hd, 2) / hd); freqs = outer(t, inv_freq).
    auto invFreq = 1.0 / torch::pow(m_ropeBase, torch::arange(0, m_headDim, 2, f32) / m_headDim);
    auto freqs = torch::outer(torch::arange(T, f32), invFreq);
    m_cos = freqs.cos();
    m_sin = freqs.sin();
    m_cachedT = T;
}

namespace {

// Half-split rotary embedding, official sign convention: [x1 cos + x2 sin, -x1 sin + x2 cos].
torch::Tensor applyRotary(const torch::Tensor &x, const torch::Tensor &cos, const torch::Tensor &sin)
{
    const int64_t half = x.size(-1) / 2;
    auto x1 = x.narrow(-1, 0, half);
    auto x2 = x.narrow(-1, half, half);
    return torch::cat({x1 * cos + x2 * sin, x2 * cos - x1 * sin}, -1);
}

} // namespace

torch::Tensor CausalSelfAttentionImpl::forward(const torch::Tensor &x, const torch::Tensor &ve)
{
    const int64_t B = x.size(0), T = x.size(1);
    const int64_t H = m_heads, Hkv = m_kvHeads, hd = m_headDim, G = H / Hkv;
    ensureCaches(T, x.device());
    if (inputHook)
        inputHook("attn.c_q", x);

    auto uq = c_q(x).view({B, T, H, hd});
    auto uk = c_k(x).view({B, T, Hkv, hd});
    auto vFlat = c_v(x);
    if (ve_proj)
        vFlat = vFlat + ve_proj(ve);
    torch::Tensor q, k; // [B,H,T,hd], [B,Hkv,T,hd]
    if (canFuse(uq)) {
        q = fusedQkNormRope(uq, m_cos, m_sin, q_gain); // QK-norm, RoPE and gain in one pass
        k = fusedQkNormRope(uk, m_cos, m_sin, torch::Tensor());
    } else {
        q = applyRotary(rmsNorm(uq.transpose(1, 2)), m_cos, m_sin);
        k = applyRotary(rmsNorm(uk.transpose(1, 2)), m_cos, m_sin);
        q = q * q_gain.to(q.dtype()).view({1, H, 1, 1});
    }

    // Blocked online-softmax attention (no T x T matrix) where it runs; the plain ATen
    // composition elsewhere. y: [B, T, H*hd].
    const double scale = 1.0 / std::sqrt(double(hd));
    const auto v = vFlat.view({B, T, Hkv, hd});
    auto y = canFuse(q) ? flashAttention(q, k, v, m_window, scale) : attentionReference(q, k, v, m_window, scale);
    if (gate_log_alpha.defined()) {
        // Query head h is in group h / G: the heads of a group sit side by side in y.
        const auto z = is_training() ? sampleGates(gate_log_alpha, gateNoise) : testGates(gate_log_alpha);
        y = (y.view({B, T, Hkv, G * hd}) * z.to(y.dtype()).view({1, 1, Hkv, 1})).view({B, T, H * hd});
    }
    if (inputHook)
        inputHook("attn.proj", y);
    return proj(y);
}

// ---------------------------------------------------------------------------------------------
// MLP and block

MlpImpl::MlpImpl(const GptConfig &c, int index)
{
    const int hidden = c.mlpHiddenAt(index);
    auto lin = [](int in, int out) { return torch::nn::LinearOptions(in, out).bias(false); };
    fc = register_module("fc", torch::nn::Linear(lin(c.modelDim, hidden)));
    proj = register_module("proj", torch::nn::Linear(lin(hidden, c.modelDim)));
    if (c.l0Gates)
        gate_log_alpha = register_parameter("gate_log_alpha",
                                            torch::full({hidden}, HardConcrete::initLogAlpha(hidden)));
}

torch::Tensor MlpImpl::forward(const torch::Tensor &x)
{
    if (inputHook)
        inputHook("mlp.fc", x);
    auto h = fc(x);
    auto a = canFuse(h) ? fusedReluSquare(h) : torch::relu(h).square();
    if (gate_log_alpha.defined())
        a = a * (is_training() ? sampleGates(gate_log_alpha, gateNoise) : testGates(gate_log_alpha)).to(a.dtype());
    if (inputHook)
        inputHook("mlp.proj", a);
    return proj(a);
}

BlockImpl::BlockImpl(const GptConfig &c, int index)
{
    attn_scale = register_parameter("attn_scale", torch::ones({c.modelDim}));
    mlp_scale = register_parameter("mlp_scale", torch::ones({c.modelDim}));
    if (c.residMix)
        resid_mix = register_parameter(
            "resid_mix", torch::stack({torch::ones({c.modelDim}), torch::zeros({c.modelDim})}));
    if (c.layerTypeAt(index) == "ssm")
        ssm = register_module("ssm", SelectiveSsm(c));
    else if (c.layerTypeAt(index) == "deltanet")
        deltanet = register_module("deltanet", GatedDeltaNet(c));
    else
        attn = register_module("attn", CausalSelfAttention(c, index));
    mlp = register_module("mlp", Mlp(c, index));
}

torch::Tensor BlockImpl::forward(const torch::Tensor &xIn, const torch::Tensor &x0, const torch::Tensor &ve)
{
    torch::Tensor x = xIn;
    if (resid_mix.defined())
        x = resid_mix[0] * x + resid_mix[1] * x0;
    const auto u = rmsNorm(x);
    x = x + attn_scale * (attn ? attn(u, ve) : ssm ? ssm(u) : deltanet(u));
    return x + mlp_scale * mlp(rmsNorm(x));
}

// ---------------------------------------------------------------------------------------------
// GPT

GptImpl::GptImpl(const GptConfig &c)
    : m_config(c)
    , m_schedule(c.layerSchedule())
{
    c.validate();
    // Python registers tok_emb, skip_weights, blocks, lm_head; its state_dict lists a module's
    // own parameters first, so skip_weights comes out first. libtorch orders the same way.
    // The embedding-compression modules follow tok_emb, in this order, on both sides
    // (tests/interop/golf_reference.py).
    auto lin = [](int in, int out) { return torch::nn::LinearOptions(in, out).bias(false); };
    tok_emb = register_module("tok_emb", torch::nn::Embedding(c.vocabSize, c.tokenTableDim()));
    if (c.numSkipWeights() > 0)
        skip_weights = register_parameter("skip_weights", torch::ones({c.numSkipWeights(), c.modelDim}));
    if (c.embedDim > 0) {
        embed_up = register_module("embed_up", torch::nn::Linear(lin(c.embedDim, c.modelDim)));
        if (c.tieEmbeddings)
            embed_down = register_module("embed_down", torch::nn::Linear(lin(c.modelDim, c.embedDim)));
    }
    if (c.bigramBuckets > 0) {
        bigram_emb = register_module("bigram_emb", torch::nn::Embedding(c.bigramBuckets, c.ngramDim));
        bigram_proj = register_module("bigram_proj", torch::nn::Linear(lin(c.ngramDim, c.modelDim)));
    }
    if (c.trigramBuckets > 0) {
        trigram_emb = register_module("trigram_emb", torch::nn::Embedding(c.trigramBuckets, c.ngramDim));
        trigram_proj = register_module("trigram_proj", torch::nn::Linear(lin(c.ngramDim, c.modelDim)));
    }
    if (c.valueEmbedDim > 0)
        value_emb = register_module("value_emb", torch::nn::Embedding(c.vocabSize, c.valueEmbedDim));
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < c.numLayers; ++i) {
        m_blocks.push_back(Block(c, i));
        blocks->push_back(m_blocks.back());
    }
    if (!c.tieEmbeddings)
        lm_head = register_module(
            "lm_head", torch::nn::Linear(torch::nn::LinearOptions(c.modelDim, c.vocabSize).bias(false)));

    torch::NoGradGuard noGrad;
    if (c.tieEmbeddings)
        tok_emb->weight.normal_(0.0, c.tiedEmbedInitStd);
    // Output projections start at zero (official `_zero_init`): each block begins as identity.
    m_gateNoise = at::make_generator<at::CPUGeneratorImpl>(c10::default_rng_seed_val);
    for (auto &b : m_blocks) {
        b->mlp->gateNoise = m_gateNoise;
        b->mlp->proj->weight.zero_();
        if (!b->attn)
            continue; // the other mixers zero their own output projections
        b->attn->gateNoise = m_gateNoise;
        b->attn->proj->weight.zero_();
        // Added embeddings start silent too, so every technique starts as the plain model;
        // their tables keep nn.Embedding's N(0, 1).
        if (b->attn->ve_proj)
            b->attn->ve_proj->weight.zero_();
    }
    for (auto &p : {bigram_proj, trigram_proj})
        if (p)
            p->weight.zero_();
    if (lm_head)
        lm_head->weight.zero_();
}

void GptImpl::seedGateNoise(uint64_t seed)
{
    std::lock_guard<std::mutex> lock(m_gateNoise.mutex());
    m_gateNoise.set_current_seed(seed);
}

std::pair<torch::Tensor, torch::Tensor> ngramContexts(const torch::Tensor &ids, int64_t vocab, int bosId)
{
    const int64_t T = ids.size(1);
    auto shifted = [&](int64_t by) {
        auto none = torch::full({ids.size(0), std::min(by, T)}, vocab, ids.options());
        return by >= T ? none : torch::cat({none, ids.narrow(1, 0, T - by)}, 1);
    };
    auto p1 = shifted(1), p2 = shifted(2);
    if (bosId >= 0) {
        // A BOS starts a document: it has no context, and the token after it none beyond it.
        const auto atBos = ids.eq(bosId), afterBos = p1.eq(bosId);
        p2 = torch::where(atBos.logical_or(afterBos), torch::full_like(p2, vocab), p2);
        p1 = torch::where(atBos, torch::full_like(p1, vocab), p1);
    }
    return {p1, p2};
}

torch::Tensor ngramBuckets(const std::string &hash, const torch::Tensor &c, const torch::Tensor &p1,
                           const torch::Tensor &p2, int64_t buckets)
{
    torch::Tensor h;
    if (hash == "mul31") {
        h = p2.defined() ? (p2 * kMul31Base + p1) * kMul31Base + c : p1 * kMul31Base + c;
    } else {
        h = (c * kXor3Current).bitwise_xor(p1 * kXor3Previous);
        if (p2.defined())
            h = h.bitwise_xor(p2 * kXor3Before);
    }
    return torch::remainder(h, buckets);
}

torch::Tensor GptImpl::embed(const torch::Tensor &ids)
{
    auto x = tok_emb(ids);
    if (embed_up)
        x = embed_up(x);
    if (bigram_emb || trigram_emb) {
        const auto [p1, p2] = ngramContexts(ids, m_config.vocabSize, m_config.bosId);
        if (bigram_emb)
            x = x + bigram_proj(bigram_emb(
                        ngramBuckets(m_config.bigramHash, ids, p1, {}, m_config.bigramBuckets)));
        if (trigram_emb)
            x = x + trigram_proj(trigram_emb(
                        ngramBuckets(m_config.trigramHash, ids, p1, p2, m_config.trigramBuckets)));
    }
    return x;
}

torch::Tensor GptImpl::hidden(const torch::Tensor &ids)
{
    auto x = rmsNorm(embed(ids));
    const auto x0 = x;
    const torch::Tensor ve = value_emb ? value_emb(ids) : torch::Tensor();
    const int nEnc = m_config.unetSkips ? m_config.numEncoderLayers() : 0;
    std::vector<torch::Tensor> skips;
    for (size_t i = 0; i < m_schedule.size(); ++i) {
        const int layer = int(i);
        if (layer >= nEnc && !skips.empty()) {
            // Decoder layer d adds encoder output nEnc-1-d (a stack), weighted by skip_weights[d].
            x = x + skip_weights[layer - nEnc] * skips.back();
            skips.pop_back();
        }
        x = m_blocks[size_t(m_schedule[i])]->forward(x, x0, ve);
        if (layer < nEnc)
            skips.push_back(x);
    }
    return rmsNorm(x);
}

torch::Tensor GptImpl::headLogits(const torch::Tensor &h)
{
    auto raw = rawLogits(h);
    const double cap = m_config.logitSoftcap;
    return cap * torch::tanh(raw.to(torch::kFloat32) / cap);
}

torch::Tensor GptImpl::rawLogits(const torch::Tensor &h)
{
    if (lm_head)
        return lm_head(h);
    // Tied: the same table reads the logits, through embed_down when it is narrower.
    return F::linear(embed_down ? embed_down(h) : h, tok_emb->weight);
}

torch::Tensor GptImpl::logits(const torch::Tensor &ids)
{
    return headLogits(hidden(ids));
}

torch::Tensor GptImpl::tokenLosses(const torch::Tensor &ids, const torch::Tensor &targets)
{
    auto h = hidden(ids);
    auto raw = rawLogits(h);
    if (canFuse(raw)) {
        const int64_t V = raw.size(-1);
        return fusedSoftcapCrossEntropy(raw.reshape({-1, V}), targets.reshape({-1}),
                                        m_config.logitSoftcap)
            .view(targets.sizes());
    }
    auto lg = headLogits(h);
    const int64_t V = lg.size(-1);
    auto nll = F::cross_entropy(lg.reshape({-1, V}), targets.reshape({-1}),
                                F::CrossEntropyFuncOptions().reduction(torch::kNone));
    return nll.view(targets.sizes());
}

torch::Tensor GptImpl::loss(const torch::Tensor &ids, const torch::Tensor &targets)
{
    return tokenLosses(ids, targets).mean();
}

std::vector<std::pair<std::string, torch::Tensor>> namedTensors(GptImpl &model)
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    for (const auto &item : model.named_parameters(/*recurse=*/true))
        out.emplace_back(item.key(), item.value());
    return out;
}

} // namespace Core
