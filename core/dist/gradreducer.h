// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Averages gradients across the ranks of a Collective as DistributedDataParallel's reducer
// does: parameters are packed into buckets in reverse order (the order backward produces their
// gradients; the first bucket small so communication starts early), and a bucket's all-reduce
// starts as soon as its last gradient is ready, while backward still runs for the earlier
// layers. Buckets are always started in the same order on every rank, as the collectives
// require. With gradient accumulation only the last micro-batch's backward is reduced
// (arm() before it; DDP's no_sync() on the others): a gradient hook sees the accumulated
// gradient plus the incoming one.
//
// Not the c10d::Reducer itself: Debian's libtorch ships its header without the distributed
// autograd headers it includes. The hooks are the public tensor hooks.

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace Core {

class Collective;

class GradReducer
{
public:
    struct Stats
    {
        double waitMs = 0; ///< time finish() waited for all-reduces still running
        int64_t bytes = 0; ///< gradient bytes all-reduced per step
        int buckets = 0;
    };

    /// `bucketBytes` 0: one bucket, reduced only after backward (no overlap). The first bucket
    /// holds at most min(bucketBytes, 1 MiB), as DDP's.
    GradReducer(std::vector<torch::Tensor> params, const Collective &world, int64_t bucketBytes);
    ~GradReducer();
    GradReducer(const GradReducer &) = delete;
    GradReducer &operator=(const GradReducer &) = delete;

    /// The next backward's gradients are reduced.
    void arm();
    /// After that backward: starts what has not started (gradients no hook saw are the
    /// parameters' accumulated ones, or zeros), waits, and leaves every parameter's .grad the
    /// mean over the ranks.
    void finish();
    const Stats &stats() const { return m_stats; }

private:
    struct Bucket
    {
        torch::Tensor flat;
        std::vector<size_t> params;
        size_t pending = 0;
    };
    struct Slot
    {
        size_t bucket = 0;
        int64_t offset = 0;
        bool ready = false;
        unsigned hook = 0;
    };
    void onGradient(size_t param, const torch::Tensor &grad);
    void startReadyBuckets();
    void start(size_t bucket);

    struct Impl;
    std::unique_ptr<Impl> d;
    std::vector<torch::Tensor> m_params;
    std::vector<Bucket> m_buckets;
    std::vector<Slot> m_slots;
    size_t m_nextBucket = 0;
    bool m_armed = false;
    Stats m_stats;
};

} // namespace Core
