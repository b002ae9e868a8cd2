// SPDX-License-Identifier: GPL-3.0-or-later
// The zip container of torch.save files (core/pack/zipreader.cpp), torch-free: index the
// archive, then read every record (inflate, CRC). Thousands of inputs a second, where the same
// code behind loadTorchBytes runs at the speed of building tensors.

#include "common/error.h"
#include "fuzzinput.h"
#include "pack/zipreader.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try {
        const Core::ZipReader zip(Fuzz::bytes(data, size));
        for (const std::string &record : zip.records()) {
            if (!zip.has(record))
                std::abort(); // a listed record must be found
            const uint64_t stated = zip.size(record);
            try {
                if (zip.read(record).size() != stated)
                    std::abort(); // read() must deliver exactly the stated size or throw
            } catch (const Core::FormatError &) {
            }
        }
    } catch (const Core::FormatError &) {
    }
    return 0;
}
