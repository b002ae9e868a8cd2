// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Every hyperparameter of a training run, in one place, logged into each run's config.json.
// Field names are the official train_gpt.py `Hyperparameters` names in lower case (so
// ITERATIONS=... there is `iterations` here), which is why they are snake_case; the defaults
// are the official ones unless a comment says otherwise.

#include "config/gptconfig.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace Core {

struct TrainConfig
{
    GptConfig model;

    // Data: official shard globs and the byte LUT sidecar written by golf-tokenize.
    std::string train_files = "data/datasets/fineweb10B_sp1024/fineweb_train_*.bin";
    std::string val_files = "data/datasets/fineweb10B_sp1024/fineweb_val_*.bin";
    std::string byte_luts = "data/datasets/fineweb10B_sp1024/tokenizer.luts.json";

    int64_t iterations = 20000;          ///< upper bound on steps
    int64_t train_batch_tokens = 524288; ///< tokens per optimizer step, all micro-batches
    int64_t train_seq_len = 1024;
    /// Micro-batches per step, over all ranks: each of W ranks runs grad_accum_steps / W of
    /// them (the official 8 / WORLD_SIZE), so the global batch is the same at any world size.
    int64_t grad_accum_steps = 8;
    int64_t val_batch_size = 524288;     ///< tokens per evaluation batch
    int64_t val_loss_every = 1000;       ///< 0: validate only at the end
    int64_t val_tokens = 0;              ///< cap on validation tokens; 0 = the whole split
    int64_t train_log_every = 200;
    int64_t warmdown_iters = 1200;
    double max_wallclock_seconds = 600.0; ///< 0 = no cap (warmdown by iterations: deterministic)

    double embed_lr = 0.6;        ///< untied tok_emb
    double head_lr = 0.008;       ///< untied lm_head
    double tied_embed_lr = 0.05;  ///< tied tok_emb
    double matrix_lr = 0.04;      ///< Muon
    double scalar_lr = 0.04;      ///< Adam on scales, gains, mixes, skip weights
    double muon_momentum = 0.95;
    int64_t muon_backend_steps = 5;
    double muon_momentum_warmup_start = 0.85;
    int64_t muon_momentum_warmup_steps = 500;
    std::string muon_ns_dtype = "float32"; ///< official GPU code uses bfloat16; fp32 is faster on CPU
    double beta1 = 0.9;
    double beta2 = 0.95;
    double adam_eps = 1e-8;
    double grad_clip_norm = 0.0; ///< 0 = off

    uint64_t seed = 1337;
    std::string device = "auto";  ///< "auto" (CUDA when available), "cpu" or "cuda"
    int64_t threads = 0;          ///< CPU threads for torch; 0 = all cores
    int64_t checkpoint_every = 0; ///< 0 = only the final checkpoint (and on stop)
    int64_t eval_stride = 0;      ///< >0: sliding-window validation with this stride
    /// Data-parallel gradient buckets in MiB, as DDP's bucket_cap_mb: a bucket's all-reduce
    /// starts during backward once its gradients are ready. 0: one all-reduce after backward.
    double bucket_cap_mb = 25;

    // Training for the export format (not in the official script).
    /// Quantization-aware training: a golf-recipe-v1 document (null = off). From
    /// qat_start_fraction of training on, the forward and backward passes see every weight
    /// fake-quantized as this recipe stores it (straight-through gradients, train/qat.cpp).
    nlohmann::json qat_recipe;
    double qat_start_fraction = 0.8; ///< in [0, 1]; 0 = QAT from the first step
    /// Initial weights: a model file (state dict names) loaded over the seeded initialisation
    /// when a run starts ("" = the seeded initialisation). Rewinding uses it.
    std::string init_checkpoint;
    /// Pruning mask: a state dict of 0/1 tensors for some weights ("" = none); masked weights
    /// are zero from the start and stay zero (train/weightmask.cpp).
    std::string prune_mask;

    /// Knowledge distillation (train/distillation_p.h): a teacher model file on the same
    /// tokenizer ("" = off). loss = kd_alpha * CE + (1 - kd_alpha) * T^2 * KL(teacher || student)
    /// at temperature kd_temperature. The teacher's bytes are never part of the artifact.
    std::string teacher;
    double kd_alpha = 0.5;
    double kd_temperature = 2.0;
    int64_t kd_top_k = 32;  ///< the teacher's k largest logits per position; 0 = all of them
    /// Logit cache file (train/kdcache_p.h), filled as the teacher runs and read by later runs on
    /// the same data and batch layout ("" = none: the teacher runs every step).
    std::string kd_cache;

    /// Learned structured sparsity, for a model with model.l0_gates (train/l0penalty_p.h): the
    /// share of the gated parameters (head groups and MLP units) the gates should remove.
    double l0_target_sparsity = 0.5;
    double l0_warmup_fraction = 0.3; ///< the target ramps up from 0 over this share of training
    double l0_lr = 0.2;              ///< Adam's rate on the gates' log alpha
    double l0_lambda_lr = 20.0;      ///< ascent rate of the penalty's weight

    /// The techniques this run uses beyond the plain recipe, short, for a plot legend: e.g.
    /// "KD a=0.5 T=2 top32, L0 50%, factorized r=128, bigram 2048x64, QAT"; "" for a plain run.
    std::string techniqueSummary() const;

    /// Throws Error naming the first inconsistent setting (e.g. batch not divisible).
    void validate() const;
    nlohmann::json toJson() const;
    /// Missing keys keep defaults; unknown keys are an Error (a typo never goes unnoticed).
    /// `validateResult` false skips validate(), for a config that is still being assembled.
    static TrainConfig fromJson(const nlohmann::json &j, bool validateResult = true);
    /// Applies "key=value" overrides; nested model keys as "model.num_layers=4". The value is
    /// parsed as JSON when it can be, else taken as a string. Unknown keys and wrong types
    /// throw at once, but consistency is left to validate() after the last override: settings
    /// that only agree together (seq len, batch, grad accumulation) may pass through an
    /// inconsistent state in between.
    void applyOverride(const std::string &assignment);
};

} // namespace Core
