// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/checkpoint_p.h"
#include "model/torchfile_p.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace Core {

std::string dtypeName(torch::ScalarType type)
{
    switch (type) {
    case torch::kFloat32: return "float32";
    case torch::kFloat64: return "float64";
    case torch::kFloat16: return "float16";
    case torch::kBFloat16: return "bfloat16";
    case torch::kInt8: return "int8";
    case torch::kUInt8: return "uint8";
    case torch::kInt16: return "int16";
    case torch::kInt32: return "int32";
    case torch::kInt64: return "int64";
    case torch::kBool: return "bool";
    default: return c10::toString(type);
    }
}

void savePickledDict(const std::string &path, const c10::impl::GenericDict &dict)
{
    const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
    writeFileAtomic(path, std::string_view(bytes.data(), bytes.size()));
}

c10::impl::GenericDict loadPickledDict(const std::string &path)
{
    // Our own restricted unpickler: libtorch 1.13's torch::pickle_load turns OrderedDict (every
    // torch.save(model.state_dict())) into None and cannot read one-entry dicts or lists.
    // Errors name the file: "not a readable torch.save file (...)" for corrupt input.
    const c10::IValue value = loadTorchFile(path);
    check(value.isGenericDict(), path + ": expected a dict of tensors, found " + value.tagKind());
    return value.toGenericDict();
}

void saveStateDict(const std::string &path, const NamedTensors &tensors)
{
    c10::impl::GenericDict dict(c10::StringType::get(), c10::AnyType::get());
    for (const auto &[name, t] : tensors)
        dict.insert(name, t.detach().to(torch::kCPU).contiguous());
    savePickledDict(path, dict);
}

NamedTensors loadStateDict(const std::string &path)
{
    NamedTensors out;
    for (const auto &item : loadPickledDict(path)) {
        check(item.key().isString(), path + ": state dict has a non-string key");
        check(item.value().isTensor(),
              path + ": entry '" + item.key().toStringRef() + "' is not a tensor");
        out.emplace_back(item.key().toStringRef(), item.value().toTensor());
    }
    check(!out.empty(), path + ": the state dict is empty");
    return out;
}

std::vector<TensorDesc> describeTensors(const NamedTensors &tensors)
{
    std::vector<TensorDesc> out;
    for (const auto &[name, t] : tensors)
        out.push_back({name, t.sizes().vec(), t.numel(), dtypeName(t.scalar_type())});
    return out;
}

std::string sizesText(const torch::Tensor &t)
{
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i)
        s += (i ? "," : "") + std::to_string(t.size(i));
    return s + "]";
}

namespace {
std::string joinNames(const std::vector<std::string> &names, size_t max = 6)
{
    std::string s;
    for (size_t i = 0; i < names.size() && i < max; ++i)
        s += (i ? ", " : "") + names[i];
    if (names.size() > max)
        s += ", ... (" + std::to_string(names.size()) + " in all)";
    return s;
}
} // namespace

void assignStrict(const NamedTensors &target, const NamedTensors &source, const std::string &what)
{
    std::map<std::string, torch::Tensor> src(source.begin(), source.end());
    std::vector<std::string> missing, mismatched, unknown;
    std::set<std::string> wanted;
    for (const auto &[name, t] : target) {
        wanted.insert(name);
        auto it = src.find(name);
        if (it == src.end())
            missing.push_back(name);
        else if (!it->second.sizes().equals(t.sizes()))
            mismatched.push_back(name + " " + sizesText(it->second) + " vs model " + sizesText(t));
    }
    for (const auto &[name, t] : source)
        if (!wanted.count(name))
            unknown.push_back(name);
    std::string problems;
    if (!unknown.empty())
        problems += "\n  unknown tensors: " + joinNames(unknown);
    if (!missing.empty())
        problems += "\n  missing tensors: " + joinNames(missing);
    if (!mismatched.empty())
        problems += "\n  shape mismatches: " + joinNames(mismatched);
    check(problems.empty(), what + " does not fit the model:" + problems);
    torch::NoGradGuard noGrad;
    for (const auto &[name, t] : target)
        t.copy_(src.at(name).to(t.scalar_type()));
}

GptConfig inferConfig(const NamedTensors &tensors, const std::string &what)
{
    std::map<std::string, torch::Tensor> m(tensors.begin(), tensors.end());
    auto need = [&](const std::string &name) -> const torch::Tensor & {
        auto it = m.find(name);
        check(it != m.end(), what + ": cannot infer the model shape: no tensor '" + name + "'");
        return it->second;
    };
    GptConfig c;
    const auto &emb = need("tok_emb.weight");
    check(emb.dim() == 2, what + ": tok_emb.weight must be 2-D");
    c.vocabSize = int(emb.size(0));
    // The model's width is the blocks'; a narrower token table is a factorized one.
    c.modelDim = int(m.count("blocks.0.attn_scale") ? m.at("blocks.0.attn_scale").numel() : emb.size(1));
    if (emb.size(1) < c.modelDim)
        c.embedDim = int(emb.size(1));
    const std::regex blockName(R"(blocks\.(\d+)\..*)");
    int layers = 0;
    for (const auto &[name, t] : tensors) {
        std::smatch sm;
        if (std::regex_match(name, sm, blockName))
            layers = std::max(layers, std::stoi(sm[1]) + 1);
    }
    check(layers > 0, what + ": no blocks.N.* tensors");
    c.numLayers = layers;
    // Token mixers: a block with ssm.* tensors is a state-space layer; its shape comes from them.
    int firstAttention = -1;
    for (int b = 0; b < layers; ++b) {
        const std::string p = "blocks." + std::to_string(b) + ".ssm.";
        const std::string dn = "blocks." + std::to_string(b) + ".deltanet.";
        const bool ssm = m.count(p + "A_log") > 0, deltanet = m.count(dn + "A_log") > 0;
        c.layerTypes.push_back(ssm ? "ssm" : deltanet ? "deltanet" : "attention");
        if (!ssm && !deltanet && firstAttention < 0)
            firstAttention = b;
        if (deltanet)
            c.deltanetConv = int(need(dn + "q_conv1d.weight").size(-1));
        if (ssm) {
            const auto &aLog = need(p + "A_log");
            check(aLog.dim() == 2 && aLog.size(0) % c.modelDim == 0,
                  what + ": " + p + "A_log does not fit a state-space layer of width " + std::to_string(c.modelDim));
            c.ssmExpand = int(aLog.size(0) / c.modelDim);
            c.ssmState = int(aLog.size(1));
            c.ssmConv = int(need(p + "conv1d.weight").size(-1));
            c.ssmDtRank = int(need(p + "dt_proj.weight").size(1));
        }
    }
    if (c.allAttention())
        c.layerTypes.clear(); // attention everywhere: the default
    // The head width is c_q's rows per q_gain entry, so it is known even when every block lost
    // heads to structured pruning; the full head counts follow from it. Without attention, a
    // DeltaNet block's o_norm has the head width; with neither, the layout is moot: one head.
    int64_t hd = c.modelDim;
    c.numHeads = c.numKvHeads = 1;
    const auto firstDeltanet = std::find(c.layerTypes.begin(), c.layerTypes.end(), "deltanet");
    if (firstAttention < 0 && firstDeltanet != c.layerTypes.end()) {
        const std::string p = "blocks." + std::to_string(firstDeltanet - c.layerTypes.begin()) + ".deltanet.";
        hd = need(p + "o_norm.weight").numel();
        check(hd > 0 && c.modelDim % hd == 0, what + ": " + p + "o_norm.weight does not fit the model width");
        c.numHeads = c.numKvHeads = int(c.modelDim / hd);
    }
    if (firstAttention >= 0) {
        const std::string p = "blocks." + std::to_string(firstAttention) + ".attn.";
        const int64_t qRows = need(p + "c_q.weight").size(0), kvRows = need(p + "c_k.weight").size(0),
                      heads0 = need(p + "q_gain").numel();
        check(heads0 > 0 && qRows % heads0 == 0 && qRows > 0 && kvRows > 0 && qRows % kvRows == 0
                  && c.modelDim % (qRows / heads0) == 0,
              what + ": the attention tensors of block " + std::to_string(firstAttention)
                  + " do not fit any head layout");
        hd = qRows / heads0;
        c.numHeads = int(c.modelDim / hd);
        c.numKvHeads = int(c.numHeads / (qRows / kvRows));
    }
    int64_t widest = 0;
    for (int b = 0; b < layers; ++b) {
        const std::string p = "blocks." + std::to_string(b) + ".";
        c.layerKvHeads.push_back(c.isAttentionBlock(b) ? int(need(p + "attn.c_k.weight").size(0) / hd) : c.numKvHeads);
        c.layerMlpHidden.push_back(int(need(p + "mlp.fc.weight").size(0)));
        widest = std::max<int64_t>(widest, c.layerMlpHidden.back());
    }
    c.mlpMult = int(std::max<int64_t>(1, (widest + c.modelDim - 1) / c.modelDim));
    auto allEqual = [](const std::vector<int> &v, int full) {
        return std::all_of(v.begin(), v.end(), [&](int n) { return n == full; });
    };
    if (allEqual(c.layerKvHeads, c.numKvHeads) && allEqual(c.layerMlpHidden, c.mlpHidden())) {
        c.layerKvHeads.clear();
        c.layerMlpHidden.clear();
    }
    c.l0Gates = m.count("blocks.0.attn.gate_log_alpha") > 0;
    c.tieEmbeddings = !m.count("lm_head.weight");
    c.residMix = m.count("blocks.0.resid_mix") > 0;
    c.unetSkips = m.count("skip_weights") > 0;
    // Embedding compression: sizes from the tables; the hashes and the BOS id are not in the
    // tensors and keep their defaults (config.json beside a run's checkpoint has them).
    for (auto [table, buckets] : {std::pair{"bigram_emb.weight", &c.bigramBuckets},
                                  std::pair{"trigram_emb.weight", &c.trigramBuckets}})
        if (m.count(table) && m.at(table).dim() == 2) {
            *buckets = int(m.at(table).size(0));
            c.ngramDim = int(m.at(table).size(1));
        }
    if (m.count("value_emb.weight") && m.at("value_emb.weight").dim() == 2) {
        c.valueEmbedDim = int(m.at("value_emb.weight").size(1));
        for (int b = 0; b < layers; ++b)
            if (m.count("blocks." + std::to_string(b) + ".attn.ve_proj.weight"))
                c.valueEmbedLayers.push_back(b);
    }
    c.validate();
    return c;
}

} // namespace Core
