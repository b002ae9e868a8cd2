// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/trainconfig.h"

#include "common/error.h"

#include <cmath>
#include <cstdio>
#include <vector>

namespace Core {

namespace {

// The flat (non-model) fields, listed once for both directions.
#define GOLF_TRAIN_FIELDS(X)                                                                       \
    X(train_files) X(val_files) X(byte_luts) X(iterations) X(train_batch_tokens) X(train_seq_len)  \
    X(grad_accum_steps) X(val_batch_size) X(val_loss_every) X(val_tokens) X(train_log_every)       \
    X(warmdown_iters) X(max_wallclock_seconds) X(embed_lr) X(head_lr) X(tied_embed_lr)             \
    X(matrix_lr) X(scalar_lr) X(muon_momentum) X(muon_backend_steps)                               \
    X(muon_momentum_warmup_start) X(muon_momentum_warmup_steps) X(muon_ns_dtype) X(beta1)          \
    X(beta2) X(adam_eps) X(grad_clip_norm) X(seed) X(device) X(threads) X(checkpoint_every) X(eval_stride) \
    X(bucket_cap_mb)                                                                               \
    X(qat_recipe) X(qat_start_fraction) X(init_checkpoint) X(prune_mask)     \
    X(teacher) X(kd_alpha) X(kd_temperature) X(kd_top_k) X(kd_cache)                             \
    X(l0_target_sparsity) X(l0_warmup_fraction) X(l0_lr) X(l0_lambda_lr)

} // namespace

void TrainConfig::validate() const
{
    model.validate();
    auto need = [](bool ok, const std::string &what) {
        check(ok, "invalid training configuration: " + what);
    };
    need(iterations >= 1, "iterations must be at least 1");
    need(train_seq_len >= 2, "train_seq_len must be at least 2");
    need(grad_accum_steps >= 1, "grad_accum_steps must be at least 1");
    need(train_batch_tokens % (grad_accum_steps * train_seq_len) == 0,
         "train_batch_tokens (" + std::to_string(train_batch_tokens)
             + ") must be a multiple of grad_accum_steps x train_seq_len ("
             + std::to_string(grad_accum_steps * train_seq_len) + ")");
    need(val_batch_size >= train_seq_len, "val_batch_size must hold at least one sequence");
    need(val_loss_every >= 0 && train_log_every >= 0 && checkpoint_every >= 0,
         "the *_every settings must not be negative");
    need(warmdown_iters >= 0, "warmdown_iters must not be negative");
    need(max_wallclock_seconds >= 0, "max_wallclock_seconds must not be negative");
    for (double lr : {embed_lr, head_lr, tied_embed_lr, matrix_lr, scalar_lr})
        need(std::isfinite(lr) && lr >= 0 && lr <= 1e6, "learning rates must be in [0, 1e6]");
    need(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && adam_eps > 0,
         "need 0 <= beta1, beta2 < 1 and adam_eps > 0");
    need(muon_backend_steps >= 1, "muon_backend_steps must be at least 1");
    need(muon_ns_dtype == "float32" || muon_ns_dtype == "bfloat16",
         "muon_ns_dtype must be float32 or bfloat16");
    need(eval_stride >= 0 && eval_stride <= train_seq_len, "eval_stride must be in 0..train_seq_len");
    need(device == "auto" || device == "cpu" || device == "cuda", "device must be auto, cpu or cuda");
    need(threads >= 0, "threads must not be negative");
    need(std::isfinite(bucket_cap_mb) && bucket_cap_mb >= 0 && bucket_cap_mb <= 4096,
         "bucket_cap_mb must be in 0..4096");
    need(qat_recipe.is_null() || qat_recipe.is_object(),
         "qat_recipe must be a recipe (a JSON object) or null");
    need(qat_start_fraction >= 0 && qat_start_fraction <= 1, "qat_start_fraction must be in [0, 1]");
    need(kd_alpha >= 0 && kd_alpha <= 1, "kd_alpha (the weight of the cross-entropy) must be in [0, 1]");
    need(std::isfinite(kd_temperature) && kd_temperature > 0 && kd_temperature <= 100,
         "kd_temperature must be in (0, 100]");
    need(kd_top_k >= 0 && kd_top_k <= model.vocabSize, "kd_top_k must be in 0..vocab_size");
    need(kd_cache.empty() || !teacher.empty(), "kd_cache needs a teacher");
    need(kd_cache.empty() || kd_top_k > 0,
         "kd_cache stores the teacher's top-k logits: set kd_top_k >= 1");
    need(l0_target_sparsity >= 0 && l0_target_sparsity < 1, "l0_target_sparsity must be in [0, 1)");
    need(l0_warmup_fraction >= 0 && l0_warmup_fraction <= 1, "l0_warmup_fraction must be in [0, 1]");
    need(std::isfinite(l0_lr) && l0_lr >= 0 && std::isfinite(l0_lambda_lr) && l0_lambda_lr >= 0,
         "l0_lr and l0_lambda_lr must be finite and >= 0");
}

std::string TrainConfig::techniqueSummary() const
{
    std::vector<std::string> parts;
    auto num = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v);
        return std::string(buf);
    };
    if (!teacher.empty())
        parts.push_back("KD a=" + num(kd_alpha) + " T=" + num(kd_temperature) +
                        (kd_top_k > 0 ? " top" + std::to_string(kd_top_k) : std::string()));
    if (model.l0Gates)
        parts.push_back("L0 " + num(100 * l0_target_sparsity) + "%");
    if (model.embedDim > 0)
        parts.push_back("factorized r=" + std::to_string(model.embedDim));
    if (model.bigramBuckets > 0)
        parts.push_back("bigram " + std::to_string(model.bigramBuckets) + "x" + std::to_string(model.ngramDim));
    if (model.trigramBuckets > 0)
        parts.push_back("trigram " + std::to_string(model.trigramBuckets) + "x" + std::to_string(model.ngramDim));
    if (model.valueEmbedDim > 0)
        parts.push_back("value emb " + std::to_string(model.valueEmbedDim));
    if (model.isStructurallyPruned())
        parts.push_back("pruned widths");
    if (!qat_recipe.is_null())
        parts.push_back("QAT");
    if (!prune_mask.empty())
        parts.push_back("pruning mask");
    std::string s;
    for (const auto &p : parts)
        s += (s.empty() ? "" : ", ") + p;
    return s;
}

nlohmann::json TrainConfig::toJson() const
{
    nlohmann::json j;
#define X(f) j[#f] = f;
    GOLF_TRAIN_FIELDS(X)
#undef X
    j["model"] = model.toJson();
    return j;
}

TrainConfig TrainConfig::fromJson(const nlohmann::json &j, bool validateResult)
{
    check(j.is_object(), "training configuration must be a JSON object");
    TrainConfig c;
    const nlohmann::json defaults = c.toJson();
    for (auto &[key, v] : j.items())
        check(defaults.contains(key), "unknown training setting '" + key + "'");
    try {
#define X(f) c.f = j.value(#f, c.f);
        GOLF_TRAIN_FIELDS(X)
#undef X
    } catch (const nlohmann::json::exception &e) {
        throw Error(std::string("training configuration: ") + e.what());
    }
    if (j.contains("model"))
        c.model = GptConfig::fromJson(j.at("model"), false);
    if (validateResult)
        c.validate();
    return c;
}

void TrainConfig::applyOverride(const std::string &assignment)
{
    const auto eq = assignment.find('=');
    check(eq != std::string::npos && eq > 0, "override '" + assignment + "' is not key=value");
    const std::string key = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    nlohmann::json value;
    try {
        value = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &) {
        value = text;
    }
    nlohmann::json j = toJson();
    if (key.rfind("model.", 0) == 0) {
        const std::string sub = key.substr(6);
        check(j["model"].contains(sub), "unknown model setting '" + sub + "'");
        j["model"][sub] = value;
    } else {
        check(j.contains(key) && key != "model", "unknown training setting '" + key + "'");
        j[key] = value;
    }
    *this = fromJson(j, false);
}

} // namespace Core
