// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Model files golf reads, whatever wrote them: a torch.save state dict (our checkpoints, the
// official final_model.pt), the official int8+zlib export (final_model.int8.ptz) and our
// golf-mixed-v1. The kind is sniffed from the content, never from the file name.

#include "pack/sizereport.h"

#include <string>

namespace Core {

enum class ModelFileKind { TorchSave, Int8Ptz, GolfMixed };

const char *modelFileKindName(ModelFileKind kind);

/// Throws Core::Error naming `path` for a missing file or content of no known kind.
ModelFileKind modelFileKind(const std::string &path);

/// The per-tensor size table of a file (`golf inspect`); the figures sum to the file size.
SizeReport inspectModelFile(const std::string &path);

} // namespace Core
