// SPDX-License-Identifier: GPL-3.0-or-later
#include "gptconfig.h"

#include "common/error.h"
#include "common/numbertext.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace Core {

std::vector<int> GptConfig::layerSchedule() const
{
    std::vector<int> order;
    const bool recur = recurCount > 1 && recurEnd > recurStart;
    for (int i = 0; i < numLayers; ++i) {
        order.push_back(i);
        // After the last block of the range, replay the range (recurCount - 1) more times.
        if (recur && i == recurEnd - 1)
            for (int r = 1; r < recurCount; ++r)
                for (int j = recurStart; j < recurEnd; ++j)
                    order.push_back(j);
    }
    return order;
}

int GptConfig::numSkipWeights() const
{
    return unetSkips ? std::min(numEncoderLayers(), numDecoderLayers()) : 0;
}

bool GptConfig::hasValueEmbedding(int block) const
{
    return valueEmbedDim > 0
           && std::find(valueEmbedLayers.begin(), valueEmbedLayers.end(), block) != valueEmbedLayers.end();
}

int GptConfig::kvHeadsAt(int block) const
{
    return layerKvHeads.empty() ? numKvHeads : layerKvHeads.at(size_t(block));
}

int GptConfig::mlpHiddenAt(int block) const
{
    return layerMlpHidden.empty() ? mlpHidden() : layerMlpHidden.at(size_t(block));
}

int64_t GptConfig::headGroupParameters(int block) const
{
    const int64_t d = modelDim, hd = headDim(), g = groupSize();
    const int64_t ve = hasValueEmbedding(block) ? hd * valueEmbedDim : 0;
    return 2 * g * hd * d /*c_q rows, proj columns*/ + 2 * hd * d /*c_k, c_v rows*/ + g /*q_gain*/ + ve + 1;
}

const std::string &GptConfig::layerTypeAt(int block) const
{
    static const std::string attention = "attention";
    return layerTypes.empty() ? attention : layerTypes.at(size_t(block));
}

bool GptConfig::allAttention() const
{
    return std::all_of(layerTypes.begin(), layerTypes.end(), [](const std::string &t) { return t == "attention"; });
}

int64_t GptConfig::deltanetParameters() const
{
    const int64_t d = modelDim, h = numHeads, w = int64_t(numHeads) * headDim();
    return 5 * d * w /*q, k, v, g, o*/ + 2 * d * h /*a_proj, b_proj*/ + 2 * h /*A_log, dt_bias*/
           + 3 * w * deltanetConv /*convolutions*/ + headDim() /*o_norm*/;
}

int64_t GptConfig::ssmParameters() const
{
    const int64_t d = modelDim, di = ssmInner(), n = ssmState, r = ssmDtRankValue();
    return d * 2 * di /*in_proj*/ + di * ssmConv + di /*conv1d*/ + di * (r + 2 * n) /*x_proj*/
           + r * di + di /*dt_proj*/ + di * n /*A_log*/ + di /*D*/ + di * d /*out_proj*/;
}

int64_t GptConfig::gatedParameterCount() const
{
    int64_t total = 0;
    for (int b = 0; b < numLayers; ++b)
        total += kvHeadsAt(b) * headGroupParameters(b) + mlpHiddenAt(b) * mlpUnitParameters();
    return total;
}

int64_t GptConfig::parameterCount() const
{
    const int64_t d = modelDim, v = vocabSize, r = tokenTableDim(), hd = headDim();
    int64_t total = numSkipWeights() * d;
    for (int b = 0; b < numLayers; ++b) {
        const int64_t q = int64_t(headsAt(b)) * hd, kv = int64_t(kvHeadsAt(b)) * hd;
        const int64_t attn = d * q /*c_q*/ + 2 * d * kv /*c_k,c_v*/ + q * d /*proj*/ + headsAt(b);
        const int64_t mlp = 2 * d * mlpHiddenAt(b);
        const int64_t mixer = isAttentionBlock(b) ? attn : layerTypeAt(b) == "ssm" ? ssmParameters() : deltanetParameters();
        total += mixer + mlp + 2 * d /*scales*/ + (residMix ? 2 * d : 0);
        if (hasValueEmbedding(b))
            total += kv * valueEmbedDim; // ve_proj
        if (l0Gates)
            total += kvHeadsAt(b) + mlpHiddenAt(b);
    }
    total += v * r + (tieEmbeddings ? 0 : v * d);                      // tok_emb, lm_head
    if (embedDim > 0)
        total += r * d /*embed_up*/ + (tieEmbeddings ? r * d : 0) /*embed_down*/;
    for (const int buckets : {bigramBuckets, trigramBuckets})
        if (buckets > 0)
            total += int64_t(buckets) * ngramDim + int64_t(ngramDim) * d; // table, projection
    if (valueEmbedDim > 0)
        total += v * valueEmbedDim;
    return total;
}

void GptConfig::validate() const
{
    auto need = [](bool ok, const std::string &what) {
        check(ok, "invalid model configuration: " + what);
    };
    need(vocabSize >= 2 && vocabSize <= 65536, "vocab_size must be in 2..65536 (uint16 tokens)");
    need(numLayers >= 1, "num_layers must be at least 1");
    need(modelDim >= 2, "model_dim must be at least 2");
    need(numHeads >= 1 && modelDim % numHeads == 0, "num_heads must divide model_dim");
    need(headDim() % 2 == 0, "head dimension (model_dim / num_heads) must be even for RoPE");
    need(numKvHeads >= 1 && numHeads % numKvHeads == 0, "num_kv_heads must divide num_heads");
    need(mlpMult >= 1, "mlp_mult must be at least 1");
    need(ropeBase > 0, "rope_base must be positive");
    need(logitSoftcap > 0, "logit_softcap must be positive");
    need(recurCount >= 1, "recur_count must be at least 1");
    need(recurCount == 1 || (0 <= recurStart && recurStart < recurEnd && recurEnd <= numLayers),
         "the recurrence range [recur_start, recur_end) must lie within the layers");
    need(embedDim >= 0 && embedDim < modelDim,
         "embed_dim must be 0 (off) or smaller than model_dim (a factorized table is narrower)");
    need(bigramBuckets >= 0 && trigramBuckets >= 0, "bigram_buckets and trigram_buckets must be >= 0");
    need(ngramDim >= 1, "ngram_dim must be at least 1");
    auto knownHash = [](const std::string &h) {
        const auto &all = ngramHashes();
        return std::find(all.begin(), all.end(), h) != all.end();
    };
    need(knownHash(bigramHash) && knownHash(trigramHash),
         "bigram_hash and trigram_hash must be \"mul31\" or \"xor3\"");
    need(bosId >= -1 && bosId < vocabSize, "bos_id must be a token id or -1 (no document resets)");
    need(valueEmbedDim >= 0, "value_embed_dim must be >= 0");
    need(valueEmbedDim == 0 || !valueEmbedLayers.empty(),
         "value_embed_dim needs value_embed_layers (the blocks whose values get the embedding)");
    std::vector<int> layers = valueEmbedLayers;
    std::sort(layers.begin(), layers.end());
    need(std::adjacent_find(layers.begin(), layers.end()) == layers.end()
             && (layers.empty() || (layers.front() >= 0 && layers.back() < numLayers)),
         "value_embed_layers must list distinct blocks in 0..num_layers-1");
    need(layerKvHeads.empty() || int(layerKvHeads.size()) == numLayers,
         "layer_kv_heads must list one count per block (or be empty)");
    for (int n : layerKvHeads)
        need(n >= 1 && n <= numKvHeads, "layer_kv_heads must be in 1..num_kv_heads");
    need(layerMlpHidden.empty() || int(layerMlpHidden.size()) == numLayers,
         "layer_mlp_hidden must list one width per block (or be empty)");
    for (int n : layerMlpHidden)
        need(n >= 1 && n <= mlpHidden(), "layer_mlp_hidden must be in 1..mlp_mult x model_dim");
    need(layerWindows.empty() || int(layerWindows.size()) == numLayers,
         "layer_windows must list one window per block (or be empty)");
    for (int w : layerWindows)
        need(w >= 0, "layer_windows must be >= 0 (0 = full causal attention)");
    need(layerTypes.empty() || int(layerTypes.size()) == numLayers,
         "layer_types must name one mixer per block (or be empty)");
    const auto &types = layerTypeNames();
    for (const std::string &t : layerTypes)
        need(std::find(types.begin(), types.end(), t) != types.end(),
             "layer_types entries must be \"attention\", \"ssm\" or \"deltanet\" (got \"" + t + "\")");
    need(ssmState >= 1 && ssmExpand >= 1 && ssmConv >= 1 && ssmDtRank >= 0 && deltanetConv >= 1,
         "ssm_state, ssm_expand, ssm_conv and deltanet_conv must be at least 1, ssm_dt_rank at least 0");
    for (int b = 0; b < numLayers; ++b) {
        if (isAttentionBlock(b))
            continue;
        const std::string what = "block " + std::to_string(b) + " is a " + layerTypeAt(b) + " block: ";
        need(windowAt(b) == 0, what + "it has no attention window");
        need(!hasValueEmbedding(b), what + "value embeddings go into softmax attention's values");
    }
    need(!l0Gates || allAttention(), "l0_gates gate attention heads: every block must be an attention block");
}

std::string structuredPruningSummary(const GptConfig &config)
{
    if (!config.isStructurallyPruned())
        return {};
    GptConfig full = config;
    full.layerKvHeads.clear();
    full.layerMlpHidden.clear();
    full.l0Gates = config.l0Gates;
    const int64_t all = full.gatedParameterCount(), removed = all - config.gatedParameterCount();
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.1f%%", 100.0 * double(removed) / double(all));
    std::string s = "structured pruning removed " + groupedNumber(removed) + " of " + groupedNumber(all) +
                    " gated parameters (" + pct + "): head groups kept per block";
    for (int b = 0; b < config.numLayers; ++b)
        s += " " + std::to_string(config.kvHeadsAt(b));
    s += " of " + std::to_string(config.numKvHeads) + ", MLP units kept per block";
    for (int b = 0; b < config.numLayers; ++b)
        s += " " + std::to_string(config.mlpHiddenAt(b));
    return s + " of " + std::to_string(config.mlpHidden());
}

std::string tokenMixerSummary(const GptConfig &config)
{
    std::string s;
    if (!config.allAttention()) {
        s = "token mixers per block:";
        for (const std::string &t : config.layerTypes)
            s += " " + t;
    }
    const bool windowed = std::any_of(config.layerWindows.begin(), config.layerWindows.end(), [](int w) { return w > 0; });
    if (windowed) {
        s += std::string(s.empty() ? "" : "; ") + "attention windows per block:";
        for (int b = 0; b < config.numLayers; ++b)
            s += !config.isAttentionBlock(b) ? " -" : config.windowAt(b) > 0 ? " " + std::to_string(config.windowAt(b)) : " full";
    }
    return s;
}

const std::vector<std::string> &layerTypeNames()
{
    static const std::vector<std::string> all{"attention", "ssm", "deltanet"};
    return all;
}

const std::vector<std::string> &ngramHashes()
{
    static const std::vector<std::string> all{"mul31", "xor3"};
    return all;
}

int64_t ngramBucket(const std::string &hash, int64_t c, int64_t p1, int64_t p2, int64_t buckets)
{
    int64_t h;
    if (hash == "mul31")
        h = p2 < 0 ? p1 * kMul31Base + c : (p2 * kMul31Base + p1) * kMul31Base + c;
    else
        h = (c * kXor3Current) ^ (p1 * kXor3Previous) ^ (p2 < 0 ? 0 : p2 * kXor3Before);
    return ((h % buckets) + buckets) % buckets;
}

nlohmann::json GptConfig::toJson() const
{
    return {{"vocab_size", vocabSize},         {"num_layers", numLayers},
            {"model_dim", modelDim},           {"num_heads", numHeads},
            {"num_kv_heads", numKvHeads},      {"mlp_mult", mlpMult},
            {"tie_embeddings", tieEmbeddings}, {"rope_base", ropeBase},
            {"logit_softcap", logitSoftcap},   {"qk_gain_init", qkGainInit},
            {"tied_embed_init_std", tiedEmbedInitStd},
            {"unet_skips", unetSkips},         {"resid_mix", residMix},
            {"recur_start", recurStart},       {"recur_end", recurEnd},
            {"recur_count", recurCount},
            {"embed_dim", embedDim},           {"bigram_buckets", bigramBuckets},
            {"trigram_buckets", trigramBuckets}, {"ngram_dim", ngramDim},
            {"bigram_hash", bigramHash},       {"trigram_hash", trigramHash},
            {"bos_id", bosId},                 {"value_embed_dim", valueEmbedDim},
            {"value_embed_layers", valueEmbedLayers},
            {"l0_gates", l0Gates},             {"layer_kv_heads", layerKvHeads},
            {"layer_mlp_hidden", layerMlpHidden}, {"layer_windows", layerWindows},
            {"layer_types", layerTypes},       {"ssm_state", ssmState},
            {"ssm_expand", ssmExpand},         {"ssm_conv", ssmConv},
            {"ssm_dt_rank", ssmDtRank},        {"deltanet_conv", deltanetConv}};
}

GptConfig GptConfig::fromJson(const nlohmann::json &j, bool validateResult)
{
    check(j.is_object(), "model configuration must be a JSON object");
    GptConfig c;
    const nlohmann::json defaults = c.toJson();
    for (auto &[key, v] : j.items())
        check(defaults.contains(key), "unknown model setting '" + key + "'");
    try {
        c.vocabSize = j.value("vocab_size", c.vocabSize);
        c.numLayers = j.value("num_layers", c.numLayers);
        c.modelDim = j.value("model_dim", c.modelDim);
        c.numHeads = j.value("num_heads", c.numHeads);
        c.numKvHeads = j.value("num_kv_heads", c.numKvHeads);
        c.mlpMult = j.value("mlp_mult", c.mlpMult);
        c.tieEmbeddings = j.value("tie_embeddings", c.tieEmbeddings);
        c.ropeBase = j.value("rope_base", c.ropeBase);
        c.logitSoftcap = j.value("logit_softcap", c.logitSoftcap);
        c.qkGainInit = j.value("qk_gain_init", c.qkGainInit);
        c.tiedEmbedInitStd = j.value("tied_embed_init_std", c.tiedEmbedInitStd);
        c.unetSkips = j.value("unet_skips", c.unetSkips);
        c.residMix = j.value("resid_mix", c.residMix);
        c.recurStart = j.value("recur_start", c.recurStart);
        c.recurEnd = j.value("recur_end", c.recurEnd);
        c.recurCount = j.value("recur_count", c.recurCount);
        c.embedDim = j.value("embed_dim", c.embedDim);
        c.bigramBuckets = j.value("bigram_buckets", c.bigramBuckets);
        c.trigramBuckets = j.value("trigram_buckets", c.trigramBuckets);
        c.ngramDim = j.value("ngram_dim", c.ngramDim);
        c.bigramHash = j.value("bigram_hash", c.bigramHash);
        c.trigramHash = j.value("trigram_hash", c.trigramHash);
        c.bosId = j.value("bos_id", c.bosId);
        c.valueEmbedDim = j.value("value_embed_dim", c.valueEmbedDim);
        c.valueEmbedLayers = j.value("value_embed_layers", c.valueEmbedLayers);
        c.l0Gates = j.value("l0_gates", c.l0Gates);
        c.layerKvHeads = j.value("layer_kv_heads", c.layerKvHeads);
        c.layerMlpHidden = j.value("layer_mlp_hidden", c.layerMlpHidden);
        c.layerWindows = j.value("layer_windows", c.layerWindows);
        c.layerTypes = j.value("layer_types", c.layerTypes);
        c.ssmState = j.value("ssm_state", c.ssmState);
        c.ssmExpand = j.value("ssm_expand", c.ssmExpand);
        c.ssmConv = j.value("ssm_conv", c.ssmConv);
        c.ssmDtRank = j.value("ssm_dt_rank", c.ssmDtRank);
        c.deltanetConv = j.value("deltanet_conv", c.deltanetConv);
    } catch (const nlohmann::json::exception &e) {
        throw Error(std::string("model configuration: ") + e.what());
    }
    if (validateResult)
        c.validate();
    return c;
}

} // namespace Core
