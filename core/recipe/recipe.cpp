// SPDX-License-Identifier: GPL-3.0-or-later
#include "recipe/recipe.h"
#include "recipe/namepattern.h"
#include "recipe/recipe_p.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "config/controltensors.h"
#include "pack/codec.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

namespace Core {

using namespace RecipeDetail;

namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char *kRecipeFormat = "golf-recipe-v1";
constexpr const char *kMixedContainer = "golf-mixed-v1";
constexpr const char *kOfficialContainer = "int8_clean_per_row_v1";


const char *const kSelectorKeys[] = {"match", "name", "min_numel", "max_numel", "ndim"};

bool isSettingKey(const std::string &key)
{
    return std::find(std::begin(kSettingKeys), std::end(kSettingKeys), key) !=
           std::end(kSettingKeys);
}

std::string typeOf(const nlohmann::json &v)
{
    return v.is_number_integer() ? "integer" : v.is_number() ? "number" : v.type_name();
}

const std::string &stringAt(const nlohmann::json &v, const std::string &path)
{
    if (!v.is_string())
        fail(path, "must be a string, got " + typeOf(v));
    return v.get_ref<const std::string &>();
}

int64_t integerAt(const nlohmann::json &v, const std::string &path)
{
    if (!v.is_number_integer())
        fail(path, "must be an integer, got " + typeOf(v) + (v.is_number() ? " " + v.dump() : ""));
    if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX))
        fail(path, "is too large: " + v.dump());
    return v.get<int64_t>();
}

double numberAt(const nlohmann::json &v, const std::string &path)
{
    if (!v.is_number())
        fail(path, "must be a number, got " + typeOf(v));
    return v.get<double>();
}

// An enum key: the value must be one of `names`; returns its index.
size_t choiceAt(const nlohmann::json &v, const std::string &path,
                std::initializer_list<const char *> names)
{
    const std::string &s = stringAt(v, path);
    size_t i = 0;
    std::string expected;
    for (const char *n : names) {
        if (s == n)
            return i;
        expected += (i ? ", " : "") + std::string(n);
        ++i;
    }
    fail(path, "unknown value " + quoted(s) + " (expected " + expected + ")");
}

void applyQuant(QuantSetting &s, const nlohmann::json &v, const std::string &path)
{
    const std::string &q = stringAt(v, path);
    if (const QuantSchemeInfo *row = quantSchemeByName(q)) {
        s = withScheme(s, *row);
        return;
    }
    std::string expected = "int1";
    for (const QuantSchemeInfo &row : quantSchemes())
        expected += std::string(", ") + row.name;
    fail(path, "unknown value " + quoted(q) + " (expected " + expected + ")");
}

// "N:M" with 1 <= N < M <= 64.
void applyNm(QuantSetting &s, const nlohmann::json &v, const std::string &path)
{
    const std::string &text = stringAt(v, path);
    static const std::regex form("([0-9]{1,3}):([0-9]{1,3})");
    std::smatch m;
    if (!std::regex_match(text, m, form))
        fail(path, "must be \"N:M\" like \"2:4\", got " + quoted(text));
    const int n = std::stoi(m[1]), mm = std::stoi(m[2]);
    if (!(n >= 1 && n < mm && mm <= 64))
        fail(path, "N:M pruning needs 1 <= N < M <= 64, got " + text);
    s.n = n;
    s.m = mm;
}

void applyKey(QuantSetting &s, const std::string &key, const nlohmann::json &v,
              const std::string &path)
{
    if (key == "quant") {
        applyQuant(s, v, path);
    } else if (key == "granularity") {
        s.granularity = Granularity(choiceAt(v, path, {"tensor", "row", "group"}));
    } else if (key == "group_size") {
        const int64_t g = integerAt(v, path);
        if (g < 1 || g > (int64_t(1) << 30))
            fail(path, "must be at least 1, got " + std::to_string(g));
        s.groupSize = int(g);
    } else if (key == "clip") {
        s.clip = ClipMode(choiceAt(v, path, {"none", "percentile", "std"}));
    } else if (key == "clip_value") {
        // A percentile or a multiple of std: either way positive; the range of a percentile
        // ((0, 100]) depends on "clip" and is checked once the setting is resolved.
        const double c = numberAt(v, path);
        if (!(std::isfinite(c) && c > 0))
            fail(path, "must be a number > 0, got " + number(c));
        s.clipValue = c;
    } else if (key == "scale_dtype") {
        s.scaleType = FloatType(choiceAt(v, path, {"float32", "float16", "bfloat16"}));
    } else if (key == "method") {
        s.method = QuantMethod(choiceAt(v, path, {"rtn", "gptq"}));
    } else if (key == "prune") {
        s.prune = PruneMode(choiceAt(v, path, {"none", "magnitude", "nm", "rows"}));
    } else if (key == "sparsity") {
        const double f = numberAt(v, path);
        if (!(std::isfinite(f) && f >= 0 && f < 1))
            fail(path, "must be a fraction in [0, 1), got " + number(f));
        s.sparsity = f;
    } else if (key == "nm") {
        applyNm(s, v, path);
    } else if (key == "row_block") {
        const int64_t b = integerAt(v, path);
        if (b < 1 || b > (int64_t(1) << 30))
            fail(path, "must be at least 1, got " + std::to_string(b));
        s.rowBlock = int(b);
    } else {
        fail(path,
             "unknown setting key (expected quant, granularity, group_size, clip, clip_value, "
             "scale_dtype, method, prune, sparsity, nm, row_block)");
    }
}

// ---- container -------------------------------------------------------------------------

void checkLevel(Codec codec, int64_t level, const std::string &path)
{
    // One definition of the ranges (pack/codec.h); JSON integers can exceed int.
    if (level < -1000 || level > 1000)
        fail(path, std::string(codecName(codec)) + " level " + std::to_string(level) + " is out of range");
    checkCodecLevel(codec, int(level), path);
}

ContainerSpec parseContainer(const nlohmann::json &j, const std::string &path)
{
    if (!j.is_object())
        fail(path, "must be an object, got " + typeOf(j));
    for (const auto &[key, value] : j.items())
        if (key != "format" && key != "codec" && key != "level")
            fail(path + "." + key, "unknown key (expected format, codec, level)");
    ContainerSpec c;
    if (j.contains("format"))
        c.format = choiceAt(j["format"], path + ".format", {kMixedContainer, kOfficialContainer})
                       ? kOfficialContainer
                       : kMixedContainer;
    if (c.official()) {
        // The official format is zlib 9 over torch.save, nothing else; naming it is allowed.
        c.codec = Codec::Zlib;
        c.level = 9;
        if (j.contains("codec") &&
            codecFromName(stringAt(j["codec"], path + ".codec"), path + ".codec") != Codec::Zlib)
            fail(path + ".codec", std::string("the official container ") + kOfficialContainer +
                                      " is always zlib level 9");
        if (j.contains("level") && integerAt(j["level"], path + ".level") != 9)
            fail(path + ".level", std::string("the official container ") + kOfficialContainer +
                                      " is always zlib level 9");
        return c;
    }
    if (j.contains("codec"))
        c.codec = codecFromName(stringAt(j["codec"], path + ".codec"), path + ".codec");
    c.level = codecInfo(c.codec).strongestLevel;
    if (j.contains("level")) {
        const int64_t level = integerAt(j["level"], path + ".level");
        checkLevel(c.codec, level, path + ".level");
        c.level = int(level);
    }
    return c;
}

void checkContainer(const ContainerSpec &c, const std::string &path)
{
    if (c.format != kMixedContainer && c.format != kOfficialContainer)
        fail(path + ".format", "unknown value " + quoted(c.format) + " (expected " +
                                   kMixedContainer + ", " + kOfficialContainer + ")");
    if (c.official() && !(c.codec == Codec::Zlib && c.level == 9))
        fail(path, std::string("the official container ") + kOfficialContainer +
                       " is always zlib level 9");
    checkLevel(c.codec, c.level, path + ".level");
}

// ---- rules -------------------------------------------------------------------------------

bool hasSelector(const RecipeRule &r)
{
    return !r.match.empty() || !r.name.empty() || r.minNumel >= 0 || r.maxNumel >= 0 || r.ndim >= 0;
}

RecipeRule parseRule(const nlohmann::json &j, const std::string &path)
{
    if (!j.is_object())
        fail(path, "must be an object, got " + typeOf(j));
    RecipeRule r;
    for (const auto &[key, value] : j.items()) {
        const std::string p = path + "." + key;
        if (key == "match") {
            r.match = stringAt(value, p);
            if (r.match.empty())
                fail(p, "must not be empty");
        } else if (key == "name") {
            r.name = stringAt(value, p);
            if (r.name.empty())
                fail(p, "must not be empty");
        } else if (key == "min_numel" || key == "max_numel") {
            const int64_t n = integerAt(value, p);
            if (n < 0)
                fail(p, "must be >= 0, got " + std::to_string(n));
            (key == "min_numel" ? r.minNumel : r.maxNumel) = n;
        } else if (key == "ndim") {
            const int64_t n = integerAt(value, p);
            if (n < 0 || n > 64)
                fail(p, "must be 0..64, got " + std::to_string(n));
            r.ndim = int(n);
        } else if (key == "comment") {
            r.comment = stringAt(value, p);
        } else if (isSettingKey(key)) {
            r.settings[key] = value;
        } else {
            fail(p, "unknown key (expected a selector: match, name, min_numel, max_numel, ndim; "
                    "a setting key: quant, granularity, group_size, clip, clip_value, "
                    "scale_dtype, method, prune, sparsity, nm, row_block; or comment)");
        }
    }
    return r;
}

ordered_json orderedSettings(const nlohmann::json &settings)
{
    ordered_json out = ordered_json::object();
    for (const char *key : kSettingKeys)
        if (settings.contains(key))
            out[key] = ordered_json::parse(settings[key].dump());
    // Keys this file does not know (a recipe built in code) are kept, so the reader reports
    // them instead of the writer dropping them silently.
    for (const auto &[key, value] : settings.items())
        if (!isSettingKey(key))
            out[key] = ordered_json::parse(value.dump());
    return out;
}

ordered_json orderedRecipe(const Recipe &r)
{
    ordered_json j;
    j["format"] = kRecipeFormat;
    if (!r.name.empty())
        j["name"] = r.name;
    if (!r.description.empty())
        j["description"] = r.description;
    ordered_json c;
    c["format"] = r.container.format;
    if (!r.container.official()) {
        c["codec"] = codecName(r.container.codec);
        c["level"] = r.container.level;
    }
    j["container"] = c;
    if (!r.container.official() || !r.defaults.empty())
        j["defaults"] = orderedSettings(r.defaults);
    if (!r.container.official() || !r.rules.empty()) {
        ordered_json rules = ordered_json::array();
        for (const RecipeRule &rule : r.rules) {
            ordered_json o;
            if (!rule.match.empty())
                o["match"] = rule.match;
            if (!rule.name.empty())
                o["name"] = rule.name;
            if (rule.minNumel >= 0)
                o["min_numel"] = rule.minNumel;
            if (rule.maxNumel >= 0)
                o["max_numel"] = rule.maxNumel;
            if (rule.ndim >= 0)
                o["ndim"] = rule.ndim;
            const ordered_json settings = orderedSettings(rule.settings);
            for (const auto &[key, value] : settings.items())
                o[key] = value;
            if (!rule.comment.empty())
                o["comment"] = rule.comment;
            rules.push_back(o);
        }
        j["rules"] = rules;
    }
    return j;
}

// ---- resolution --------------------------------------------------------------------------


std::string joinInts(const std::vector<int> &v, const char *sep)
{
    std::string out;
    for (size_t i = 0; i < v.size(); ++i)
        out += (i ? sep : "") + std::to_string(v[i]);
    return out;
}



} // namespace

namespace RecipeDetail {

[[noreturn]] void fail(const std::string &path, const std::string &message)
{
    throw Error(path + ": " + message);
}

std::string quoted(const std::string &s)
{
    return nlohmann::json(s).dump();
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

int64_t rowsOf(const TensorDesc &t)
{
    return t.shape.size() >= 2 ? t.shape[0] : 1;
}


bool isFloatDtype(const std::string &dtype)
{
    // An empty dtype is a TensorDesc built without one (GUI previews): take it as float.
    return dtype.empty() || dtype == "float32" || dtype == "float16" || dtype == "bfloat16" ||
           dtype == "float64";
}

// Everything fromJson checks beyond JSON types, again for recipes built in code.
void checkRecipe(const Recipe &r, const std::string &what)
{
    checkContainer(r.container, what + ": container");
    if (!r.defaults.is_object())
        fail(what + ": defaults", "must be an object, got " + typeOf(r.defaults));
    if (r.container.official()) {
        const std::string why = std::string("the official container ") + kOfficialContainer +
                                " fixes every setting itself; a recipe for it has no ";
        if (!r.defaults.empty())
            fail(what + ": defaults", why + "defaults");
        if (!r.rules.empty())
            fail(what + ": rules", why + "rules");
    }
    applySettingKeys(QuantSetting{}, r.defaults, what + ": defaults");
    for (size_t i = 0; i < r.rules.size(); ++i) {
        const RecipeRule &rule = r.rules[i];
        const std::string path = what + ": rules[" + std::to_string(i) + "]";
        if (!hasSelector(rule))
            fail(path, "has no selector (give at least one of match, name, min_numel, max_numel, "
                       "ndim; a rule for every tensor belongs in \"defaults\")");
        if (!rule.match.empty())
            NamePattern(rule.match, path + ".match"); // throws for an invalid one
        if (rule.minNumel >= 0 && rule.maxNumel >= 0 && rule.minNumel > rule.maxNumel)
            fail(path, "min_numel " + std::to_string(rule.minNumel) + " > max_numel " +
                           std::to_string(rule.maxNumel) + ": the rule can match nothing");
        if (!rule.settings.is_object())
            fail(path, "settings must be an object");
        for (const auto &[key, value] : rule.settings.items())
            if (!isSettingKey(key))
                fail(path + "." + key, "unknown key (expected a selector: match, name, min_numel, "
                                       "max_numel, ndim; a setting key: quant, granularity, "
                                       "group_size, clip, clip_value, scale_dtype, method, "
                                       "prune, sparsity, nm, row_block; or comment)");
        applySettingKeys(QuantSetting{}, rule.settings, path);
    }
}

std::vector<int> rulesAmong(const ResolvedTensor &t)
{
    std::set<int> rules;
    for (const auto &[key, source] : t.sources)
        if (source >= 0)
            rules.insert(source);
    return {rules.begin(), rules.end()};
}

std::string rulesText(const std::vector<int> &rules)
{
    return (rules.size() == 1 ? "rule " : "rules ") + joinInts(rules, ",");
}

std::string containerText(const ContainerSpec &c)
{
    if (c.official())
        return c.format + " (zlib 9 over torch.save)";
    std::string level = std::to_string(c.level);
    if (c.codec == Codec::Lzma && c.level >= 10)
        level = std::to_string(c.level - 10) + " extreme";
    return c.format + ", " + codecName(c.codec) + " " + level;
}

} // namespace RecipeDetail

QuantSetting applySettingKeys(QuantSetting base, const nlohmann::json &keys,
                              const std::string &what)
{
    if (!keys.is_object())
        fail(what, "must be an object of setting keys, got " + typeOf(keys));
    for (const auto &[key, value] : keys.items())
        applyKey(base, key, value, what + "." + key);
    return base;
}

nlohmann::json settingKeysBetween(const QuantSetting &base, const QuantSetting &target)
{
    const nlohmann::json from = base.toJson();
    const nlohmann::json to = target.toJson();
    nlohmann::json out = nlohmann::json::object();
    for (const auto &[key, value] : to.items())
        if (!from.contains(key) || from[key] != value)
            out[key] = value;
    return out;
}

std::string ruleLabel(const RecipeRule &rule)
{
    // Long alternations (the control-tensor pattern) would drown the table's last column.
    constexpr size_t kMaxPattern = 32;
    std::vector<std::string> parts;
    if (!rule.match.empty())
        parts.push_back(rule.match.size() <= kMaxPattern
                            ? rule.match
                            : rule.match.substr(0, kMaxPattern - 3) + "...");
    if (!rule.name.empty())
        parts.push_back(rule.name);
    if (rule.minNumel >= 0)
        parts.push_back("numel>=" + std::to_string(rule.minNumel));
    if (rule.maxNumel >= 0)
        parts.push_back("numel<=" + std::to_string(rule.maxNumel));
    if (rule.ndim >= 0)
        parts.push_back("ndim=" + std::to_string(rule.ndim));
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? ", " : "") + parts[i];
    return out;
}

std::string sourceSummary(const ResolvedTensor &tensor)
{
    for (const auto &[key, source] : tensor.sources)
        if (source == kFromOfficialFormat)
            return "official format";
    const std::vector<int> rules = rulesAmong(tensor);
    return rules.empty() ? "defaults" : rulesText(rules);
}

Recipe Recipe::defaultRecipe()
{
    Recipe r;
    r.name = "int8 + lzma (official classification)";
    r.description = "The official int8 export's choices (int8 per row, clip at the 99.99984th "
                    "percentile; tensors of at most 65,536 values kept as fp16, control tensors "
                    "as fp32) in golf-mixed-v1 with lzma 9 instead of zlib 9 over torch.save.";
    r.container = ContainerSpec{kMixedContainer, Codec::Lzma, 9};
    r.defaults = {{"quant", "int8"},
                  {"granularity", "row"},
                  {"clip", "percentile"},
                  {"clip_value", kOfficialClipPercentile}};
    RecipeRule small;
    small.maxNumel = kKeepFloatMaxNumel;
    small.settings = {{"quant", "fp16"}};
    small.comment = "INT8_KEEP_FLOAT_MAX_NUMEL: small tensors are kept as floats";
    RecipeRule control;
    std::string alternatives;
    for (const std::string &p : controlTensorPatterns())
        alternatives += (alternatives.empty() ? "" : "|") + p;
    control.match = alternatives;
    control.maxNumel = kKeepFloatMaxNumel;
    control.settings = {{"quant", "fp32"}};
    control.comment = "INT8_KEEP_FLOAT_FP32_NAME_PATTERNS: small control tensors stay fp32";
    r.rules = {small, control};
    return r;
}

Recipe Recipe::official()
{
    Recipe r;
    r.name = "official int8 + zlib";
    r.description = "The challenge's own export: int8_clean_per_row_v1, torch.save + zlib 9.";
    r.container = ContainerSpec{kOfficialContainer, Codec::Zlib, 9};
    return r;
}

Recipe Recipe::fromJson(const nlohmann::json &json, const std::string &what)
{
    if (!json.is_object())
        throw Error(what + ": a recipe must be a JSON object, got " + typeOf(json));
    if (!json.contains("format"))
        throw Error(what + ": format: missing (a recipe starts with \"format\": \"" +
                    kRecipeFormat + "\")");
    const std::string &format = stringAt(json["format"], what + ": format");
    if (format != kRecipeFormat)
        fail(what + ": format",
             "unsupported value " + quoted(format) + " (expected " + quoted(kRecipeFormat) + ")");
    Recipe r;
    for (const auto &[key, value] : json.items()) {
        const std::string path = what + ": " + key;
        if (key == "format") {
            continue;
        } else if (key == "name") {
            r.name = stringAt(value, path);
        } else if (key == "description") {
            r.description = stringAt(value, path);
        } else if (key == "container") {
            r.container = parseContainer(value, path);
        } else if (key == "defaults") {
            if (!value.is_object())
                fail(path, "must be an object of setting keys, got " + typeOf(value));
            r.defaults = value;
        } else if (key == "rules") {
            if (!value.is_array())
                fail(path, "must be an array of rules, got " + typeOf(value));
            for (size_t i = 0; i < value.size(); ++i)
                r.rules.push_back(parseRule(value[i], what + ": rules[" + std::to_string(i) + "]"));
        } else {
            fail(path,
                 "unknown key (expected format, name, description, container, defaults, rules)");
        }
    }
    checkRecipe(r, what);
    r.origin = what;
    return r;
}

Recipe Recipe::load(const std::string &path)
{
    const std::string text = readFile(path);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw Error(path + ": not valid JSON: " + e.what());
    }
    return fromJson(j, path);
}

nlohmann::json Recipe::toJson() const
{
    return nlohmann::json::parse(orderedRecipe(*this).dump());
}

void Recipe::save(const std::string &path) const
{
    writeFileAtomic(path, orderedRecipe(*this).dump(2) + "\n");
}

} // namespace Core
