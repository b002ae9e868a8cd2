// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// How a model file stores its tensors, in one line of words, made from what was stored (a
// SizeReport), never from a recipe's name or description: a preset named "int6 attention"
// whose small-tensor rule caught the attention matrices of a small model must not be described
// as int6 there. Torch-free; exports write it into README.md, the demo into its blurb.

#include "pack/sizereport.h"

#include <string>

namespace Core {

/// The role a tensor plays, from its state-dict name and shape (the baseline GPT's names):
/// "embedding" (tok_emb), "output head" (lm_head), "MLP matrix" and "attention matrix" (2-D
/// weights under .mlp. / .attn.), "matrix" (any other 2-D tensor of more than 65,536 values),
/// else "small tensor" (1-D, scalars, control tensors such as resid_mix).
std::string tensorRole(const std::string &name, const std::vector<int64_t> &shape);

/// One clause per distinct stored setting (QuantSetting::describe), fewest stored bits first,
/// each listing the roles stored that way with their counts:
///   "int5 row: 8 MLP matrices; int6 row: 16 attention matrices; fp16: embedding + 18 small
///   tensors"
/// "" for a report without tensors.
std::string storageSummary(const SizeReport &report);

} // namespace Core
