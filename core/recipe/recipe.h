// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A recipe says how every tensor of a model is stored in the exported file. It is a JSON
// document ("golf-recipe-v1"):
//
//   {
//     "format": "golf-recipe-v1",
//     "name": "int6 attention, int5 MLP",                 (optional)
//     "description": "why this recipe, where it comes from", (optional)
//     "container": {"format": "golf-mixed-v1", "codec": "lzma", "level": 9},
//     "defaults": {"quant": "int8", "granularity": "row", "clip": "percentile",
//                  "clip_value": 99.99984},
//     "rules": [
//       {"match": "\\.mlp\\.", "quant": "int5"},
//       {"match": "\\.attn\\.c_[qkv]\\.", "quant": "int6", "clip": "std", "clip_value": 12.85},
//       {"name": "tok_emb.weight", "quant": "fp16"},
//       {"max_numel": 65536, "quant": "fp32", "comment": "small and control tensors"}
//     ]
//   }
//
// Setting keys (in "defaults" and in rules; a rule sets only the keys it names):
//   quant        "int2".."int8", "int1" or "binary", "ternary", "fp32", "fp16", "bf16"
//   granularity  "tensor" | "row" | "group";   group_size  integer >= 1 (with "group")
//   clip         "none" | "percentile" | "std"; clip_value  number (percentile or k)
//   scale_dtype  "float16" | "bfloat16" | "float32"
//   method       "rtn" (default: round to nearest) | "gptq" (error-compensating rounding from
//                calibration statistics; int, binary and ternary on 2-D linear weights only,
//                see quantsetting.h; ignored for float settings)
//   prune        "none" | "magnitude" | "nm" | "rows"
//   sparsity     fraction in [0, 1) (magnitude, rows); nm  "N:M" string (nm);
//   row_block    integer >= 1 (rows)
// Rule selectors (at least one; all given must hold):
//   match        regex searched anywhere in the tensor name (anchor with ^ $); RE2 syntax,
//                linear time whatever the pattern (recipe/namepattern.h)
//   name         an exact tensor name; a name the model does not have is an error
//   min_numel, max_numel, ndim   numeric conditions on the tensor (numel >= min_numel,
//                numel <= max_numel, ndim equal)
// Plus an optional "comment". Unknown keys anywhere are errors (a typo must not silently do
// nothing). Rules are numbered from 0 everywhere ("rule 2" is rules[2] in the file).
//
// Resolution cascades like CSS: start from "defaults" (missing keys take QuantSetting's
// defaults), then every rule that matches the tensor, in order, overrides the keys it sets. So
// later rules win. The resolved setting records, per key, which rule set it — that is what
// `golf quantize --explain` and the GUI show.
//
// Containers: "golf-mixed-v1" (pack/mixedformat.h; any setting) with codec "zlib" (levels
// 0-9), "zstd" (1-22), "lzma" (0-9, "extreme" via level 10..19 = level-10 with the extreme
// flag) or "brotli" (quality 0-11) — or "int8_clean_per_row_v1", the official format (zlib 9 over torch.save), which
// fixes every setting itself: such a recipe must have no rules and no defaults (empty ones
// are accepted). A missing "container" is golf-mixed-v1 + lzma 9; a codec without a level
// takes its strongest ordinary level (zlib 9, zstd 22, lzma 9, brotli 11; pack/codec.h).

#include "pack/tensordesc.h"
#include "pack/quantsetting.h"

#include "pack/codec.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace Core {

struct ContainerSpec
{
    std::string format = "golf-mixed-v1"; ///< or "int8_clean_per_row_v1"
    Codec codec = Codec::Lzma;
    int level = 9;

    bool official() const { return format == "int8_clean_per_row_v1"; }
    bool operator==(const ContainerSpec &o) const
    {
        return format == o.format && codec == o.codec && level == o.level;
    }
};

struct RecipeRule
{
    // selectors
    std::string match; ///< regex source ("" = any)
    std::string name;  ///< exact name ("" = any)
    int64_t minNumel = -1, maxNumel = -1;
    int ndim = -1;
    std::string comment;
    /// The setting keys this rule sets, exactly as written (validated).
    nlohmann::json settings = nlohmann::json::object();
};

/// Source markers in ResolvedTensor::sources besides rule indices (>= 0).
inline constexpr int kFromDefaults = -1;       ///< "defaults", or QuantSetting's own default
inline constexpr int kFromOfficialFormat = -2; ///< fixed by int8_clean_per_row_v1 itself

/// Where one tensor's setting came from: per setting key, kFromDefaults (-1) for "defaults" (or
/// built-in defaults when "defaults" does not name the key), kFromOfficialFormat (-2) for every
/// key under the official container, else the index into Recipe::rules.
struct ResolvedTensor
{
    TensorDesc tensor;
    QuantSetting setting;
    /// key -> source, for exactly the keys of setting.toJson(), in the order recipe.h lists
    /// the keys (quant, granularity, group_size, clip, clip_value, scale_dtype, method, prune,
    /// ...).
    std::vector<std::pair<std::string, int>> sources;
    std::vector<int> matchedRules; ///< every rule that matched, in order
};

struct Resolution
{
    std::vector<ResolvedTensor> tensors; ///< in the model's order
    std::vector<int> unusedRules;        ///< rules that matched no tensor (reported, not fatal)
    /// Human-readable findings: unused rules, rules with no effect (everything they set is
    /// overridden by later rules, or does not apply to the final setting, on every tensor they
    /// match), float64 tensors under the official container.
    std::vector<std::string> warnings;
};

class Recipe
{
public:
    std::string name;
    std::string description;
    ContainerSpec container;
    nlohmann::json defaults = nlohmann::json::object();
    std::vector<RecipeRule> rules;
    /// Where the recipe was read from (fromJson's `what`, load's path), so resolve()'s errors
    /// name the file too. Not part of the document: toJson and save ignore it.
    std::string origin;

    /// The built-in default: the official int8 classification expressed in our container
    /// (int8 per-row percentile 99.99984, control tensors fp32, other tensors <= 65,536 values
    /// fp16), lzma 9. The same as resources/recipes/int8-lzma.json. One difference from the
    /// official format: large tensors that are not 2-D get "int8 row" (fp16 scale per
    /// shape[0] slice) where the official code uses one fp32 scale; GPT models have none.
    static Recipe defaultRecipe();
    /// The official export as a recipe (container int8_clean_per_row_v1, no rules). resolve()
    /// reports the official classification with every source kFromOfficialFormat: int8 row
    /// p99.99984 (2-D, > 65,536 values), int8 tensor p99.99984 with an fp32 scale (other
    /// large ones), fp32 (small control tensors), fp16 (other small ones).
    static Recipe official();

    /// Parses and validates; every error names `what` and the JSON path of the bad key
    /// ("recipe.json: rules[2].quant: unknown value \"int9\"").
    static Recipe fromJson(const nlohmann::json &json, const std::string &what);
    /// Reads and parses a file; errors name `path`.
    static Recipe load(const std::string &path);
    /// The document fromJson reads (setting keys exactly as the rules hold them).
    nlohmann::json toJson() const;
    /// Atomic; written with the keys in the order above (format, name, ..., rules) and
    /// selectors before setting keys, so saved files read like hand-written ones.
    void save(const std::string &path) const;

    /// Resolves every tensor. Re-checks the recipe (the GUI may build one without fromJson).
    /// Throws Core::Error for a rule `name` that is not in `tensors` (listing close names), a
    /// non-float tensor, and a resolved setting that is invalid for its tensor
    /// (QuantSetting::validate; N:M pruning needs cols % m == 0, rows pruning needs
    /// rows % row_block == 0, gptq needs a 2-D tensor), naming the tensor and the rules that
    /// produced it. Whether a gptq tensor is a linear layer's weight is the pricer's check.
    Resolution resolve(const std::vector<TensorDesc> &tensors) const;
};

/// Applies the setting keys of `keys` (a JSON object holding only setting keys; see above) to
/// `base` and returns the result. Each key is checked alone (type, enum value, range); the
/// combination is not: call QuantSetting::validate on the result. `what` is the path of the
/// object, errors read "<what>.<key>: ..." (e.g. "recipe.json: rules[2].quant: unknown value").
QuantSetting applySettingKeys(QuantSetting base, const nlohmann::json &keys,
                              const std::string &what);

/// The fewest setting keys that turn `base` into `target` (applySettingKeys(base, result) ==
/// target): every key of target.toJson() whose value differs from, or is absent in,
/// base.toJson(). The GUI uses it to write one tensor's edited setting as a rule.
nlohmann::json settingKeysBetween(const QuantSetting &base, const QuantSetting &target);

/// A rule's selectors in short form, for tables: "\.mlp\.", "tok_emb.weight",
/// "numel<=65536", joined by ", " when there are several. A pattern longer than 32
/// characters is cut to 29 plus "...".
std::string ruleLabel(const RecipeRule &rule);

/// Where a resolved setting came from, in short: "defaults", "official format", "rule 2",
/// "rules 1,3" (the distinct rules among `tensor.sources`).
std::string sourceSummary(const ResolvedTensor &tensor);

/// The `--explain` table: one line per tensor (name, shape, numel, resolved setting, the
/// rule(s) that produced it), then totals per setting (tensors, values), then the warnings.
std::string explainResolution(const Recipe &recipe, const Resolution &resolution);

} // namespace Core
