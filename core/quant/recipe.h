// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A recipe says how every tensor of a model is stored in the exported file. It is a JSON
// document ("golf-recipe-v1"):
//
//   {
//     "format": "golf-recipe-v1",
//     "name": "int6 attention, int5 MLP",                 (optional)
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
//   prune        "none" | "magnitude" | "nm" | "rows"
//   sparsity     fraction in [0, 1) (magnitude, rows); nm  "N:M" string (nm); row_block  int
// Rule selectors (at least one; all given must hold):
//   match        ECMAScript regex searched anywhere in the tensor name (anchor with ^ $)
//   name         an exact tensor name; a name the model does not have is an error
//   min_numel, max_numel, ndim   numeric conditions on the tensor
// Plus an optional "comment". Unknown keys anywhere are errors (a typo must not silently do
// nothing).
//
// Resolution cascades like CSS: start from "defaults" (missing keys take QuantSetting's
// defaults), then every rule that matches the tensor, in order, overrides the keys it sets. So
// later rules win. The resolved setting records, per key, which rule set it — that is what
// `golf quantize --explain` and the GUI show.
//
// Containers: "golf-mixed-v1" (pack/mixedformat.h; any setting) with codec "zlib" (levels
// 0-9), "zstd" (1-22) or "lzma" (0-9, "extreme" via level 10..19 = level-10 with the extreme
// flag) — or "int8_clean_per_row_v1", the official format (zlib 9 over torch.save), which
// fixes every setting itself: such a recipe must have no rules and no defaults.

#include "model/tensordesc.h"
#include "quant/quantsetting.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace Core {

enum class Codec { Zlib, Zstd, Lzma };

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

const char *codecName(Codec codec);

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

/// Where one tensor's setting came from: per setting key, -1 for defaults (or built-in
/// defaults when "defaults" does not name the key), else the index into Recipe::rules.
struct ResolvedTensor
{
    TensorDesc tensor;
    QuantSetting setting;
    std::vector<std::pair<std::string, int>> sources; ///< key -> rule index, recipe key order
    std::vector<int> matchedRules;                    ///< every rule that matched, in order
};

struct Resolution
{
    std::vector<ResolvedTensor> tensors;  ///< in the model's order
    std::vector<int> unusedRules;         ///< rules that matched no tensor (reported, not fatal)
    /// Human-readable findings: unused rules, rules fully overridden by later ones.
    std::vector<std::string> warnings;
};

class Recipe
{
public:
    std::string name;
    ContainerSpec container;
    nlohmann::json defaults = nlohmann::json::object();
    std::vector<RecipeRule> rules;

    /// The built-in default: the official int8 classification expressed in our container
    /// (int8 per-row percentile 99.99984, control tensors fp32, other tensors <= 65,536 values
    /// fp16), lzma 9.
    static Recipe defaultRecipe();
    /// The official export as a recipe (container int8_clean_per_row_v1).
    static Recipe official();

    /// Parses and validates; every error names `what` and the JSON path of the bad key
    /// ("recipe.json: rules[2].quant: unknown value \"int9\"").
    static Recipe fromJson(const nlohmann::json &json, const std::string &what);
    static Recipe load(const std::string &path);
    nlohmann::json toJson() const;
    void save(const std::string &path) const; ///< atomic

    /// Resolves every tensor. Throws Core::Error for a rule `name` that is not in `tensors`
    /// and for a resolved setting that is invalid for its tensor (e.g. nm on a tensor whose
    /// rows are not a multiple of... — see QuantSetting::validate), naming the tensor and
    /// the rules that produced it.
    Resolution resolve(const std::vector<TensorDesc> &tensors) const;
};

/// The `--explain` table: one line per tensor with its resolved setting and the rule(s) that
/// produced it, then the warnings.
std::string explainResolution(const Recipe &recipe, const Resolution &resolution);

} // namespace Core
