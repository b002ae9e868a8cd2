// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/ternarypacking.h"

#include "common/error.h"

namespace Core {

namespace {

void checkCount(int64_t n, const std::string &what)
{
    // More than 2^40 values is no tensor of a 16 MB artifact; also keeps n * 8 from overflowing.
    check(n >= 0 && n < (int64_t(1) << 40), what + ": impossible value count " + std::to_string(n));
}

bool bitAt(std::string_view bytes, int64_t i)
{
    return (static_cast<unsigned char>(bytes[size_t(i / 8)]) >> (7 - i % 8)) & 1;
}

} // namespace

std::vector<int8_t> unpackTernaryBase3(std::string_view packed, int64_t n, const std::string &what)
{
    checkCount(n, what);
    const int64_t want = (n + 4) / 5;
    check(int64_t(packed.size()) == want,
          what + ": base-3 ternary data holds " + std::to_string(packed.size()) + " bytes, but "
              + std::to_string(n) + " trits need " + std::to_string(want));
    std::vector<int8_t> out(static_cast<size_t>(n));
    for (int64_t b = 0; b < want; ++b) {
        unsigned v = static_cast<unsigned char>(packed[size_t(b)]);
        check(v <= 242, what + ": base-3 ternary byte " + std::to_string(b) + " is " + std::to_string(v)
                            + ", above 242 (five trits)");
        for (int64_t k = 0; k < 5; ++k, v /= 3)
            if (b * 5 + k < n)
                out[size_t(b * 5 + k)] = int8_t(int(v % 3) - 1);
    }
    return out;
}

std::vector<int8_t> unpackTernaryBitmask(std::string_view packed, int64_t n, const std::string &what)
{
    checkCount(n, what);
    const int64_t maskBytes = (n + 7) / 8;
    check(int64_t(packed.size()) >= maskBytes,
          what + ": ternary bitmask holds " + std::to_string(packed.size()) + " bytes, fewer than the "
              + std::to_string(maskBytes) + " of the nonzero mask of " + std::to_string(n) + " trits");
    const std::string_view mask = packed.substr(0, size_t(maskBytes));
    const std::string_view signs = packed.substr(size_t(maskBytes));
    int64_t nonzero = 0;
    for (int64_t i = 0; i < n; ++i)
        nonzero += bitAt(mask, i);
    check(int64_t(signs.size()) == (nonzero + 7) / 8,
          what + ": ternary bitmask has " + std::to_string(signs.size()) + " sign bytes for "
              + std::to_string(nonzero) + " nonzero trits (expected " + std::to_string((nonzero + 7) / 8) + ")");
    std::vector<int8_t> out(size_t(n), 0);
    int64_t s = 0;
    for (int64_t i = 0; i < n; ++i)
        if (bitAt(mask, i))
            out[size_t(i)] = bitAt(signs, s++) ? 1 : -1;
    return out;
}

std::vector<int8_t> unpackNibbles(std::string_view packed, int64_t n, const std::string &what)
{
    checkCount(n, what);
    check(int64_t(packed.size()) == (n + 1) / 2,
          what + ": fp4 data holds " + std::to_string(packed.size()) + " bytes, but "
              + std::to_string(n) + " values need " + std::to_string((n + 1) / 2));
    std::vector<int8_t> out(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        const unsigned byte = static_cast<unsigned char>(packed[size_t(i / 2)]);
        out[size_t(i)] = int8_t(int(i % 2 ? byte >> 4 : byte & 0x0f) - 8);
    }
    return out;
}

} // namespace Core
