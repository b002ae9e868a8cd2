// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// How one tensor is stored: the resolved, complete setting a recipe produces for a tensor
// (recipe/recipe.h). Plain values, torch-free, so the GUI and the size ledger can hold them.
//
// Schemes (symmetric, zero is always exact so pruned weights stay zero):
//   Int b (b = 2..8) codes in [-(2^(b-1)-1), 2^(b-1)-1], scale = clip / qmax
//   Binary (int1)    codes in {-1, +1} (sign, 0 -> +1), scale = mean |w| of the scale group
//   Ternary          codes in {-1, 0, +1}, scale = mean |w| (BitNet b1.58 absmean),
//                    q = clamp(round(w / scale), -1, 1)
//   Float            the values cast to fp32 / fp16 / bf16, no scale
// Scales are stored in `scaleType` (fp16 by default, as the records do); codes are computed
// against the stored (rounded) scale, so dequantization reproduces exactly what was priced.
//
// Scale groups (`granularity`): a tensor is viewed as 2-D [rows, cols] with rows = shape[0]
// (1 for 0-D and 1-D tensors) and cols = numel / rows; Tensor = one scale, Row = one per row,
// Group = one per run of `groupSize` consecutive values inside a row (the last may be shorter).
//
// Clipping sets `clip` per scale group before the scale is derived (Int only):
//   None        clip = max |w|
//   Percentile  clip = quantile(|w|, clipValue / 100), linear interpolation like torch.quantile
//   Std         clip = clipValue * std(w) (population std, as SDClip in the records)
// A group whose clip is 0 gets scale 1 (all its codes are 0); an all-zero Binary group gets
// scale 0 (Binary has no zero code). Scales saturate at the largest finite value of their type
// (65504 for fp16). Non-finite weights are refused, never quantized.
//
// Pruning zeroes weights before quantization:
//   Magnitude   the `sparsity` fraction of smallest |w| in the whole tensor
//   NM          in each run of `m` consecutive values of a row, all but the `n` largest |w|
//   Rows        the `sparsity` fraction of row blocks (`rowBlock` rows each, e.g. one attention
//               head) with the smallest L2 norm
// Ties are broken by position (lower flat index is pruned first), so results are reproducible.
// Binary cannot prune (it has no zero code; use Ternary).
//
// Method (how codes are chosen once the scheme and scales are fixed; Int, Binary, Ternary):
//   Rtn   round to nearest, each weight alone (the arithmetic above)
//   Gptq  GPTQ (Frantar et al. 2022, quant/gptq_p.h): columns are rounded one by one and each
//         rounding error is compensated on the not yet rounded columns through the inverse
//         Hessian H = (2/n) sum x x^T of the layer's calibration inputs, minimising ||WX - W^X||
//         rather than ||W - W^||. Needs calibration data (quant/calibration.h) and a 2-D weight
//         of a linear layer. The stored codes and scales have the same layout as Rtn's, so
//         readers and dequantization are unchanged; only which codes are chosen differs.
// Float settings have no codes: the method does not apply to them (ignored, like group_size
// under row granularity) so that a recipe's default "gptq" need not be undone for fp16 rules.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace Core {

enum class QuantScheme { Int, Binary, Ternary, Float };
enum class FloatType { Float32, Float16, BFloat16 };
enum class Granularity { Tensor, Row, Group };
enum class ClipMode { None, Percentile, Std };
enum class PruneMode { None, Magnitude, NM, Rows };
enum class QuantMethod { Rtn, Gptq };

struct QuantSetting
{
    QuantScheme scheme = QuantScheme::Int;
    int bits = 8;                         ///< Int: 2..8 (Binary reports 1, Ternary 2, Float 16/32)
    FloatType floatType = FloatType::Float16; ///< Float scheme only
    Granularity granularity = Granularity::Row;
    int groupSize = 64;                   ///< Group granularity only
    ClipMode clip = ClipMode::None;
    double clipValue = 0.0;               ///< percentile in (0, 100], or k of k*std (> 0)
    FloatType scaleType = FloatType::Float16;
    PruneMode prune = PruneMode::None;
    double sparsity = 0.0;                ///< Magnitude, Rows: fraction in [0, 1)
    int n = 2, m = 4;                     ///< NM: keep n of every m (1 <= n < m <= 64)
    int rowBlock = 1;                     ///< Rows: rows pruned together (e.g. head_dim)
    /// How codes are chosen: Int, Binary, Ternary only (see above)
    QuantMethod method = QuantMethod::Rtn;

    bool operator==(const QuantSetting &o) const;
    bool operator!=(const QuantSetting &o) const { return !(*this == o); }

    /// Largest code magnitude: 2^(bits-1)-1 for Int, 1 for Binary/Ternary, 0 for Float.
    int qmax() const;
    /// Stored bits per weight before compression: bits for Int, 1 Binary, 2 Ternary, 32/16 Float.
    int storedBits() const;

    /// Short human form for tables: "int6 row", "int5 g64 std:12.85", "ternary row",
    /// "fp16", "int8 row p99.99984 prune 2:4", "int4 row gptq".
    std::string describe() const;

    /// The canonical JSON form (every field that matters for the scheme; see recipe.h for the
    /// keys). Stable key order, used as the cache key for pricing. "method" appears only for
    /// "gptq" (and never for Float), so rtn settings keep the form they had before it existed.
    nlohmann::json toJson() const;
    /// Throws Core::Error naming `what` for an invalid combination (bits out of range, group
    /// size < 1, percentile outside (0, 100], sparsity outside [0, 1), n >= m, ...). That gptq
    /// gets a 2-D linear weight is checked where the tensor is known (Recipe::resolve, the
    /// pricer).
    void validate(const std::string &what) const;
};

/// One value of a setting's "quant" key. Every fact about a scheme that is not arithmetic is a
/// row of quantSchemes(): the recipe parser, describe(), golf-mixed-v1's wire codes and the
/// window's lists read it, so a new scheme (NF4, say) is a row here plus its quantizer.
struct QuantSchemeInfo
{
    const char *name;      ///< "int6", "binary", "ternary", "fp16", ...
    QuantScheme scheme;
    int bits;              ///< QuantSetting::bits (Binary 1, Ternary 2, Float 16/32)
    FloatType floatType;   ///< Float only
    uint8_t wireCode;      ///< golf-mixed-v1's quant code (MIXED_FORMAT.md §2; 7 bits)
    double bitsPerWeight;  ///< information per weight: b, 1, log2(3), 16, 32 (colour scales)
};

/// Every scheme: binary, ternary, int2..int8, fp32, fp16, bf16.
const std::vector<QuantSchemeInfo> &quantSchemes();
/// The row of `setting` (its scheme, bits and float type).
const QuantSchemeInfo &quantSchemeOf(const QuantSetting &setting);
/// The row called `name` ("int1" is another name of binary), or nullptr.
const QuantSchemeInfo *quantSchemeByName(const std::string &name);
/// The row with golf-mixed-v1 quant code `code`, or nullptr.
const QuantSchemeInfo *quantSchemeByWireCode(unsigned code);
/// `setting` changed to the scheme of `row` (bits, float type); other fields kept.
QuantSetting withScheme(QuantSetting setting, const QuantSchemeInfo &row);

/// "float32" / "float16" / "bfloat16" (the names the official format records).
const char *floatTypeName(FloatType type);
/// Bytes per value of a float type.
int floatTypeBytes(FloatType type);
/// "rtn" / "gptq" (the recipe's "method" values).
const char *quantMethodName(QuantMethod method);

} // namespace Core
