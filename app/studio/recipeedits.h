// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The recipe changes the window makes, as pure functions (recipe in, recipe out), so each edit
// is one undoable snapshot and can be tested without a window. Edits write ordinary
// golf-recipe-v1 rules, so a saved recipe reads like a hand-written one and `golf quantize
// --explain` shows the same sources the table does.

#include "pack/tensordesc.h"
#include "recipe/recipe.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <vector>

namespace App {

/// The comment on rules the window writes for single tensors. Such a rule is edited in place
/// the next time the same tensor is edited, instead of piling up one rule per click.
inline const char *const kStudioRuleComment = "set in Golf Studio";

/// `recipe` with `keys` (setting keys, recipe.h) applied to each tensor of `names`: the
/// tensor's own studio rule {"name": n, ...} is updated when it is the last rule matching the
/// tensor (so the update takes effect), otherwise a new rule {"name": n, ...keys} is appended.
/// `tensors` are the model's (needed to see which rules match). Throws Core::Error for keys
/// that are not setting keys or an unknown tensor name.
Core::Recipe withTensorEdit(Core::Recipe recipe, const QStringList &names,
                            const nlohmann::json &keys,
                            const std::vector<Core::TensorDesc> &tensors);

/// `recipe` plus one rule {"match": pattern, ...keys} at the end (it wins over earlier rules).
Core::Recipe withRegexRule(Core::Recipe recipe, const QString &pattern, const nlohmann::json &keys);

/// `recipe` written into golf-mixed-v1 with `codec` at `level` (from the official container
/// too: its fixed choices then give way to the recipe's defaults and rules).
Core::Recipe withCodec(Core::Recipe recipe, Core::Codec codec, int level);

/// "quant int5, prune magnitude": setting keys in a few words, for undo texts.
QString describeKeys(const nlohmann::json &keys);

/// Short form of where a resolved setting came from, for the table's Source column:
/// "defaults", "rule 2 (\.mlp\.)", "rules 1,3", "official format".
QString sourceText(const Core::Recipe &recipe, const Core::ResolvedTensor &tensor);

} // namespace App
