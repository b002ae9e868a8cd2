// SPDX-License-Identifier: GPL-3.0-or-later
#include "job/serveprotocol.h"

#include "common/error.h"
#include "common/jsonfields.h"
#include "job/reportjson.h"

namespace Core::Serve {

using nlohmann::json;

json toJson(const LoadedModel &m)
{
    return {{"path", m.path},
            {"tensors", Core::toJson(m.tensors)},
            {"config", m.config.toJson()},
            {"baseline", m.baseline},
            {"parameters", m.parameters},
            {"milliseconds", m.milliseconds}};
}

LoadedModel loadedModelFromJson(const json &j)
{
    const std::string what = "golf serve: loaded model";
    LoadedModel m;
    m.path = Json::text(j, "path", what);
    m.tensors = tensorDescsFromJson(Json::array(j, "tensors", what), what + ".tensors");
    // Not validated: a record's architecture need not be one golf's GPT can build.
    m.config = GptConfig::fromJson(Json::object(j, "config", what), false);
    m.baseline = Json::boolean(j, "baseline", what);
    m.parameters = Json::integer(j, "parameters", what);
    m.milliseconds = Json::number(j, "milliseconds", what);
    return m;
}

json toJson(const PricedReport &p)
{
    return {{"report", Core::toJson(p.report)},
            {"changed_tensors", p.changedTensors},
            {"milliseconds", p.milliseconds},
            {"cache", {{"hits", p.cache.hits}, {"misses", p.cache.misses}, {"bytes", p.cache.bytes}}}};
}

PricedReport pricedReportFromJson(const json &j)
{
    const std::string what = "golf serve: price";
    PricedReport p;
    p.report = sizeReportFromJson(Json::object(j, "report", what), what + ".report");
    p.changedTensors = int(Json::integer(j, "changed_tensors", what));
    p.milliseconds = Json::number(j, "milliseconds", what);
    const json &cache = Json::object(j, "cache", what);
    p.cache.hits = Json::integer(cache, "hits", what + ".cache");
    p.cache.misses = Json::integer(cache, "misses", what + ".cache");
    p.cache.bytes = Json::integer(cache, "bytes", what + ".cache");
    return p;
}

namespace {

std::string line(const json &j)
{
    // Invalid UTF-8 (a path or an error message with stray bytes) is replaced, never thrown on:
    // a message must always get out.
    return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace

std::string requestLine(int64_t id, const std::string &op, const json &args)
{
    return line({{"id", id}, {"op", op}, {"args", args}});
}

std::string resultLine(int64_t id, const json &result)
{
    return line({{"id", id}, {"result", result}});
}

std::string errorLine(int64_t id, const std::string &message)
{
    return line({{"id", id}, {"error", message}});
}

std::string progressLine(int64_t id, const std::string &stage, int64_t done, int64_t total)
{
    return line({{"id", id}, {"progress", {{"stage", stage}, {"done", done}, {"total", total}}}});
}

namespace {

json parseLine(const std::string &text, const char *what)
{
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw Error(std::string(what) + ": not a JSON object: " + text.substr(0, 200));
    return j;
}

} // namespace

Request parseRequest(const std::string &text)
{
    const char *what = "golf serve: request";
    const json j = parseLine(text, what);
    Request r;
    r.op = Json::text(j, "op", what);
    r.id = j.contains("id") ? Json::integer(j, "id", what) : 0;
    r.args = j.contains("args") ? j["args"] : json::object();
    if (!r.args.is_object())
        throw Error(std::string(what) + ": \"args\" must be an object");
    return r;
}

Reply parseReply(const std::string &text)
{
    const char *what = "golf serve: reply";
    const json j = parseLine(text, what);
    Reply r;
    r.id = Json::integer(j, "id", what);
    if (j.contains("progress")) {
        const json &p = Json::object(j, "progress", what);
        r.kind = Reply::Kind::Progress;
        r.stage = Json::text(p, "stage", what);
        r.done = Json::integer(p, "done", what);
        r.total = Json::integer(p, "total", what);
    } else if (j.contains("error")) {
        r.kind = Reply::Kind::Error;
        r.error = Json::text(j, "error", what);
    } else {
        r.kind = Reply::Kind::Result;
        r.result = Json::field(j, "result", what);
    }
    return r;
}

} // namespace Core::Serve
