// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The ranks of one job as a c10d process group, the engine torch.distributed runs on: rank 0
// hosts the TCP store at MASTER_ADDR:MASTER_PORT, every rank meets there, and the collectives
// run over Gloo on CPU or NCCL when golf is built against a CUDA libtorch with NCCL
// (GOLF_WITH_NCCL). Every failure of a collective (a rank that died, a network that broke, a
// timeout) becomes a Core::Error that says so, instead of c10d's or Gloo's own exception.

#include "dist/worldenv.h"

#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/torch.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace Core {

class Collective
{
public:
    /// A started collective; wait() finishes it (and throws as the blocking calls do).
    class Pending
    {
    public:
        Pending() = default;
        void wait();

    private:
        friend class Collective;
        Pending(c10::intrusive_ptr<c10d::Work> work, const Collective *owner, std::string what);
        c10::intrusive_ptr<c10d::Work> m_work;
        const Collective *m_owner = nullptr;
        std::string m_what;
    };

    /// Joins the world of `env`: waits (up to `timeout`) until every rank has arrived. `device`
    /// is where the tensors live: CPU tensors go over Gloo, CUDA tensors over NCCL.
    static std::unique_ptr<Collective>
    join(const WorldEnv &env, const torch::Device &device,
         std::chrono::milliseconds timeout = std::chrono::minutes(30));
    ~Collective();

    int rank() const { return m_env.rank; }
    int size() const { return m_env.worldSize; }
    bool leader() const { return m_env.rank == 0; }
    const WorldEnv &env() const { return m_env; }
    const std::string &backend() const { return m_backend; }

    /// In place: every rank ends with the element-wise sum (bit-identical on every rank).
    void allReduceSum(torch::Tensor &t, const std::string &what) const;
    Pending allReduceSumAsync(torch::Tensor &t, const std::string &what) const;
    /// In place: every rank ends with `root`'s tensor.
    void broadcast(torch::Tensor &t, int root, const std::string &what) const;
    /// Every rank's `t` (equal shapes), in rank order.
    std::vector<torch::Tensor> allGather(const torch::Tensor &t, const std::string &what) const;
    void barrier(const std::string &what) const;
    /// Every rank's `text`, in rank order.
    std::vector<std::string> allGatherText(const std::string &text, const std::string &what) const;
    /// Rank 0's `text` on every rank.
    std::string agreeOnText(const std::string &text, const std::string &what) const;

    /// The Error for a collective `what` that failed with `cause`.
    [[noreturn]] void fail(const std::string &what, const std::string &cause) const;

private:
    Collective(const WorldEnv &env, c10::intrusive_ptr<c10d::ProcessGroup> group,
               std::string backend, const torch::Device &device);
    /// Where a tensor must be for the backend: NCCL moves only CUDA tensors, so small CPU
    /// tensors (a step's agreement, validation totals) travel through the device.
    torch::Tensor staged(const torch::Tensor &t) const;
    WorldEnv m_env;
    c10::intrusive_ptr<c10d::ProcessGroup> m_group;
    std::string m_backend;
    torch::Device m_device;
};

} // namespace Core
