// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/kdcache_p.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace Core {

namespace {

constexpr char kMagic[8] = {'G', 'O', 'L', 'F', 'K', 'D', 'C', '1'};
constexpr int64_t kHeaderBytes = 4096;
constexpr uint32_t kRecordTag = 0x3152444b; // "KDR1"
constexpr int64_t kRecordHead = 16;

uint32_t fnv1a(const std::vector<uint16_t> &tokens)
{
    uint32_t h = 2166136261u;
    for (uint16_t t : tokens)
        for (int byte = 0; byte < 2; ++byte) {
            h ^= uint32_t((t >> (8 * byte)) & 0xff);
            h *= 16777619u;
        }
    return h;
}

uint32_t crc(const void *data, size_t n)
{
    uLong c = crc32(0L, Z_NULL, 0);
    const auto *p = static_cast<const Bytef *>(data);
    while (n > 0) { // crc32 takes a uInt length
        const uInt chunk = uInt(std::min<size_t>(n, 1u << 30));
        c = crc32(c, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return uint32_t(c);
}

void putU32(char *p, uint32_t v) { std::memcpy(p, &v, 4); }
uint32_t getU32(const char *p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

nlohmann::json headerJson(const KdCache::Layout &l)
{
    return {{"format", "golf-kd-cache-v1"}, {"teacher", l.teacher}, {"vocab", l.vocab},
            {"seq_len", l.seqLen}, {"micro_tokens", l.microTokens}, {"top_k", l.topK},
            {"temperature", l.temperature}};
}

} // namespace

std::string KdCache::fingerprint(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    check(bool(in), path + ": cannot read the teacher file");
    std::vector<char> buf(1 << 20);
    uLong c = crc32(0L, Z_NULL, 0);
    int64_t size = 0;
    while (in) {
        in.read(buf.data(), std::streamsize(buf.size()));
        const auto got = in.gcount();
        c = crc32(c, reinterpret_cast<const Bytef *>(buf.data()), uInt(got));
        size += got;
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "%08lx", (unsigned long)c);
    return std::to_string(size) + "-" + hex;
}

KdCache::KdCache(const std::string &path, const Layout &layout)
    : m_path(path)
    , m_layout(layout)
{
    namespace fs = std::filesystem;
    const std::string expected = headerJson(layout).dump();
    if (!fs::exists(path)) {
        std::string head(kHeaderBytes, '\0');
        check(int64_t(expected.size()) + 12 <= kHeaderBytes, path + ": cache header too long");
        std::memcpy(head.data(), kMagic, 8);
        putU32(head.data() + 8, uint32_t(expected.size()));
        std::memcpy(head.data() + 12, expected.data(), expected.size());
        if (fs::path(path).has_parent_path())
            makeDirs(fs::path(path).parent_path().string());
        writeFileAtomic(path, head); // records are then written in place
    }
    m_fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    check(m_fd >= 0, path + ": cannot open the logit cache: " + std::strerror(errno));
    char head[kHeaderBytes];
    const ssize_t got = ::pread(m_fd, head, kHeaderBytes, 0);
    const std::string what = path + ": not a golf logit cache (golf-kd-cache-v1)";
    auto fail = [&](const std::string &why) {
        ::close(m_fd);
        m_fd = -1;
        throw Error(why);
    };
    if (got != kHeaderBytes || std::memcmp(head, kMagic, 8) != 0)
        fail(what);
    const uint32_t len = getU32(head + 8);
    if (len > kHeaderBytes - 12)
        fail(what);
    nlohmann::json stored;
    try {
        stored = nlohmann::json::parse(std::string(head + 12, len));
    } catch (const nlohmann::json::exception &) {
        fail(what);
    }
    const nlohmann::json want = headerJson(layout);
    for (const auto &[key, value] : want.items())
        if (!stored.contains(key) || stored[key] != value)
            fail(path + ": this logit cache was made for " + key + " " +
                 (stored.contains(key) ? stored[key].dump() : std::string("(none)")) +
                 ", this run has " + value.dump() +
                 "; give another --kd-cache file (or delete this one to rebuild it)");
}

KdCache::~KdCache()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

int64_t KdCache::recordBytes() const
{
    return kRecordHead + m_layout.microTokens * (m_layout.topK * 4 + 4);
}

bool KdCache::read(int64_t index, const std::vector<uint16_t> &span, torch::Tensor &indices,
                   torch::Tensor &logits, torch::Tensor &logNormalizer)
{
    const int64_t n = m_layout.microTokens * m_layout.topK, bytes = recordBytes();
    std::vector<char> rec(size_t(bytes), '\0');
    const ssize_t got = ::pread(m_fd, rec.data(), size_t(bytes), off_t(kHeaderBytes + index * bytes));
    if (got != bytes || getU32(rec.data()) != kRecordTag)
        return false; // not written yet (or past the end of a sparse file)
    if (getU32(rec.data() + 4) != fnv1a(span))
        return false; // another data order: the teacher recomputes it
    const char *payload = rec.data() + kRecordHead;
    if (getU32(rec.data() + 8) != crc(payload, size_t(bytes - kRecordHead))) {
        ++m_damaged;
        return false;
    }
    auto ids = torch::empty({m_layout.microTokens, m_layout.topK}, torch::kInt16);
    auto vals = torch::empty({m_layout.microTokens, m_layout.topK}, torch::kFloat16);
    std::memcpy(ids.data_ptr(), payload, size_t(n * 2));
    std::memcpy(vals.data_ptr(), payload + n * 2, size_t(n * 2));
    auto lse = torch::empty({m_layout.microTokens}, torch::kFloat32);
    std::memcpy(lse.data_ptr(), payload + n * 4, size_t(m_layout.microTokens * 4));
    // Token ids are stored as u16; widen without the sign of int16.
    indices = ids.to(torch::kInt32).bitwise_and(0xffff).to(torch::kInt64);
    logits = vals.to(torch::kFloat32);
    logNormalizer = lse;
    return true;
}

void KdCache::write(int64_t index, const std::vector<uint16_t> &span, const torch::Tensor &indices,
                    const torch::Tensor &logits, const torch::Tensor &logNormalizer)
{
    const int64_t n = m_layout.microTokens * m_layout.topK, bytes = recordBytes();
    check(indices.numel() == n && logits.numel() == n && logNormalizer.numel() == m_layout.microTokens,
          m_path + ": record of the wrong size");
    std::vector<char> rec(size_t(bytes), '\0');
    char *payload = rec.data() + kRecordHead;
    auto ids = indices.to(torch::kCPU, torch::kInt32).contiguous().to(torch::kInt16);
    auto vals = logits.to(torch::kCPU, torch::kFloat16).contiguous();
    std::memcpy(payload, ids.data_ptr(), size_t(n * 2));
    std::memcpy(payload + n * 2, vals.data_ptr(), size_t(n * 2));
    auto lse = logNormalizer.to(torch::kCPU, torch::kFloat32).contiguous();
    std::memcpy(payload + n * 4, lse.data_ptr(), size_t(m_layout.microTokens * 4));
    putU32(rec.data(), kRecordTag);
    putU32(rec.data() + 4, fnv1a(span));
    putU32(rec.data() + 8, crc(payload, size_t(bytes - kRecordHead)));
    const ssize_t put = ::pwrite(m_fd, rec.data(), size_t(bytes), off_t(kHeaderBytes + index * bytes));
    check(put == bytes, m_path + ": cannot write the logit cache: " + std::strerror(errno));
}

} // namespace Core
