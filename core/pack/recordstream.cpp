// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/recordstream.h"

#include "common/error.h"
#include "pack/brotlidecode.h"
#include "pack/bshf.h"
#include "pack/zlibcodec.h"

#include <lzma.h>
#include <zstd.h>

#include <memory>

namespace Core {

namespace {

std::string zstdFrames(std::string_view packed, const std::string &what, size_t maxBytes)
{
    std::unique_ptr<ZSTD_DStream, decltype(&ZSTD_freeDStream)> ds(ZSTD_createDStream(),
                                                                   &ZSTD_freeDStream);
    check(ds != nullptr, what + ": zstd: cannot create a decoder");
    // Windows above 128 MiB need an opt-in; a record's level-22 frame uses at most that.
    ZSTD_DCtx_setParameter(ds.get(), ZSTD_d_windowLogMax, 27);
    ZSTD_inBuffer in{packed.data(), packed.size(), 0};
    std::string out;
    char chunk[1 << 16];
    while (true) {
        ZSTD_outBuffer o{chunk, sizeof chunk, 0};
        const size_t ret = ZSTD_decompressStream(ds.get(), &o, &in);
        check(!ZSTD_isError(ret), what + ": not a valid zstd stream (" + ZSTD_getErrorName(ret) + ")");
        check(out.size() + o.pos <= maxBytes, what + ": zstd stream inflates to more than "
                                                  + std::to_string(maxBytes) + " bytes; refusing it");
        out.append(chunk, o.pos);
        // A full output buffer may leave more buffered; otherwise all input is consumed and the
        // decoder says whether its last frame ended (0) or wants more (truncated).
        if (o.pos < o.size && in.pos == in.size) {
            check(ret == 0, what + ": the zstd stream is truncated");
            return out;
        }
    }
}

std::string xzStream(std::string_view packed, const std::string &what, size_t maxBytes)
{
    lzma_stream s = LZMA_STREAM_INIT;
    // 1 GiB of decoder memory covers preset 9e (64 MiB dictionary) with room to spare.
    check(lzma_stream_decoder(&s, uint64_t(1) << 30, 0) == LZMA_OK, what + ": xz: cannot create a decoder");
    std::unique_ptr<lzma_stream, decltype(&lzma_end)> guard(&s, &lzma_end);
    s.next_in = reinterpret_cast<const uint8_t *>(packed.data());
    s.avail_in = packed.size();
    std::string out;
    uint8_t chunk[1 << 16];
    while (true) {
        s.next_out = chunk;
        s.avail_out = sizeof chunk;
        const lzma_ret rc = lzma_code(&s, LZMA_FINISH);
        const size_t produced = sizeof chunk - s.avail_out;
        check(out.size() + produced <= maxBytes, what + ": xz stream inflates to more than "
                                                     + std::to_string(maxBytes) + " bytes; refusing it");
        out.append(reinterpret_cast<const char *>(chunk), produced);
        if (rc == LZMA_STREAM_END) {
            check(s.avail_in == 0, what + ": " + std::to_string(s.avail_in)
                                       + " bytes follow the end of the xz stream");
            return out;
        }
        if (rc == LZMA_OK)
            continue;
        if (rc == LZMA_BUF_ERROR)
            throw Error(what + ": the xz stream is truncated");
        throw Error(what + ": not a valid xz stream (liblzma error " + std::to_string(int(rc)) + ")");
    }
}

} // namespace

const char *recordCodecName(RecordCodec codec)
{
    switch (codec) {
    case RecordCodec::Zlib: return "zlib";
    case RecordCodec::Zstd: return "zstd";
    case RecordCodec::Xz: return "xz";
    case RecordCodec::Brotli: return "brotli";
    }
    return "?";
}

std::optional<RecordCodec> sniffRecordCodec(std::string_view head)
{
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(head[i]); };
    // zlib: CMF 0x78 (deflate, 32 KiB window) and a header checksum that divides 31.
    if (head.size() >= 2 && byte(0) == 0x78 && ((byte(0) << 8) | byte(1)) % 31 == 0)
        return RecordCodec::Zlib;
    if (head.substr(0, 4) == std::string_view("\x28\xB5\x2F\xFD", 4))
        return RecordCodec::Zstd;
    if (head.substr(0, 6) == std::string_view("\xFD" "7zXZ\x00", 6))
        return RecordCodec::Xz;
    return std::nullopt;
}

std::string decodeRecordCodec(std::string_view packed, RecordCodec codec, const std::string &what,
                              size_t maxBytes)
{
    switch (codec) {
    case RecordCodec::Zlib: return zlibDecompress(packed, what, maxBytes);
    case RecordCodec::Zstd: return zstdFrames(packed, what, maxBytes);
    case RecordCodec::Xz: return xzStream(packed, what, maxBytes);
    case RecordCodec::Brotli: return brotliDecompress(packed, what, maxBytes);
    }
    throw Error(what + ": unknown codec");
}

std::string RecordStream::describe() const
{
    std::string s = recordCodecName(codec);
    if (shuffleStride > 0)
        s += " + BSHF/" + std::to_string(shuffleStride);
    return s;
}

RecordStream decodeRecordStream(std::string_view file, const std::string &what, size_t maxBytes)
{
    RecordStream r;
    if (const auto codec = sniffRecordCodec(file.substr(0, 8))) {
        r.codec = *codec;
        r.raw = decodeRecordCodec(file, *codec, what, maxBytes);
    } else {
        r.codec = RecordCodec::Brotli;
        try {
            r.raw = brotliDecompress(file, what, maxBytes);
        } catch (const Error &e) {
            throw Error(what + ": not a model file golf knows: no known magic (torch.save zip, "
                               "golf-mixed-v1, zlib, zstd, xz, PGRP) and not a brotli stream either ("
                        + std::string(e.what()).substr(what.size() + 2) + ")");
        }
    }
    if (hasByteShuffle(r.raw)) {
        r.shuffleStride = byteShuffleStride(r.raw);
        r.raw = byteUnshuffle(r.raw, what);
    }
    return r;
}

} // namespace Core
