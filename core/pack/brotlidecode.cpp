// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/brotlidecode.h"

#include "common/error.h"

#include <brotli/decode.h>

#include <memory>

namespace Core {

size_t brotliDecodeStream(std::string_view packed, const std::string &what,
                          const std::function<void(const char *, size_t)> &sink)
{
    std::unique_ptr<BrotliDecoderState, decltype(&BrotliDecoderDestroyInstance)>
        state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), &BrotliDecoderDestroyInstance);
    check(state != nullptr, what + ": cannot start the brotli decoder");
    size_t availIn = packed.size();
    const uint8_t *nextIn = reinterpret_cast<const uint8_t *>(packed.data());
    char chunk[1 << 16];
    for (;;) {
        size_t availOut = sizeof chunk;
        uint8_t *nextOut = reinterpret_cast<uint8_t *>(chunk);
        const BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &availIn, &nextIn,
                                                                     &availOut, &nextOut, nullptr);
        sink(chunk, sizeof chunk - availOut);
        if (rc == BROTLI_DECODER_RESULT_SUCCESS)
            return availIn;
        if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
            throw Error(what + ": truncated brotli stream (ends before its last block)");
        if (rc == BROTLI_DECODER_RESULT_ERROR)
            throw Error(what + ": corrupt brotli stream ("
                        + BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())) + ")");
        // NEEDS_MORE_OUTPUT: loop with a fresh chunk
    }
}

std::string brotliDecompress(std::string_view packed, const std::string &what, size_t maxBytes)
{
    std::string out;
    const size_t trailing = brotliDecodeStream(packed, what, [&](const char *data, size_t size) {
        check(out.size() + size <= maxBytes, what + ": brotli stream inflates to more than " +
                                                 std::to_string(maxBytes) + " bytes; refusing it");
        out.append(data, size);
    });
    check(trailing == 0, what + ": " + std::to_string(trailing) + " bytes follow the end of the brotli stream");
    return out;
}

} // namespace Core
