// SPDX-License-Identifier: GPL-3.0-or-later
#include "job/evalslice.h"

#include "common/jsonfields.h"

namespace Core {

std::string EvalSlice::label() const
{
    return source + "[" + std::to_string(offset) + ":" +
           (tokens > 0 ? std::to_string(offset + tokens) : std::string()) + "]" +
           (evaluator.empty() ? std::string() : " by " + evaluator);
}

nlohmann::json toJson(const EvalSlice &s)
{
    return {{"source", s.source},       {"glob", s.glob},          {"luts", s.luts},
            {"offset", s.offset},       {"tokens", s.tokens},      {"seq_len", s.seqLen},
            {"batch_tokens", s.batchTokens}, {"evaluator", s.evaluator},
            {"evaluator_id", s.evaluatorId}};
}

EvalSlice evalSliceFromJson(const nlohmann::json &j, const std::string &what)
{
    EvalSlice s;
    s.source = Json::text(j, "source", what);
    s.glob = Json::text(j, "glob", what);
    s.luts = Json::text(j, "luts", what);
    s.offset = Json::integer(j, "offset", what);
    s.tokens = Json::integer(j, "tokens", what);
    s.seqLen = Json::integer(j, "seq_len", what);
    s.batchTokens = Json::integer(j, "batch_tokens", what);
    s.evaluator = Json::text(j, "evaluator", what);
    s.evaluatorId = Json::text(j, "evaluator_id", what);
    return s;
}

} // namespace Core
