// SPDX-License-Identifier: GPL-3.0-or-later
#include "quant/calibration_p.h"

#include "common/error.h"

#include <algorithm>

namespace Core {


Calibration::Calibration() = default;

Calibration::Calibration(std::shared_ptr<const Impl> impl)
    : d(std::move(impl))
{}

bool Calibration::empty() const
{
    return !d || d->hessians.empty();
}

bool Calibration::has(const std::string &name) const
{
    return d && d->hessians.count(name);
}

std::vector<std::string> Calibration::tensors() const
{
    return d ? d->order : std::vector<std::string>{};
}

int64_t Calibration::tokens() const
{
    return d ? d->tokens : 0;
}

std::string Calibration::label() const
{
    return d ? d->label : std::string();
}

Calibration makeCalibration(std::vector<std::pair<std::string, torch::Tensor>> hessians,
                            int64_t tokens, const std::string &label)
{
    auto impl = std::make_shared<Calibration::Impl>();
    for (auto &[name, h] : hessians) {
        check(h.dim() == 2 && h.size(0) == h.size(1),
              name + ": a calibration Hessian must be square, got " + torch::str(h.sizes()));
        impl->order.push_back(name);
        impl->hessians[name] = h.detach().to(torch::kCPU).to(torch::kFloat64);
    }
    impl->tokens = tokens;
    impl->label = label;
    return Calibration(std::move(impl));
}

torch::Tensor hessianOf(const Calibration &calibration, const std::string &name)
{
    const Calibration::Impl *d = calibration.impl();
    if (!d)
        return {};
    const auto it = d->hessians.find(name);
    return it == d->hessians.end() ? torch::Tensor() : it->second;
}

bool usesGptq(const Resolution &resolution)
{
    return std::any_of(
        resolution.tensors.begin(), resolution.tensors.end(), [](const ResolvedTensor &t) {
            return t.setting.method == QuantMethod::Gptq && t.setting.scheme != QuantScheme::Float;
        });
}

void checkGptqTensors(const Resolution &resolution, const std::vector<std::string> &calibratable)
{
    const std::set<std::string> ok(calibratable.begin(), calibratable.end());
    for (const ResolvedTensor &t : resolution.tensors) {
        if (t.setting.method != QuantMethod::Gptq || t.setting.scheme == QuantScheme::Float ||
            ok.count(t.tensor.name))
            continue;
        throw Error(t.tensor.name + " (" + sourceSummary(t) +
                    "): gptq needs a linear layer's input statistics, and this tensor is not the "
                    "weight of a calibrated linear layer (those are blocks.N.attn.c_q/c_k/c_v/"
                    "proj, blocks.N.mlp.fc/proj and an untied lm_head; tied embeddings are "
                    "not); store it with \"method\": \"rtn\"");
    }
}

} // namespace Core
