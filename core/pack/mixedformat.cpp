// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/mixedformat.h"

#include "common/error.h"
#include "pack/codec.h"
#include "pack/mixedstreams_p.h"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <future>
#include <iterator>
#include <limits>
#include <thread>
#include <unordered_set>

namespace Core {

using namespace Internal;

namespace {

// ---- file prefix (MIXED_FORMAT.md §1) ------------------------------------------------------
constexpr char kMagic[4] = {'G', 'M', 'I', 'X'};
constexpr uint8_t kVersion = 1;
constexpr size_t kCrcOffset = 5;    // CRC-32 of every byte after it
constexpr size_t kCrcCovered = 9;   // first byte the CRC covers
constexpr size_t kPrefixBytes = 10; // magic, version, CRC, codec/level byte

// Sanity limits for header values, so that a corrupt header is an error, not an overflow.
constexpr int kMaxDims = 16;
constexpr int64_t kMaxNumel = int64_t(1) << 48;
constexpr uint64_t kMaxTableBytes = uint64_t(1) << 30;

uint32_t crc32Of(std::string_view bytes)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    // crc32_z takes size_t lengths, so one call covers any file.
    crc = crc32_z(crc, reinterpret_cast<const Bytef *>(bytes.data()), bytes.size());
    return uint32_t(crc);
}

uint8_t codecCode(Codec codec)
{
    return codecInfo(codec).wireCode;
}

// ---- little-endian, varint (LEB128) writer and a bounds-checked reader ---------------------

class Writer
{
public:
    void byte(uint8_t b) { out.push_back(char(b)); }
    void varint(uint64_t v)
    {
        while (v >= 0x80) {
            byte(uint8_t(v) | 0x80);
            v >>= 7;
        }
        byte(uint8_t(v));
    }
    void f64(double v)
    {
        uint64_t bits;
        std::memcpy(&bits, &v, 8);
        for (int i = 0; i < 8; ++i)
            byte(uint8_t(bits >> (8 * i)));
    }
    void bytes(std::string_view b) { out.append(b); }

    std::string out;
};

class Reader
{
public:
    Reader(std::string_view data, const std::string &what)
        : m_data(data)
        , m_what(what)
    {}

    size_t pos() const { return m_pos; }
    size_t left() const { return m_data.size() - m_pos; }

    uint8_t byte(const char *field)
    {
        need(1, field);
        return uint8_t(m_data[m_pos++]);
    }
    /// At most 9 bytes (63 bits): every value the format stores fits, and nothing overflows.
    uint64_t varint(const char *field)
    {
        uint64_t v = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            const uint8_t b = byte(field);
            v |= uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        throw Error(m_what + ": " + field + " is not a valid varint (longer than 9 bytes)");
    }
    double f64(const char *field)
    {
        need(8, field);
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits |= uint64_t(uint8_t(m_data[m_pos + size_t(i)])) << (8 * i);
        m_pos += 8;
        double v;
        std::memcpy(&v, &bits, 8);
        return v;
    }
    std::string_view bytes(uint64_t n, const char *field)
    {
        need(n, field);
        const std::string_view v = m_data.substr(m_pos, size_t(n));
        m_pos += size_t(n);
        return v;
    }

private:
    void need(uint64_t n, const char *field)
    {
        if (n > left())
            throw Error(m_what + ": truncated (the data ends inside " + field + ")");
    }

    std::string_view m_data;
    std::string m_what; // a copy: callers pass temporaries like what + ": header"
    size_t m_pos = 0;
};

// ---- header entries (MIXED_FORMAT.md §2) ----------------------------------------------------

// Original dtypes get one byte; anything else is spelled out after the escape code.
const char *const kDtypes[] = {"float32", "float16", "bfloat16", "float64"};
constexpr uint8_t kDtypeEscape = 255;

// quant byte: bits 0-6 the scheme's wire code (pack/quantsetting.h), bit 7 the layout
constexpr uint8_t kColumnMajorBit = 0x80;

uint8_t floatCode(FloatType t)
{
    switch (t) {
    case FloatType::Float32:
        return 0;
    case FloatType::Float16:
        return 1;
    case FloatType::BFloat16:
        return 2;
    }
    return 3;
}

/// One header entry: the tensor without its data, plus the stream facts.
struct Entry
{
    QuantizedTensor t; ///< name, shape, dtype, setting; codes/scales/values empty
    bool columnMajor = false;
    int64_t mainBytes = 0, scaleBytes = 0;

    bool isFloat() const { return t.setting.scheme == QuantScheme::Float; }
    int64_t mainRaw() const
    {
        return isFloat() ? t.numel() * floatTypeBytes(t.setting.floatType)
                         : packedCodeBytes(t.numel(), t.setting);
    }
    int64_t scaleRaw() const
    {
        return isFloat() ? 0 : t.scaleCount() * floatTypeBytes(t.setting.scaleType);
    }
    bool canBeColumnMajor() const { return t.rows() >= 2 && t.cols() >= 2; }
};

/// Everything of an entry after the name.
void writeEntryBody(Writer &w, const Entry &e)
{
    const QuantSetting &s = e.t.setting;
    uint8_t dtype = kDtypeEscape;
    for (uint8_t i = 0; i < std::size(kDtypes); ++i)
        if (e.t.dtype == kDtypes[i])
            dtype = i;
    w.byte(dtype);
    if (dtype == kDtypeEscape) {
        w.varint(e.t.dtype.size());
        w.bytes(e.t.dtype);
    }
    w.varint(e.t.shape.size());
    for (int64_t d : e.t.shape)
        w.varint(uint64_t(d));

    const uint8_t quant = quantSchemeOf(s).wireCode;
    w.byte(quant | (e.columnMajor ? kColumnMajorBit : 0));

    // flags: granularity bits 0-1, clip 2-3, scale type 4-5, prune 6-7. Fields the scheme
    // ignores are written as 0, so one setting has one encoding.
    uint8_t gran = 0, clip = 0, scale = 0, prune = 0;
    if (s.scheme != QuantScheme::Float) {
        gran = s.granularity == Granularity::Tensor ? 0 : s.granularity == Granularity::Row ? 1 : 2;
        scale = floatCode(s.scaleType);
        if (s.scheme == QuantScheme::Int)
            clip = s.clip == ClipMode::None ? 0 : s.clip == ClipMode::Percentile ? 1 : 2;
    }
    switch (s.prune) {
    case PruneMode::None:
        prune = 0;
        break;
    case PruneMode::Magnitude:
        prune = 1;
        break;
    case PruneMode::NM:
        prune = 2;
        break;
    case PruneMode::Rows:
        prune = 3;
        break;
    }
    w.byte(uint8_t(gran | clip << 2 | scale << 4 | prune << 6));
    if (gran == 2)
        w.varint(uint64_t(s.groupSize));
    if (clip != 0)
        w.f64(s.clipValue);
    if (prune == 1 || prune == 3)
        w.f64(s.sparsity);
    if (prune == 2) {
        w.byte(uint8_t(s.n));
        w.byte(uint8_t(s.m));
    }
    if (prune == 3)
        w.varint(uint64_t(s.rowBlock));

    w.varint(uint64_t(e.mainBytes));
    if (!e.isFloat())
        w.varint(uint64_t(e.scaleBytes));
}

FloatType floatFromCode(uint8_t code, const std::string &what, const char *field)
{
    switch (code) {
    case 0:
        return FloatType::Float32;
    case 1:
        return FloatType::Float16;
    case 2:
        return FloatType::BFloat16;
    }
    throw Error(what + ": unknown " + field + " code " + std::to_string(code));
}

/// Reads an entry body into `e` (whose name is set) and checks it. `what` names the tensor.
void readEntryBody(Reader &r, Entry &e, const std::string &what)
{
    QuantizedTensor &t = e.t;
    const uint8_t dtype = r.byte("dtype");
    if (dtype == kDtypeEscape) {
        const uint64_t n = r.varint("dtype length");
        t.dtype = std::string(r.bytes(n, "dtype"));
        check(!t.dtype.empty(), what + ": empty dtype name");
    } else {
        check(dtype < std::size(kDtypes), what + ": unknown dtype code " + std::to_string(dtype));
        t.dtype = kDtypes[dtype];
    }
    const uint64_t ndim = r.varint("shape");
    check(ndim <= uint64_t(kMaxDims), what + ": " + std::to_string(ndim) + " dimensions (at most " +
                                          std::to_string(kMaxDims) + ")");
    int64_t numel = 1;
    for (uint64_t i = 0; i < ndim; ++i) {
        const uint64_t d = r.varint("shape");
        check(d <= uint64_t(kMaxNumel) && (d == 0 || numel <= kMaxNumel / int64_t(d)),
              what + ": shape has more than 2^48 elements");
        t.shape.push_back(int64_t(d));
        numel *= int64_t(d);
    }

    QuantSetting &s = t.setting;
    const uint8_t quantByte = r.byte("quant");
    e.columnMajor = quantByte & kColumnMajorBit;
    const uint8_t quant = quantByte & 0x7f;
    const QuantSchemeInfo *scheme = quantSchemeByWireCode(quant);
    if (!scheme)
        throw Error(what + ": unknown quantization code " + std::to_string(quant));
    s = withScheme(s, *scheme);

    const uint8_t flags = r.byte("flags");
    const int gran = flags & 3, clip = flags >> 2 & 3, scale = flags >> 4 & 3,
              prune = flags >> 6 & 3;
    if (s.scheme == QuantScheme::Float)
        check(gran == 0 && clip == 0 && scale == 0, what + ": a float tensor has scale flags set");
    if (s.scheme != QuantScheme::Int)
        check(clip == 0, what + ": clipping is set for a non-integer scheme");
    if (s.scheme != QuantScheme::Float) {
        check(gran != 3, what + ": unknown granularity code 3");
        s.granularity = gran == 0   ? Granularity::Tensor
                        : gran == 1 ? Granularity::Row
                                    : Granularity::Group;
        s.scaleType = floatFromCode(uint8_t(scale), what, "scale type");
    }
    check(clip != 3, what + ": unknown clip code 3");
    s.clip = clip == 0 ? ClipMode::None : clip == 1 ? ClipMode::Percentile : ClipMode::Std;
    s.prune = prune == 0   ? PruneMode::None
              : prune == 1 ? PruneMode::Magnitude
              : prune == 2 ? PruneMode::NM
                           : PruneMode::Rows;
    if (gran == 2) {
        const uint64_t g = r.varint("group size");
        check(g >= 1 && g <= uint64_t(std::numeric_limits<int>::max()),
              what + ": group size out of range");
        s.groupSize = int(g);
    }
    if (clip != 0)
        s.clipValue = r.f64("clip value");
    if (prune == 1 || prune == 3)
        s.sparsity = r.f64("sparsity");
    if (prune == 2) {
        s.n = r.byte("N:M");
        s.m = r.byte("N:M");
    }
    if (prune == 3) {
        const uint64_t b = r.varint("row block");
        check(b <= uint64_t(std::numeric_limits<int>::max()), what + ": row block out of range");
        s.rowBlock = int(b);
    }
    s.validate(what);

    e.mainBytes = int64_t(r.varint("stream size"));
    if (!e.isFloat())
        e.scaleBytes = int64_t(r.varint("stream size"));
    check(!e.columnMajor || e.canBeColumnMajor(),
          what + ": column-major order recorded for a tensor without two dimensions of size >= 2");
    // A stream is stored as is when compression does not make it smaller, so a stored size
    // above the raw size is never written.
    check(e.mainBytes <= e.mainRaw(), what + ": stream of " + std::to_string(e.mainBytes) +
                                          " bytes is larger than its raw size " +
                                          std::to_string(e.mainRaw()));
    check(e.scaleBytes <= e.scaleRaw(), what + ": scale stream of " + std::to_string(e.scaleBytes) +
                                            " bytes is larger than its raw size " +
                                            std::to_string(e.scaleRaw()));
}

// ---- encoding -------------------------------------------------------------------------------

/// The stream as written: compressed, or the raw bytes when compression does not pay. Readers
/// tell the two apart by size alone (stored size == raw size means stored).
std::string storeOrCompress(const std::string &raw, Codec codec, int level)
{
    if (raw.empty())
        return raw;
    std::string packed = compress(raw, codec, level);
    return packed.size() < raw.size() ? packed : raw;
}

void validateForEncoding(const QuantizedTensor &t, const std::string &what)
{
    check(!t.name.empty(), "encodeTensor: a tensor has an empty name");
    check(!t.dtype.empty(), what + ": empty dtype");
    check(t.shape.size() <= size_t(kMaxDims), what + ": too many dimensions");
    int64_t numel = 1;
    for (int64_t d : t.shape) {
        check(d >= 0 && (d == 0 || numel <= kMaxNumel / d), what + ": invalid shape");
        numel *= d;
    }
    const QuantSetting &s = t.setting;
    s.validate(what);
    if (s.scheme == QuantScheme::Float) {
        check(t.codes.empty() && t.scales.empty(), what + ": a float tensor has codes or scales");
        const int64_t want = numel * floatTypeBytes(s.floatType);
        check(int64_t(t.values.size()) == want, what + ": " + std::to_string(t.values.size()) +
                                                    " value bytes, the shape needs " +
                                                    std::to_string(want));
        return;
    }
    check(t.values.empty(), what + ": a quantized tensor has float values");
    check(int64_t(t.codes.size()) == numel, what + ": " + std::to_string(t.codes.size()) +
                                                " codes, the shape needs " + std::to_string(numel));
    const int64_t wantScales = t.scaleCount() * floatTypeBytes(s.scaleType);
    check(int64_t(t.scales.size()) == wantScales, what + ": " + std::to_string(t.scales.size()) +
                                                      " scale bytes, the setting needs " +
                                                      std::to_string(wantScales));
    const int qmax = s.qmax();
    const bool binary = s.scheme == QuantScheme::Binary;
    for (size_t i = 0; i < t.codes.size(); ++i) {
        const int c = t.codes[i];
        if (binary ? (c != -1 && c != 1) : (c < -qmax || c > qmax))
            throw Error(what + ": code " + std::to_string(c) + " at index " + std::to_string(i) +
                        " is out of range for " + s.describe());
    }
}

std::string encodeMeta(Codec codec, int level, const Entry &e)
{
    Writer w;
    w.byte(codecCode(codec));
    w.byte(uint8_t(level));
    writeEntryBody(w, e);
    return w.out;
}

/// Parses an EncodedTensor's meta back into its entry; checks it was made for this codec.
Entry decodeMeta(const EncodedTensor &t, Codec codec, int level)
{
    const std::string what = "golf-mixed-v1: encoded tensor '" + t.name + "'";
    check(t.meta.size() >= 2, what + ": missing header entry (not made by encodeTensor)");
    check(uint8_t(t.meta[0]) == codecCode(codec) && uint8_t(t.meta[1]) == uint8_t(level),
          what + ": encoded with another codec or level than the file's");
    Reader r(std::string_view(t.meta).substr(2), what);
    Entry e;
    e.t.name = t.name;
    readEntryBody(r, e, what);
    check(r.left() == 0, what + ": malformed header entry");
    check(int64_t(t.stream.size()) == e.mainBytes + e.scaleBytes,
          what + ": stream is " + std::to_string(t.stream.size()) + " bytes, its entry records " +
              std::to_string(e.mainBytes + e.scaleBytes));
    return e;
}

size_t commonPrefix(const std::string &a, const std::string &b)
{
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n])
        ++n;
    return n;
}

/// Magic, version, CRC placeholder, codec/level, table sizes and the (compressed) table.
std::string buildHeader(const std::vector<EncodedTensor> &tensors, Codec codec, int level)
{
    checkCodecLevel(codec, level, "golf-mixed-v1");
    Writer table;
    table.varint(tensors.size());
    std::unordered_set<std::string> seen;
    const std::string *prev = nullptr;
    static const std::string empty;
    for (const EncodedTensor &t : tensors) {
        decodeMeta(t, codec, level); // validates the entry and its stream size
        check(seen.insert(t.name).second, "golf-mixed-v1: tensor '" + t.name + "' appears twice");
        // Names are front-coded: the length shared with the previous name, then the rest.
        const size_t shared = commonPrefix(prev ? *prev : empty, t.name);
        table.varint(shared);
        table.varint(t.name.size() - shared);
        table.bytes(std::string_view(t.name).substr(shared));
        table.bytes(std::string_view(t.meta).substr(2));
        prev = &t.name;
    }
    const std::string packed = storeOrCompress(table.out, codec, level);

    Writer w;
    w.bytes(std::string_view(kMagic, 4));
    w.byte(kVersion);
    w.bytes(std::string_view("\0\0\0\0", 4)); // CRC, filled in by assembleMixed
    w.byte(uint8_t(codecCode(codec) << 5 | level));
    w.varint(table.out.size());
    w.varint(packed.size());
    w.bytes(packed);
    return w.out;
}

// ---- parsing --------------------------------------------------------------------------------

struct Parsed
{
    Codec codec = Codec::Lzma;
    int level = 0;
    size_t headerBytes = 0;
    std::vector<Entry> entries;
};

/// Parses and checks everything but the stream contents: prefix, header, sizes, CRC.
Parsed parse(std::string_view bytes, const std::string &what)
{
    const size_t magicSeen = std::min<size_t>(bytes.size(), 4);
    check(magicSeen == 0 || std::memcmp(bytes.data(), kMagic, magicSeen) == 0,
          what + ": not a golf-mixed-v1 file (wrong magic; expected \"GMIX\")");
    check(bytes.size() >= 5,
          what + ": truncated (" + std::to_string(bytes.size()) + " bytes, ends in the prefix)");
    check(uint8_t(bytes[4]) == kVersion,
          what + ": unsupported golf-mixed version " + std::to_string(uint8_t(bytes[4])) +
              " (this build reads version " + std::to_string(kVersion) + ")");
    check(bytes.size() >= kPrefixBytes,
          what + ": truncated (" + std::to_string(bytes.size()) + " bytes, ends in the prefix)");

    Parsed p;
    const uint8_t codecByte = uint8_t(bytes[9]);
    const CodecInfo *codec = codecByWireCode(codecByte >> 5);
    if (!codec)
        throw Error(what + ": unknown codec code " + std::to_string(codecByte >> 5));
    p.codec = codec->codec;
    p.level = codecByte & 31;
    checkCodecLevel(p.codec, p.level, what);

    Reader r(bytes, what);
    r.bytes(kPrefixBytes, "prefix");
    const uint64_t tableRaw = r.varint("header size");
    const uint64_t tableStored = r.varint("header size");
    check(tableRaw <= kMaxTableBytes,
          what + ": header size " + std::to_string(tableRaw) + " is implausible");
    check(tableStored <= tableRaw, what + ": stored header is larger than the header");
    const std::string_view stored = r.bytes(tableStored, "the header");
    const std::string table =
        tableStored == tableRaw
            ? std::string(stored)
            : decompress(stored, p.codec, p.level, int64_t(tableRaw), what + ": header");
    p.headerBytes = r.pos();

    Reader t(table, what + ": header");
    const uint64_t count = t.varint("tensor count");
    // Every entry takes at least 6 bytes, which bounds the count before anything is allocated.
    check(count <= table.size() / 6,
          what + ": header claims " + std::to_string(count) + " tensors");
    p.entries.resize(size_t(count));
    std::unordered_set<std::string> seen;
    uint64_t streamTotal = 0;
    const std::string *prev = nullptr;
    for (Entry &e : p.entries) {
        const uint64_t shared = t.varint("tensor name");
        const uint64_t rest = t.varint("tensor name");
        check(shared <= (prev ? prev->size() : 0),
              what + ": header entry shares more of its name than "
                     "the previous name has");
        e.t.name = (prev ? prev->substr(0, size_t(shared)) : std::string()) +
                   std::string(t.bytes(rest, "tensor name"));
        check(!e.t.name.empty(), what + ": a tensor has an empty name");
        check(seen.insert(e.t.name).second, what + ": tensor '" + e.t.name + "' appears twice");
        readEntryBody(t, e, what + ": tensor '" + e.t.name + "'");
        // Each size is below 2^51 and the running total stays below the file size, so no overflow.
        streamTotal += uint64_t(e.mainBytes) + uint64_t(e.scaleBytes);
        check(streamTotal <= bytes.size(), what +
                                               ": truncated (the header records more stream bytes "
                                               "than the file has)");
        prev = &e.t.name;
    }
    check(t.left() == 0,
          what + ": " + std::to_string(t.left()) + " unexpected bytes at the end of the header");

    const uint64_t have = bytes.size() - p.headerBytes;
    check(have >= streamTotal, what + ": truncated (the header records " +
                                   std::to_string(streamTotal) + " stream bytes, " +
                                   std::to_string(have) + " follow it)");
    check(have == streamTotal, what + ": " + std::to_string(have - streamTotal) +
                                   " trailing bytes after the last stream");
    uint32_t stored32 = 0;
    for (int i = 0; i < 4; ++i)
        stored32 |= uint32_t(uint8_t(bytes[kCrcOffset + size_t(i)])) << (8 * i);
    const uint32_t computed = crc32Of(bytes.substr(kCrcCovered));
    check(stored32 == computed, what + ": checksum mismatch (the file is corrupt)");
    return p;
}

/// A stream back to its raw bytes: stored as is, or compressed.
std::string openStream(std::string_view stream, int64_t raw, const Parsed &p,
                       const std::string &what)
{
    if (int64_t(stream.size()) == raw)
        return std::string(stream);
    return decompress(stream, p.codec, p.level, raw, what);
}

} // namespace

// Candidate streams from this size on are compressed concurrently (below it a thread costs
// more than it saves).
constexpr size_t kParallelCandidateBytes = 64 * 1024;

EncodedTensor encodeTensor(const QuantizedTensor &tensor, Codec codec, int level)
{
    const std::string what = "encodeTensor: tensor '" + tensor.name + "'";
    checkCodecLevel(codec, level, what);
    validateForEncoding(tensor, what);

    Entry e;
    e.t.name = tensor.name;
    e.t.shape = tensor.shape;
    e.t.dtype = tensor.dtype;
    e.t.setting = tensor.setting;
    const int64_t rows = e.t.rows(), cols = e.t.cols();

    // The main stream in row-major order, and in column-major order where that is a different
    // sequence; the smaller wins, ties go to row-major (MIXED_FORMAT.md §4 for why two).
    std::string rowMajor, colMajor;
    EncodedTensor out;
    out.name = tensor.name;
    if (e.isFloat()) {
        const int width = floatTypeBytes(tensor.setting.floatType);
        rowMajor = shuffleBytes(tensor.values, width);
        if (e.canBeColumnMajor())
            colMajor = shuffleBytes(toColumnMajor(tensor.values, rows, cols, width), width);
    } else {
        const int8_t *codes = tensor.codes.data();
        rowMajor = packCodes(codes, e.t.numel(), tensor.setting);
        if (e.canBeColumnMajor()) {
            const std::string_view asBytes(reinterpret_cast<const char *>(codes),
                                           tensor.codes.size());
            const std::string transposed = toColumnMajor(asBytes, rows, cols, 1);
            colMajor = packCodes(reinterpret_cast<const int8_t *>(transposed.data()), e.t.numel(),
                                 tensor.setting);
        }
    }
    // The two candidates compress on two threads when they are big enough to pay for one:
    // re-pricing a single large tensor then takes one compression's time, not two.
    std::future<std::string> altFuture;
    if (colMajor.size() >= kParallelCandidateBytes)
        altFuture = std::async(std::launch::async, [&] { return storeOrCompress(colMajor, codec, level); });
    std::string main = storeOrCompress(rowMajor, codec, level);
    if (!colMajor.empty()) {
        std::string alt = altFuture.valid() ? altFuture.get() : storeOrCompress(colMajor, codec, level);
        if (alt.size() < main.size()) {
            main = std::move(alt);
            e.columnMajor = true;
        }
    }
    e.mainBytes = int64_t(main.size());
    out.stream = std::move(main);
    out.rawBytes = e.mainRaw();
    if (!e.isFloat()) {
        const std::string scales = storeOrCompress(
            shuffleBytes(tensor.scales, floatTypeBytes(tensor.setting.scaleType)), codec, level);
        e.scaleBytes = int64_t(scales.size());
        out.stream += scales;
        out.rawBytes += e.scaleRaw();
    }
    out.meta = encodeMeta(codec, level, e);
    return out;
}

std::string assembleMixed(const std::vector<EncodedTensor> &tensors, Codec codec, int level)
{
    std::string file = buildHeader(tensors, codec, level);
    for (const EncodedTensor &t : tensors)
        file += t.stream;
    const uint32_t crc = crc32Of(std::string_view(file).substr(kCrcCovered));
    for (int i = 0; i < 4; ++i)
        file[kCrcOffset + size_t(i)] = char(uint8_t(crc >> (8 * i)));
    return file;
}

int64_t mixedHeaderBytes(const std::vector<EncodedTensor> &tensors, Codec codec, int level)
{
    return int64_t(buildHeader(tensors, codec, level).size());
}

std::vector<QuantizedTensor> readMixed(std::string_view bytes, const std::string &what)
{
    const Parsed p = parse(bytes, what);
    // Each tensor's streams decode on their own, so the cores share them (a golf-mixed file is
    // mostly LZMA or zstd to undo; `golf inspect` and every load wait for it).
    std::vector<size_t> offsets;
    size_t pos = p.headerBytes;
    for (const Entry &e : p.entries) {
        offsets.push_back(pos);
        pos += size_t(e.mainBytes) + (e.isFloat() ? 0 : size_t(e.scaleBytes));
    }
    std::vector<QuantizedTensor> out(p.entries.size());
    auto decode = [&](size_t i) {
        const Entry &e = p.entries[i];
        const std::string tw = what + ": tensor '" + e.t.name + "'";
        QuantizedTensor t = e.t;
        size_t at = offsets[i];
        const std::string main = openStream(bytes.substr(at, size_t(e.mainBytes)), e.mainRaw(), p,
                                            tw + (e.isFloat() ? " values" : " codes"));
        at += size_t(e.mainBytes);
        const int64_t rows = t.rows(), cols = t.cols();
        if (e.isFloat()) {
            const int width = floatTypeBytes(t.setting.floatType);
            t.values = unshuffleBytes(main, width);
            if (e.columnMajor)
                t.values = fromColumnMajor(t.values, rows, cols, width);
        } else {
            t.codes = unpackCodes(main, t.numel(), t.setting, tw + " codes");
            if (e.columnMajor) {
                const std::string_view asBytes(reinterpret_cast<const char *>(t.codes.data()),
                                               t.codes.size());
                const std::string ordered = fromColumnMajor(asBytes, rows, cols, 1);
                std::memcpy(t.codes.data(), ordered.data(), ordered.size());
            }
            const std::string scales = openStream(bytes.substr(at, size_t(e.scaleBytes)),
                                                  e.scaleRaw(), p, tw + " scales");
            t.scales = unshuffleBytes(scales, floatTypeBytes(t.setting.scaleType));
        }
        out[i] = std::move(t);
    };
    // The first failing tensor in file order is the one reported, whatever thread met it.
    std::vector<std::exception_ptr> failures(p.entries.size());
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i; (i = next.fetch_add(1)) < p.entries.size();) {
            try {
                decode(i);
            } catch (...) {
                failures[i] = std::current_exception();
            }
        }
    };
    const size_t threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), p.entries.size());
    std::vector<std::thread> pool;
    for (size_t k = 1; k < threads; ++k)
        pool.emplace_back(worker);
    worker();
    for (auto &t : pool)
        t.join();
    for (const auto &f : failures)
        if (f)
            std::rethrow_exception(f);
    return out;
}

MixedFileLayout mixedLayout(std::string_view bytes, const std::string &what)
{
    const Parsed p = parse(bytes, what);
    MixedFileLayout layout;
    layout.headerBytes = int64_t(p.headerBytes);
    layout.codec = p.codec;
    layout.level = p.level;
    for (const Entry &e : p.entries) {
        layout.streamBytes.emplace_back(e.t.name, e.mainBytes + e.scaleBytes);
        layout.tensors.push_back(
            {e.t.name, e.columnMajor, e.mainBytes, e.mainRaw(), e.scaleBytes, e.scaleRaw()});
    }
    return layout;
}

bool isMixedFile(std::string_view bytes)
{
    return bytes.size() >= 4 && std::memcmp(bytes.data(), kMagic, 4) == 0;
}

} // namespace Core
