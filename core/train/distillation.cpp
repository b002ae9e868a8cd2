// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/distillation_p.h"

#include "common/error.h"
#include "model/gpt_p.h"
#include "model/model_p.h"
#include "quant/modelload.h"
#include "train/kdcache_p.h"

#include <chrono>
#include <limits>
#include <tuple>
#include <cstdio>

namespace Core {

namespace F = torch::nn::functional;

TeacherTargets topKTargets(const torch::Tensor &logits, int64_t k, double temperature)
{
    TeacherTargets t;
    std::tie(t.logits, t.indices) = logits.topk(k, -1);
    t.logNormalizer = torch::logsumexp(logits.to(torch::kFloat32) / temperature, -1);
    return t;
}

torch::Tensor distillationLoss(const torch::Tensor &studentLogits, const torch::Tensor &targets,
                               const TeacherTargets &teacher, double alpha, double temperature,
                               torch::Tensor *ce)
{
    const auto hard = F::cross_entropy(studentLogits, targets);
    if (ce)
        *ce = hard.detach();
    if (alpha >= 1.0)
        return hard;
    const auto logStudent = torch::log_softmax(studentLogits / temperature, -1);
    torch::Tensor kl;
    if (!teacher.indices.defined()) {
        // KL(p_t || p_s) = sum p_t (log p_t - log p_s) over the vocabulary.
        const auto logTeacher = torch::log_softmax(teacher.logits.to(torch::kFloat32) / temperature, -1);
        kl = (logTeacher.exp() * (logTeacher - logStudent)).sum(-1).mean();
    } else {
        check(teacher.logNormalizer.defined(), "distillation: top-k targets need the teacher's log-normaliser");
        // The k tokens with their exact probabilities, and one outcome for all other tokens.
        const auto logTeacher = teacher.logits.to(torch::kFloat32) / temperature
                                - teacher.logNormalizer.unsqueeze(-1);
        const auto pTeacher = logTeacher.exp();
        const auto pRest = (1.0 - pTeacher.sum(-1)).clamp_min(0.0).detach();
        kl = (pTeacher * (logTeacher - logStudent.gather(-1, teacher.indices))).sum(-1);
        if (teacher.indices.size(-1) < logStudent.size(-1)) { // k = V: no other token
            const auto logStudentRest =
                logStudent.scatter(-1, teacher.indices, -std::numeric_limits<float>::infinity()).logsumexp(-1);
            // p log p is 0 at p = 0 (a teacher certain of its top k): no log of zero.
            kl = kl + torch::where(pRest > 0, pRest * (pRest.clamp_min(1e-30).log() - logStudentRest),
                                   torch::zeros_like(pRest));
        }
        kl = kl.mean();
    }
    return alpha * hard + (1.0 - alpha) * temperature * temperature * kl;
}

Distiller::Distiller(const TrainConfig &cfg, torch::Device device)
    : m_cfg(cfg)
    , m_device(device)
{
    m_teacher = std::make_unique<Model>(loadModel(cfg.teacher));
    const int64_t teacherVocab = m_teacher->config().vocabSize;
    check(teacherVocab == cfg.model.vocabSize,
          "teacher " + cfg.teacher + " has a vocabulary of " + std::to_string(teacherVocab) +
              " tokens, the student " + std::to_string(cfg.model.vocabSize) +
              ": distillation needs both on the same tokenizer");
    m_teacherParams = m_teacher->parameterCount();
    auto &gpt = *m_teacher->impl().gpt;
    gpt.to(device);
    gpt.eval();
    for (auto &p : gpt.parameters())
        p.set_requires_grad(false);
    if (!cfg.kd_cache.empty()) {
        KdCache::Layout layout;
        layout.teacher = KdCache::fingerprint(cfg.teacher);
        layout.vocab = cfg.model.vocabSize;
        layout.seqLen = cfg.train_seq_len;
        layout.microTokens = cfg.train_batch_tokens / cfg.grad_accum_steps;
        layout.topK = cfg.kd_top_k;
        layout.temperature = cfg.kd_temperature;
        m_cache = std::make_unique<KdCache>(cfg.kd_cache, layout);
    }
}

Distiller::~Distiller() = default;

TeacherTargets Distiller::targets(int64_t micro, const torch::Tensor &x,
                                  const std::vector<uint16_t> &span)
{
    const auto t0 = std::chrono::steady_clock::now();
    TeacherTargets out;
    if (m_cache && m_cache->read(micro, span, out.indices, out.logits, out.logNormalizer)) {
        out.indices = out.indices.to(m_device);
        out.logits = out.logits.to(m_device);
        out.logNormalizer = out.logNormalizer.to(m_device);
        ++m_usage.cacheHits;
    } else {
        torch::NoGradGuard noGrad;
        auto logits = m_teacher->impl().gpt->logits(x);
        logits = logits.reshape({-1, logits.size(-1)});
        if (m_cfg.kd_top_k > 0) {
            out = topKTargets(logits, m_cfg.kd_top_k, m_cfg.kd_temperature);
            if (m_cache) {
                m_cache->write(micro, span, out.indices, out.logits, out.logNormalizer);
                // What later runs will read: train on the same fp16 values now, so a run's
                // result does not depend on whether its records were cached.
                out.logits = out.logits.to(torch::kFloat16).to(torch::kFloat32);
            }
        } else {
            out.logits = logits;
        }
        ++m_usage.teacherRuns;
    }
    m_usage.ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

torch::Tensor Distiller::loss(GptImpl &student, const torch::Tensor &x, const torch::Tensor &y,
                              int64_t micro, const std::vector<uint16_t> &span, torch::Tensor *ce)
{
    const TeacherTargets teacher = targets(micro, x, span);
    auto logits = student.logits(x);
    return distillationLoss(logits.reshape({-1, logits.size(-1)}), y.reshape({-1}), teacher,
                            m_cfg.kd_alpha, m_cfg.kd_temperature, ce);
}

Distiller::Usage Distiller::takeUsage()
{
    Usage u = m_usage;
    m_usage = {};
    return u;
}

std::string Distiller::description() const
{
    char buf[160];
    std::snprintf(buf, sizeof buf, " params:%lld alpha:%g temperature:%g top_k:%lld",
                  (long long)m_teacherParams, m_cfg.kd_alpha, m_cfg.kd_temperature,
                  (long long)m_cfg.kd_top_k);
    return "distillation: teacher:" + m_cfg.teacher + buf +
           (m_cache ? " cache:" + m_cache->path() : std::string(" cache:none"));
}

} // namespace Core
