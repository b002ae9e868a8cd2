// SPDX-License-Identifier: GPL-3.0-or-later
#include "shardwriter.h"

#include "common/error.h"
#include "data/shard.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace Core {

ShardWriter::ShardWriter(std::string folder, std::string prefix, std::string split,
                         int64_t shardTokens)
    : m_folder(std::move(folder))
    , m_prefix(std::move(prefix))
    , m_split(std::move(split))
    , m_shardTokens(shardTokens)
{
    check(shardTokens > 0 && shardTokens < (int64_t(1) << 31),
          "shard size must be between 1 and 2^31-1 tokens, got " + std::to_string(shardTokens));
}

std::string ShardWriter::shardName(const std::string &prefix, const std::string &split, int index)
{
    char number[16];
    std::snprintf(number, sizeof number, "%06d", index);
    return prefix + "_" + split + "_" + number + ".bin";
}

void ShardWriter::append(const std::vector<uint16_t> &tokens)
{
    size_t pos = 0;
    while (pos < tokens.size()) {
        const size_t room = size_t(m_shardTokens) - m_buffer.size();
        const size_t take = std::min(room, tokens.size() - pos);
        m_buffer.insert(m_buffer.end(), tokens.begin() + long(pos),
                        tokens.begin() + long(pos + take));
        pos += take;
        if (int64_t(m_buffer.size()) == m_shardTokens)
            flush();
    }
    m_tokens += int64_t(tokens.size());
}

void ShardWriter::finish()
{
    flush();
}

void ShardWriter::flush()
{
    if (m_buffer.empty())
        return;
    const std::string path =
        (std::filesystem::path(m_folder) / shardName(m_prefix, m_split, int(m_files.size())))
            .string();
    writeShard(path, m_buffer);
    m_files.push_back(path);
    m_buffer.clear();
}

} // namespace Core
