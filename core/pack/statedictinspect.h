// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The size table of a torch.save state dict without libtorch (`golf inspect` of a checkpoint or
// the official final_model.pt starts without it): the zip container and the restricted
// unpickler read the tensors' names, shapes, dtypes and storages; zeros are counted in the
// stored bytes. Only plain state dicts: every other content is left to the torch side.

#include "pack/sizereport.h"

#include <optional>
#include <string>
#include <string_view>

namespace Core {

/// How `golf inspect` names the kind (quant/modelfile.h modelFileKindName).
inline constexpr const char *kStateDictKind = "torch.save state dict";

/// The table of a plain state dict (string keys, tensors of float, integer or bool dtypes):
/// exactly what the torch side reports for it. nullopt for anything else (another container,
/// float8 or complex tensors, a damaged file), which the torch side reads or explains.
std::optional<SizeReport> inspectPlainStateDict(std::string_view bytes, const std::string &what);

} // namespace Core
