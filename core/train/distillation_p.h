// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Knowledge distillation (Hinton, Vinyals & Dean 2015): the student learns from the hard
// targets and from a teacher's softened distribution,
//
//     loss = alpha * CE(student, targets) + (1 - alpha) * T^2 * KL(p_teacher^T || p_student^T)
//
// where p^T = softmax(logits / T). The T^2 factor is the paper's: the soft term's gradient with
// respect to the logits scales as 1/T^2, so multiplying by T^2 keeps the two terms' relative
// weight what alpha says whatever the temperature (changing T then does not silently re-weight
// the mix). With a top-k teacher (what the logit cache stores) the two distributions are
// compared over k + 1 outcomes: the teacher's k most likely tokens, each with its exact
// probability (the teacher's log-normaliser over the whole vocabulary at T travels with its
// top k), and "any other token", which gets the mass left over on each side. As k grows this
// becomes the exact KL. Renormalising the teacher over its top k instead, as first written here,
// taught the student to put all its mass on those k tokens. On the demo (a 2 x 128 student for
// 150 steps, a 4 x 256 teacher, top 32 of 1,024 at T = 2, alpha 0.5) against the plain
// student's 2.6404 bpb: renormalised top 32 2.7655, top 32 plus the rest 2.5247, the full
// distribution 2.4300.

#include "config/trainconfig.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace Core {

class GptImpl;
class KdCache;
class Model;

/// A teacher's targets for one micro-batch of N positions: either its full logits [N,V]
/// (`indices` undefined) or its top k [N,k] logits with their token ids (int64) and its
/// log-normaliser at the distillation temperature, logsumexp(logits / T) over the whole
/// vocabulary [N] (fp32).
struct TeacherTargets
{
    torch::Tensor logits;
    torch::Tensor indices;
    torch::Tensor logNormalizer;
};

/// The top-k targets of full teacher logits [N,V] at temperature T.
TeacherTargets topKTargets(const torch::Tensor &logits, int64_t k, double temperature);

/// The distillation loss above on `studentLogits` [N,V] (softcapped, fp32) and `targets` [N].
/// `ce`, when given, receives the plain cross-entropy term (detached), which the trainer reports
/// as train_loss so that runs with and without a teacher plot on one scale.
torch::Tensor distillationLoss(const torch::Tensor &studentLogits, const torch::Tensor &targets,
                               const TeacherTargets &teacher, double alpha, double temperature,
                               torch::Tensor *ce = nullptr);

/// The teacher side of a training run with cfg.teacher set: the teacher model (frozen, in eval
/// mode, never counted in the student's bytes) and the optional top-k logit cache, which lets
/// later runs on the same data skip the teacher's forward pass. Time spent here is what
/// distillation costs per step.
class Distiller
{
public:
    /// Checks the teacher file and opens (or creates) cfg.kd_cache. Throws Error with the file's
    /// name when the teacher cannot be read, its vocabulary differs from the student's, or the
    /// cache belongs to another teacher or batch layout.
    Distiller(const TrainConfig &cfg, torch::Device device);
    ~Distiller();

    /// The teacher's targets for micro-batch number `micro` (counted over the whole run: step x
    /// grad_accum_steps + index) with inputs `x` [B,L] on the training device and `span` the
    /// B*L + 1 tokens they came from (the cache checks its record against them).
    TeacherTargets targets(int64_t micro, const torch::Tensor &x, const std::vector<uint16_t> &span);

    /// The loss for one micro-batch (see distillationLoss), from the student's logits.
    torch::Tensor loss(GptImpl &student, const torch::Tensor &x, const torch::Tensor &y,
                       int64_t micro, const std::vector<uint16_t> &span, torch::Tensor *ce);

    /// Milliseconds spent on the teacher side (teacher forward or cache read) since the last
    /// call, and the cache records read in that time.
    struct Usage
    {
        double ms = 0;
        int64_t cacheHits = 0;
        int64_t teacherRuns = 0;
    };
    Usage takeUsage();

    /// One train.log line saying what distillation does.
    std::string description() const;

private:
    TrainConfig m_cfg;
    torch::Device m_device;
    int64_t m_teacherParams = 0;
    std::unique_ptr<Model> m_teacher;
    std::unique_ptr<KdCache> m_cache;
    Usage m_usage;
};

} // namespace Core
