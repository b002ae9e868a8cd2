// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) side of reading the records' artifacts through quant/modelfile.h: one
// compressed torch.save stream (zlib, zstd, xz or brotli, optionally BSHF-shuffled inside)
// holding the official int8 object, a {"w", "m"} object or ternary entries; or a PGRP
// per-group container. Sniffed by content.

#include "model/checkpoint_p.h"
#include "pack/sizereport.h"
#include "quant/modelfile.h"

#include <string>

namespace Core {

/// The kind of a file that is neither a torch.save zip nor golf-mixed-v1: it is decompressed
/// and its object looked at. Throws Core::Error naming `what` when it is no model golf knows.
ModelFileKind recordFileKind(const std::string &bytes, const std::string &what);

/// The file's tensors, dequantized (quant/recordformat_p.h: float32, in the file's order).
NamedTensors readRecordFile(const std::string &bytes, const std::string &what);

/// The size table: exact total; per tensor an attribution (exactPerTensor false) that sums to
/// the file size: within one compressed stream each tensor is weighted by the zlib-9 size of
/// its own stored bytes and the header by that of the object with every tensor emptied (as the
/// official int8 format's, quant/int8sizes.cpp); a PGRP group stream is split by raw bytes.
SizeReport recordSizeReport(const std::string &bytes, const std::string &what);

} // namespace Core
