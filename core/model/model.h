// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Torch-free handle on a GPT and its weights, for the CLI and (later) the GUI. The torch module
// lives behind a pimpl; core code reaches it through model/model_p.h.

#include "config/gptconfig.h"
#include "pack/tensordesc.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace Core {

class Model
{
public:
    /// A freshly initialised model (official init), seeded with `seed` for reproducibility.
    Model(const GptConfig &config, uint64_t seed);
    ~Model();
    Model(Model &&) noexcept;
    Model &operator=(Model &&) noexcept;

    /// A model of `config` whose weights a load is about to overwrite (constructed, but torch's
    /// random generator is not reseeded). Loading any model file: quant/modelload.h.
    static Model forLoading(const GptConfig &config);

    /// Writes the state dict with the official names (torch.save format, atomically).
    void save(const std::string &path) const;

    const GptConfig &config() const;
    int64_t parameterCount() const;
    std::vector<TensorDesc> tensors() const;

    struct Impl;
    Impl &impl() { return *d; }
    const Impl &impl() const { return *d; }

private:
    Model() = default;
    std::unique_ptr<Impl> d;
};

/// The config of the run a checkpoint belongs to (`<run>/config.json` for
/// `<run>/checkpoints/x.pt`), if there is one.
bool findRunConfig(const std::string &checkpointPath, GptConfig &out);

} // namespace Core
