// SPDX-License-Identifier: GPL-3.0-or-later
#include "recipeedits.h"

#include "common/error.h"

#include <algorithm>

namespace App {

namespace {

bool isStudioRuleFor(const Core::RecipeRule &rule, const std::string &name)
{
    return rule.name == name && rule.match.empty() && rule.minNumel < 0 && rule.maxNumel < 0 &&
           rule.ndim < 0 && rule.comment == kStudioRuleComment;
}

void checkSettingKeys(const nlohmann::json &keys, const std::string &what)
{
    Core::check(keys.is_object() && !keys.empty(), what + ": no setting keys to apply");
    // Validates every key alone (names, types, enum values); the combination is checked when
    // the recipe is resolved.
    Core::applySettingKeys(Core::QuantSetting{}, keys, what);
}

} // namespace

Core::Recipe withTensorEdit(Core::Recipe recipe, const QStringList &names,
                            const nlohmann::json &keys,
                            const std::vector<Core::TensorDesc> &tensors)
{
    checkSettingKeys(keys, "edit");
    // Which rules match each tensor now, in order (the resolution reports it).
    const Core::Resolution resolution = recipe.resolve(tensors);
    for (const QString &qname : names) {
        const std::string name = qname.toStdString();
        const auto it =
            std::find_if(resolution.tensors.begin(), resolution.tensors.end(),
                         [&](const Core::ResolvedTensor &t) { return t.tensor.name == name; });
        Core::check(it != resolution.tensors.end(), "edit: the model has no tensor named " + name);
        const std::vector<int> &matched = it->matchedRules;
        if (!matched.empty() && isStudioRuleFor(recipe.rules[size_t(matched.back())], name)) {
            // Its own rule has the last word: update it. Later, wider rules would override it,
            // so in that case a new rule goes to the end instead.
            recipe.rules[size_t(matched.back())].settings.update(keys);
            continue;
        }
        Core::RecipeRule rule;
        rule.name = name;
        rule.comment = kStudioRuleComment;
        rule.settings = keys;
        recipe.rules.push_back(std::move(rule));
    }
    return recipe;
}

Core::Recipe withRegexRule(Core::Recipe recipe, const QString &pattern, const nlohmann::json &keys)
{
    checkSettingKeys(keys, "rule for " + pattern.toStdString());
    Core::check(!pattern.isEmpty(), "a rule needs a pattern");
    Core::RecipeRule rule;
    rule.match = pattern.toStdString();
    rule.settings = keys;
    recipe.rules.push_back(std::move(rule));
    return recipe;
}

Core::Recipe withCodec(Core::Recipe recipe, Core::Codec codec, int level)
{
    recipe.container.format = "golf-mixed-v1";
    recipe.container.codec = codec;
    recipe.container.level = level;
    return recipe;
}

QString describeKeys(const nlohmann::json &keys)
{
    QStringList parts;
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        const nlohmann::json &v = it.value();
        const QString value = v.is_string() ? QString::fromStdString(v.get<std::string>())
                                            : QString::fromStdString(v.dump());
        parts << QStringLiteral("%1 %2").arg(QString::fromStdString(it.key()), value);
    }
    return parts.join(QStringLiteral(", "));
}

QString sourceText(const Core::Recipe &recipe, const Core::ResolvedTensor &tensor)
{
    const QString summary = QString::fromStdString(Core::sourceSummary(tensor));
    // One rule: say which, so a rule that silently does not apply is visible (llama.cpp users'
    // complaint: overrides that don't take effect).
    int only = -1;
    for (const auto &[key, source] : tensor.sources) {
        if (source < 0)
            continue;
        if (only >= 0 && only != source)
            return summary;
        only = source;
    }
    if (only < 0 || size_t(only) >= recipe.rules.size())
        return summary;
    return QStringLiteral("%1 (%2)").arg(
        summary, QString::fromStdString(Core::ruleLabel(recipe.rules[size_t(only)])));
}

} // namespace App
