// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a zip archive from memory (PKWARE's APPNOTE.TXT, sections 4.3 and 4.5): the end of
// central directory record, its zip64 form, the central directory, then each entry's local
// header and data. Every field read goes through Bytes, which checks the range first.

#include "pack/zipreader.h"

#include "common/error.h"
#include "pack/codec.h"
#include "pack/zlibcodec.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace Core {

namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr size_t kEndOfDirectorySize = 22;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kLocalHeaderSize = 30;
// Deflate never expands more than 1032:1, so a stream's claimed size beyond that is a lie.
constexpr uint64_t kMaxDeflateRatio = 1032;

[[noreturn]] void bad(const std::string &detail)
{
    throw FormatError(detail);
}

/// Little-endian fields of a range of the archive; reading outside it is a FormatError.
class Bytes
{
public:
    Bytes(std::string_view all, uint64_t at, uint64_t n, const char *what)
    {
        if (at > all.size() || n > all.size() - at)
            bad(std::string(what) + " lies outside the file");
        p_ = reinterpret_cast<const unsigned char *>(all.data() + at);
        n_ = static_cast<size_t>(n);
    }
    uint64_t le(size_t at, int width) const
    {
        uint64_t v = 0;
        for (int k = width - 1; k >= 0; --k)
            v = (v << 8) | p_[at + k];
        return v;
    }
    uint16_t u16(size_t at) const { return static_cast<uint16_t>(le(at, 2)); }
    uint32_t u32(size_t at) const { return static_cast<uint32_t>(le(at, 4)); }
    uint64_t u64(size_t at) const { return le(at, 8); }
    std::string_view text(size_t at, size_t n) const
    {
        return std::string_view(reinterpret_cast<const char *>(p_ + at), n);
    }

private:
    const unsigned char *p_ = nullptr;
    size_t n_ = 0;
};

struct Directory
{
    uint64_t entries = 0;
    uint64_t size = 0;
    uint64_t offset = 0;
    uint64_t end = 0; // where the directory must end (the zip64 or plain end record)
};

Directory findDirectory(std::string_view all)
{
    if (all.size() < kEndOfDirectorySize)
        bad("too short for a zip archive");
    // The end record sits at the end, followed only by its comment (at most 65,535 bytes).
    const size_t last = all.size() - kEndOfDirectorySize;
    const size_t first = last > 0xffff ? last - 0xffff : 0;
    for (size_t at = last + 1; at-- > first;) {
        const Bytes e(all, at, kEndOfDirectorySize, "the end record");
        if (e.u32(0) != kEndOfDirectory || at + kEndOfDirectorySize + e.u16(20) > all.size())
            continue;
        if (e.u16(4) != 0 && e.u16(4) != 0xffff)
            bad("a multi-disk archive");
        Directory d{e.u16(10), e.u32(12), e.u32(16), at};
        if (d.entries == 0xffff || d.size == 0xffffffff || d.offset == 0xffffffff) {
            // zip64: a locator right before the end record points at the zip64 end record.
            if (at < 20)
                bad("a zip64 archive without its locator");
            const Bytes loc(all, at - 20, 20, "the zip64 locator");
            if (loc.u32(0) != kZip64Locator)
                bad("a zip64 archive without its locator");
            const uint64_t recordAt = loc.u64(8);
            const Bytes z(all, recordAt, 56, "the zip64 end record");
            if (z.u32(0) != kZip64EndOfDirectory)
                bad("the zip64 end record has the wrong signature");
            if (z.u32(16) != 0 || z.u32(20) != 0)
                bad("a multi-disk archive");
            d = {z.u64(32), z.u64(40), z.u64(48), recordAt};
        }
        if (d.offset > d.end || d.size > d.end - d.offset)
            bad("the central directory lies outside the file");
        if (d.entries > d.size / kCentralHeaderSize)
            bad("the central directory is too small for its " + std::to_string(d.entries)
                + " entries");
        return d;
    }
    bad("no end of central directory record (truncated?)");
}

/// Replaces 0xffffffff sizes and offsets with their zip64 extra field values (APPNOTE 4.5.3).
void readZip64Extra(std::string_view extra, uint64_t &size, uint64_t &packedSize, uint64_t &offset)
{
    for (size_t at = 0; at + 4 <= extra.size();) {
        const Bytes h(extra, at, 4, "an extra field");
        const uint16_t id = h.u16(0), n = h.u16(2);
        const Bytes body(extra, at + 4, n, "an extra field");
        if (id == 0x0001) {
            size_t k = 0;
            for (uint64_t *field : {&size, &packedSize, &offset}) {
                if (*field != 0xffffffff)
                    continue;
                if (k + 8 > n)
                    bad("a zip64 extra field is too short");
                *field = body.u64(k);
                k += 8;
            }
            return;
        }
        at += 4 + size_t(n);
    }
    if (size == 0xffffffff || packedSize == 0xffffffff || offset == 0xffffffff)
        bad("an entry needs a zip64 extra field that is not there");
}

} // namespace

ZipReader::ZipReader(std::string_view bytes)
    : bytes_(bytes)
{
    const Directory dir = findDirectory(bytes);
    uint64_t at = dir.offset;
    const uint64_t end = dir.offset + dir.size;
    for (uint64_t i = 0; i < dir.entries; ++i) {
        const Bytes h(bytes, at, kCentralHeaderSize, "a central directory entry");
        if (at + kCentralHeaderSize > end || h.u32(0) != kCentralHeader)
            bad("central directory entry " + std::to_string(i) + " is damaged");
        const uint16_t flags = h.u16(8), nameLength = h.u16(28), extraLength = h.u16(30),
                       commentLength = h.u16(32);
        const uint64_t total = kCentralHeaderSize + uint64_t(nameLength) + extraLength + commentLength;
        if (total > end - at)
            bad("central directory entry " + std::to_string(i) + " runs past the directory");
        const Bytes body(bytes, at, total, "a central directory entry");
        const std::string_view name = body.text(kCentralHeaderSize, nameLength);
        Entry e;
        e.method = h.u16(10);
        e.crc = h.u32(16);
        e.packedSize = h.u32(20);
        e.size = h.u32(24);
        e.localHeader = h.u32(42);
        readZip64Extra(body.text(kCentralHeaderSize + nameLength, extraLength), e.size, e.packedSize,
                       e.localHeader);
        at += total;

        if (flags & 0x41)
            bad("the entry '" + printableText(name) + "' is encrypted");
        if (e.method != 0 && e.method != 8)
            bad("the entry '" + printableText(name) + "' is compressed with method "
                + std::to_string(e.method) + " (only stored and deflated entries are read)");
        if (name.find('\0') != std::string_view::npos)
            bad("an entry name holds a NUL byte");
        const size_t slash = name.find('/');
        if (slash == std::string_view::npos || slash == 0)
            bad("the entry '" + printableText(name) + "' is not inside a root folder");
        if (entries_.empty())
            root_ = std::string(name.substr(0, slash));
        else if (name.substr(0, slash) != root_)
            bad("the entries lie in two root folders ('" + printableText(root_) + "' and '"
                + printableText(name.substr(0, slash)) + "')");
        if (name.back() == '/')
            continue; // a folder entry
        e.record = std::string(name.substr(slash + 1));
        entries_.push_back(std::move(e));
    }
    if (entries_.empty())
        bad("the archive is empty");
    for (size_t i = 0; i < entries_.size(); ++i)
        byName_.push_back(i);
    std::sort(byName_.begin(), byName_.end(),
              [&](size_t a, size_t b) { return entries_[a].record < entries_[b].record; });
    for (size_t k = 1; k < byName_.size(); ++k)
        if (entries_[byName_[k]].record == entries_[byName_[k - 1]].record)
            bad("the entry '" + printableText(entries_[byName_[k]].record) + "' appears twice");
}

std::vector<std::string> ZipReader::records() const
{
    std::vector<std::string> names;
    for (const Entry &e : entries_)
        names.push_back(e.record);
    return names;
}

const ZipReader::Entry *ZipReader::lookup(const std::string &record) const
{
    const auto it = std::lower_bound(byName_.begin(), byName_.end(), record,
                                     [&](size_t k, const std::string &r) { return entries_[k].record < r; });
    return it != byName_.end() && entries_[*it].record == record ? &entries_[*it] : nullptr;
}

bool ZipReader::has(const std::string &record) const
{
    return lookup(record) != nullptr;
}

const ZipReader::Entry &ZipReader::find(const std::string &record) const
{
    const Entry *e = lookup(record);
    if (!e)
        bad("the record '" + printableText(record) + "' is missing");
    return *e;
}

uint64_t ZipReader::size(const std::string &record) const
{
    return find(record).size;
}

std::string ZipReader::read(const std::string &record) const
{
    const Entry &e = find(record);
    const std::string name = root_ + "/" + e.record;
    const Bytes h(bytes_, e.localHeader, kLocalHeaderSize, "a local header");
    if (h.u32(0) != kLocalHeader)
        bad("the local header of '" + printableText(name) + "' is damaged");
    const uint64_t nameLength = h.u16(26), extraLength = h.u16(28);
    const Bytes local(bytes_, e.localHeader, kLocalHeaderSize + nameLength, "a local header");
    if (local.text(kLocalHeaderSize, nameLength) != name)
        bad("the local header of '" + printableText(name) + "' names another entry");
    const uint64_t dataAt = e.localHeader + kLocalHeaderSize + nameLength + extraLength;
    const Bytes data(bytes_, dataAt, e.packedSize, "the data of an entry");
    const std::string_view packed = data.text(0, static_cast<size_t>(e.packedSize));
    std::string out;
    if (e.method == 0) {
        if (e.packedSize != e.size)
            bad("the stored entry '" + printableText(name) + "' has two sizes");
        out.assign(packed);
    } else {
        if (e.size > kMaxInflatedBytes || e.size > e.packedSize * kMaxDeflateRatio + 64)
            bad("the entry '" + printableText(name) + "' claims to inflate to "
                + std::to_string(e.size) + " bytes");
        try {
            // Deflate is the golf-mixed-v1 zlib codec's raw stream: its decoder grows its buffer
            // with what the stream really produces and checks the size.
            out = decompress(packed, Codec::Zlib, 0, int64_t(e.size), "the entry '" + printableText(name) + "'");
        } catch (const Error &error) {
            bad(error.what());
        }
    }
    uLong crc = crc32(0L, Z_NULL, 0);
    for (size_t at = 0; at < out.size(); at += size_t(1) << 30) {
        const size_t n = std::min(out.size() - at, size_t(1) << 30);
        crc = crc32(crc, reinterpret_cast<const Bytef *>(out.data() + at), static_cast<uInt>(n));
    }
    if (crc != e.crc)
        bad("the entry '" + printableText(name) + "' fails its CRC-32 check");
    return out;
}

} // namespace Core
