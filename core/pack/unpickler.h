// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The restricted pickle machine of torch.save files, torch-free: it runs data.pkl (protocols 2-5)
// and returns a tree of plain values in which tensors are references into storages (key, dtype,
// offset, sizes, strides) whose bounds are already checked against the storage's size. The
// torch layer (model/torchfile_p.h) only turns storages into memory and the tree into IValues;
// keeping the machine here lets tools, tests and fuzzers run it without libtorch.
//
// Loading never executes code: only these globals are accepted, each mapped to a fixed action,
// and a pickle naming any other (os.system, builtins.eval, ...) is refused outright.
//   collections.OrderedDict                       -> a dict (BUILD of its `_metadata` ignored)
//   torch._utils._rebuild_tensor_v2               -> a tensor viewing its storage
//   torch._utils._rebuild_tensor_v3               -> the same from an untyped storage and a dtype
//                                                    (torch >= 2.1: float8, uint16, ...)
//   torch._utils._rebuild_parameter[_with_state]  -> the parameter's tensor
//   torch.{Float,Double,Half,BFloat16,Long,Int,Short,Char,Byte,Bool,ComplexFloat,
//          ComplexDouble,Float8_e4m3fn,Float8_e5m2}Storage, torch[.storage].UntypedStorage
//                                                 -> storage dtypes inside persistent ids
//   torch.<dtype> (torch.float32, torch.bfloat16, ...) -> the string "float32", "bfloat16", ...
//                                                    (Python's name without "torch.", the same
//                                                    spelling as the official export's "dtypes")
//   _codecs.encode(str, "latin1"), builtins.bytes() -> bytes, as protocol 2 pickles them
//   torch.jit._pickle.restore_type_tag / build_{int,double,bool,tensor}list
//                                                  -> their argument; torch::pickle_save (our own
//                                                    checkpoints) writes these
//
// What the tree guarantees (checked at STOP): finite depth (at most 200 containers), no cycles,
// dict keys that are str, int, float or bool, no bare storage or global outside a tensor. The
// same Python object reached twice (memo) is the same node.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace Core {

/// The element types a torch.save file can hold, named as Python names them without "torch.".
enum class StoredDtype : uint8_t {
    Float32, Float64, Float16, BFloat16, Int64, Int32, Int16, Int8, UInt8, Bool,
    Complex64, Complex128, Float8E4M3FN, Float8E5M2
};
size_t storedDtypeSize(StoredDtype type);
const char *storedDtypeName(StoredDtype type); // "float32", "float8_e4m3fn", ...

struct PickleValue
{
    enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Tensor, Storage, Global };

    explicit PickleValue(Kind k)
        : kind(k)
    {}
    Kind kind;
    bool b = false;
    int64_t i = 0;
    double f = 0;
    std::string s; // String (str and bytes, raw); Storage: its key; Global: "module.name"
    std::vector<PickleValue *> items; // Tuple, List
    std::vector<std::pair<PickleValue *, PickleValue *>> entries; // Dict, in insertion order
    bool ordered = false; // Dict made by collections.OrderedDict

    // Storage: the dtype of its elements and how many the persistent id says it holds.
    // Tensor: its dtype and the view of `storage` it is (element units of `dtype`).
    StoredDtype dtype = StoredDtype::UInt8;
    bool untyped = false; // Storage: torch.UntypedStorage (bytes, typed by each tensor)
    bool readAsBool = false; // Storage: some tensor views its bytes as bool (each must be 0 or 1)
    int64_t numel = 0; // Storage
    const PickleValue *storage = nullptr; // Tensor
    int64_t offset = 0; // Tensor
    std::vector<int64_t> sizes, strides; // Tensor

    int fn = 0; // Global: which accepted callable (unpickler.cpp)
};

/// The result of unpickling; owns every node.
class Unpickled
{
public:
    const PickleValue &root() const { return *root_; }
    /// Every storage the tree references, one node per key, in order of first reference.
    const std::vector<const PickleValue *> &storages() const { return storages_; }

private:
    friend class Unpickler;
    std::vector<std::unique_ptr<PickleValue>> arena_;
    const PickleValue *root_ = nullptr;
    std::vector<const PickleValue *> storages_;
};

/// Runs the pickle `bytes`. Throws Core::FormatError (the detail) for malformed or unsupported
/// content, and Core::Error("<what>: refuses to load: ...") for a global or call outside the
/// list above.
Unpickled unpickle(std::string_view bytes, const std::string &what);

} // namespace Core
