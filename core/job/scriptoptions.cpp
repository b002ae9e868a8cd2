// SPDX-License-Identifier: GPL-3.0-or-later
#include "job/scriptoptions.h"

#include "common/error.h"
#include "common/jsonfields.h"

#include <cstdlib>

namespace Core {

std::string defaultPython()
{
    const char *env = std::getenv("GOLF_PYTHON");
    return env && *env ? env : "python3";
}

nlohmann::json toJson(const ScriptEvaluatorOptions &o)
{
    return {{"script", o.script},           {"python", o.python},
            {"env", o.env},                 {"eval_function", o.evalFunction},
            {"luts", o.luts},               {"device", o.device},
            {"bridge", o.bridge},           {"scratch_dir", o.scratchDir},
            {"load_timeout", o.loadTimeout}, {"eval_timeout", o.evalTimeout}};
}

ScriptEvaluatorOptions scriptOptionsFromJson(const nlohmann::json &j, const std::string &what)
{
    ScriptEvaluatorOptions o;
    o.script = Json::text(j, "script", what);
    o.python = Json::text(j, "python", what);
    for (const auto &[key, value] : Json::object(j, "env", what).items()) {
        if (!value.is_string())
            throw Error(what + ": env." + key + " must be a string");
        o.env[key] = value.get<std::string>();
    }
    o.evalFunction = Json::text(j, "eval_function", what);
    o.luts = Json::text(j, "luts", what);
    o.device = Json::text(j, "device", what);
    o.bridge = Json::text(j, "bridge", what);
    o.scratchDir = Json::text(j, "scratch_dir", what);
    o.loadTimeout = Json::number(j, "load_timeout", what);
    o.evalTimeout = Json::number(j, "eval_timeout", what);
    return o;
}

} // namespace Core
