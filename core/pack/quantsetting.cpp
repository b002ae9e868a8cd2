// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/quantsetting.h"

#include "common/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace Core {

const char *floatTypeName(FloatType type)
{
    switch (type) {
    case FloatType::Float32: return "float32";
    case FloatType::Float16: return "float16";
    case FloatType::BFloat16: return "bfloat16";
    }
    return "?";
}

int floatTypeBytes(FloatType type)
{
    return type == FloatType::Float32 ? 4 : 2;
}

const char *quantMethodName(QuantMethod method)
{
    return method == QuantMethod::Gptq ? "gptq" : "rtn";
}

namespace {

const char *shortFloatName(FloatType type)
{
    switch (type) {
    case FloatType::Float32: return "fp32";
    case FloatType::Float16: return "fp16";
    case FloatType::BFloat16: return "bf16";
    }
    return "?";
}

// Numbers in describe(): shortest form that reads back the same (12.85, not 12.850000).
std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string quantName(const QuantSetting &s)
{
    return quantSchemeOf(s).name;
}

} // namespace

const std::vector<QuantSchemeInfo> &quantSchemes()
{
    using S = QuantScheme;
    using F = FloatType;
    static const std::vector<QuantSchemeInfo> table{
        {"binary", S::Binary, 1, F::Float16, 1, 1.0},
        {"ternary", S::Ternary, 2, F::Float16, 9, 1.584962500721156},
        {"int2", S::Int, 2, F::Float16, 2, 2.0},
        {"int3", S::Int, 3, F::Float16, 3, 3.0},
        {"int4", S::Int, 4, F::Float16, 4, 4.0},
        {"int5", S::Int, 5, F::Float16, 5, 5.0},
        {"int6", S::Int, 6, F::Float16, 6, 6.0},
        {"int7", S::Int, 7, F::Float16, 7, 7.0},
        {"int8", S::Int, 8, F::Float16, 8, 8.0},
        {"fp32", S::Float, 32, F::Float32, 16, 32.0},
        {"fp16", S::Float, 16, F::Float16, 17, 16.0},
        {"bf16", S::Float, 16, F::BFloat16, 18, 16.0},
    };
    return table;
}

const QuantSchemeInfo &quantSchemeOf(const QuantSetting &s)
{
    for (const QuantSchemeInfo &q : quantSchemes()) {
        const bool same = q.scheme == s.scheme &&
                          (s.scheme == QuantScheme::Int ? q.bits == s.bits
                           : s.scheme == QuantScheme::Float ? q.floatType == s.floatType
                                                            : true);
        if (same)
            return q;
    }
    throw Error("no quantization scheme " + std::to_string(int(s.scheme)) + " with " +
                std::to_string(s.bits) + " bits");
}

const QuantSchemeInfo *quantSchemeByName(const std::string &name)
{
    const std::string n = name == "int1" ? "binary" : name;
    for (const QuantSchemeInfo &q : quantSchemes())
        if (n == q.name)
            return &q;
    return nullptr;
}

const QuantSchemeInfo *quantSchemeByWireCode(unsigned code)
{
    for (const QuantSchemeInfo &q : quantSchemes())
        if (q.wireCode == code)
            return &q;
    return nullptr;
}

QuantSetting withScheme(QuantSetting s, const QuantSchemeInfo &row)
{
    s.scheme = row.scheme;
    s.bits = row.bits;
    if (row.scheme == QuantScheme::Float)
        s.floatType = row.floatType;
    return s;
}

bool QuantSetting::operator==(const QuantSetting &o) const
{
    // Compare the canonical forms: fields a scheme ignores must not make settings differ.
    return toJson() == o.toJson();
}

int QuantSetting::qmax() const
{
    switch (scheme) {
    case QuantScheme::Int: return (1 << (bits - 1)) - 1;
    case QuantScheme::Binary:
    case QuantScheme::Ternary: return 1;
    case QuantScheme::Float: return 0;
    }
    return 0;
}

int QuantSetting::storedBits() const
{
    switch (scheme) {
    case QuantScheme::Int: return bits;
    case QuantScheme::Binary: return 1;
    case QuantScheme::Ternary: return 2;
    case QuantScheme::Float: return 8 * floatTypeBytes(floatType);
    }
    return 0;
}

std::string QuantSetting::describe() const
{
    std::string out = quantName(*this);
    if (scheme != QuantScheme::Float) {
        switch (granularity) {
        case Granularity::Tensor: out += " tensor"; break;
        case Granularity::Row: out += " row"; break;
        case Granularity::Group: out += " g" + std::to_string(groupSize); break;
        }
        if (scheme == QuantScheme::Int) {
            if (clip == ClipMode::Percentile)
                out += " p" + number(clipValue);
            else if (clip == ClipMode::Std)
                out += " std:" + number(clipValue);
        }
        if (scaleType != FloatType::Float16)
            out += std::string(" scale:") + shortFloatName(scaleType);
        if (method == QuantMethod::Gptq)
            out += " gptq";
    }
    switch (prune) {
    case PruneMode::None: break;
    case PruneMode::Magnitude: out += " prune " + number(100.0 * sparsity) + "%"; break;
    case PruneMode::NM: out += " prune " + std::to_string(n) + ":" + std::to_string(m); break;
    case PruneMode::Rows:
        out += " prune rows " + number(100.0 * sparsity) + "%";
        if (rowBlock > 1)
            out += " x" + std::to_string(rowBlock);
        break;
    }
    return out;
}

nlohmann::json QuantSetting::toJson() const
{
    nlohmann::ordered_json j;
    j["quant"] = quantName(*this);
    if (scheme != QuantScheme::Float) {
        j["granularity"] = granularity == Granularity::Tensor ? "tensor"
                           : granularity == Granularity::Row  ? "row"
                                                              : "group";
        if (granularity == Granularity::Group)
            j["group_size"] = groupSize;
        if (scheme == QuantScheme::Int) {
            j["clip"] = clip == ClipMode::None ? "none" : clip == ClipMode::Percentile ? "percentile" : "std";
            if (clip != ClipMode::None)
                j["clip_value"] = clipValue;
        }
        j["scale_dtype"] = floatTypeName(scaleType);
        // Only when not the default: every rtn setting keeps its old canonical form, so cache
        // keys, saved recipes and history entries written before "method" existed still match.
        if (method != QuantMethod::Rtn)
            j["method"] = quantMethodName(method);
    }
    switch (prune) {
    case PruneMode::None: j["prune"] = "none"; break;
    case PruneMode::Magnitude:
        j["prune"] = "magnitude";
        j["sparsity"] = sparsity;
        break;
    case PruneMode::NM:
        j["prune"] = "nm";
        j["nm"] = std::to_string(n) + ":" + std::to_string(m);
        break;
    case PruneMode::Rows:
        j["prune"] = "rows";
        j["sparsity"] = sparsity;
        j["row_block"] = rowBlock;
        break;
    }
    // ordered_json keeps the insertion order above; the plain json we return sorts keys, which
    // is just as stable for comparisons and cache keys.
    return nlohmann::json::parse(j.dump());
}

void QuantSetting::validate(const std::string &what) const
{
    if (scheme == QuantScheme::Int)
        check(bits >= 2 && bits <= 8, what + ": integer bit-width must be 2..8 (1 bit is \"binary\"), got " +
                                          std::to_string(bits));
    if (scheme != QuantScheme::Float && granularity == Granularity::Group)
        check(groupSize >= 1, what + ": group_size must be at least 1, got " + std::to_string(groupSize));
    if (scheme == QuantScheme::Int && clip == ClipMode::Percentile)
        check(std::isfinite(clipValue) && clipValue > 0 && clipValue <= 100,
              what + ": clip percentile must be in (0, 100], got " + number(clipValue));
    if (scheme == QuantScheme::Int && clip == ClipMode::Std)
        check(std::isfinite(clipValue) && clipValue > 0,
              what + ": clip std multiple must be > 0, got " + number(clipValue));
    if (scheme == QuantScheme::Binary)
        check(prune == PruneMode::None, what + ": binary codes can't represent pruned zeros; use ternary");
    if (prune == PruneMode::Magnitude || prune == PruneMode::Rows)
        check(std::isfinite(sparsity) && sparsity >= 0 && sparsity < 1,
              what + ": sparsity must be in [0, 1), got " + number(sparsity));
    if (prune == PruneMode::NM)
        check(n >= 1 && n < m && m <= 64,
              what + ": N:M pruning needs 1 <= N < M <= 64, got " + std::to_string(n) + ":" + std::to_string(m));
    if (prune == PruneMode::Rows)
        check(rowBlock >= 1, what + ": row_block must be at least 1, got " + std::to_string(rowBlock));
}

} // namespace Core
