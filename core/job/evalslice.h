// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A fixed slice of tokens on which recipes and single-tensor changes are compared: always the
// same tokens, so differences are the recipe's and not sampling noise. Validation tokens by
// default (what the score measures); a training slice avoids looking at validation at all.
// Loading it is analysis/sensitivityslice.h's.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace Core {

struct EvalSlice
{
    std::string source = "val"; ///< "val" or "train": which shards `glob` names
    std::string glob;           ///< token shards
    std::string luts;           ///< byte LUT sidecar
    int64_t offset = 0;         ///< first token of the slice
    int64_t tokens = 65536;     ///< tokens scored (0 = all after offset)
    int64_t seqLen = 1024;
    int64_t batchTokens = 65536;
    /// Who scores it: "" golf's own GPT; else the user's script (its file name), whose own
    /// validation tokens and evaluation are used (glob and luts then only feed the LUT).
    std::string evaluator;
    /// What else decides a script's scores (a digest of its bytes, environment overrides and
    /// evaluation function): part of a cache's identity, not of the label, so editing the
    /// script never serves stale cells. "" for golf's GPT.
    std::string evaluatorId;

    /// "val[0:65536]", "val[0:65536] by train_gpt.py" — stored with every measurement so only like is compared with like. It
    /// names the requested range: shards shorter than that are scored to their end, and the
    /// same label over the same shards always means the same tokens.
    std::string label() const;
};

nlohmann::json toJson(const EvalSlice &slice);
EvalSlice evalSliceFromJson(const nlohmann::json &json, const std::string &what);

} // namespace Core
