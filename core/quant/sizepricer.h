// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Exact size of a model under a recipe, and fast re-pricing when one tensor's setting changes
// (DESIGN.md §4). The pricer snapshots a model's weights, quantizes and compresses each tensor
// into the very stream the exporter writes, and caches streams by (tensor, setting, codec,
// level): re-pricing one tensor compresses only that tensor and re-measures the small header,
// and settings tried before cost a lookup. The figures are the bytes `encode` writes. Settings
// with method gptq are quantized by GPTQ against the calibration given by setCalibration.

#include "pack/tensordesc.h"
#include "pack/sizereport.h"
#include "quant/calibration.h"
#include "recipe/recipe.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace Core {

class Model;

class SizePricer
{
public:
    /// Copies the model's current weights; later training does not change the prices.
    explicit SizePricer(const Model &model);
    /// The tensors of any model file quant/modelfile.h reads (dequantized, in file order),
    /// whatever its architecture: what re-pricing a record's artifact needs. Throws Core::Error
    /// naming the file.
    static SizePricer ofFile(const std::string &path);
    ~SizePricer();
    SizePricer(SizePricer &&) noexcept;
    SizePricer &operator=(SizePricer &&) noexcept;

    const std::vector<TensorDesc> &tensors() const;

    /// Resolves `recipe` against the model and prices it. Throws what Recipe::resolve throws.
    SizeReport price(const Recipe &recipe);
    SizeReport price(const Resolution &resolution, const ContainerSpec &container);
    /// `report` with tensor `index` stored as `setting` instead (golf-mixed-v1 only).
    SizeReport reprice(const SizeReport &report, size_t index, const QuantSetting &setting);

    /// The model file for `resolution`: exactly report.modelBytes bytes.
    std::string encode(const Resolution &resolution, const ContainerSpec &container);

    struct CacheStats
    {
        int64_t hits = 0, misses = 0, bytes = 0;
    };
    CacheStats cacheStats() const;
    /// Compression threads for cache misses (default: all cores).
    void setThreads(int threads);

    /// The statistics settings with method gptq quantize against (quant/calibration.h). Without
    /// one, pricing a gptq setting throws Core::Error naming the tensor; a gptq tensor the
    /// calibration has no H for (not a linear layer's weight) throws too. Replacing the
    /// calibration drops the cached streams, since gptq codes depend on it.
    void setCalibration(const Calibration &calibration);
    const Calibration &calibration() const;

    struct Impl;
    /// For quant/sizepricer_p.h's pricerOf (weights that are not a Model's).
    explicit SizePricer(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> d;
};

} // namespace Core
