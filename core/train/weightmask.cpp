// SPDX-License-Identifier: GPL-3.0-or-later
// The pruning-mask hook: masked weights are zero from the first step and stay exactly zero.
// Zeroing the gradient keeps the optimizer states clean (Adam's moments and Muon's momentum
// stay zero there, so nothing leaks back if the mask is lifted), and re-applying the mask after
// every step is still needed: Muon orthogonalises the whole matrix, so its update is dense.

#include "common/error.h"
#include "model/gpt_p.h"
#include "model/checkpoint_p.h"
#include "train/weightmask_p.h"
#include "train/weighthook_p.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace Core {

namespace {

class MaskHook final : public WeightHook
{
public:
    struct Entry
    {
        torch::Tensor param;
        torch::Tensor pruned; ///< bool, true where the weight is held at zero (param's device)
    };

    MaskHook(std::string path, std::vector<Entry> entries, int64_t pruned, int64_t total)
        : m_path(std::move(path))
        , m_entries(std::move(entries))
        , m_pruned(pruned)
        , m_total(total)
    {
        apply(); // start and resume: the weights are final when the trainer builds its hooks
    }

    void afterBackward(int64_t) override
    {
        for (auto &e : m_entries)
            if (e.param.grad().defined())
                e.param.mutable_grad().masked_fill_(e.pruned, 0.0);
    }

    void afterStep(int64_t) override { apply(); }

    void describe(const std::function<void(const std::string &)> &log) const override
    {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.4f", m_total ? double(m_pruned) / double(m_total) : 0.0);
        log("prune_mask:" + m_path + " tensors:" + std::to_string(m_entries.size()) +
            " sparsity:" + buf);
    }

private:
    void apply()
    {
        torch::NoGradGuard noGrad;
        // masked_fill writes +0 (a multiplication would leave -0 for negative weights).
        for (auto &e : m_entries)
            e.param.masked_fill_(e.pruned, 0.0);
    }

    std::string m_path;
    std::vector<Entry> m_entries;
    int64_t m_pruned, m_total;
};

} // namespace

NamedTensors loadMaskFile(const std::string &path, const NamedTensors &model)
{
    const std::string what = "prune_mask " + path;
    std::map<std::string, torch::Tensor> byName(model.begin(), model.end());
    NamedTensors out;
    for (const auto &[name, raw] : loadStateDict(path)) {
        const std::string where = what + ": tensor '" + name + "'";
        auto it = byName.find(name);
        check(it != byName.end(), where + " is not a tensor of the model");
        check(raw.sizes().equals(it->second.sizes()),
              where + " has shape " + sizesText(raw) + ", the model's is " + sizesText(it->second));
        check(!raw.is_complex(), where + " is complex; a mask holds 0 and 1");
        torch::Tensor t = raw.to(torch::kCPU);
        if (t.scalar_type() != torch::kBool) {
            if (t.is_floating_point()) {
                t = t.to(torch::kFloat64);
                check(torch::isfinite(t).all().item<bool>(), where + " holds non-finite values");
            }
            const torch::Tensor bad = (t != 0).logical_and(t != 1);
            if (bad.any().item<bool>()) {
                const double v = t.masked_select(bad).flatten()[0].item<double>();
                char buf[64];
                std::snprintf(buf, sizeof buf, "%g", v);
                throw Error(where + " holds values other than 0 and 1 (e.g. " + buf + ")");
            }
            t = t != 0;
        }
        out.emplace_back(name, t.contiguous());
    }
    return out;
}

std::unique_ptr<WeightHook> makeMaskHook(const TrainConfig &cfg, GptImpl &model)
{
    if (cfg.prune_mask.empty())
        return nullptr;
    const NamedTensors params = namedTensors(model);
    std::map<std::string, torch::Tensor> byName(params.begin(), params.end());
    std::vector<MaskHook::Entry> entries;
    int64_t pruned = 0, total = 0;
    for (const auto &[name, keep] : loadMaskFile(cfg.prune_mask, params)) {
        const torch::Tensor &p = byName.at(name);
        MaskHook::Entry e{p, keep.logical_not().to(p.device())};
        pruned += e.pruned.sum().item<int64_t>();
        total += keep.numel();
        entries.push_back(std::move(e));
    }
    return std::make_unique<MaskHook>(cfg.prune_mask, std::move(entries), pruned, total);
}

} // namespace Core
