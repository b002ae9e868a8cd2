// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The tensors embedding compression adds (GptConfig: embed_dim, bigram/trigram_buckets,
// value_embed_dim), by role: lookup tables and the projections between them and the model. One
// list for the optimizer split (tables learn like the token table, projections like a block's
// matrices) and the storage summaries.

#include <string>

namespace Core {

/// bigram_emb.weight, trigram_emb.weight, value_emb.weight.
inline bool isEmbeddingTable(const std::string &name)
{
    return name == "bigram_emb.weight" || name == "trigram_emb.weight" || name == "value_emb.weight";
}

/// embed_up.weight, embed_down.weight, bigram_proj.weight, trigram_proj.weight and each block's
/// attn.ve_proj.weight.
inline bool isEmbeddingProjection(const std::string &name)
{
    static const std::string ve = ".attn.ve_proj.weight";
    return name == "embed_up.weight" || name == "embed_down.weight" || name == "bigram_proj.weight"
           || name == "trigram_proj.weight"
           || (name.rfind("blocks.", 0) == 0 && name.size() > ve.size()
               && name.compare(name.size() - ve.size(), ve.size(), ve) == 0);
}

} // namespace Core
