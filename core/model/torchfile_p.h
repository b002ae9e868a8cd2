// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) reader for torch.save files: our own zip reader (pack/zipreader.h) and
// restricted pickle machine (pack/unpickler.h, which lists the globals it accepts), so that what
// Python writes loads here without libtorch 1.13's unpickler (which turns
// collections.OrderedDict into None and lacks SETITEM/APPEND, so torch.save(model.state_dict())
// and one-entry dicts or lists fail).
//
// What comes back (c10::IValue):
//   dict / OrderedDict -> GenericDict in insertion order. Keys must be str, int, float or bool;
//                         key type String or Int when all keys agree, else Any. The value type is
//                         the common type of the values (Tensor, str, Dict[str, Tensor], ...) or
//                         Any.
//   list -> GenericList (element type as for dict values); tuple -> Tuple;
//   str and bytes -> String (bytes raw); int -> Int; float -> Double; bool; None;
//   tensor or Parameter -> a CPU at::Tensor that never requires grad. Tensors saved from one
//                         storage share one at::Storage here too (views stay views). 8-bit float
//                         tensors (torch >= 2.1) come back as float32 holding exactly their
//                         values: libtorch 1.13 has no such dtype (pack/float8.h).
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
