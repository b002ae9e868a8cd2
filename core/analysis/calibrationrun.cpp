// SPDX-License-Identifier: GPL-3.0-or-later
// Collecting GPTQ's calibration statistics: run the model over training tokens with input hooks
// on its block linears (quant/calibration.h says what H is; quant/ only holds and uses it).

#include "analysis/calibrationrun.h"

#include "common/error.h"
#include "data/shard.h"
#include "data/tokenstream.h"
#include "model/gpt_p.h"
#include "model/model.h"
#include "model/model_p.h"
#include "quant/calibration_p.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace Core {

namespace {

// The linears whose input one hook call reports ("attn.c_q" is the shared input of c_q, c_k,
// c_v), as tensor-name suffixes inside "blocks.<b>.".
const std::vector<std::pair<std::string, std::vector<std::string>>> &hookedLayers()
{
    static const std::vector<std::pair<std::string, std::vector<std::string>>> layers = {
        {"attn.c_q", {"attn.c_q", "attn.c_k", "attn.c_v"}},
        {"attn.proj", {"attn.proj"}},
        {"mlp.fc", {"mlp.fc"}},
        {"mlp.proj", {"mlp.proj"}},
    };
    return layers;
}

// sum_t x_t x_t^T in float64 and the number of rows summed, for one input.
struct InputSum
{
    torch::Tensor sum;
    int64_t rows = 0;

    void add(const torch::Tensor &input)
    {
        // x [B, T, in] -> X [B*T, in]; X^T X [in, in] in float32 per batch (an exact-enough
        // partial sum of at most batchTokens terms), accumulated in float64 across batches.
        const torch::Tensor x = input.detach().reshape({-1, input.size(-1)}).to(torch::kFloat32);
        const torch::Tensor xtx = x.t().mm(x).to(torch::kFloat64).cpu();
        sum = sum.defined() ? sum.add_(xtx) : xtx;
        rows += x.size(0);
    }
};

// Removes the hooks whatever happens, so the model runs hook-free afterwards.
struct HookGuard
{
    GptImpl &gpt;
    ~HookGuard()
    {
        for (size_t b = 0; b < gpt.blocks->size(); ++b) {
            auto block = gpt.blocks->ptr<BlockImpl>(b);
            if (block->attn)
                block->attn->inputHook = nullptr;
            block->mlp->inputHook = nullptr;
        }
    }
};

std::string blockPrefix(size_t b)
{
    return "blocks." + std::to_string(b) + ".";
}

} // namespace

std::vector<std::string> calibratableTensors(const Model &model)
{
    Gpt gpt = model.impl().gpt; // a second handle: the module accessors want non-const
    std::set<std::string> wanted;
    for (size_t b = 0; b < gpt->blocks->size(); ++b)
        for (const auto &[hook, linears] : hookedLayers())
            for (const auto &linear : linears)
                wanted.insert(blockPrefix(b) + linear + ".weight");
    if (gpt->lm_head)
        wanted.insert("lm_head.weight");
    std::vector<std::string> out;
    for (const auto &[name, t] : namedTensors(*gpt))
        if (wanted.count(name))
            out.push_back(name);
    return out;
}

Calibration collectCalibration(Model &model, const CalibrationOptions &o,
                               const std::function<bool(int64_t, int64_t)> &progress)
{
    check(!o.trainGlob.empty(), "calibration needs training shards (none given)");
    check(o.seqLen > 0 && o.tokens >= o.seqLen,
          "calibration needs at least one sequence: " + std::to_string(o.tokens) +
              " tokens of sequence length " + std::to_string(o.seqLen));
    check(o.offset >= 0, "calibration offset must be >= 0");
    // Never validation: the score is measured there (see calibration.h).
    for (const std::string &path : expandShardGlob(o.trainGlob))
        check(std::filesystem::path(path).filename().string().find("_val_") == std::string::npos,
              path + ": a validation shard; calibration reads training shards only (the score is "
                     "measured on validation tokens)");

    GptImpl &gpt = *model.impl().gpt;
    const size_t nBlocks = gpt.blocks->size();
    std::map<std::string, InputSum> sums; // "blocks.<b>.<hook layer>" or "lm_head"
    HookGuard guard{gpt};
    for (size_t b = 0; b < nBlocks; ++b) {
        auto block = gpt.blocks->ptr<BlockImpl>(b);
        const std::string prefix = blockPrefix(b);
        LinearInputHook hook = [&sums, prefix](const char *layer, const torch::Tensor &x) {
            sums[prefix + layer].add(x);
        };
        if (block->attn) // a state-space mixer's matrices are not calibrated (RTN only)
            block->attn->inputHook = hook;
        block->mlp->inputHook = hook;
    }

    TokenStream stream(o.trainGlob, model.config().vocabSize);
    std::vector<uint16_t> span;
    for (int64_t skipped = 0; skipped < o.offset;) {
        const int64_t n = std::min<int64_t>(o.offset - skipped, int64_t(1) << 20);
        span.clear();
        stream.take(n, span);
        skipped += n;
    }
    const int64_t sequences = o.tokens / o.seqLen;
    const int64_t perBatch = std::max<int64_t>(1, o.batchTokens / o.seqLen);
    torch::Device device = torch::kCPU;
    for (const auto &p : gpt.parameters()) {
        device = p.device();
        break;
    }

    torch::NoGradGuard noGrad;
    const bool wasTraining = gpt.is_training();
    gpt.eval();
    try {
        for (int64_t s = 0; s < sequences; s += perBatch) {
            if (progress && !progress(s, sequences))
                throw Error("cancelled");
            const int64_t nb = std::min(perBatch, sequences - s);
            span.clear();
            stream.take(nb * o.seqLen, span);
            const std::vector<int64_t> ids(span.begin(), span.end());
            const torch::Tensor x =
                torch::from_blob(const_cast<int64_t *>(ids.data()), {nb, o.seqLen}, torch::kInt64)
                    .to(device);
            // The final-normed hidden states are exactly lm_head's input; the head itself and
            // the loss are not needed.
            const torch::Tensor h = gpt.hidden(x);
            if (gpt.lm_head)
                sums["lm_head"].add(h);
        }
    } catch (...) {
        gpt.train(wasTraining);
        throw;
    }
    gpt.train(wasTraining);
    if (progress)
        progress(sequences, sequences);

    auto impl = std::make_shared<Calibration::Impl>();
    auto finish = [&](const std::string &key, const std::vector<std::string> &names) {
        auto it = sums.find(key);
        check(it != sums.end() && it->second.rows > 0, key + ": calibration saw no input");
        // H = (2/n) sum x x^T; shared by the linears of one input.
        const torch::Tensor H = it->second.sum * (2.0 / double(it->second.rows));
        for (const auto &name : names)
            impl->hessians[name] = H;
    };
    for (size_t b = 0; b < nBlocks; ++b)
        for (const auto &[hook, linears] : hookedLayers()) {
            std::vector<std::string> names;
            for (const auto &linear : linears)
                names.push_back(blockPrefix(b) + linear + ".weight");
            finish(blockPrefix(b) + hook, names);
        }
    if (gpt.lm_head)
        finish("lm_head", {"lm_head.weight"});
    impl->order = calibratableTensors(model);
    impl->tokens = sequences * o.seqLen;
    impl->label = "train[" + std::to_string(o.offset) + ":" +
                  std::to_string(o.offset + impl->tokens) + "] seq " + std::to_string(o.seqLen);
    return Calibration(std::move(impl));
}

} // namespace Core
