// SPDX-License-Identifier: GPL-3.0-or-later
// Any model file golf is handed (core/quant/modelfile.cpp): the content sniffing and the three
// readers behind it, through the entry points golf inspect / eval / convert use.

#include "common/error.h"
#include "fuzzinput.h"
#include "quant/modelfile_p.h"

#include <torch/torch.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string path = Fuzz::writeScratch(data, size, ".ptz");
    try {
        Core::modelFileKind(path);
        Core::inspectModelFile(path);
    } catch (const Core::Error &) {
    }
    try {
        for (const auto &[name, t] : Core::readModelTensors(path))
            (void)t.sum();
    } catch (const Core::Error &) {
    }
    return 0;
}
