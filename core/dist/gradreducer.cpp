// SPDX-License-Identifier: GPL-3.0-or-later
#include "dist/gradreducer.h"

#include "common/error.h"
#include "dist/collective.h"

#include <algorithm>
#include <chrono>

namespace Core {

struct GradReducer::Impl
{
    const Collective &world;
    std::vector<Collective::Pending> pending; ///< one per bucket, started in bucket order
};

GradReducer::GradReducer(std::vector<torch::Tensor> params, const Collective &world,
                         int64_t bucketBytes)
    : d(new Impl{world, {}})
    , m_params(std::move(params))
    , m_slots(m_params.size())
{
    const int64_t firstBucketBytes = std::min<int64_t>(bucketBytes, 1 << 20);
    // Reverse order, as DDP: the last layers' gradients are ready first.
    int64_t filled = 0;
    for (size_t k = m_params.size(); k-- > 0;) {
        const auto &p = m_params[k];
        check(p.scalar_type() == torch::kFloat32, "data-parallel gradients must be fp32");
        const int64_t bytes = p.numel() * int64_t(sizeof(float));
        // The first bucket closes early so that communication starts soon; bucketBytes 0 keeps
        // everything in one bucket, reduced after backward.
        const int64_t cap = m_buckets.size() == 1 ? firstBucketBytes : bucketBytes;
        if (m_buckets.empty() || (bucketBytes > 0 && filled > 0 && filled + bytes > cap)) {
            m_buckets.push_back({});
            filled = 0;
        }
        auto &b = m_buckets.back();
        m_slots[k] = {m_buckets.size() - 1, filled / int64_t(sizeof(float)), false, 0};
        b.params.push_back(k);
        filled += bytes;
    }
    for (auto &b : m_buckets) {
        int64_t n = 0;
        for (size_t k : b.params)
            n += m_params[k].numel();
        b.flat = torch::zeros({n}, m_params.front().options());
        m_stats.bytes += n * int64_t(sizeof(float));
    }
    m_stats.buckets = int(m_buckets.size());
    d->pending.resize(m_buckets.size());
    for (size_t k = 0; k < m_params.size(); ++k)
        m_slots[k].hook = m_params[k].register_hook(
            [this, k](const torch::Tensor &grad) { onGradient(k, grad); });
}

GradReducer::~GradReducer()
{
    for (size_t k = 0; k < m_params.size(); ++k)
        m_params[k].remove_hook(m_slots[k].hook);
}

void GradReducer::arm()
{
    m_armed = true;
    m_nextBucket = 0;
    for (auto &b : m_buckets)
        b.pending = b.params.size();
    for (auto &s : m_slots)
        s.ready = false;
}

void GradReducer::onGradient(size_t k, const torch::Tensor &grad)
{
    if (!m_armed || m_slots[k].ready)
        return;
    Slot &s = m_slots[k];
    Bucket &b = m_buckets[s.bucket];
    auto into = b.flat.narrow(0, s.offset, m_params[k].numel()).view(m_params[k].sizes());
    torch::NoGradGuard noGrad;
    // The hook runs before autograd adds `grad` to .grad: the sum is what .grad will hold.
    const auto &accumulated = m_params[k].grad();
    if (accumulated.defined())
        torch::add_out(into, accumulated, grad);
    else
        into.copy_(grad);
    s.ready = true;
    if (--b.pending == 0)
        startReadyBuckets();
}

void GradReducer::startReadyBuckets()
{
    while (m_nextBucket < m_buckets.size() && m_buckets[m_nextBucket].pending == 0)
        start(m_nextBucket++);
}

void GradReducer::start(size_t bucket)
{
    d->pending[bucket] =
        d->world.allReduceSumAsync(m_buckets[bucket].flat, "the gradient all-reduce");
}

void GradReducer::finish()
{
    check(m_armed, "GradReducer::finish without arm");
    torch::NoGradGuard noGrad;
    // A parameter no hook saw in this backward (unused by this micro-batch) still takes part:
    // its accumulated gradient, or zeros, so every rank reduces the same buckets.
    for (size_t k = 0; k < m_params.size(); ++k) {
        Slot &s = m_slots[k];
        if (s.ready)
            continue;
        Bucket &b = m_buckets[s.bucket];
        auto into = b.flat.narrow(0, s.offset, m_params[k].numel());
        const auto &g = m_params[k].grad();
        if (g.defined())
            into.copy_(g.reshape({-1}));
        else
            into.zero_();
        s.ready = true;
        --b.pending;
    }
    startReadyBuckets();
    const auto t0 = std::chrono::steady_clock::now();
    for (auto &p : d->pending)
        p.wait();
    m_stats.waitMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const double scale = 1.0 / double(d->world.size());
    for (auto &b : m_buckets)
        b.flat.mul_(scale);
    for (size_t k = 0; k < m_params.size(); ++k) {
        auto &p = m_params[k];
        const Slot &s = m_slots[k];
        auto mean = m_buckets[s.bucket].flat.narrow(0, s.offset, p.numel()).view(p.sizes());
        if (p.grad().defined())
            p.mutable_grad().copy_(mean);
        else
            p.mutable_grad() = mean.clone();
    }
    m_armed = false;
}

} // namespace Core
