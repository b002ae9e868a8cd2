// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Torch-free handle on a GPT and its weights, for the CLI and (later) the GUI. The torch module
// lives behind a pimpl; core code reaches it through model/model_p.h.

#include "model/gptconfig.h"
#include "model/tensordesc.h"

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

    /// Loads a model file of any kind pack/modelfile.h reads: a torch.save state dict (ours or
    /// the official final_model.pt), an int8 .ptz or a golf-mixed-v1 file (dequantized).
    /// With no config given, the shape is read from config.json beside a run's checkpoints
    /// folder if there is one, else inferred from the tensor shapes (RoPE base, softcap and
    /// recurrence then keep their defaults). Strict: unknown, missing or mis-shaped tensors are
    /// an Error listing them.
    static Model load(const std::string &checkpointPath, const GptConfig *config = nullptr);

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
