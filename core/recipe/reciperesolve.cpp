// SPDX-License-Identifier: GPL-3.0-or-later
// Recipe::resolve: the cascade from defaults through every matching rule, per-key sources,
// warnings for rules that match nothing or have no effect, and the official classification.

#include "recipe/recipe.h"
#include "recipe/namepattern.h"
#include "recipe/recipe_p.h"

#include "common/error.h"
#include "config/controltensors.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace Core {

using namespace RecipeDetail;

namespace {

size_t editDistance(const std::string &a, const std::string &b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// Up to three tensor names that look like `name` (a typo, a missing ".weight", a layer index
// the model does not have).
std::vector<std::string> closeNames(const std::string &name, const std::vector<TensorDesc> &tensors)
{
    std::vector<std::pair<size_t, std::string>> scored;
    const size_t limit = std::max<size_t>(3, name.size() / 4);
    for (const TensorDesc &t : tensors) {
        const size_t d = editDistance(name, t.name);
        if (d <= limit || t.name.find(name) != std::string::npos)
            scored.emplace_back(d, t.name);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (size_t i = 0; i < scored.size() && i < 3; ++i)
        out.push_back(scored[i].second);
    return out;
}

std::vector<std::pair<std::string, int>> sourcesFor(const QuantSetting &s,
                                                    const std::map<std::string, int> &setBy)
{
    const nlohmann::json canonical = s.toJson();
    std::vector<std::pair<std::string, int>> out;
    for (const char *key : kSettingKeys) {
        if (!canonical.contains(key))
            continue;
        const auto it = setBy.find(key);
        out.emplace_back(key, it == setBy.end() ? kFromDefaults : it->second);
    }
    return out;
}

// The official classification (PARAMETER_GOLF.md §5.1) of one float tensor.
QuantSetting officialSetting(const TensorDesc &t, std::vector<std::string> &warnings)
{
    QuantSetting s;
    if (t.numel <= kKeepFloatMaxNumel) {
        s.scheme = QuantScheme::Float;
        // Control tensors stay fp32; fp32 and bf16 go to fp16; fp16 (and fp64) are kept as they
        // are.
        s.floatType =
            isControlTensor(t.name) || t.dtype == "float64" ? FloatType::Float32 : FloatType::Float16;
        s.bits = s.floatType == FloatType::Float32 ? 32 : 16;
        if (t.dtype == "float64" && !isControlTensor(t.name))
            warnings.push_back(t.name + " is float64: the official format keeps it as float64 "
                                        "(8 bytes a value); shown here as fp32");
        return s;
    }
    s.scheme = QuantScheme::Int;
    s.bits = 8;
    s.clip = ClipMode::Percentile;
    s.clipValue = kOfficialClipPercentile;
    if (t.shape.size() == 2) {
        s.granularity = Granularity::Row;
        s.scaleType = FloatType::Float16;
    } else {
        s.granularity = Granularity::Tensor; // one fp32 scalar scale
        s.scaleType = FloatType::Float32;
    }
    return s;
}

// Checks that need the tensor's shape, beyond QuantSetting::validate.
void checkShape(const QuantSetting &s, const TensorDesc &t, const std::string &what)
{
    const int64_t rows = rowsOf(t);
    const int64_t cols = rows ? t.numel / rows : 0;
    if (s.prune == PruneMode::NM)
        check(cols % s.m == 0, what + ": N:M pruning " + std::to_string(s.n) + ":" +
                                   std::to_string(s.m) + " needs the row length (" +
                                   std::to_string(cols) + ") to be a multiple of " +
                                   std::to_string(s.m));
    if (s.method == QuantMethod::Gptq && s.scheme != QuantScheme::Float)
        check(t.shape.size() == 2,
              what + ": gptq needs a 2-D weight [out, in] of a linear layer, got " +
                  std::to_string(t.shape.size()) + "-D");
    if (s.prune == PruneMode::Rows)
        check(rows % s.rowBlock == 0, what + ": rows pruning in blocks of " +
                                          std::to_string(s.rowBlock) +
                                          " rows needs the row count (" + std::to_string(rows) +
                                          ") to be a multiple of " + std::to_string(s.rowBlock));
}

} // namespace

Resolution Recipe::resolve(const std::vector<TensorDesc> &tensors) const
{
    const std::string what = !origin.empty() ? origin
                             : name.empty()  ? std::string("recipe")
                                             : "recipe " + quoted(name);
    checkRecipe(*this, what);
    for (const TensorDesc &t : tensors)
        check(isFloatDtype(t.dtype), t.name + ": dtype " + t.dtype +
                                         " is not a float type; recipes store float tensors only");

    Resolution out;
    if (container.official()) {
        for (const TensorDesc &t : tensors) {
            ResolvedTensor r;
            r.tensor = t;
            r.setting = officialSetting(t, out.warnings);
            for (const char *key : kSettingKeys)
                if (r.setting.toJson().contains(key))
                    r.sources.emplace_back(key, kFromOfficialFormat);
            out.tensors.push_back(std::move(r));
        }
        return out;
    }

    std::vector<std::optional<NamePattern>> patterns(rules.size());
    for (size_t i = 0; i < rules.size(); ++i) {
        const RecipeRule &rule = rules[i];
        const std::string path = what + ": rules[" + std::to_string(i) + "]";
        if (!rule.match.empty())
            patterns[i].emplace(rule.match, path + ".match");
        if (!rule.name.empty() &&
            std::none_of(tensors.begin(), tensors.end(),
                         [&](const TensorDesc &t) { return t.name == rule.name; })) {
            std::string message = "no tensor " + quoted(rule.name) + " in the model";
            const std::vector<std::string> close = closeNames(rule.name, tensors);
            for (size_t k = 0; k < close.size(); ++k)
                message += (k ? ", " : "; did you mean ") + close[k];
            fail(path + ".name", message + (close.empty() ? "" : "?"));
        }
    }

    const QuantSetting base = applySettingKeys(QuantSetting{}, defaults, what + ": defaults");
    std::map<std::string, int> fromDefaults;
    for (const auto &[key, value] : defaults.items())
        fromDefaults[key] = kFromDefaults;

    // Per rule: how many tensors it matches, whether it decides a key of some final setting,
    // and which later rules took its keys over (for the "no effect" warning).
    std::vector<int> matchCount(rules.size(), 0);
    std::vector<bool> effective(rules.size(), false);
    std::vector<std::set<int>> overriddenBy(rules.size());
    std::vector<bool> inapplicable(rules.size(), false); // set a key the final setting lacks

    for (const TensorDesc &t : tensors) {
        ResolvedTensor r;
        r.tensor = t;
        r.setting = base;
        std::map<std::string, int> setBy = fromDefaults;
        for (size_t i = 0; i < rules.size(); ++i) {
            const RecipeRule &rule = rules[i];
            const bool matches = (!patterns[i] || patterns[i]->search(t.name)) &&
                                 (rule.name.empty() || t.name == rule.name) &&
                                 (rule.minNumel < 0 || t.numel >= rule.minNumel) &&
                                 (rule.maxNumel < 0 || t.numel <= rule.maxNumel) &&
                                 (rule.ndim < 0 || int(t.shape.size()) == rule.ndim);
            if (!matches)
                continue;
            r.setting = applySettingKeys(r.setting, rule.settings,
                                         what + ": rules[" + std::to_string(i) + "]");
            for (const auto &[key, value] : rule.settings.items()) {
                const auto previous = setBy.find(key);
                if (previous != setBy.end() && previous->second >= 0)
                    overriddenBy[previous->second].insert(int(i));
                setBy[key] = int(i);
            }
            r.matchedRules.push_back(int(i));
            ++matchCount[i];
        }
        r.sources = sourcesFor(r.setting, setBy);
        for (int rule : rulesAmong(r))
            effective[rule] = true;
        const nlohmann::json canonical = r.setting.toJson();
        for (const auto &[key, source] : setBy)
            if (source >= 0 && !canonical.contains(key))
                inapplicable[source] = true; // e.g. group_size on a tensor that ends up fp16

        const std::vector<int> used = rulesAmong(r);
        const std::string label =
            t.name + " (" + (used.empty() ? "defaults" : rulesText(used)) + ")";
        r.setting.validate(label);
        checkShape(r.setting, t, label);
        out.tensors.push_back(std::move(r));
    }

    for (size_t i = 0; i < rules.size(); ++i) {
        const std::string rule = "rule " + std::to_string(i) + " (" + ruleLabel(rules[i]) + ")";
        if (matchCount[i] == 0) {
            out.unusedRules.push_back(int(i));
            out.warnings.push_back(rule + " matches no tensor");
        } else if (!effective[i]) {
            const std::string on = "on the " + std::to_string(matchCount[i]) + " tensor" +
                                   (matchCount[i] == 1 ? "" : "s") + " it matches";
            if (rules[i].settings.empty()) {
                out.warnings.push_back(rule + " has no effect: it sets no keys");
            } else if (!overriddenBy[i].empty()) {
                const std::vector<int> later(overriddenBy[i].begin(), overriddenBy[i].end());
                out.warnings.push_back(
                    rule + " has no effect: " + on + ", what it sets is overridden by " +
                    rulesText(later) +
                    (inapplicable[i] ? " or does not apply to the final setting" : ""));
            } else {
                out.warnings.push_back(rule + " has no effect: " + on +
                                       ", what it sets does not apply to the final setting");
            }
        }
    }
    return out;
}

} // namespace Core
