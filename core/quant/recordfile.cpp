// SPDX-License-Identifier: GPL-3.0-or-later
#include "quant/recordfile_p.h"

#include "common/error.h"
#include "model/torchfile_p.h"
#include "pack/apportion.h"
#include "pack/recordstream.h"
#include "pack/zlibcodec.h"
#include "quant/int8format_p.h"
#include "quant/pergroupformat_p.h"
#include "quant/quantcommon_p.h"
#include "quant/recordformat_p.h"

#include <torch/torch.h>

#include <map>
#include <optional>
#include <set>

namespace Core {

namespace {

using Dict = c10::impl::GenericDict;

struct Opened
{
    ModelFileKind kind = ModelFileKind::RecordQuant;
    std::string container;   ///< "zstd + BSHF/2", "PGRP: lrzip groups + brotli"
    c10::IValue object;
    std::optional<PerGroupFile> pergroup;
};

bool isInt8Object(const c10::IValue &v)
{
    return v.isGenericDict()
           && v.toGenericDict().find(c10::IValue(std::string("__quant_format__"))) != v.toGenericDict().end();
}

std::string keysText(const c10::IValue &v)
{
    if (!v.isGenericDict())
        return v.tagKind();
    std::string s;
    int n = 0;
    for (const auto &item : v.toGenericDict()) {
        if (n++ == 5) {
            s += ", ...";
            break;
        }
        s += (s.empty() ? "" : ", ") + (item.key().isString() ? item.key().toStringRef().substr(0, 40) : "?");
    }
    return "a dict of " + s;
}

Opened open(const std::string &bytes, const std::string &what)
{
    Opened o;
    if (isPerGroupFile(bytes)) {
        o.pergroup = readPerGroup(bytes, what);
        o.kind = ModelFileKind::PerGroup;
        o.container = "PGRP: lrzip groups + brotli";
        o.object = o.pergroup->object;
        return o;
    }
    const RecordStream s = decodeRecordStream(bytes, what);
    o.container = s.describe();
    check(s.raw.size() >= 4 && s.raw.compare(0, 4, "PK\x03\x04", 4) == 0,
          what + ": not a model file golf knows: a " + o.container
              + " stream that holds no torch.save archive");
    o.object = loadTorchBytes(s.raw, what + " (" + o.container + ")");
    if (isInt8Object(o.object))
        o.kind = ModelFileKind::Int8Ptz;
    else if (isWmObject(o.object))
        o.kind = ModelFileKind::RecordQuant;
    else if (isTernaryObject(o.object))
        o.kind = ModelFileKind::TernaryRecord;
    else
        throw Error(what + ": a " + o.container + " stream holding a torch.save object golf does not know ("
                    + keysText(o.object) + "); it reads the official int8 export, the records' {\"w\", \"m\"} "
                    "objects and the ternary records' entries");
    return o;
}

std::vector<RecordTensor> recordTensors(const Opened &o, const std::string &what)
{
    if (o.kind == ModelFileKind::TernaryRecord)
        return readTernaryObject(o.object, what);
    return readWmObject(o.object, what);
}

/// The object with every tensor emptied and long byte strings (packed payloads) cleared: what
/// a stream holds besides the tensors' values.
c10::IValue skeleton(const c10::IValue &v, int depth = 0)
{
    check(depth < 64, "record object nested too deeply");
    if (v.isTensor())
        return torch::empty({0}, v.toTensor().options());
    if (v.isString() && v.toStringRef().size() > 256)
        return std::string();
    if (v.isGenericDict()) {
        Dict out(c10::AnyType::get(), c10::AnyType::get());
        for (const auto &item : v.toGenericDict())
            out.insert(item.key(), skeleton(item.value(), depth + 1));
        return out;
    }
    if (v.isList()) {
        c10::impl::GenericList out(c10::AnyType::get());
        for (const c10::IValue &e : v.toListRef())
            out.push_back(skeleton(e, depth + 1));
        return out;
    }
    return v;
}

int64_t zlibWeight(const std::string &bytes)
{
    return int64_t(zlibCompress(bytes, 9).size());
}

int64_t skeletonWeight(const c10::IValue &v)
{
    const std::vector<char> pickled = torch::pickle_save(skeleton(v));
    return zlibWeight(std::string(pickled.data(), pickled.size()));
}

TensorSize sizeOf(const RecordTensor &rt)
{
    TensorSize t;
    t.name = rt.name;
    t.shape = rt.value.sizes().vec();
    t.numel = rt.value.numel();
    t.dtype = rt.storedAs == "fp8" ? "float8_e4m3fn" : dtypeName(rt.value.scalar_type());
    t.setting = rt.setting;
    t.sparsity = t.numel ? rt.value.eq(0).sum().item<double>() / double(t.numel) : 0.0;
    t.payloadBytes = int64_t(rt.stored.size());
    return t;
}

} // namespace

ModelFileKind recordFileKind(const std::string &bytes, const std::string &what)
{
    return open(bytes, what).kind;
}

NamedTensors readRecordFile(const std::string &bytes, const std::string &what)
{
    const Opened o = open(bytes, what);
    if (o.kind == ModelFileKind::Int8Ptz)
        return dequantizeInt8Official(o.object.toGenericDict(), what);
    NamedTensors out;
    for (RecordTensor &rt : recordTensors(o, what))
        out.emplace_back(rt.name, rt.value);
    return out;
}

SizeReport recordSizeReport(const std::string &bytes, const std::string &what)
{
    const Opened o = open(bytes, what);
    const int64_t fileBytes = int64_t(bytes.size());
    if (o.kind == ModelFileKind::Int8Ptz) {
        dequantizeInt8Official(o.object.toGenericDict(), what); // validates the whole object
        SizeReport r = int8SizeReport(o.object.toGenericDict(), fileBytes);
        if (o.container != "zlib") {
            r.format += " in " + o.container;
            r.compressed = false; // the table's codec column knows only golf's own codecs
        }
        return r;
    }
    const std::vector<RecordTensor> tensors = recordTensors(o, what);
    SizeReport r;
    r.compressed = false; // the container string names the codec (brotli is none of golf's own)
    r.exactPerTensor = false;
    r.modelBytes = fileBytes;
    r.format = std::string(o.kind == ModelFileKind::TernaryRecord ? "records ternary" : "records {w,m}") + " in "
               + o.container;
    for (const RecordTensor &rt : tensors)
        r.tensors.push_back(sizeOf(rt));

    // Which tensor each key of `w` belongs to; keys no label claims weigh into the header.
    std::map<std::string, size_t> owner;
    for (size_t i = 0; i < tensors.size(); ++i)
        for (const std::string &k : tensors[i].keys)
            owner[k] = i;
    const size_t n = tensors.size();
    std::vector<int64_t> total(n, 0);
    int64_t header = 0;
    const auto add = [&](int64_t streamBytes, const std::vector<int64_t> &weights) {
        const std::vector<int64_t> parts = apportionBytes(streamBytes, weights);
        header += parts[0];
        for (size_t i = 0; i < n; ++i)
            total[i] += parts[i + 1];
    };

    if (!o.pergroup) {
        std::vector<int64_t> weights(n + 1, 0);
        weights[0] = skeletonWeight(o.object);
        for (size_t i = 0; i < n; ++i)
            weights[i + 1] = zlibWeight(tensors[i].stored);
        if (o.kind == ModelFileKind::RecordQuant)
            for (const auto &item : o.object.toGenericDict().at(c10::IValue(std::string("w"))).toGenericDict())
                if (!owner.count(item.key().toStringRef()) && item.value().isTensor())
                    weights[0] += zlibWeight(Internal::tensorBytes(item.value().toTensor()));
        add(fileBytes, weights);
    } else {
        const PerGroupFile &pg = *o.pergroup;
        header += pg.headerBytes;
        for (size_t g = 0; g < pg.groupKeys.size(); ++g) {
            std::vector<int64_t> weights(n + 1, 0);
            for (const auto &[key, raw] : pg.groupKeys[g])
                weights[owner.count(key) ? owner[key] + 1 : 0] += raw;
            add(pg.streamBytes[g], weights);
        }
        std::vector<int64_t> rest(n + 1, 0);
        rest[0] = skeletonWeight(pg.remainderObject);
        const Dict r7 = pg.remainderObject.toGenericDict().at(c10::IValue(std::string("r"))).toGenericDict();
        for (const std::string &key : pg.remainderKeys)
            rest[owner.count(key) ? owner[key] + 1 : 0] +=
                zlibWeight(Internal::tensorBytes(r7.at(c10::IValue(key)).toTensor()));
        add(pg.streamBytes[7], rest);
        std::vector<int64_t> perms(n + 1, 0);
        for (const auto &[key, raw] : pg.permKeys)
            perms[owner.count(key) ? owner[key] + 1 : 0] += raw;
        add(pg.streamBytes[8], perms);
    }
    r.headerBytes = header;
    for (size_t i = 0; i < n; ++i)
        r.tensors[i].fileBytes = total[i];
    return r;
}

} // namespace Core
