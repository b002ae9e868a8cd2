// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/bshf.h"

#include "common/error.h"

namespace Core {

bool hasByteShuffle(std::string_view bytes)
{
    return bytes.size() >= 5 && bytes.substr(0, 4) == kBshfMagic;
}

int byteShuffleStride(std::string_view bytes)
{
    return hasByteShuffle(bytes) ? static_cast<unsigned char>(bytes[4]) : 0;
}

std::string byteUnshuffle(std::string_view bytes, const std::string &what)
{
    check(hasByteShuffle(bytes), what + ": no BSHF byte-shuffle marker");
    const size_t stride = static_cast<unsigned char>(bytes[4]);
    const std::string_view payload = bytes.substr(5);
    if (stride < 2)
        return std::string(payload);
    const size_t n = payload.size();
    std::string out(n, '\0');
    size_t src = 0;
    for (size_t lane = 0; lane < stride; ++lane) {
        const size_t count = n / stride + (lane < n % stride ? 1 : 0);
        for (size_t k = 0; k < count; ++k)
            out[lane + k * stride] = payload[src + k];
        src += count;
    }
    return out;
}

std::string byteShuffle(std::string_view raw, int stride)
{
    check(stride >= 1 && stride <= 255, "byte shuffle: stride must be 1..255");
    std::string out(kBshfMagic);
    out += char(stride);
    for (size_t lane = 0; lane < size_t(stride); ++lane)
        for (size_t i = lane; i < raw.size(); i += size_t(stride))
            out += raw[i];
    return out;
}

} // namespace Core
