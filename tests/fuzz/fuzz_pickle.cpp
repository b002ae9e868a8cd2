// SPDX-License-Identifier: GPL-3.0-or-later
// The restricted pickle machine (core/pack/unpickler.cpp), torch-free, on raw pickles. Besides
// "returns or throws Core::Error/FormatError", the harness checks what unpickler.h promises of
// the tree: no cycles, bounded depth, scalar keys, every tensor's view inside its storage.

#include "common/error.h"
#include "fuzzinput.h"
#include "pack/unpickler.h"

#include <cstdlib>
#include <unordered_set>

namespace {

using Core::PickleValue;
using Kind = PickleValue::Kind;

void walk(const PickleValue *v, int depth, std::unordered_set<const PickleValue *> &onPath,
          std::unordered_set<const PickleValue *> &done)
{
    if (done.count(v))
        return;
    if (depth > 201 || !onPath.insert(v).second)
        std::abort(); // deeper than promised, or a cycle
    switch (v->kind) {
    case Kind::Storage:
    case Kind::Global: std::abort(); // never bare in the tree
    case Kind::Tensor: {
        const PickleValue *st = v->storage;
        if (!st || st->kind != Kind::Storage || v->sizes.size() != v->strides.size())
            std::abort();
        const int64_t available = st->numel * int64_t(Core::storedDtypeSize(st->dtype))
                                  / int64_t(Core::storedDtypeSize(v->dtype));
        int64_t last = v->offset;
        bool empty = false;
        for (size_t d = 0; d < v->sizes.size(); ++d) {
            empty = empty || v->sizes[d] == 0;
            last += (v->sizes[d] - 1) * v->strides[d]; // no overflow: checked by the machine
        }
        if (v->offset < 0 || (!empty && last >= available) || (empty && v->offset > available))
            std::abort();
        break;
    }
    case Kind::Dict:
        for (const auto &[k, x] : v->entries) {
            if (k->kind != Kind::String && k->kind != Kind::Int && k->kind != Kind::Float
                && k->kind != Kind::Bool)
                std::abort();
            walk(x, depth + 1, onPath, done);
        }
        break;
    default:
        for (const PickleValue *e : v->items)
            walk(e, depth + 1, onPath, done);
    }
    onPath.erase(v);
    done.insert(v);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try {
        const Core::Unpickled tree = Core::unpickle(Fuzz::bytes(data, size), "fuzz.pkl");
        std::unordered_set<const PickleValue *> onPath, done;
        walk(&tree.root(), 0, onPath, done);
    } catch (const Core::FormatError &) {
    } catch (const Core::Error &) {
    }
    return 0;
}
