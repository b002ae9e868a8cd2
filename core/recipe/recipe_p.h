// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private helpers the recipe's three files share: recipe.cpp (JSON, built-in recipes),
// reciperesolve.cpp (resolution) and recipeexplain.cpp (the --explain table). Torch-free.

#include "recipe/recipe.h"

#include <string>
#include <vector>

namespace Core::RecipeDetail {

// The official constants (train_gpt.py): INT8_KEEP_FLOAT_MAX_NUMEL, INT8_CLIP_PERCENTILE and
// INT8_KEEP_FLOAT_FP32_NAME_PATTERNS (matched as substrings of the name; see config/controltensors.h).
inline constexpr int64_t kKeepFloatMaxNumel = 65536;
inline constexpr double kOfficialClipPercentile = 99.99984;

// Setting keys in the order recipe.h documents them: the order of `sources` and of saved files.
inline const char *const kSettingKeys[] = {"quant",      "granularity", "group_size", "clip",
                                           "clip_value", "scale_dtype", "method",     "prune",
                                           "sparsity",   "nm",          "row_block"};

/// Throws Core::Error("<path>: <message>").
[[noreturn]] void fail(const std::string &path, const std::string &message);
std::string quoted(const std::string &s);   ///< as a JSON string literal
std::string number(double v);               ///< shortest form that reads back the same
int64_t rowsOf(const TensorDesc &t);        ///< shape[0] for ndim >= 2, else 1
bool isFloatDtype(const std::string &dtype);
/// Everything fromJson checks beyond JSON types, again for recipes built in code.
void checkRecipe(const Recipe &r, const std::string &what);
std::vector<int> rulesAmong(const ResolvedTensor &t); ///< distinct rule indices among sources
std::string rulesText(const std::vector<int> &rules);  ///< "rule 2" / "rules 0,3"
std::string containerText(const ContainerSpec &c);    ///< "golf-mixed-v1, lzma 9"

} // namespace Core::RecipeDetail
