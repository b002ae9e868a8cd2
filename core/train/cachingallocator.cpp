// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/cachingallocator_p.h"

#include <c10/core/Allocator.h>
#include <c10/core/CPUAllocator.h>

#include <cstdlib>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

namespace Core {

namespace {

constexpr size_t kAlignment = 64;           // what c10's default CPU allocator guarantees
constexpr size_t kMinCached = 256 * 1024;   // smaller blocks: the heap serves them well
constexpr size_t kGranule = 64 * 1024;      // large sizes round up to this, so near sizes share

class CachingCpuAllocator final : public c10::Allocator
{
public:
    explicit CachingCpuAllocator(size_t maxCached)
        : m_maxCached(maxCached)
    {}

    c10::DataPtr allocate(size_t n) const override
    {
        void *p = rawAllocate(n);
        // The context is the pointer itself, so raw_deleter() can free it as well.
        return {p, p, &rawFree, c10::Device(c10::DeviceType::CPU)};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &rawFree; }

    size_t cached() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_cachedBytes;
    }

    static CachingCpuAllocator *instance;

private:
    static size_t rounded(size_t n) { return n < kMinCached ? n : (n + kGranule - 1) / kGranule * kGranule; }

    void *rawAllocate(size_t n) const
    {
        if (n == 0)
            return nullptr;
        const size_t size = rounded(n);
        if (size >= kMinCached) {
            std::lock_guard<std::mutex> lock(m_mutex);
            auto it = m_free.find(size);
            if (it != m_free.end() && !it->second.empty()) {
                void *p = it->second.back();
                it->second.pop_back();
                m_cachedBytes -= size;
                m_sizes[p] = size;
                return p;
            }
        }
        void *p = std::aligned_alloc(kAlignment, (size + kAlignment - 1) / kAlignment * kAlignment);
        if (!p)
            throw std::bad_alloc();
        if (size >= kMinCached) {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_sizes[p] = size;
        }
        return p;
    }

    static void rawFree(void *p)
    {
        if (!p)
            return;
        CachingCpuAllocator &self = *instance;
        {
            std::lock_guard<std::mutex> lock(self.m_mutex);
            auto it = self.m_sizes.find(p);
            if (it != self.m_sizes.end()) {
                const size_t size = it->second;
                self.m_sizes.erase(it);
                if (self.m_cachedBytes + size <= self.m_maxCached) {
                    self.m_free[size].push_back(p);
                    self.m_cachedBytes += size;
                    return;
                }
            }
        }
        std::free(p);
    }

    size_t m_maxCached;
    mutable std::mutex m_mutex;
    mutable std::unordered_map<size_t, std::vector<void *>> m_free; // rounded size -> blocks
    mutable std::unordered_map<void *, size_t> m_sizes;             // live large blocks
    mutable size_t m_cachedBytes = 0;
};

CachingCpuAllocator *CachingCpuAllocator::instance = nullptr;

} // namespace

void installCachingCpuAllocator(size_t maxCachedBytes)
{
    static std::once_flag once;
    std::call_once(once, [maxCachedBytes] {
        // Never destroyed: tensors may be freed during static destruction.
        CachingCpuAllocator::instance = new CachingCpuAllocator(maxCachedBytes);
        c10::SetCPUAllocator(CachingCpuAllocator::instance, /*priority=*/1);
    });
}

size_t cachedCpuBytes()
{
    return CachingCpuAllocator::instance ? CachingCpuAllocator::instance->cached() : 0;
}

} // namespace Core
