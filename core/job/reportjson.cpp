// SPDX-License-Identifier: GPL-3.0-or-later
#include "job/reportjson.h"

#include "common/error.h"
#include "common/jsonfields.h"
#include "pack/codec.h"
#include "recipe/recipe.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace Core {

using nlohmann::json;

SizeReport sizeReportFromJson(const json &j, const std::string &what)
{
    SizeReport r;
    r.format = Json::text(j, "format", what);
    const std::string codec = Json::text(j, "codec", what);
    r.compressed = codec != "none";
    if (r.compressed)
        r.codec = codecFromName(codec, what + ".codec");
    r.level = int(Json::integer(j, "level", what));
    r.headerBytes = Json::integer(j, "header_bytes", what);
    r.modelBytes = Json::integer(j, "model_bytes", what);
    r.exactPerTensor = Json::boolean(j, "exact_per_tensor", what);
    const json &tensors = Json::array(j, "tensors", what);
    r.tensors.reserve(tensors.size());
    for (size_t i = 0; i < tensors.size(); ++i) {
        const json &t = tensors[i];
        const std::string at = what + ".tensors[" + std::to_string(i) + "]";
        TensorSize s;
        s.name = Json::text(t, "name", at);
        s.shape = Json::integers(t, "shape", at);
        s.numel = Json::integer(t, "numel", at);
        s.dtype = Json::text(t, "dtype", at);
        s.setting = applySettingKeys(QuantSetting(), Json::object(t, "setting", at), at + ".setting");
        s.sparsity = Json::number(t, "sparsity", at);
        s.payloadBytes = Json::integer(t, "payload_bytes", at);
        s.fileBytes = Json::integer(t, "file_bytes", at);
        s.relError = Json::numberOrNan(t, "rel_error", at);
        r.tensors.push_back(std::move(s));
    }
    return r;
}

SizeLedger sizeLedgerFromJson(const json &j, const std::string &what)
{
    SizeLedger l;
    l.modelBytes = Json::integer(j, "model_bytes", what);
    l.codeBytes = Json::integer(j, "code_bytes", what);
    l.codeForm = Json::text(j, "code_form", what);
    l.codePath = Json::text(j, "code_path", what);
    l.budget = Json::integer(j, "budget", what);
    return l;
}

json toJson(const std::vector<TensorDesc> &tensors)
{
    json out = json::array();
    for (const TensorDesc &t : tensors)
        out.push_back({{"name", t.name}, {"shape", t.shape}, {"numel", t.numel}, {"dtype", t.dtype}});
    return out;
}

std::vector<TensorDesc> tensorDescsFromJson(const json &j, const std::string &what)
{
    if (!j.is_array())
        throw Error(what + ": expected an array of tensors");
    std::vector<TensorDesc> out;
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string at = what + "[" + std::to_string(i) + "]";
        out.push_back({Json::text(j[i], "name", at), Json::integers(j[i], "shape", at),
                       Json::integer(j[i], "numel", at), Json::text(j[i], "dtype", at)});
    }
    return out;
}

} // namespace Core
