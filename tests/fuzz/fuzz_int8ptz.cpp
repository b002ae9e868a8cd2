// SPDX-License-Identifier: GPL-3.0-or-later
// The official int8_clean_per_row_v1 export (core/quant/int8format.cpp, int8sizes.cpp). Mutating a
// zlib stream mostly breaks its checksum, so the interesting half of the inputs is the inflated
// torch.save object itself: anything that is not a zlib stream is taken as that object and goes
// through the same dequantizer and size attribution that decodeInt8Ptz / golf inspect use.

#include "common/error.h"
#include "fuzzinput.h"
#include "quant/int8format_p.h"
#include "model/torchfile_p.h"

#include <torch/torch.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string bytes(Fuzz::bytes(data, size));
    try {
        if (size >= 2 && data[0] == 0x78 && ((data[0] << 8) | data[1]) % 31 == 0) {
            for (const auto &[name, t] : Core::decodeInt8Ptz(bytes, "fuzz.int8.ptz"))
                (void)t.sum();
        } else {
            const c10::IValue v = Core::loadTorchBytes(bytes, "fuzz.int8.ptz");
            if (!v.isGenericDict())
                return 0;
            for (const auto &[name, t] : Core::dequantizeInt8Official(v.toGenericDict(), "fuzz"))
                (void)t.sum();
            Core::int8SizeReport(v.toGenericDict(), int64_t(size));
        }
    } catch (const Core::Error &) {
    }
    return 0;
}
