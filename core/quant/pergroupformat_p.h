// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private (torch) reader of the top record's per-group container (COMPRESSOR=pergroup,
// record-formats.md §2.4):
//   "PGRP", u32 LE n = 9, n × u32 LE stream lengths, the streams
//   0-6  lrzip (ZPAQ) of one group's int8 codes, all layers concatenated in layer order, each
//        layer row-permuted (groups _tok_emb, attn.c_q, mlp.fc) and stored transposed; an
//        absent group is an empty stream
//   7    brotli of torch.save({"r": the other stored tensors, "m": the labels, "s": {group:
//        [layer shapes]}})
//   8    brotli of the uint16 LE row permutations, group order then layer order
// The groups are decoded through the lrzip program (pack/lrzipdecode.h), and the codes put back
// where they were, giving the same {"w", "m"} object the script quantized (quant/recordformat_p.h).

#include <ATen/core/ivalue.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace Core {

inline constexpr std::string_view kPerGroupMagic{"PGRP", 4};

struct PerGroupFile
{
    c10::IValue object;                     ///< {"w": ..., "m": ...}
    int64_t headerBytes = 0;                ///< magic, count and stream lengths
    std::vector<int64_t> streamBytes;       ///< the 9 streams' sizes in the file
    /// For each group stream (0-6): the keys of `w` it held and their raw code bytes.
    std::vector<std::vector<std::pair<std::string, int64_t>>> groupKeys;
    /// The keys whose rows were permuted, and their permutation bytes in stream 8.
    std::vector<std::pair<std::string, int64_t>> permKeys;
    std::vector<std::string> remainderKeys; ///< keys of `w` stored in stream 7
    c10::IValue remainderObject;            ///< stream 7's object, for its attribution
};

bool isPerGroupFile(std::string_view head);

/// Throws Core::Error naming `what` for a damaged container, a missing lrzip program, shapes
/// that do not match the decoded bytes, and permutations that are not permutations.
PerGroupFile readPerGroup(const std::string &bytes, const std::string &what);

} // namespace Core
