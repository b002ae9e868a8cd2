// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/fisher_p.h"

#include "common/error.h"
#include "data/tokenstream.h"
#include "model/gpt_p.h"
#include "model/model.h"
#include "model/model_p.h"

namespace Core {

std::map<std::string, torch::Tensor> fisherDiagonal(Model &model, const std::vector<std::string> &names,
                                                    const std::string &trainGlob, int64_t tokens,
                                                    int64_t seqLen,
                                                    const std::function<bool(int64_t, int64_t)> &progress)
{
    check(seqLen > 0 && tokens >= seqLen, "the Fisher estimate needs at least one sequence of " +
                                              std::to_string(seqLen) + " tokens");
    auto &gpt = *model.impl().gpt;
    std::map<std::string, torch::Tensor> params;
    for (auto &[name, t] : namedTensors(gpt))
        params.emplace(name, t);
    std::map<std::string, torch::Tensor> fisher;
    for (const auto &name : names) {
        auto it = params.find(name);
        check(it != params.end(), "Fisher estimate: the model has no tensor " + name);
        fisher.emplace(name, torch::zeros_like(it->second, torch::kFloat32));
    }

    TokenStream stream(trainGlob, model.config().vocabSize);
    const int64_t sequences = tokens / seqLen;
    std::vector<uint16_t> span;
    std::vector<int64_t> ids(size_t(seqLen + 1));
    const bool wasTraining = gpt.is_training();
    gpt.eval(); // the same forward as evaluation (the model has no dropout; this is for clarity)
    for (int64_t s = 0; s < sequences; ++s) {
        if (progress && !progress(s, sequences))
            throw Error("cancelled");
        stream.nextBatch(seqLen, span);
        std::copy(span.begin(), span.end(), ids.begin());
        auto all = torch::from_blob(ids.data(), {seqLen + 1}, torch::kInt64).clone();
        const auto x = all.narrow(0, 0, seqLen).view({1, seqLen});
        const auto y = all.narrow(0, 1, seqLen).view({1, seqLen});
        gpt.zero_grad();
        gpt.loss(x, y).backward();
        torch::NoGradGuard noGrad;
        for (auto &[name, f] : fisher) {
            const auto &g = params.at(name).grad();
            if (g.defined())
                f.add_(g.to(torch::kFloat32).square());
        }
    }
    gpt.zero_grad();
    gpt.train(wasTraining);
    for (auto &[name, f] : fisher)
        f.mul_(double(seqLen) / double(sequences));
    if (progress)
        progress(sequences, sequences);
    return fisher;
}

} // namespace Core
