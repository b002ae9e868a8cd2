// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/zlibcodec.h"

#include "common/error.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

namespace Core {

namespace {

// zlib counts in uInt (32 bits); feed larger buffers in pieces of at most this size.
constexpr size_t kChunk = size_t(1) << 30;

// Deflates `bytes` whole; windowBits 15 writes a zlib stream, -15 raw deflate.
std::string deflateAll(std::string_view bytes, int level, int windowBits, int memLevel)
{
    check(level >= 0 && level <= 9, "zlib: compression level must be 0..9, got " + std::to_string(level));
    z_stream zs{};
    check(deflateInit2(&zs, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY) == Z_OK,
          "zlib: deflateInit2 failed");
    std::string out;
    out.resize(deflateBound(&zs, uLong(std::min(bytes.size(), size_t(ULONG_MAX)))) + 64);
    size_t inPos = 0;
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        const size_t inLeft = bytes.size() - inPos;
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data() + inPos));
        zs.avail_in = uInt(std::min(inLeft, kChunk));
        if (zs.total_out + 64 > out.size())
            out.resize(out.size() * 2);
        const size_t outPos = size_t(zs.total_out);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + outPos);
        zs.avail_out = uInt(std::min(out.size() - outPos, kChunk));
        const uInt fedIn = zs.avail_in;
        rc = deflate(&zs, inLeft <= kChunk ? Z_FINISH : Z_NO_FLUSH);
        inPos += fedIn - zs.avail_in;
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            deflateEnd(&zs);
            throw Error("zlib: deflate failed (" + std::to_string(rc) + ")");
        }
    }
    out.resize(size_t(zs.total_out));
    deflateEnd(&zs);
    return out;
}

} // namespace

std::string zlibCompress(std::string_view bytes, int level)
{
    // deflateInit's defaults (memLevel 8), as Python's zlib.compress uses them: same bytes.
    return deflateAll(bytes, level, 15, 8);
}

std::string deflateRaw(std::string_view bytes, int level)
{
    return deflateAll(bytes, level, -15, 9);
}

std::string zlibDecompress(std::string_view bytes, const std::string &what, size_t maxBytes)
{
    z_stream zs{};
    check(inflateInit(&zs) == Z_OK, what + ": zlib inflateInit failed");
    // One byte past the cap is room to notice a stream that goes on past it.
    std::string out(std::min(std::max<size_t>(bytes.size() * 4, 4096), maxBytes + 1), '\0');
    size_t inPos = 0;
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        const size_t inLeft = bytes.size() - inPos;
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data() + inPos));
        zs.avail_in = uInt(std::min(inLeft, kChunk));
        if (size_t(zs.total_out) == out.size()) {
            if (out.size() > maxBytes) {
                inflateEnd(&zs);
                throw Error(what + ": the zlib stream inflates to more than " + std::to_string(maxBytes)
                            + " bytes, far more than any model file holds (a zip bomb?)");
            }
            out.resize(std::min(out.size() * 2, maxBytes + 1));
        }
        const size_t outPos = size_t(zs.total_out);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + outPos);
        zs.avail_out = uInt(std::min(out.size() - outPos, kChunk));
        const uInt fedIn = zs.avail_in;
        rc = inflate(&zs, Z_NO_FLUSH);
        inPos += fedIn - zs.avail_in;
        if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR || rc == Z_MEM_ERROR) {
            const std::string msg = zs.msg ? zs.msg : "error " + std::to_string(rc);
            inflateEnd(&zs);
            throw Error(what + ": not a valid zlib stream (" + msg + ")");
        }
        // Input used up without the end-of-stream marker: the file was cut short.
        if (rc != Z_STREAM_END && inPos == bytes.size() && zs.avail_out > 0) {
            inflateEnd(&zs);
            throw Error(what + ": truncated zlib stream (ends before its end marker)");
        }
    }
    inflateEnd(&zs);
    check(size_t(zs.total_out) <= maxBytes, what + ": the zlib stream inflates to more than "
                                                + std::to_string(maxBytes) + " bytes, far more than "
                                                  "any model file holds (a zip bomb?)");
    // The model file is exactly one zlib stream: bytes after its end are damage (an appended
    // or concatenated file), not something to ignore silently.
    const size_t rest = bytes.size() - inPos;
    check(rest == 0, what + ": " + std::to_string(rest) +
                         " bytes after the end of the zlib stream (the file is damaged)");
    out.resize(size_t(zs.total_out));
    return out;
}

} // namespace Core
