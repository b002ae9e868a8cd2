// SPDX-License-Identifier: GPL-3.0-or-later
#include "gptconfig.h"

#include "common/error.h"

#include <nlohmann/json.hpp>


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

int64_t GptConfig::parameterCount() const
{
    const int64_t d = modelDim;
    const int64_t attn = d * d /*c_q*/ + 2 * d * kvDim() /*c_k,c_v*/ + d * d /*proj*/ + numHeads;
    const int64_t mlp = 2 * d * mlpHidden();
    const int64_t perBlock = attn + mlp + 2 * d /*scales*/ + (residMix ? 2 * d : 0);
    const int64_t embed = int64_t(vocabSize) * d;
    return numLayers * perBlock + embed * (tieEmbeddings ? 1 : 2) + numSkipWeights() * d;
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
            {"recur_count", recurCount}};
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
    } catch (const nlohmann::json::exception &e) {
        throw Error(std::string("model configuration: ") + e.what());
    }
    if (validateResult)
        c.validate();
    return c;
}

} // namespace Core
