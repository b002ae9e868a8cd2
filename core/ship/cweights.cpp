// SPDX-License-Identifier: GPL-3.0-or-later
#include "ship/cweights.h"

#include "common/error.h"


#include <cstdio>
#include <cstring>
#include <regex>
#include <sstream>

namespace Core {

namespace {

constexpr char kMagic[] = "GOLFC01\n";
constexpr size_t kAlign = 64;

// Every tensor golfmodel.c reads. Anything else would be silently left out of the C model's
// computation, so the export refuses it instead.
bool knownTensor(const std::string &name)
{
    static const std::regex pattern(
        R"(tok_emb\.weight|lm_head\.weight|embed_(up|down)\.weight|skip_weights|)"
        R"((bigram|trigram)_(emb|proj)\.weight|value_emb\.weight|)"
        R"(blocks\.\d+\.(attn_scale|mlp_scale|resid_mix|attn\.q_gain|)"
        R"(attn\.(c_q|c_k|c_v|proj|ve_proj)\.weight|mlp\.(fc|proj)\.weight|)"
        R"(ssm\.(A_log|D|in_proj\.weight|conv1d\.weight|conv1d\.bias|x_proj\.weight|dt_proj\.weight|dt_proj\.bias|out_proj\.weight)|)"
        R"(deltanet\.(A_log|dt_bias|[qkvabgo]_proj\.weight|[qkv]_conv1d\.weight|o_norm\.weight)))");
    return std::regex_match(name, pattern);
}

const char *floatKind(FloatType t)
{
    switch (t) {
    case FloatType::Float32: return "f32";
    case FloatType::Float16: return "f16";
    case FloatType::BFloat16: return "bf16";
    }
    return "f32";
}

std::string joined(const std::vector<int> &v)
{
    std::string s;
    for (int x : v)
        s += " " + std::to_string(x);
    return s;
}

std::string number(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Packs a tensor's codes row by row, each row padded to a multiple of 8 codes.
std::string packedCodes(const QuantizedTensor &q, int bits)
{
    const int64_t rows = q.rows(), cols = q.cols(), runs = (cols + 7) / 8;
    std::string out(size_t(rows * runs * bits), '\0');
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t k = 0; k < runs; ++k) {
            const int64_t c = k * 8;
            packCodeRun(q.codes.data() + r * cols + c, int(std::min<int64_t>(8, cols - c)), bits,
                        out.data() + (r * runs + k) * bits);
        }
    return out;
}

} // namespace

void packCodeRun(const int8_t *codes, int count, int bits, char *out)
{
    const int bias = bits == 1 ? 0 : (1 << (bits - 1)) - 1;
    uint64_t word = 0;
    for (int i = 0; i < 8; ++i) {
        const int c = i < count ? codes[i] : (bits == 1 ? 1 : 0);
        const uint64_t u = bits == 1 ? uint64_t(c > 0) : uint64_t(c + bias);
        word |= u << (i * bits);
    }
    for (int b = 0; b < bits; ++b)
        out[b] = char((word >> (8 * b)) & 0xff);
}

std::string encodeCWeights(const GptConfig &config, const std::vector<QuantizedTensor> &tensors,
                           CWeightsSummary *summary)
{
    check(!config.l0Gates, "the C export needs a model without L0 gates: load it so that its gates "
                           "are removed (golf export-c does), not the gated tensors");

    std::ostringstream header;
    header << kMagic;
    auto line = [&](const std::string &key, const std::string &value) { header << "config " << key << ' ' << value << '\n'; };
    line("vocab_size", std::to_string(config.vocabSize));
    line("model_dim", std::to_string(config.modelDim));
    line("num_heads", std::to_string(config.numHeads));
    line("num_layers", std::to_string(config.numLayers));
    line("tie_embeddings", config.tieEmbeddings ? "1" : "0");
    line("resid_mix", config.residMix ? "1" : "0");
    line("unet_skips", config.unetSkips ? "1" : "0");
    line("rope_base", number(config.ropeBase));
    line("logit_softcap", number(config.logitSoftcap));
    line("schedule", joined(config.layerSchedule()).substr(1));
    if (!config.allAttention()) {
        std::string types;
        for (int b = 0; b < config.numLayers; ++b)
            types += (b ? " " : "") + config.layerTypeAt(b);
        line("layer_types", types);
    }
    if (!config.layerWindows.empty())
        line("windows", joined(config.layerWindows).substr(1));
    if (config.embedDim > 0)
        line("embed_dim", std::to_string(config.embedDim));
    if (config.bigramBuckets > 0 || config.trigramBuckets > 0) {
        line("ngram_dim", std::to_string(config.ngramDim));
        line("bos_id", std::to_string(config.bosId));
        line("bigram_buckets", std::to_string(config.bigramBuckets));
        line("trigram_buckets", std::to_string(config.trigramBuckets));
        line("bigram_hash", config.bigramHash);
        line("trigram_hash", config.trigramHash);
    }
    if (config.valueEmbedDim > 0) {
        line("value_embed_dim", std::to_string(config.valueEmbedDim));
        line("value_embed_layers", joined(config.valueEmbedLayers).substr(1));
    }

    CWeightsSummary s;
    std::string payload;
    auto place = [&](const std::string &bytes) {
        payload.resize((payload.size() + kAlign - 1) / kAlign * kAlign, '\0');
        const size_t at = payload.size();
        payload += bytes;
        return at;
    };
    for (const QuantizedTensor &q : tensors) {
        check(knownTensor(q.name), "the C export does not know tensor " + q.name +
                                       " (golfmodel.c runs golf's GPT family)");
        const int64_t rows = q.rows(), cols = q.cols();
        if (q.setting.scheme == QuantScheme::Float) {
            const size_t at = place(q.values);
            header << "tensor " << q.name << ' ' << floatKind(q.setting.floatType) << ' ' << rows << ' ' << cols
                   << ' ' << at << ' ' << q.values.size() << '\n';
            s.floatBytes += int64_t(q.values.size());
            continue;
        }
        const int bits = q.setting.storedBits();
        const std::string codes = packedCodes(q, bits);
        const size_t at = place(codes), scalesAt = place(q.scales);
        const int64_t group = q.setting.granularity == Granularity::Tensor ? 0
                              : q.setting.granularity == Granularity::Row ? cols
                                                                           : q.setting.groupSize;
        header << "tensor " << q.name << " q" << bits << ' ' << rows << ' ' << cols << ' ' << at << ' '
               << codes.size() << ' ' << floatKind(q.setting.scaleType) << ' ' << group << ' ' << scalesAt << ' '
               << q.scales.size() << '\n';
        s.codeBytes += int64_t(codes.size());
        s.scaleBytes += int64_t(q.scales.size());
    }
    header << "end\n";
    std::string out = header.str();
    out.resize((out.size() + kAlign - 1) / kAlign * kAlign, '\0');
    out += payload;

    for (int block : config.layerSchedule())
        if (config.isAttentionBlock(block))
            s.kvBytesPerToken += 2 * int64_t(config.kvHeadsAt(block)) * config.headDim() * 4;
    s.fileBytes = int64_t(out.size());
    if (summary)
        *summary = s;
    return out;
}

} // namespace Core
