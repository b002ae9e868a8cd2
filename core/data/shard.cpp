// SPDX-License-Identifier: GPL-3.0-or-later
#include "shard.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <algorithm>
#include <cstring>
#include <fstream>

#include <glob.h>

namespace Core {

namespace {

// The format is little-endian; so is every machine we build for (x86-64, aarch64).
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "shard I/O assumes a little-endian host");

int64_t fileSize(std::ifstream &in)
{
    in.seekg(0, std::ios::end);
    const int64_t size = in.tellg();
    in.seekg(0, std::ios::beg);
    return size;
}

int64_t validateHeader(std::ifstream &in, const std::string &path)
{
    const int64_t size = fileSize(in);
    check(size >= kShardHeaderBytes,
          path + ": not a token shard: " + std::to_string(size) + " bytes is shorter than the "
              + std::to_string(kShardHeaderBytes) + "-byte header");
    int32_t header[kShardHeaderInts];
    in.read(reinterpret_cast<char *>(header), kShardHeaderBytes);
    check(bool(in), path + ": cannot read the shard header");
    check(header[0] == kShardMagic, path + ": not a token shard: magic is " + std::to_string(header[0])
                                        + ", expected " + std::to_string(kShardMagic));
    check(header[1] == kShardVersion, path + ": unsupported shard version " + std::to_string(header[1])
                                          + " (expected " + std::to_string(kShardVersion) + ")");
    const int64_t count = header[2];
    check(count >= 0, path + ": negative token count " + std::to_string(count) + " in the header");
    const int64_t expected = kShardHeaderBytes + 2 * count;
    check(size == expected, path + ": size mismatch: header says " + std::to_string(count)
                                + " tokens (" + std::to_string(expected) + " bytes) but the file has "
                                + std::to_string(size) + " bytes"
                                + (size < expected ? " (truncated?)" : " (trailing data)"));
    return count;
}

std::ifstream openShard(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    check(bool(in), path + ": cannot open token shard: " + std::strerror(errno));
    return in;
}

} // namespace

int64_t readShardTokenCount(const std::string &path)
{
    auto in = openShard(path);
    return validateHeader(in, path);
}

std::vector<uint16_t> readShard(const std::string &path, int64_t vocabSize)
{
    auto in = openShard(path);
    const int64_t count = validateHeader(in, path);
    std::vector<uint16_t> tokens(static_cast<size_t>(count));
    in.read(reinterpret_cast<char *>(tokens.data()), count * 2);
    check(in.gcount() == count * 2, path + ": cannot read " + std::to_string(count) + " tokens");
    if (vocabSize > 0) {
        auto bad = std::find_if(tokens.begin(), tokens.end(),
                                [vocabSize](uint16_t t) { return t >= vocabSize; });
        check(bad == tokens.end(),
              path + ": token id " + std::to_string(bad == tokens.end() ? 0 : *bad) + " at position "
                  + std::to_string(bad - tokens.begin()) + " is out of range for vocabulary size "
                  + std::to_string(vocabSize));
    }
    return tokens;
}

void writeShard(const std::string &path, const std::vector<uint16_t> &tokens)
{
    check(tokens.size() < (size_t(1) << 31), path + ": too many tokens for one shard");
    std::string bytes(size_t(kShardHeaderBytes) + tokens.size() * 2, '\0');
    int32_t header[kShardHeaderInts] = {kShardMagic, kShardVersion, int32_t(tokens.size())};
    std::memcpy(bytes.data(), header, kShardHeaderBytes);
    if (!tokens.empty())
        std::memcpy(bytes.data() + kShardHeaderBytes, tokens.data(), tokens.size() * 2);
    writeFileAtomic(path, bytes);
}

std::vector<std::string> expandShardGlob(const std::string &pattern)
{
    glob_t g{};
    const int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
    std::vector<std::string> paths;
    if (rc == 0)
        paths.assign(g.gl_pathv, g.gl_pathv + g.gl_pathc);
    ::globfree(&g);
    check(!paths.empty(), "no token shards match " + pattern);
    std::sort(paths.begin(), paths.end());
    return paths;
}

} // namespace Core
