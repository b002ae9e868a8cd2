// SPDX-License-Identifier: GPL-3.0-or-later
#include "job/evalresult.h"

#include "common/jsonfields.h"

#include <cmath>

namespace Core {

EvalResult EvalResult::fromTotals(double lossNats, int64_t tokens, int64_t bytes, double seconds)
{
    EvalResult r;
    r.tokens = tokens;
    r.bytes = bytes;
    r.lossNats = lossNats;
    if (tokens > 0 && bytes > 0) { // an empty share stays at zero
        r.valLoss = lossNats / double(tokens);
        r.valBpb = (r.valLoss / std::log(2.0)) * double(tokens) / double(bytes);
    }
    r.seconds = seconds;
    return r;
}

nlohmann::json toJson(const EvalResult &r)
{
    return {{"val_loss", Json::finiteOrNull(r.valLoss)}, {"val_bpb", Json::finiteOrNull(r.valBpb)},
            {"tokens", r.tokens},         {"bytes", r.bytes},
            {"loss_nats", Json::finiteOrNull(r.lossNats)}, {"seconds", r.seconds}};
}

EvalResult evalResultFromJson(const nlohmann::json &j, const std::string &what)
{
    EvalResult r;
    r.valLoss = Json::numberOrNan(j, "val_loss", what);
    r.valBpb = Json::numberOrNan(j, "val_bpb", what);
    r.tokens = Json::integer(j, "tokens", what);
    r.bytes = Json::integer(j, "bytes", what);
    r.lossNats = Json::numberOrNan(j, "loss_nats", what);
    r.seconds = Json::number(j, "seconds", what);
    return r;
}

} // namespace Core
