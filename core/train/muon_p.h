// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Muon (MomentUm Orthogonalized by Newton-Schulz), as in the challenge's train_gpt.py: SGD
// momentum with Nesterov, whose update for each 2-D matrix is replaced by an approximate
// orthogonalisation (the polar factor U V^T of the update) from 5 quintic Newton-Schulz steps.

#include <torch/torch.h>

#include <string>
#include <vector>

namespace Core {

class Collective;

/// X ~= U V^T for G = U S V^T: normalise by the Frobenius norm, then `steps` iterations of
/// X <- aX + (bA + cA^2)X with A = X X^T and (a,b,c) = (3.4445, -4.7750, 2.0315). Works on the
/// wide orientation (transposes tall inputs). `dtype` is the working precision: bf16 as
/// officially on GPU; fp32 on CPU, where bf16 matmuls are slow.
torch::Tensor newtonSchulz5(const torch::Tensor &G, int steps = 5,
                            torch::ScalarType dtype = torch::kFloat32);

class Muon
{
public:
    struct Param
    {
        std::string name;
        torch::Tensor tensor;
        torch::Tensor momentumBuffer; // lazily created, like the Python state dict
    };

    Muon(std::vector<std::pair<std::string, torch::Tensor>> params, double lr, double momentum,
         int backendSteps, bool nesterov, torch::ScalarType nsDtype);

    void step();
    void zeroGrad();
    /// Data-parallel: as the official distributed Muon, rank r orthogonalises the updates of
    /// parameters r, r + W, r + 2W, ... and one all-reduce of the flat update buffer gives every
    /// rank all of them (each element has exactly one non-zero term, so the result is the
    /// single-process one bit for bit). Every rank keeps every momentum buffer: they cost one
    /// multiply-add, and rank 0's checkpoint then holds them all. nullptr: one process.
    void shardAcross(const Collective *world) { m_world = world; }
    void setLr(double lr) { m_lr = lr; }
    void setMomentum(double m) { m_momentum = m; }
    double baseLr() const { return m_baseLr; }
    double momentum() const { return m_momentum; }

    /// Momentum buffers as "<name>" -> tensor, for checkpoints.
    std::vector<std::pair<std::string, torch::Tensor>> state() const;
    void loadState(const std::vector<std::pair<std::string, torch::Tensor>> &state);
    const std::vector<Param> &params() const { return m_params; }

private:
    void apply(Param &p, const torch::Tensor &update);
    std::vector<Param> m_params;
    double m_baseLr, m_lr, m_momentum;
    int m_steps;
    bool m_nesterov;
    torch::ScalarType m_nsDtype;
    const Collective *m_world = nullptr;
    torch::Tensor m_updates; ///< the flat update buffer of the sharded step
};

} // namespace Core
