// SPDX-License-Identifier: GPL-3.0-or-later
// libtorch's build defines this for itself; ProcessGroupGloo.hpp is empty without it. Here
// rather than on the command line, so the layers share one precompiled header.
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO 1
#endif
#include "dist/collective.h"

#include "common/error.h"

#include <algorithm>
#include <cstring>

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef GOLF_WITH_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

namespace Core {

namespace {

/// Runs a c10d call; any exception it throws becomes the collective's Error.
template <typename F>
auto guarded(const Collective &c, const std::string &what, F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const Error &) {
        throw;
    } catch (const std::exception &e) {
        c.fail(what, e.what());
    }
}

/// c10d's messages start with a C++ source location and may carry a backtrace; the first line
/// without those is what a user needs.
std::string firstLine(const std::string &text)
{
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > 2 && line.front() == '[') {
        const auto close = line.find("] ");
        if (close != std::string::npos)
            line = line.substr(close + 2);
    }
    return line;
}

} // namespace

Collective::Pending::Pending(c10::intrusive_ptr<c10d::Work> work, const Collective *owner,
                             std::string what)
    : m_work(std::move(work))
    , m_owner(owner)
    , m_what(std::move(what))
{}

void Collective::Pending::wait()
{
    if (!m_work)
        return;
    auto work = std::move(m_work);
    guarded(*m_owner, m_what, [&] { return work->wait(); });
}

Collective::Collective(const WorldEnv &env, c10::intrusive_ptr<c10d::ProcessGroup> group,
                       std::string backend, const torch::Device &device)
    : m_env(env)
    , m_group(std::move(group))
    , m_backend(std::move(backend))
    , m_device(device)
{}

torch::Tensor Collective::staged(const torch::Tensor &t) const
{
    return m_backend == "nccl" && !t.is_cuda() ? t.to(m_device) : t;
}

Collective::~Collective() = default;

std::unique_ptr<Collective> Collective::join(const WorldEnv &env, const torch::Device &device,
                                             std::chrono::milliseconds timeout)
{
    check(env.distributed(), "a collective needs a world of at least two ranks");
    const std::string where = env.masterAddr + ":" + std::to_string(env.masterPort);
    c10::intrusive_ptr<c10d::Store> store;
    try {
        c10d::TCPStoreOptions o;
        o.port = uint16_t(env.masterPort);
        o.isServer = env.leader();
        o.numWorkers = size_t(env.worldSize);
        o.waitWorkers = true;
        o.timeout = timeout;
        store = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, o);
    } catch (const std::exception &e) {
        throw Error(
            "rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize) +
            ": the ranks did not meet at " + where + " (" + firstLine(e.what()) +
            "); is MASTER_ADDR rank 0's address, MASTER_PORT free there, and every rank started?");
    }
    // A prefix per backend, as torch.distributed keeps one store for several groups.
    try {
#ifdef GOLF_WITH_NCCL
        if (device.is_cuda()) {
            auto opts = c10d::ProcessGroupNCCL::Options::create();
            opts->timeout = timeout;
            auto group = c10::make_intrusive<c10d::ProcessGroupNCCL>(
                c10::make_intrusive<c10d::PrefixStore>("nccl", store), env.rank, env.worldSize,
                opts);
            return std::unique_ptr<Collective>(new Collective(env, group, "nccl", device));
        }
#endif
        check(!device.is_cuda(), "this golf was built without NCCL: CUDA ranks cannot communicate "
                                 "(build against a CUDA libtorch with NCCL, or train on CPU)");
        auto opts = c10d::ProcessGroupGloo::Options::create(timeout);
        // The address other ranks reach this one at: rank 0's own MASTER_ADDR on rank 0,
        // elsewhere the interface that resolves this host's name.
        opts->devices.push_back(env.masterAddr == "127.0.0.1" || env.masterAddr == "localhost"
                                    ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                    : c10d::ProcessGroupGloo::createDefaultDevice());
        opts->threads = 2;
        auto group = c10::make_intrusive<c10d::ProcessGroupGloo>(
            c10::make_intrusive<c10d::PrefixStore>("gloo", store), env.rank, env.worldSize, opts);
        return std::unique_ptr<Collective>(new Collective(env, group, "gloo", device));
    } catch (const Error &) {
        throw;
    } catch (const std::exception &e) {
        throw Error("rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize) +
                    ": cannot form the process group at " + where + ": " + firstLine(e.what()));
    }
}

void Collective::fail(const std::string &what, const std::string &cause) const
{
    throw Error("rank " + std::to_string(rank()) + " of " + std::to_string(size()) +
                " lost the other ranks during " + what + " (" + firstLine(cause) +
                "): a rank stopped or the connection broke");
}

void Collective::allReduceSum(torch::Tensor &t, const std::string &what) const
{
    torch::Tensor on = staged(t);
    allReduceSumAsync(on, what).wait();
    if (!on.is_same(t))
        t.copy_(on);
}

Collective::Pending Collective::allReduceSumAsync(torch::Tensor &t, const std::string &what) const
{
    return guarded(*this, what, [&] {
        std::vector<at::Tensor> v{t};
        return Pending(m_group->allreduce(v), this, what);
    });
}

void Collective::broadcast(torch::Tensor &t, int root, const std::string &what) const
{
    torch::Tensor on = staged(t);
    guarded(*this, what, [&] {
        std::vector<at::Tensor> v{on};
        c10d::BroadcastOptions o;
        o.rootRank = root;
        return m_group->broadcast(v, o)->wait();
    });
    if (!on.is_same(t))
        t.copy_(on);
}

std::vector<torch::Tensor> Collective::allGather(const torch::Tensor &t,
                                                 const std::string &what) const
{
    return guarded(*this, what, [&] {
        const torch::Tensor on = staged(t.contiguous());
        std::vector<std::vector<at::Tensor>> out(1);
        for (int r = 0; r < size(); ++r)
            out[0].push_back(torch::empty_like(on));
        std::vector<at::Tensor> in{on};
        m_group->allgather(out, in)->wait();
        for (auto &x : out[0])
            x = x.to(t.device());
        return out[0];
    });
}

std::string Collective::agreeOnText(const std::string &text, const std::string &what) const
{
    auto length = torch::tensor({int64_t(text.size())}, torch::kInt64);
    broadcast(length, 0, what);
    auto bytes = torch::zeros({length.item<int64_t>()}, torch::kUInt8);
    if (leader())
        std::memcpy(bytes.data_ptr(), text.data(), text.size());
    broadcast(bytes, 0, what);
    return std::string(static_cast<const char *>(bytes.data_ptr()), size_t(bytes.numel()));
}

std::vector<std::string> Collective::allGatherText(const std::string &text,
                                                   const std::string &what) const
{
    // Lengths first, then every text padded to the longest.
    const auto lengths = allGather(torch::tensor({int64_t(text.size())}, torch::kInt64), what);
    int64_t longest = 0;
    for (const auto &l : lengths)
        longest = std::max(longest, l.item<int64_t>());
    auto mine = torch::zeros({std::max<int64_t>(longest, 1)}, torch::kUInt8);
    std::memcpy(mine.data_ptr(), text.data(), text.size());
    const auto all = allGather(mine, what);
    std::vector<std::string> out;
    for (size_t r = 0; r < all.size(); ++r)
        out.emplace_back(static_cast<const char *>(all[r].data_ptr()),
                         size_t(lengths[r].item<int64_t>()));
    return out;
}

void Collective::barrier(const std::string &what) const
{
    guarded(*this, what, [&] { return m_group->barrier()->wait(); });
}

} // namespace Core
