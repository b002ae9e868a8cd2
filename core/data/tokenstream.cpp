// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/tokenstream.h"

#include "common/error.h"
#include "data/shard.h"

#include <algorithm>

namespace Core {

TokenStream::TokenStream(const std::string &pattern, int64_t vocabSize)
    : m_paths(expandShardGlob(pattern))
    , m_vocab(vocabSize)
{
    for (const auto &p : m_paths) {
        m_counts.push_back(readShardTokenCount(p));
        m_total += m_counts.back();
    }
    check(m_total > 0, "the shards matching " + pattern + " hold no tokens");
    load(0);
}

void TokenStream::load(int64_t shard)
{
    if (m_loaded == shard)
        return;
    m_tokens = readShard(m_paths[size_t(shard)], m_vocab);
    m_loaded = shard;
}

void TokenStream::take(int64_t n, std::vector<uint16_t> &out)
{
    load(m_pos.shard); // skip() moves across shards without reading them
    while (n > 0) {
        const int64_t avail = int64_t(m_tokens.size()) - m_pos.offset;
        if (avail <= 0) {
            m_pos = {(m_pos.shard + 1) % int64_t(m_paths.size()), 0};
            load(m_pos.shard);
            continue;
        }
        const int64_t k = std::min(n, avail);
        out.insert(out.end(), m_tokens.begin() + m_pos.offset, m_tokens.begin() + m_pos.offset + k);
        m_pos.offset += k;
        n -= k;
    }
}

void TokenStream::skip(int64_t n)
{
    while (n > 0) {
        const int64_t avail = m_counts[size_t(m_pos.shard)] - m_pos.offset;
        if (avail <= 0) {
            m_pos = {(m_pos.shard + 1) % int64_t(m_paths.size()), 0};
            continue;
        }
        const int64_t k = std::min(n, avail);
        m_pos.offset += k;
        n -= k;
    }
}

void TokenStream::nextBatch(int64_t tokens, std::vector<uint16_t> &span, int rank, int worldSize)
{
    span.clear();
    skip((tokens + 1) * rank);
    take(tokens + 1, span);
    skip((tokens + 1) * (worldSize - 1 - rank));
}

void TokenStream::seek(const Position &p)
{
    check(p.shard >= 0 && p.shard < int64_t(m_paths.size()) && p.offset >= 0
              && p.offset <= m_counts[size_t(p.shard)],
          "data position (shard " + std::to_string(p.shard) + ", offset " + std::to_string(p.offset)
              + ") does not exist in the training shards; were they changed since the checkpoint?");
    load(p.shard);
    m_pos = p;
}

std::vector<uint16_t> loadTokens(const std::string &pattern, int64_t vocabSize)
{
    std::vector<uint16_t> all;
    for (const auto &p : expandShardGlob(pattern)) {
        auto t = readShard(p, vocabSize);
        all.insert(all.end(), t.begin(), t.end());
    }
    return all;
}

} // namespace Core
