// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a model file costs, tensor by tensor, and the size ledger against the 16,000,000-byte
// budget (DESIGN.md §4). Plain values: the CLI prints them, the GUI's treemap draws them.
//
// The per-tensor figures always sum exactly to the file size:
//   modelBytes == headerBytes + sum(tensors[i].fileBytes)
// In golf-mixed-v1 every figure is the tensor's own stream (exact by construction). In the
// official int8+zlib format the file is one zlib stream, so the split is an attribution
// (`exactPerTensor` false): each tensor's standalone zlib-9 size, scaled to the true total
// with largest-remainder rounding; the pickle and zip records form the header tile.

#include "pack/quantsetting.h"
#include "pack/codec.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace Core {

inline constexpr int64_t kDefaultBudgetBytes = 16'000'000; ///< decimal, PARAMETER_GOLF.md §1.1

struct TensorSize
{
    std::string name;
    std::vector<int64_t> shape;
    int64_t numel = 0;
    std::string dtype;     ///< original dtype
    QuantSetting setting;  ///< how it is stored
    double sparsity = 0;   ///< fraction of exactly-zero stored values
    int64_t payloadBytes = 0; ///< stored bytes before compression
    int64_t fileBytes = 0;    ///< bytes of the file attributed to it
    /// Relative quantization error ||w - dequantized|| / ||w|| (0 for an all-zero tensor); NaN
    /// when the original weights are not at hand (inspecting a file).
    double relError = std::numeric_limits<double>::quiet_NaN();
};

struct SizeReport
{
    std::string format;  ///< "golf-mixed-v1", "int8_clean_per_row_v1", "torch.save"
    Codec codec = Codec::Lzma;
    int level = 0;
    bool compressed = true; ///< false for a plain torch.save file
    std::vector<TensorSize> tensors;
    int64_t headerBytes = 0; ///< container overhead, its own tile
    int64_t modelBytes = 0;  ///< the exact file size
    bool exactPerTensor = true;

    int64_t payloadBytes() const;
};

/// The ledger: code + model against the budget.
struct SizeLedger
{
    int64_t modelBytes = 0;
    int64_t codeBytes = 0;
    std::string codeForm;  ///< "" (no code counted), "raw" or "lzma+base85"
    std::string codePath;
    int64_t budget = kDefaultBudgetBytes;

    int64_t totalBytes() const { return modelBytes + codeBytes; }
    int64_t headroom() const { return budget - totalBytes(); } ///< negative when over
    bool fits() const { return totalBytes() <= budget; }
};

/// "15,863,489" — byte counts are always shown in full, with thousands separators (never MiB).
std::string formatBytes(int64_t bytes);

/// The per-tensor table of `golf inspect` / `golf quantize`: name, shape, dtype, stored as,
/// sparsity, payload bytes, file bytes, share of the budget; header tile; totals.
std::string formatSizeTable(const SizeReport &report, int64_t budget);
/// Four lines: model, code, total, headroom (or overshoot) with the verdict.
std::string formatLedger(const SizeLedger &ledger);

nlohmann::json toJson(const SizeReport &report);
nlohmann::json toJson(const SizeLedger &ledger);

} // namespace Core
