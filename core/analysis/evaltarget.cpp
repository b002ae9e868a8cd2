// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/evaltarget.h"

#include "model/checkpoint_p.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "model/model.h"
#include "model/model_p.h"
#include "quant/modelfile_p.h"
#include "quant/modelload.h"
#include "quant/sizepricer.h"
#include "quant/sizepricer_p.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <zlib.h>

namespace Core {

namespace {

class BuiltinTarget final : public EvalTarget
{
public:
    BuiltinTarget(Model &model, const SliceData *preloaded)
        : m(model)
    {
        if (preloaded)
            pinned = *preloaded;
        for (auto &[name, t] : namedTensors(*m.impl().gpt))
            params.emplace(name, t);
    }

    std::string describe() const override { return "golf's GPT"; }
    std::string evaluator() const override { return {}; }
    NamedTensors weights() override { return namedTensors(*m.impl().gpt); }
    std::unique_ptr<SizePricer> makePricer() override { return std::make_unique<SizePricer>(m); }

    void setWeight(const std::string &name, const torch::Tensor &value) override
    {
        torch::NoGradGuard noGrad;
        torch::Tensor &p = params.at(name);
        p.copy_(value.to(p.dtype()));
    }

    EvalResult score(const EvalSlice &s) override
    {
        return evaluate(m, data(s).tokens, data(s).lut, data(s).options);
    }

    EvalResult scoreFile(const std::string &path, const EvalSlice &s) override
    {
        Model reread = loadModel(path, &m.config());
        return evaluate(reread, data(s).tokens, data(s).lut, data(s).options);
    }

    Model *model() override { return &m; }

private:
    const SliceData &data(const EvalSlice &s)
    {
        if (pinned)
            return *pinned;
        if (!slice || slice->label != s.label())
            slice = loadSlice(s, m.config().vocabSize);
        return *slice;
    }

    Model &m;
    std::map<std::string, torch::Tensor> params;
    std::optional<SliceData> slice, pinned;
};

/// A digest of what decides a script's scores besides the weights: its bytes, the environment
/// overrides, the evaluation function, the LUT file and the device.
std::string scriptIdentity(const ScriptEvaluatorOptions &o)
{
    std::string id = readFile(o.script) + "\n" + o.evalFunction + "\n" + o.luts + "\n" + o.device;
    for (const auto &[k, v] : o.env)
        id += "\n" + k + "=" + v;
    char hex[32];
    std::snprintf(hex, sizeof hex, "%08lx-%zu", crc32(0L, reinterpret_cast<const Bytef *>(id.data()), uInt(id.size())),
                  id.size());
    return hex;
}

class ScriptTarget final : public EvalTarget
{
public:
    ScriptTarget(const std::string &modelFile, const ScriptEvaluatorOptions &options)
        : bridge(options)
        , script(std::filesystem::path(options.script).filename().string())
        , identity(scriptIdentity(options))
    {
        current = readModelTensors(modelFile);
        checkFits(current, modelFile);
        bridge.loadState(current);
    }

    std::string describe() const override { return bridge.describe(); }
    std::string evaluator() const override { return script; }
    std::string evaluatorId() const override { return identity; }
    NamedTensors weights() override { return current; }
    std::unique_ptr<SizePricer> makePricer() override { return std::make_unique<SizePricer>(pricerOf(current)); }

    void setWeight(const std::string &name, const torch::Tensor &value) override
    {
        for (auto &[n, t] : current)
            if (n == name) {
                check(t.sizes() == value.sizes(), name + ": a replacement of another shape");
                t = value.detach().to(t.scalar_type());
                dirty.insert(name);
                return;
            }
        throw Error(name + ": no such tensor in the model");
    }

    EvalResult score(const EvalSlice &s) override
    {
        sync();
        return bridge.evaluate(s.offset, s.tokens);
    }

    EvalResult scoreFile(const std::string &path, const EvalSlice &s) override
    {
        const NamedTensors other = readModelTensors(path);
        checkFits(other, path);
        bridge.loadState(other);
        stale = true; // the child now holds the file's weights, not ours
        return bridge.evaluate(s.offset, s.tokens);
    }

private:
    void sync()
    {
        if (stale) {
            bridge.loadState(current);
            stale = false;
            dirty.clear();
            return;
        }
        NamedTensors changed;
        for (const auto &[n, t] : current)
            if (dirty.count(n))
                changed.emplace_back(n, t);
        bridge.patch(changed);
        dirty.clear();
    }

    /// The file's tensors must be the script's model's state dict: same names, same shapes.
    void checkFits(const NamedTensors &tensors, const std::string &what) const
    {
        std::map<std::string, std::vector<int64_t>> expected;
        for (const TensorDesc &d : bridge.stateTensors())
            expected.emplace(d.name, d.shape);
        std::string unknown, missing, misshaped;
        std::set<std::string> seen;
        for (const auto &[name, t] : tensors) {
            seen.insert(name);
            const auto it = expected.find(name);
            if (it == expected.end())
                unknown += (unknown.empty() ? "" : ", ") + name;
            else if (it->second != t.sizes().vec())
                misshaped += (misshaped.empty() ? "" : ", ") + name + " " + sizesText(t);
        }
        for (const auto &[name, shape] : expected)
            if (!seen.count(name))
                missing += (missing.empty() ? "" : ", ") + name;
        if (unknown.empty() && missing.empty() && misshaped.empty())
            return;
        std::string message = what + ": its tensors do not fit the model " + script + " builds";
        if (!missing.empty())
            message += "; missing: " + missing;
        if (!unknown.empty())
            message += "; not in the model: " + unknown;
        if (!misshaped.empty())
            message += "; other shape: " + misshaped;
        throw Error(message + " (are the script's Hyperparameters, or --script-env, those of the run?)");
    }

    ScriptEvaluator bridge;
    std::string script, identity;
    NamedTensors current;
    std::set<std::string> dirty;
    bool stale = false;
};

} // namespace

std::vector<TensorDesc> EvalTarget::tensors()
{
    return describeTensors(weights());
}

std::unique_ptr<EvalTarget> builtinTarget(Model &model, const SliceData *preloaded)
{
    return std::make_unique<BuiltinTarget>(model, preloaded);
}

std::unique_ptr<EvalTarget> scriptTarget(const std::string &modelFile, const ScriptEvaluatorOptions &options)
{
    return std::make_unique<ScriptTarget>(modelFile, options);
}

} // namespace Core
