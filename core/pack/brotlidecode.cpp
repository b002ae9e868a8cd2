// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/brotlidecode.h"

#include "common/error.h"

#include <brotli/decode.h>

#include <memory>

namespace Core {

std::string brotliDecompress(std::string_view packed, const std::string &what, size_t maxBytes)
{
    std::unique_ptr<BrotliDecoderState, decltype(&BrotliDecoderDestroyInstance)>
        state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), &BrotliDecoderDestroyInstance);
    check(state != nullptr, what + ": brotli: cannot create a decoder");
    std::string out;
    size_t availIn = packed.size();
    const uint8_t *nextIn = reinterpret_cast<const uint8_t *>(packed.data());
    char chunk[1 << 16];
    while (true) {
        size_t availOut = sizeof chunk;
        uint8_t *nextOut = reinterpret_cast<uint8_t *>(chunk);
        const BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &availIn, &nextIn,
                                                                     &availOut, &nextOut, nullptr);
        const size_t produced = sizeof chunk - availOut;
        check(out.size() + produced <= maxBytes,
              what + ": brotli stream inflates to more than " + std::to_string(maxBytes)
                  + " bytes; refusing it");
        out.append(chunk, produced);
        if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
            check(availIn == 0, what + ": " + std::to_string(availIn)
                                    + " bytes follow the end of the brotli stream");
            return out;
        }
        if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
            throw Error(what + ": the brotli stream is truncated");
        if (rc == BROTLI_DECODER_RESULT_ERROR)
            throw Error(what + ": not a valid brotli stream ("
                        + BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())) + ")");
        // NEEDS_MORE_OUTPUT: loop with a fresh chunk
    }
}

} // namespace Core
