// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) reader for torch.save files: our own restricted pickle VM over the zip
// container, so that what Python writes loads here without libtorch 1.13's unpickler (which turns
// collections.OrderedDict into None and lacks SETITEM/APPEND, so torch.save(model.state_dict())
// and one-entry dicts or lists fail).
//
// The container (PARAMETER_GOLF.md §5.2): a zip archive with one root folder holding `data.pkl`
// (a pickle, protocols 2-5) and `data/<key>` raw little-endian storages, read with libtorch's
// PyTorchStreamReader. Tensors are persistent ids ("storage", torch.<X>Storage, key, location,
// numel) rebuilt through torch._utils._rebuild_tensor_v2.
//
// Loading never executes code: only these globals are accepted, each mapped to a fixed C++
// action, and a file naming any other (os.system, builtins.eval, ...) is refused outright.
//   collections.OrderedDict                       -> a dict (BUILD of its `_metadata` ignored)
//   torch._utils._rebuild_tensor_v2               -> a CPU tensor viewing its storage
//   torch._utils._rebuild_tensor_v3               -> the same from an untyped storage and a dtype
//                                                    (torch >= 2.1: float8, uint16, ...)
//   torch._utils._rebuild_parameter[_with_state]  -> the parameter's tensor
//   torch.{Float,Double,Half,BFloat16,Long,Int,Short,Char,Byte,Bool,ComplexFloat,
//          ComplexDouble}Storage                  -> storage dtypes inside persistent ids
//   torch.<dtype> (torch.float32, torch.bfloat16, ...) -> the string "float32", "bfloat16", ...
//                                                    (Python's name without "torch.", the same
//                                                    spelling as the official export's "dtypes")
//   torch.UntypedStorage, torch.storage.UntypedStorage -> a byte storage (v3 tensors)
//   torch.Float8_e4m3fnStorage, torch.Float8_e5m2Storage, torch.float8_e4m3fn, torch.float8_e5m2
//                                                  -> 8-bit floats: libtorch 1.13 has no such
//                                                    dtype, so such tensors come back as float32
//                                                    holding exactly their values (pack/float8.h)
//   _codecs.encode(str, "latin1"), builtins.bytes() -> bytes, as protocol 2 pickles them
//   torch.jit._pickle.restore_type_tag / build_{int,double,bool,tensor}list
//                                                  -> their argument; torch::pickle_save (our own
//                                                    checkpoints) writes these
//
// What comes back (c10::IValue):
//   dict / OrderedDict -> GenericDict in insertion order. Keys must be str, int, float or bool;
//                         key type String or Int when all keys agree, else Any. The value type is
//                         the common type of the values (Tensor, str, Dict[str, Tensor], ...) or
//                         Any.
//   list -> GenericList (element type as for dict values); tuple -> Tuple;
//   str and bytes -> String (bytes raw); int -> Int; float -> Double; bool; None;
//   tensor or Parameter -> a CPU at::Tensor that never requires grad. Tensors saved from one
//                         storage share one at::Storage here too (views stay views).
// The same Python object reached twice (memo) comes back as the same IValue.

#include <ATen/core/ivalue.h>

#include <string>

namespace Core {

/// Reads a torch.save (zip) file. Throws Core::Error naming `path`: "not a readable torch.save
/// file (...)" for corrupt, truncated or unsupported content, "refuses to load" for a file that
/// references a global outside the list above, and a re-save hint for the legacy (pre-1.6)
/// format.
c10::IValue loadTorchFile(const std::string &path);

/// The same for the bytes of such a file; `what` names it in errors.
c10::IValue loadTorchBytes(const std::string &bytes, const std::string &what);

} // namespace Core
