// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/l0penalty_p.h"

#include "common/error.h"
#include "model/gpt_p.h"
#include "model/l0gates_p.h"

#include <algorithm>
#include <cstdio>

namespace Core {

L0Penalty::L0Penalty(const TrainConfig &cfg, GptImpl &model)
    : m_targetSparsity(cfg.l0_target_sparsity)
    , m_warmup(cfg.l0_warmup_fraction)
    , m_lambdaLr(cfg.l0_lambda_lr)
{
    const GptConfig &c = model.config();
    check(c.l0Gates, "L0 penalty: the model has no gates (model.l0_gates)");
    for (int b = 0; b < c.numLayers; ++b) {
        auto &block = *model.blocks->ptr<BlockImpl>(size_t(b));
        m_gates.push_back({block.attn->gate_log_alpha, double(c.headGroupParameters(b))});
        m_gates.push_back({block.mlp->gate_log_alpha, double(c.mlpUnitParameters())});
    }
    m_totalWeight = double(c.gatedParameterCount());
}

void L0Penalty::backward(double progress)
{
    m_lastTarget = m_targetSparsity * (m_warmup > 0 ? std::min(1.0, progress / m_warmup) : 1.0);
    torch::Tensor kept;
    for (const auto &g : m_gates) {
        auto part = openProbability(g.logAlpha).sum() * g.weight;
        kept = kept.defined() ? kept + part : part;
    }
    const auto expected = 1.0 - kept / m_totalWeight;
    m_lastExpected = expected.item<double>();
    m_lastTest = testSparsity();
    // The value is the test-time sparsity (what removal takes), the gradient the expected one's
    // (straight through): gates that the noise keeps mostly closed but the test-time rule still
    // counts as open (log alpha just below -2.4) no longer leave the export a few points off.
    const auto gap = expected + (m_lastTest - m_lastExpected) - m_lastTarget;
    (m_lambda * gap * gap).backward();
}

double L0Penalty::testSparsity() const
{
    torch::NoGradGuard noGrad;
    double removed = 0;
    for (const auto &g : m_gates)
        removed += testGates(g.logAlpha).eq(0).sum().item<double>() * g.weight;
    return removed / m_totalWeight;
}

void L0Penalty::updateMultipliers()
{
    const double gap = m_lastTest - m_lastTarget;
    m_lambda += m_lambdaLr * gap * gap;
}

L0Penalty::Stats L0Penalty::stats() const
{
    Stats s;
    s.test = testSparsity();
    s.expected = m_lastExpected;
    s.target = m_lastTarget;
    s.lambda = m_lambda;
    return s;
}

std::vector<std::pair<std::string, torch::Tensor>> L0Penalty::state() const
{
    return {{"lambda", torch::tensor(m_lambda, torch::kFloat64)}};
}

void L0Penalty::loadState(const std::vector<std::pair<std::string, torch::Tensor>> &state)
{
    for (const auto &[name, t] : state) {
        check(t.numel() == 1, "L0 state: '" + name + "' is not a scalar");
        if (name == "lambda")
            m_lambda = t.item<double>();
        else
            throw Error("L0 state: unknown entry '" + name + "'");
    }
}

std::string L0Penalty::description() const
{
    int64_t gates = 0;
    for (const auto &g : m_gates)
        gates += g.logAlpha.numel();
    char buf[200];
    std::snprintf(buf, sizeof buf,
                  "l0_gates: gates:%lld gated_params:%.0f target_sparsity:%.3f warmup:%.2f lambda_lr:%g",
                  (long long)gates, m_totalWeight, m_targetSparsity, m_warmup, m_lambdaLr);
    return buf;
}

} // namespace Core
