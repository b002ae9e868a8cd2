// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/codec.h"

#include "pack/brotlidecode.h"

#include "pack/zlibcodec.h"

#include "common/error.h"

// ZSTD_c_format / ZSTD_d_format (the magicless frame) live in zstd's "experimental" section. They
// have been stable since zstd 1.3.x and are plain parameter values passed to the shared library.
#define ZSTD_STATIC_LINKING_ONLY
#include <brotli/encode.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <climits>
#include <cstring>

namespace Core {

namespace {

// zlib counts in uInt (32 bits); larger buffers are fed in pieces of at most this size.
constexpr size_t kZlibChunk = size_t(1) << 30;


// ---- output buffer for decoders ---------------------------------------------------------------
// The raw size comes from a file header, which may be corrupt or hostile. The buffer therefore
// grows with what the decoder actually produces instead of being allocated up front: a header
// claiming terabytes fails as "truncated" after the real data, not with std::bad_alloc. It may
// hold one byte more than rawSize, so a decoder that still has its end marker to read after the
// last byte can finish, and one that produces an extra byte is caught.
class Output
{
public:
    Output(int64_t rawSize, size_t packedSize, const std::string &what)
        : m_rawSize(size_t(rawSize))
        , m_what(what)
    {
        m_bytes.resize(std::min(m_rawSize + 1, std::max<size_t>(size_t(1) << 16, packedSize * 8)));
    }

    char *data() { return m_bytes.data(); }
    size_t capacity() const { return m_bytes.size(); }

    /// Makes room after `produced` bytes (== capacity()). Throws when that is more than rawSize.
    void grow(size_t produced, const char *codec)
    {
        if (produced > m_rawSize)
            throw Error(m_what + ": " + codec + " stream holds more than the recorded " +
                        std::to_string(m_rawSize) + " bytes");
        m_bytes.resize(std::min(m_rawSize + 1, m_bytes.size() * 2));
    }

    std::string finish(size_t produced, const char *codec)
    {
        if (produced > m_rawSize)
            grow(produced, codec); // throws
        if (produced != m_rawSize)
            throw Error(m_what + ": " + codec + " stream decompresses to " +
                        std::to_string(produced) + " bytes, the header records " +
                        std::to_string(m_rawSize));
        m_bytes.resize(produced);
        return std::move(m_bytes);
    }

private:
    size_t m_rawSize;
    const std::string &m_what;
    std::string m_bytes;
};

// ---- zlib: raw deflate ----------------------------------------------------------------------
// windowBits -15 = raw deflate (no zlib header/adler32: the container has its own CRC), memLevel 9
// (the largest hash tables; deterministic, only costs encoder memory), default strategy.

std::string zlibDecode(std::string_view packed, int /*level*/, int64_t rawSize,
                       const std::string &what)
{
    z_stream zs{};
    check(inflateInit2(&zs, -15) == Z_OK, what + ": zlib inflateInit2 failed");
    Output out(rawSize, packed.size(), what);
    size_t inPos = 0, produced = 0;
    try {
        for (;;) {
            if (zs.avail_in == 0 && inPos < packed.size()) {
                zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(packed.data() + inPos));
                zs.avail_in = uInt(std::min(packed.size() - inPos, kZlibChunk));
                inPos += zs.avail_in;
            }
            if (produced == out.capacity())
                out.grow(produced, "zlib");
            zs.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
            zs.avail_out = uInt(std::min(out.capacity() - produced, kZlibChunk));
            const uInt room = zs.avail_out;
            const int rc = inflate(&zs, Z_NO_FLUSH);
            produced += room - zs.avail_out;
            if (rc == Z_STREAM_END)
                break;
            if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR || rc == Z_MEM_ERROR)
                throw Error(what + ": corrupt zlib stream (" +
                            std::string(zs.msg ? zs.msg : "error " + std::to_string(rc)) + ")");
            // All input consumed, room left, no end marker: the stream was cut short.
            if (zs.avail_in == 0 && inPos == packed.size() && zs.avail_out > 0)
                throw Error(what + ": truncated zlib stream (ends before its end marker)");
        }
        check(zs.avail_in == 0 && inPos == packed.size(),
              what + ": zlib stream ends " + std::to_string(packed.size() - inPos + zs.avail_in) +
                  " bytes before the recorded stream size");
    } catch (...) {
        inflateEnd(&zs);
        throw;
    }
    inflateEnd(&zs);
    return out.finish(produced, "zlib");
}

// ---- zstd: one magicless frame --------------------------------------------------------------
// No magic number, no content size, no checksum, no dictionary id: the container records the
// sizes and has its own CRC, so these would be ~6 bytes of redundancy per stream.

std::string zstdEncode(std::string_view raw, int level)
{
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    check(cctx != nullptr, "zstd: ZSTD_createCCtx failed");
    const auto set = [&](ZSTD_cParameter p, int v) {
        const size_t rc = ZSTD_CCtx_setParameter(cctx, p, v);
        if (ZSTD_isError(rc)) {
            ZSTD_freeCCtx(cctx);
            throw Error(std::string("zstd: cannot set a parameter (") + ZSTD_getErrorName(rc) +
                        ")");
        }
    };
    set(ZSTD_c_compressionLevel, level);
    set(ZSTD_c_checksumFlag, 0);
    set(ZSTD_c_contentSizeFlag, 0);
    set(ZSTD_c_dictIDFlag, 0);
    set(ZSTD_c_format, ZSTD_f_zstd1_magicless);
    set(ZSTD_c_nbWorkers, 0); // single-threaded: identical bytes everywhere
    std::string out(ZSTD_compressBound(raw.size()), '\0');
    // ZSTD_compress2 knows the input size, so level 22 picks window and tables for it.
    const size_t n = ZSTD_compress2(cctx, out.data(), out.size(), raw.data(), raw.size());
    ZSTD_freeCCtx(cctx);
    check(!ZSTD_isError(n), std::string("zstd: compression failed (") + ZSTD_getErrorName(n) + ")");
    out.resize(n);
    return out;
}

std::string zstdDecode(std::string_view packed, int /*level*/, int64_t rawSize,
                       const std::string &what)
{
    ZSTD_DCtx *dctx = ZSTD_createDCtx();
    check(dctx != nullptr, what + ": ZSTD_createDCtx failed");
    Output out(rawSize, packed.size(), what);
    size_t produced = 0;
    ZSTD_inBuffer in{packed.data(), packed.size(), 0};
    try {
        const size_t rc = ZSTD_DCtx_setParameter(dctx, ZSTD_d_format, ZSTD_f_zstd1_magicless);
        check(!ZSTD_isError(rc), what + ": zstd: cannot select the magicless format");
        for (;;) {
            if (produced == out.capacity())
                out.grow(produced, "zstd");
            ZSTD_outBuffer ob{out.data(), out.capacity(), produced};
            const size_t r = ZSTD_decompressStream(dctx, &ob, &in);
            produced = ob.pos;
            if (ZSTD_isError(r))
                throw Error(what + ": corrupt zstd stream (" + ZSTD_getErrorName(r) + ")");
            if (r == 0)
                break; // frame decoded and flushed
            // The decoder stops only when input runs out or output is full.
            if (in.pos == in.size && ob.pos < ob.size)
                throw Error(what + ": truncated zstd stream (ends before the frame does)");
        }
        check(in.pos == in.size, what + ": zstd frame ends " + std::to_string(in.size - in.pos) +
                                     " bytes before the recorded stream size");
    } catch (...) {
        ZSTD_freeDCtx(dctx);
        throw;
    }
    ZSTD_freeDCtx(dctx);
    return out.finish(produced, "zstd");
}

// ---- lzma: raw LZMA2 -------------------------------------------------------------------------
// lzma_lzma_preset(level | extreme), then two deliberate changes (MIXED_FORMAT.md, measurements):
//  - lc=0 lp=0 pb=0: our streams are bytes of nearly independent symbols (codes, byte-shuffled
//    floats); context on the previous byte or position only dilutes the statistics.
//  - dict_size capped at the input size (min 4 KiB): the preset's 64 MiB dictionary makes the
//    encoder clear ~100 MB of match-finder tables per stream, which dominated the time for
//    small tensors; a dictionary as large as the input finds the same matches.
// LZMA2 chunks carry lc/lp/pb themselves, and a decoder with a larger dictionary reads a stream
// written with a smaller one, so the decoder only needs the preset.

lzma_options_lzma lzmaOptions(int level)
{
    lzma_options_lzma opt{};
    const uint32_t preset = uint32_t(level % 10) | (level >= 10 ? LZMA_PRESET_EXTREME : 0u);
    check(!lzma_lzma_preset(&opt, preset), "lzma: unsupported preset " + std::to_string(level));
    return opt;
}

std::string lzmaEncode(std::string_view raw, int level)
{
    lzma_options_lzma opt = lzmaOptions(level);
    opt.lc = 0;
    opt.lp = 0;
    opt.pb = 0;
    opt.dict_size =
        uint32_t(std::min<size_t>(opt.dict_size, std::max<size_t>(LZMA_DICT_SIZE_MIN, raw.size())));
    lzma_filter filters[2] = {{LZMA_FILTER_LZMA2, &opt}, {LZMA_VLI_UNKNOWN, nullptr}};
    lzma_stream strm = LZMA_STREAM_INIT;
    check(lzma_raw_encoder(&strm, filters) == LZMA_OK, "lzma: cannot start the raw LZMA2 encoder");
    std::string out(raw.size() + raw.size() / 16 + 64, '\0');
    strm.next_in = reinterpret_cast<const uint8_t *>(raw.data());
    strm.avail_in = raw.size();
    for (;;) {
        if (strm.total_out == out.size())
            out.resize(out.size() * 2);
        strm.next_out = reinterpret_cast<uint8_t *>(out.data() + strm.total_out);
        strm.avail_out = out.size() - size_t(strm.total_out);
        const lzma_ret rc = lzma_code(&strm, LZMA_FINISH);
        if (rc == LZMA_STREAM_END)
            break;
        if (rc != LZMA_OK) {
            lzma_end(&strm);
            throw Error("lzma: compression failed (" + std::to_string(int(rc)) + ")");
        }
    }
    out.resize(size_t(strm.total_out));
    lzma_end(&strm);
    return out;
}

std::string lzmaDecode(std::string_view packed, int level, int64_t rawSize, const std::string &what)
{
    lzma_options_lzma opt = lzmaOptions(level);
    lzma_filter filters[2] = {{LZMA_FILTER_LZMA2, &opt}, {LZMA_VLI_UNKNOWN, nullptr}};
    lzma_stream strm = LZMA_STREAM_INIT;
    check(lzma_raw_decoder(&strm, filters) == LZMA_OK,
          what + ": cannot start the raw LZMA2 decoder");
    Output out(rawSize, packed.size(), what);
    strm.next_in = reinterpret_cast<const uint8_t *>(packed.data());
    strm.avail_in = packed.size();
    size_t produced = 0;
    try {
        for (;;) {
            if (produced == out.capacity())
                out.grow(produced, "lzma");
            strm.next_out = reinterpret_cast<uint8_t *>(out.data() + produced);
            strm.avail_out = out.capacity() - produced;
            const size_t room = strm.avail_out;
            const lzma_ret rc = lzma_code(&strm, LZMA_FINISH);
            produced += room - strm.avail_out;
            if (rc == LZMA_STREAM_END)
                break;
            // With LZMA_FINISH, liblzma reports LZMA_BUF_ERROR once input ran out mid-stream.
            if (rc == LZMA_BUF_ERROR && strm.avail_out > 0)
                throw Error(what + ": truncated lzma stream (ends before its end marker)");
            if (rc != LZMA_OK && rc != LZMA_BUF_ERROR)
                throw Error(what + ": corrupt lzma stream (liblzma error " +
                            std::to_string(int(rc)) + ")");
        }
        check(strm.avail_in == 0, what + ": lzma stream ends " + std::to_string(strm.avail_in) +
                                      " bytes before the recorded stream size");
    } catch (...) {
        lzma_end(&strm);
        throw;
    }
    lzma_end(&strm);
    return out.finish(produced, "lzma");
}

// ---- brotli: one raw stream ------------------------------------------------------------------
// Generic mode and no size hint, so Python's brotli.compress(raw, quality=q, lgwin=w) writes the
// same bytes (tests/interop/test_mixed_writer.py). The window is the smallest that holds the input: brotli's default 22 bits only
// costs memory on small tensors, and the stream header records it for the decoder.

int brotliWindow(size_t size)
{
    int lgwin = BROTLI_MIN_WINDOW_BITS;
    while (lgwin < BROTLI_MAX_WINDOW_BITS && (size_t(1) << lgwin) - 16 < size)
        ++lgwin;
    return lgwin;
}

std::string brotliEncode(std::string_view raw, int level)
{
    // The streaming encoder fed as Python's brotli.Compressor feeds it (process everything,
    // then finish): the one-shot BrotliEncoderCompress may choose other blocks.
    BrotliEncoderState *state = BrotliEncoderCreateInstance(nullptr, nullptr, nullptr);
    check(state != nullptr, "brotli: cannot start the encoder");
    BrotliEncoderSetParameter(state, BROTLI_PARAM_MODE, BROTLI_MODE_GENERIC);
    BrotliEncoderSetParameter(state, BROTLI_PARAM_QUALITY, uint32_t(level));
    BrotliEncoderSetParameter(state, BROTLI_PARAM_LGWIN, uint32_t(brotliWindow(raw.size())));
    std::string out;
    const uint8_t *in = reinterpret_cast<const uint8_t *>(raw.data());
    size_t availIn = raw.size();
    const auto run = [&](BrotliEncoderOperation op) {
        for (;;) {
            uint8_t buffer[1 << 16];
            uint8_t *next = buffer;
            size_t availOut = sizeof buffer;
            if (!BrotliEncoderCompressStream(state, op, &availIn, &in, &availOut, &next,
                                             nullptr)) {
                BrotliEncoderDestroyInstance(state);
                throw Error("brotli: compression failed");
            }
            out.append(reinterpret_cast<const char *>(buffer), sizeof buffer - availOut);
            const bool done = op == BROTLI_OPERATION_FINISH ? BrotliEncoderIsFinished(state)
                                                            : availIn == 0;
            if (done && !BrotliEncoderHasMoreOutput(state))
                return;
        }
    };
    run(BROTLI_OPERATION_PROCESS);
    run(BROTLI_OPERATION_FINISH);
    BrotliEncoderDestroyInstance(state);
    return out;
}

std::string brotliDecode(std::string_view packed, int /*level*/, int64_t rawSize,
                         const std::string &what)
{
    Output out(rawSize, packed.size(), what);
    size_t produced = 0;
    const size_t trailing = brotliDecodeStream(packed, what, [&](const char *data, size_t size) {
        while (produced + size > out.capacity())
            out.grow(out.capacity(), "brotli"); // throws past the recorded size
        std::memcpy(out.data() + produced, data, size);
        produced += size;
    });
    check(trailing == 0, what + ": brotli stream ends " + std::to_string(trailing) +
                             " bytes before the recorded stream size");
    return out.finish(produced, "brotli");
}

} // namespace

const std::vector<CodecInfo> &codecs()
{
    static const std::vector<CodecInfo> table{
        {Codec::Zlib, "zlib", 0, 0, 9, 9, "", deflateRaw, zlibDecode},
        {Codec::Zstd, "zstd", 1, 1, 22, 22, "", zstdEncode, zstdDecode},
        {Codec::Lzma, "lzma", 2, 0, 19, 9, " (10..19: the extreme presets 0..9)", lzmaEncode,
         lzmaDecode},
        {Codec::Brotli, "brotli", 3, 0, 11, 11, "", brotliEncode, brotliDecode},
    };
    return table;
}

const CodecInfo &codecInfo(Codec codec)
{
    for (const CodecInfo &c : codecs())
        if (c.codec == codec)
            return c;
    throw Error("unknown codec " + std::to_string(int(codec)));
}

const CodecInfo *codecByWireCode(unsigned code)
{
    for (const CodecInfo &c : codecs())
        if (c.wireCode == code)
            return &c;
    return nullptr;
}

const char *codecName(Codec codec)
{
    return codecInfo(codec).name;
}

std::string codecNameList()
{
    std::string out;
    for (const CodecInfo &c : codecs())
        out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

Codec codecFromName(const std::string &name, const std::string &what)
{
    for (const CodecInfo &c : codecs())
        if (name == c.name)
            return c.codec;
    throw Error(what + ": unknown codec \"" + name + "\" (expected " + codecNameList() + ")");
}

void checkCodecLevel(Codec codec, int level, const std::string &what)
{
    const CodecInfo &c = codecInfo(codec);
    check(level >= c.minLevel && level <= c.maxLevel,
          what + ": " + c.name + " level must be " + std::to_string(c.minLevel) + ".." +
              std::to_string(c.maxLevel) + c.levelNote + ", got " + std::to_string(level));
}

std::string compress(std::string_view raw, Codec codec, int level)
{
    checkCodecLevel(codec, level, "compress");
    return codecInfo(codec).encode(raw, level);
}

std::string decompress(std::string_view packed, Codec codec, int level, int64_t rawSize,
                       const std::string &what)
{
    checkCodecLevel(codec, level, what);
    check(rawSize >= 0, what + ": negative raw size " + std::to_string(rawSize));
    return codecInfo(codec).decode(packed, level, rawSize, what);
}

} // namespace Core
