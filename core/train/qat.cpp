// SPDX-License-Identifier: GPL-3.0-or-later
// Late QAT: fake-quantize with the export's arithmetic before the forward pass, put the latent
// weights back after the backward pass (straight-through estimator). train/qat.h says what it
// does and why; this file is the mechanics.

#include "train/qat.h"

#include "config/gatetensors.h"

#include "common/error.h"
#include "model/gpt_p.h"
#include "model/model_p.h"
#include "quant/quantizer_p.h"
#include "recipe/recipe.h"
#include "train/weighthook_p.h"

#include <cmath>
#include <map>

namespace Core {

namespace {

constexpr const char *kKey = "qat_recipe";

bool isIdentity(const QuantSetting &s)
{
    return s.scheme == QuantScheme::Float && s.floatType == FloatType::Float32 &&
           s.prune == PruneMode::None;
}

/// Recipe::fromJson and resolve, with every error starting with the config key.
Resolution resolveQat(const nlohmann::json &json, const std::vector<TensorDesc> &tensors,
                      Recipe &recipe)
{
    check(json.is_object(), std::string(kKey) + ": must be a golf-recipe-v1 object");
    recipe = Recipe::fromJson(json, kKey); // errors read "qat_recipe: defaults.quant: ..."
    try {
        return recipe.resolve(tensors);
    } catch (const Error &e) {
        const std::string what = e.what();
        throw Error(what.rfind(kKey, 0) == 0 ? what : std::string(kKey) + ": " + what);
    }
}

/// "int4-row" as is; a name with spaces quoted, so a log line stays key:value parsable.
std::string logName(const std::string &name)
{
    return name.find(' ') == std::string::npos ? name : "\"" + name + "\"";
}

class QatHook final : public WeightHook
{
public:
    QatHook(const TrainConfig &cfg, GptImpl &model)
        : m_start(cfg.qat_start_fraction)
        , m_startStep(qatStartStep(cfg.qat_start_fraction, cfg.iterations))
        , m_iterations(cfg.iterations)
        , m_wallclock(cfg.max_wallclock_seconds > 0)
    {
        const QatPlan plan = planQat(cfg.qat_recipe, tensorDescs(model));
        m_name = plan.recipeName;
        m_gptq = plan.gptqTensors;
        std::map<std::string, torch::Tensor> params;
        for (const auto &[name, t] : namedTensors(model))
            params.emplace(name, t);
        for (auto [name, s] : plan.tensors) {
            s.method = QuantMethod::Rtn; // see qat.h: GPTQ is the export's choice
            m_targets.push_back({name, params.at(name), s, {}});
        }
    }

    ~QatHook() override
    {
        // An exception between the passes (an interrupted step) must not leave quantized
        // weights in a model someone may still save.
        if (m_applied)
            restore(m_targets.size());
    }

    void describe(const std::function<void(const std::string &)> &log) const override
    {
        // WeightHook gives no logger to beforeForward, so "qat:on" goes through this one: it
        // stays valid for the hook's life and writes to the current run's log (weighthook_p.h).
        m_log = log;
        std::string line = "qat: recipe:" + logName(m_name) +
                           " method:rtn tensors:" + std::to_string(m_targets.size()) +
                           " start_fraction:" + fmtFraction(m_start) +
                           " start_step:" + std::to_string(m_startStep) + "/" +
                           std::to_string(m_iterations);
        if (m_wallclock)
            line += " (or earlier by the wall-clock cap)";
        log(line);
        if (m_gptq > 0)
            log("qat: " + std::to_string(m_gptq) +
                " tensors are exported with gptq; training fake-quantizes them by round to "
                "nearest");
    }

    void beforeForward(int64_t step, double progress) override
    {
        if (progress < m_start || m_targets.empty())
            return;
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < m_targets.size(); ++i) {
            Target &t = m_targets[i];
            torch::Tensor fake;
            try {
                fake = dequantize(quantize(t.name, t.param, t.setting));
            } catch (...) {
                // Non-finite weights: leave them as they are, so the loss turns NaN and the
                // trainer reports divergence as it does without QAT. Anything else is a bug
                // worth the error, with the weights put back first.
                if (!torch::isfinite(t.param).all().item<bool>())
                    continue;
                restore(i);
                throw;
            }
            if (!t.latent.defined())
                t.latent = torch::empty_like(t.param); // allocated once, at the first QAT step
            t.latent.copy_(t.param);
            t.param.copy_(fake);
            t.saved = true;
        }
        m_applied = true;
        if (!m_announced && m_log) {
            m_log("qat:on step:" + std::to_string(step) + " recipe:" + logName(m_name) +
                  " tensors:" + std::to_string(m_targets.size()));
        }
        m_announced = true;
    }

    void afterBackward(int64_t) override
    {
        if (m_applied)
            restore(m_targets.size());
    }

private:
    struct Target
    {
        std::string name;
        torch::Tensor param; ///< the model's parameter (shares its storage)
        QuantSetting setting;
        torch::Tensor latent; ///< the fp32 weight while the parameter holds the quantized one
        bool saved = false;
    };

    /// Puts the latent weights of the first `count` targets back (bitwise: a plain copy).
    void restore(size_t count)
    {
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < count; ++i) {
            if (m_targets[i].saved)
                m_targets[i].param.copy_(m_targets[i].latent);
            m_targets[i].saved = false;
        }
        m_applied = false;
    }

    static std::string fmtFraction(double f)
    {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", f);
        return buf;
    }

    std::vector<Target> m_targets;
    std::string m_name;
    int m_gptq = 0;
    double m_start;
    int64_t m_startStep, m_iterations;
    bool m_wallclock;
    bool m_applied = false;   ///< the parameters hold fake-quantized weights now
    bool m_announced = false; ///< "qat:on" logged in this session
    mutable std::function<void(const std::string &)> m_log;
};

} // namespace

QatPlan planQat(const nlohmann::json &json, const std::vector<TensorDesc> &tensors)
{
    Recipe recipe;
    const Resolution res = resolveQat(json, tensors, recipe);
    QatPlan plan;
    plan.recipeName = recipe.name.empty() ? "unnamed" : recipe.name;
    for (const ResolvedTensor &t : res.tensors) {
        // L0 gates are never exported (removal folds them into the projections), so QAT has
        // nothing to prepare them for.
        if (isIdentity(t.setting) || isGateTensor(t.tensor.name))
            continue;
        plan.gptqTensors +=
            t.setting.method != QuantMethod::Rtn && t.setting.scheme != QuantScheme::Float;
        plan.tensors.emplace_back(t.tensor.name, t.setting);
    }
    return plan;
}

int64_t qatStartStep(double fraction, int64_t iterations)
{
    // The trainer's progress is double(step) / double(iterations); search around the estimate
    // so rounding cannot put the answer one step off.
    int64_t s = std::max<int64_t>(0, int64_t(std::ceil(fraction * double(iterations))) - 1);
    while (s > 0 && double(s - 1) / double(iterations) >= fraction)
        --s;
    while (s < iterations && double(s) / double(iterations) < fraction)
        ++s;
    return s;
}

std::unique_ptr<WeightHook> makeQatHook(const TrainConfig &cfg, GptImpl &model)
{
    if (cfg.qat_recipe.is_null())
        return nullptr;
    return std::make_unique<QatHook>(cfg, model);
}

} // namespace Core
