// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Model files golf reads, whatever wrote them: a torch.save state dict (our checkpoints, the
// official final_model.pt), the official int8+zlib export (final_model.int8.ptz), our
// golf-mixed-v1, and the records' artifacts (record-formats.md §2): {"w", "m"} objects and the
// ternary records' entries in one zlib, zstd, xz or brotli stream (BSHF-shuffled or not), and
// the top record's PGRP per-group container. The kind is sniffed from the content, never from
// the file name.

#include "pack/sizereport.h"

#include <string>

namespace Core {

enum class ModelFileKind { TorchSave, Int8Ptz, GolfMixed, RecordQuant, TernaryRecord, PerGroup };

const char *modelFileKindName(ModelFileKind kind);

/// Throws Core::Error naming `path` for a missing file or content of no known kind.
ModelFileKind modelFileKind(const std::string &path);

/// The per-tensor size table of a file (`golf inspect`); the figures sum to the file size.
SizeReport inspectModelFile(const std::string &path);

/// Writes the file's tensors, dequantized, as a plain torch.save state dict at `out`
/// (atomically), without loading them into a model: what `golf convert` does for a model whose
/// architecture is not the baseline GPT. Returns the number of values written.
int64_t writeTensorsAsStateDict(const std::string &path, const std::string &out);

} // namespace Core
