// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One training step exactly as Core::Trainer takes it (GptImpl::loss, backward, Muon on block
// matrices, Adam on the rest, grads set to none), for the interop tool and the benchmark. The
// Trainer keeps its optimizer split private, so the official split (PARAMETER_GOLF.md §4.3) is
// restated here; learning rates and betas come from TrainConfig's defaults, the official ones.

#include "model/gpt_p.h"
#include "train/adam_p.h"
#include "train/muon_p.h"
#include "train/trainconfig.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace GolfTest {

/// Official CONTROL_TENSOR_NAME_PATTERNS: block tensors that go to Adam even when 2-D.
inline bool isControlName(const std::string &name)
{
    static const char *const patterns[] = {"attn_scale", "attn_scales", "mlp_scale",
                                           "mlp_scales", "resid_mix", "resid_mixes",
                                           "q_gain", "skip_weight", "skip_weights"};
    for (const char *p : patterns)
        if (name.find(p) != std::string::npos)
            return true;
    return false;
}

struct Optimizers
{
    std::unique_ptr<Core::Muon> muon;
    std::unique_ptr<Core::Adam> adam;
};

/// Muon (Nesterov, fp32 Newton-Schulz as on CPU) for block matrices, Adam for the embedding,
/// an untied head and every scalar/control tensor, at the official learning rates.
inline Optimizers officialOptimizers(Core::GptImpl &gpt, double muonMomentum)
{
    const Core::TrainConfig cfg; // official defaults
    Optimizers o;
    o.adam = std::make_unique<Core::Adam>(cfg.beta1, cfg.beta2, cfg.adam_eps);
    std::vector<std::pair<std::string, torch::Tensor>> matrices;
    for (const auto &[name, p] : Core::namedTensors(gpt)) {
        if (name == "tok_emb.weight")
            o.adam->add(name, p, gpt.config().tieEmbeddings ? cfg.tied_embed_lr : cfg.embed_lr);
        else if (name == "lm_head.weight")
            o.adam->add(name, p, cfg.head_lr);
        else if (name.rfind("blocks.", 0) == 0 && p.dim() == 2 && !isControlName(name))
            matrices.emplace_back(name, p);
        else
            o.adam->add(name, p, cfg.scalar_lr);
    }
    o.muon = std::make_unique<Core::Muon>(matrices, cfg.matrix_lr, muonMomentum,
                                          int(cfg.muon_backend_steps), /*nesterov=*/true,
                                          torch::kFloat32);
    return o;
}

/// Forward, backward and both optimizer steps on one batch; returns the loss before the step.
inline double trainStep(Core::GptImpl &gpt, Optimizers &opt, const torch::Tensor &x,
                        const torch::Tensor &y)
{
    auto loss = gpt.loss(x, y);
    const double value = loss.item<double>();
    loss.backward();
    opt.muon->step();
    opt.adam->step();
    for (auto &p : gpt.parameters())
        p.mutable_grad().reset(); // zero_grad(set_to_none=True), as the Trainer does
    return value;
}

} // namespace GolfTest
