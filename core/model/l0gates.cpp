// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/l0gates_p.h"

#include "common/error.h"

#include <cmath>
#include <map>

namespace Core {

using namespace HardConcrete;

torch::Tensor sampleGates(const torch::Tensor &logAlpha, at::Generator generator)
{
    // u away from 0 and 1 so that log u and log(1 - u) stay finite.
    auto u = torch::rand(logAlpha.sizes(), generator, torch::TensorOptions().dtype(torch::kFloat32))
                 .clamp(1e-6, 1.0 - 1e-6)
                 .to(logAlpha.device());
    auto s = torch::sigmoid((u.log() - (1 - u).log() + logAlpha) / kBeta);
    return (s * (kZeta - kGamma) + kGamma).clamp(0.0, 1.0);
}

double HardConcrete::initLogAlpha(int64_t n)
{
    // n (1 - P(open)) < 1/2  <=>  log alpha > log(2n - 1) + beta log(-gamma / zeta); margin 0.5.
    return std::max(3.0, std::log(2.0 * double(n)) + kBeta * std::log(-kGamma / kZeta) + 0.5);
}

torch::Tensor testGates(const torch::Tensor &logAlpha)
{
    auto z = (torch::sigmoid(logAlpha) * (kZeta - kGamma) + kGamma).clamp(0.0, 1.0);
    const auto expectedClosed = (1.0 - openProbability(logAlpha.detach())).sum().item<double>();
    const int64_t k = std::min<int64_t>(std::llround(expectedClosed), logAlpha.numel());
    if (k > 0)
        z = z.index_fill(0, logAlpha.detach().argsort().narrow(0, 0, k), 0.0);
    return z;
}

torch::Tensor openProbability(const torch::Tensor &logAlpha)
{
    return torch::sigmoid(logAlpha - kBeta * std::log(-kGamma / kZeta));
}

namespace {

/// Indices of the open gates; a block keeps its strongest gate when all are closed.
torch::Tensor keptIndices(const torch::Tensor &z, const torch::Tensor &logAlpha)
{
    auto kept = z.gt(0).nonzero().view({-1});
    return kept.numel() > 0 ? kept : logAlpha.argmax().view({1});
}

/// The rows [i*width, (i+1)*width) of `t` for each index i, in order.
torch::Tensor groupRows(const torch::Tensor &t, const torch::Tensor &groups, int64_t width)
{
    auto rows = (groups.view({-1, 1}) * width + torch::arange(width).view({1, -1})).view({-1});
    return t.index_select(0, rows);
}

} // namespace

std::pair<GptConfig, NamedTensors> removeClosedGates(const GptConfig &config, const NamedTensors &tensors)
{
    check(config.l0Gates, "removeClosedGates: the model has no L0 gates");
    std::map<std::string, torch::Tensor> byName;
    for (const auto &[name, t] : tensors)
        byName[name] = t;
    auto need = [&](const std::string &name) -> torch::Tensor & {
        auto it = byName.find(name);
        check(it != byName.end(), "L0 gates: missing tensor " + name);
        return it->second;
    };
    torch::NoGradGuard noGrad;
    GptConfig out = config;
    out.l0Gates = false;
    out.layerKvHeads.clear();
    out.layerMlpHidden.clear();
    bool narrower = false;
    const int64_t hd = config.headDim(), G = config.groupSize();
    for (int b = 0; b < config.numLayers; ++b) {
        const std::string p = "blocks." + std::to_string(b) + ".";
        // Attention: whole head groups.
        {
            const auto logAlpha = need(p + "attn.gate_log_alpha").to(torch::kFloat32);
            const auto z = testGates(logAlpha);
            const auto kept = keptIndices(z, logAlpha);
            for (const char *rows : {"attn.c_k.weight", "attn.c_v.weight", "attn.ve_proj.weight"})
                if (byName.count(p + rows))
                    need(p + rows) = groupRows(need(p + rows), kept, hd);
            need(p + "attn.c_q.weight") = groupRows(need(p + "attn.c_q.weight"), kept, G * hd);
            need(p + "attn.q_gain") = groupRows(need(p + "attn.q_gain"), kept, G);
            auto &proj = need(p + "attn.proj.weight");
            const auto scale = z.index_select(0, kept).repeat_interleave(G * hd);
            proj = (groupRows(proj.t(), kept, G * hd).t().to(torch::kFloat32) * scale.view({1, -1}))
                       .to(proj.scalar_type())
                       .contiguous();
            out.layerKvHeads.push_back(int(kept.numel()));
            narrower = narrower || kept.numel() < logAlpha.numel();
        }
        // MLP: hidden units.
        {
            const auto logAlpha = need(p + "mlp.gate_log_alpha").to(torch::kFloat32);
            const auto z = testGates(logAlpha);
            const auto kept = keptIndices(z, logAlpha);
            need(p + "mlp.fc.weight") = need(p + "mlp.fc.weight").index_select(0, kept);
            auto &proj = need(p + "mlp.proj.weight");
            proj = (proj.index_select(1, kept).to(torch::kFloat32) * z.index_select(0, kept).view({1, -1}))
                       .to(proj.scalar_type())
                       .contiguous();
            out.layerMlpHidden.push_back(int(kept.numel()));
            narrower = narrower || kept.numel() < logAlpha.numel();
        }
    }
    if (!narrower) {
        out.layerKvHeads.clear();
        out.layerMlpHidden.clear();
    }
    NamedTensors result;
    for (const auto &[name, t] : tensors)
        if (!isGateTensor(name))
            result.emplace_back(name, byName.at(name));
    return {out, result};
}

} // namespace Core
