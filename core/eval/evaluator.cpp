// SPDX-License-Identifier: GPL-3.0-or-later
#include "eval/evaluator.h"

#include "common/error.h"
#include "model/model_p.h"

#include <chrono>
#include <cmath>

namespace Core {

std::vector<EvalWindow> evalWindows(int64_t numTokens, const EvalOptions &o)
{
    const int64_t L = o.seqLen;
    const int64_t n = o.maxTokens > 0 ? std::min(numTokens, o.maxTokens) : numTokens;
    const int64_t targets = n - 1;
    std::vector<EvalWindow> windows;
    if (o.stride <= 0) {
        // Official: truncate to whole windows, floor((N-1)/L) of them.
        for (int64_t s = 0; s + L <= targets; s += L)
            windows.push_back({s, L, 0});
        return windows;
    }
    const int64_t S = o.stride;
    if (targets <= 0)
        return windows;
    windows.push_back({0, std::min(L, targets), 0});
    // Window k starts at kS and scores targets [kS + L - S, kS + L) (clipped at the end), which
    // continues exactly where the previous window stopped.
    for (int64_t ws = S; ws + L - S < targets; ws += S)
        windows.push_back({ws, std::min(L, targets - ws), L - S});
    return windows;
}

EvalResult evaluate(Model &model, const std::vector<uint16_t> &tokens, const ByteLut &lutIn,
                    const EvalOptions &o, const EvalProgress &progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    auto &gpt = model.impl().gpt;
    const int64_t V = model.config().vocabSize;
    const ByteLut lut = lutIn.paddedTo(V);
    auto windows = evalWindows(int64_t(tokens.size()), o);
    check(!windows.empty(), "not enough validation tokens for one window of "
                                + std::to_string(o.seqLen) + " (have "
                                + std::to_string(tokens.size()) + ")");
    check(o.shards >= 1 && o.shard >= 0 && o.shard < o.shards, "evaluation share out of range");
    if (o.shards > 1) {
        const size_t n = windows.size(), from = n * size_t(o.shard) / size_t(o.shards),
                     to = n * size_t(o.shard + 1) / size_t(o.shards);
        windows = std::vector<EvalWindow>(windows.begin() + long(from), windows.begin() + long(to));
    }
    int64_t total = 0;
    for (const auto &w : windows)
        total += w.length - w.scoreFrom;

    const bool wasTraining = gpt->is_training();
    gpt->eval();
    torch::NoGradGuard noGrad;
    const auto device = gpt->tok_emb->weight.device();
    const int64_t perBatch = std::max<int64_t>(1, o.batchTokens / o.seqLen);

    double lossSum = 0; // float64 accumulators, as the official code
    int64_t scored = 0, bytes = 0;
    std::vector<int64_t> in, tg;
    for (size_t i = 0; i < windows.size();) {
        // A batch holds consecutive windows of equal length (only the last may be shorter).
        const int64_t len = windows[i].length;
        size_t j = i;
        in.clear();
        tg.clear();
        while (j < windows.size() && int64_t(j - i) < perBatch && windows[j].length == len) {
            const int64_t s = windows[j].start;
            for (int64_t t = 0; t < len; ++t) {
                in.push_back(tokens[size_t(s + t)]);
                tg.push_back(tokens[size_t(s + t + 1)]);
            }
            ++j;
        }
        const int64_t B = int64_t(j - i);
        auto x = torch::from_blob(in.data(), {B, len}, torch::kInt64).to(device);
        auto y = torch::from_blob(tg.data(), {B, len}, torch::kInt64).to(device);
        auto nll = gpt->tokenLosses(x, y).to(torch::kFloat64).cpu();
        auto acc = nll.accessor<double, 2>();
        for (int64_t b = 0; b < B; ++b) {
            const auto &w = windows[i + size_t(b)];
            for (int64_t t = w.scoreFrom; t < len; ++t) {
                lossSum += acc[b][t];
                bytes += lut.tokenBytes(uint16_t(in[size_t(b * len + t)]),
                                        uint16_t(tg[size_t(b * len + t)]));
            }
            scored += len - w.scoreFrom;
        }
        i = j;
        if (progress && !progress(scored, total)) {
            if (wasTraining)
                gpt->train();
            throw Error("evaluation cancelled");
        }
    }
    if (wasTraining)
        gpt->train();
    // A share may be empty (more ranks than windows); the summed totals are checked.
    check(bytes > 0 || o.shards > 1, "the scored validation tokens carry no bytes (wrong byte LUT?)");
    return EvalResult::fromTotals(lossSum, scored, bytes,
                                  std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
}

} // namespace Core
