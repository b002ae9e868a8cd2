// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/storagesummary.h"

#include "config/embeddingtensors.h"
#include "config/mixertensors.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace Core {

namespace {

// Roles in the order a clause lists them: the big single matrices first, the many small last.
struct Role
{
    const char *singular;
    const char *plural;
    bool counted; ///< "3 MLP matrices"; the embedding reads "embedding" when there is one
};
const Role kRoles[] = {
    {"embedding", "embeddings", false},
    {"output head", "output heads", false},
    {"embedding table", "embedding tables", true}, // n-gram hash and value embeddings
    {"embedding projection", "embedding projections", true},
    {"attention matrix", "attention matrices", true},
    {"MLP matrix", "MLP matrices", true},
    {"state-space matrix", "state-space matrices", true}, // layer_types "ssm"
    {"DeltaNet matrix", "DeltaNet matrices", true},       // layer_types "deltanet"
    {"recurrent dynamics tensor", "recurrent dynamics tensors", true}, // A_log, convolutions, ...
    {"matrix", "matrices", true},
    {"small tensor", "small tensors", true},
};
constexpr int kRoleCount = int(std::size(kRoles));

// The official format's INT8_KEEP_FLOAT_MAX_NUMEL: above it a 2-D tensor is a matrix by any
// classification; at or below it only the name says so.
constexpr int64_t kSmallNumel = 65536;

int roleIndex(const std::string &name, const std::vector<int64_t> &shape)
{
    const auto has = [&](const char *part) { return name.find(part) != std::string::npos; };
    int64_t numel = 1;
    for (int64_t d : shape)
        numel *= d;
    if (has("tok_emb"))
        return 0;
    if (has("lm_head"))
        return 1;
    // Embedding compression (config/gptconfig.h): the added tables and their projections.
    if (isEmbeddingTable(name))
        return 2;
    if (isEmbeddingProjection(name))
        return 3;
    // An SSM's A_log is 2-D, but it is a decay rate per channel and state, not a projection.
    if (isMixerDynamicsTensor(name))
        return 8;
    // resid_mix is 2-D ([2, dim]) but a control tensor, not a layer's matrix: a matrix has
    // more than two rows.
    const bool matrix = shape.size() == 2 && shape[0] > 2 && shape[1] > 2;
    if (matrix && has(".attn."))
        return 4;
    if (matrix && has(".mlp."))
        return 5;
    if (matrix && has(".ssm."))
        return 6;
    if (matrix && has(".deltanet."))
        return 7;
    if (shape.size() >= 2 && numel > kSmallNumel)
        return 9;
    return 10;
}

} // namespace

std::string tensorRole(const std::string &name, const std::vector<int64_t> &shape)
{
    return kRoles[roleIndex(name, shape)].singular;
}

std::string storageSummary(const SizeReport &report)
{
    // Key: (stored bits, description) so clauses run from the fewest bits up and equal
    // settings share one clause.
    std::map<std::tuple<int, std::string>, std::vector<int>> clauses;
    for (const TensorSize &t : report.tensors) {
        auto &counts = clauses[{t.setting.storedBits(), t.setting.describe()}];
        counts.resize(kRoleCount, 0);
        ++counts[roleIndex(t.name, t.shape)];
    }
    std::string out;
    for (const auto &[key, counts] : clauses) {
        std::string roles;
        for (int r = 0; r < kRoleCount; ++r) {
            if (counts[r] == 0)
                continue;
            std::string part;
            if (counts[r] == 1)
                part = kRoles[r].counted ? std::string("1 ") + kRoles[r].singular
                                         : kRoles[r].singular;
            else
                part = std::to_string(counts[r]) + " " + kRoles[r].plural;
            roles += (roles.empty() ? "" : " + ") + part;
        }
        out += (out.empty() ? "" : "; ") + std::get<1>(key) + ": " + roles;
    }
    return out;
}

} // namespace Core
