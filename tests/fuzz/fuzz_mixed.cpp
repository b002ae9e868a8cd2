// SPDX-License-Identifier: GPL-3.0-or-later
// golf-mixed-v1 (core/pack/mixedformat.cpp, MIXED_FORMAT.md). The format carries a CRC-32 of
// everything after byte 9, which would reject almost every mutation before the parser proper;
// the harness therefore rewrites the CRC of each input (half the time, so the check itself stays
// covered) and then runs what golf inspect runs: readMixed, mixedLayout and dequantize.

#include "common/error.h"
#include "fuzzinput.h"
#include "pack/mixedformat.h"
#include "quant/quantizer_p.h"

#include <torch/torch.h>
#include <zlib.h>

namespace {
constexpr size_t kCrcOffset = 5;  // MIXED_FORMAT.md: CRC-32 at bytes 5..8,
constexpr size_t kCrcCovered = 9; // of every byte from 9 on
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::string bytes(Fuzz::bytes(data, size));
    if (bytes.size() > kCrcCovered && (bytes.size() & 1) == 0) {
        const uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(bytes.data() + kCrcCovered),
                                uInt(bytes.size() - kCrcCovered));
        for (int i = 0; i < 4; ++i)
            bytes[kCrcOffset + size_t(i)] = char((crc >> (8 * i)) & 0xff);
    }
    try {
        Core::mixedLayout(bytes, "fuzz.golf.ptz");
        for (const Core::QuantizedTensor &q : Core::readMixed(bytes, "fuzz.golf.ptz"))
            (void)Core::dequantize(q).sum();
    } catch (const Core::Error &) {
    }
    return 0;
}
