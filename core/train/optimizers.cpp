// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/optimizers_p.h"

#include "config/embeddingtensors.h"
#include "config/gatetensors.h"
#include "config/mixertensors.h"

namespace Core {

Optimizers Optimizers::official(GptImpl &gpt, const TrainConfig &cfg)
{
    Optimizers o;
    o.adam = std::make_unique<Adam>(cfg.beta1, cfg.beta2, cfg.adam_eps);
    std::vector<std::pair<std::string, torch::Tensor>> matrices;
    const double embedLr = gpt.config().tieEmbeddings ? cfg.tied_embed_lr : cfg.embed_lr;
    for (const auto &[name, p] : namedTensors(gpt)) {
        // Embedding compression's lookup tables learn like the token table (Adam, its rate);
        // its projections are matrices like a block's (Muon).
        if (name == "tok_emb.weight" || isEmbeddingTable(name))
            o.adam->add(name, p, embedLr);
        else if (isGateTensor(name))
            o.adam->add(name, p, cfg.l0_lr); // L0 gates' log alpha (train/l0penalty_p.h)
        else if (isMixerDynamicsTensor(name))
            o.adam->add(name, p, cfg.scalar_lr); // A_log, D, conv, dt bias (config/mixertensors.h)
        else if (name == "lm_head.weight")
            o.adam->add(name, p, cfg.head_lr);
        else if ((name.rfind("blocks.", 0) == 0 && p.dim() == 2 && !isControlTensor(name))
                 || isEmbeddingProjection(name))
            matrices.emplace_back(name, p);
        else
            o.adam->add(name, p, cfg.scalar_lr); // block scalars/controls and skip_weights
    }
    o.muon = std::make_unique<Muon>(matrices, cfg.matrix_lr, cfg.muon_momentum,
                                    int(cfg.muon_backend_steps), /*nesterov=*/true,
                                    cfg.muon_ns_dtype == "bfloat16" ? torch::kBFloat16
                                                                    : torch::kFloat32);
    return o;
}

void Optimizers::step(GptImpl &gpt, double lrMultiplier, double muonMomentum)
{
    muon->setMomentum(muonMomentum);
    muon->setLr(muon->baseLr() * lrMultiplier);
    adam->setLrMultiplier(lrMultiplier);
    muon->step();
    adam->step();
    for (auto &p : gpt.parameters())
        p.mutable_grad().reset();
}

} // namespace Core
