// SPDX-License-Identifier: GPL-3.0-or-later
// torch.save files whole (core/model/torchfile.cpp): our zip reader and restricted pickle
// machine (core/pack/, fuzzed alone by fuzz_zip and fuzz_pickle), then storages and tensors
// made from what they return. Every tensor that comes back is read in full,
// so a view reaching past its storage shows up under ASan here rather than later in a user's run.

#include "common/error.h"
#include "fuzzinput.h"
#include "model/torchfile_p.h"

#include <torch/torch.h>

namespace {

void touch(const c10::IValue &v, int depth)
{
    if (depth > 300)
        return;
    if (v.isTensor()) {
        const at::Tensor t = v.toTensor();
        if (t.numel() > 0)
            (void)t.contiguous().sum(); // reads every element the view covers
    } else if (v.isGenericDict()) {
        for (const auto &e : v.toGenericDict()) {
            touch(e.key(), depth + 1);
            touch(e.value(), depth + 1);
        }
    } else if (v.isList()) {
        for (const c10::IValue &e : v.toListRef())
            touch(e, depth + 1);
    } else if (v.isTuple()) {
        for (const c10::IValue &e : v.toTupleRef().elements())
            touch(e, depth + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try {
        touch(Core::loadTorchBytes(std::string(Fuzz::bytes(data, size)), "fuzz.pt"), 0);
    } catch (const Core::Error &) {
    }
    return 0;
}
