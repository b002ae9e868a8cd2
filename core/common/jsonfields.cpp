// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/jsonfields.h"

#include "common/error.h"

#include <cmath>
#include <limits>

namespace Core::Json {

using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string &what, const char *key, const std::string &why)
{
    throw Error(what + ": key \"" + key + "\" " + why);
}

const json &typed(const json &object, const char *key, const std::string &what, bool ok,
                  const char *type)
{
    const json &v = field(object, key, what);
    if (!ok)
        fail(what, key, std::string("must be ") + type + ", got " + v.type_name());
    return v;
}

} // namespace

const json &field(const json &object, const char *key, const std::string &what)
{
    if (!object.is_object())
        throw Error(what + ": expected a JSON object, got " + object.type_name());
    const auto it = object.find(key);
    if (it == object.end())
        fail(what, key, "is missing");
    return *it;
}

std::string text(const json &o, const char *key, const std::string &what)
{
    return typed(o, key, what, field(o, key, what).is_string(), "a string").get<std::string>();
}

int64_t integer(const json &o, const char *key, const std::string &what)
{
    return typed(o, key, what, field(o, key, what).is_number_integer(), "an integer").get<int64_t>();
}

double number(const json &o, const char *key, const std::string &what)
{
    return typed(o, key, what, field(o, key, what).is_number(), "a number").get<double>();
}

double numberOrNan(const json &o, const char *key, const std::string &what)
{
    const json &v = field(o, key, what);
    if (v.is_null())
        return std::numeric_limits<double>::quiet_NaN();
    return typed(o, key, what, v.is_number(), "a number or null").get<double>();
}

bool boolean(const json &o, const char *key, const std::string &what)
{
    return typed(o, key, what, field(o, key, what).is_boolean(), "true or false").get<bool>();
}

std::vector<int64_t> integers(const json &o, const char *key, const std::string &what)
{
    const json &v = array(o, key, what);
    std::vector<int64_t> out;
    out.reserve(v.size());
    for (const json &n : v) {
        if (!n.is_number_integer())
            fail(what, key, "must hold integers only");
        out.push_back(n.get<int64_t>());
    }
    return out;
}

const json &array(const json &o, const char *key, const std::string &what)
{
    return typed(o, key, what, field(o, key, what).is_array(), "an array");
}

const json &object(const json &o, const char *key, const std::string &what)
{
    return typed(o, key, what, field(o, key, what).is_object(), "an object");
}

json finiteOrNull(double value)
{
    return std::isfinite(value) ? json(value) : json(nullptr);
}

} // namespace Core::Json
