// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) readers of the objects inside the records' artifacts (record-formats.md):
//   {"w", "m"}  int6 era onward (§2.3): `w` the stored tensors by key, `m` one entry per model
//               tensor saying how it is stored ("passthrough", {"type": "int6"},
//               "gptq (int6)+lqer_asym", "gate_int8_row", ...)
//   ternary     the #640 family (§2.5): {name: {"type": "ternary" | "ternary_bitmask" | "fp8" |
//               "fp4" | "fp16", ...}}
// Each model tensor comes back dequantized exactly as the records' own dequantizers compute it
// before their final cast to the model's dtype: float32 (fp16 passthrough tensors widened to
// float32, which is exact; other passthrough tensors keep their dtype), with the stored tensors
// it came from, for size attribution.

#include "model/checkpoint_p.h"
#include "pack/quantsetting.h"

#include <ATen/core/Dict.h>

#include <string>
#include <vector>

namespace Core {

struct RecordTensor
{
    std::string name;
    torch::Tensor value;               ///< dequantized
    QuantSetting setting;              ///< how it is stored, as near as QuantSetting says it
    std::string storedAs;              ///< the record's own label ("gptq (int6)+lqer_asym", "ternary")
    std::vector<std::string> keys;     ///< its keys in `w` ({"w","m"} objects)
    std::string stored;                ///< the bytes it occupies before compression
};

/// {"w": dict, "m": dict}.
bool isWmObject(const c10::IValue &value);
/// Every tensor `m` names, in `m`'s order. Throws Core::Error naming `what` for unknown labels,
/// missing or mis-shaped keys and wrong dtypes.
std::vector<RecordTensor> readWmObject(const c10::IValue &value, const std::string &what);

/// A non-empty dict whose values are all dicts with a "type" key of the ternary records.
bool isTernaryObject(const c10::IValue &value);
/// Every entry, in the file's order. Throws Core::Error naming `what` for corrupt entries.
std::vector<RecordTensor> readTernaryObject(const c10::IValue &value, const std::string &what);

} // namespace Core
