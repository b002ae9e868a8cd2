// SPDX-License-Identifier: GPL-3.0-or-later
#include "quant/int8format_p.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "pack/zlibcodec.h"
#include "model/torchfile_p.h"
#include "config/controltensors.h"

#include <torch/torch.h>

namespace Core {

namespace {

// The official constants (train_gpt.py): INT8_KEEP_FLOAT_MAX_NUMEL, INT8_CLIP_PERCENTILE / 100,
// INT8_KEEP_FLOAT_STORE_DTYPE, INT8_PER_ROW_SCALE_DTYPE.
constexpr int64_t kKeepFloatMaxNumel = 65536;
constexpr double kClipQ = 99.99984 / 100.0;
constexpr auto kKeepFloatStoreDtype = torch::kFloat16;
constexpr auto kPerRowScaleDtype = torch::kFloat16;

using Dict = c10::impl::GenericDict;

Dict newDict(const c10::TypePtr &value)
{
    return Dict(c10::StringType::get(), value);
}

// quantize_float_tensor. Every step uses the same ATen ops, operand dtypes and Python-scalar
// conversions as the official code, so the int8 values and scales match bitwise.
std::pair<torch::Tensor, torch::Tensor> quantizeFloatTensor(const torch::Tensor &t)
{
    const torch::Tensor t32 = t.to(torch::kFloat32);
    if (t32.dim() == 2) {
        const torch::Tensor clip = t32.numel()
            ? torch::quantile(t32.abs(), kClipQ, /*dim=*/1)
            : torch::empty({t32.size(0)}, torch::kFloat32);
        const torch::Tensor c = clip.unsqueeze(1);
        const torch::Tensor clipped = torch::maximum(torch::minimum(t32, c), -c);
        // The floor of 1/127 on the scale is official: rows with tiny weights keep scale 1/127.
        const torch::Tensor scale = (clip / 127.0).clamp_min(1.0 / 127.0);
        const torch::Tensor q = torch::clamp(torch::round(clipped / scale.unsqueeze(1)), -127, 127)
                                    .to(torch::kInt8)
                                    .contiguous();
        return {q, scale.to(kPerRowScaleDtype).contiguous()};
    }
    // Python: float(quantile(...).item()) is a double; the scale is divided in double and then
    // stored as a 0-dim fp32 tensor.
    const double clip =
        t32.numel() ? torch::quantile(t32.abs().flatten(), kClipQ).item<double>() : 0.0;
    const torch::Tensor scale = torch::scalar_tensor(clip > 0 ? clip / 127.0 : 1.0, torch::kFloat32);
    const torch::Tensor q = torch::clamp(torch::round(torch::clamp(t32, -clip, clip) / scale), -127, 127)
                                .to(torch::kInt8)
                                .contiguous();
    return {q, scale};
}

torch::ScalarType dtypeFromName(const std::string &name, const std::string &what)
{
    static const torch::ScalarType known[] = {
        torch::kFloat32, torch::kFloat64, torch::kFloat16, torch::kBFloat16, torch::kInt8,
        torch::kUInt8,   torch::kInt16,   torch::kInt32,   torch::kInt64,    torch::kBool};
    for (torch::ScalarType type : known)
        if (dtypeName(type) == name)
            return type;
    throw Error(what + ": unknown dtype '" + name + "'");
}

// Looks up obj[key] as a {str: X} dict; `required` false returns an empty dict when absent.
Dict subDict(const Dict &obj, const std::string &key, bool required, const std::string &what)
{
    const auto it = obj.find(c10::IValue(key));
    if (it == obj.end()) {
        check(!required, what + ": int8 export object has no \"" + key + "\" entry");
        return newDict(c10::AnyType::get());
    }
    check(it->value().isGenericDict(),
          what + ": int8 export entry \"" + key + "\" is not a dict (found " + it->value().tagKind() + ")");
    const Dict d = it->value().toGenericDict();
    for (const auto &item : d)
        check(item.key().isString(), what + ": int8 export entry \"" + key + "\" has a non-string key");
    return d;
}

c10::IValue lookup(const Dict &d, const std::string &dictName, const std::string &name,
                   const std::string &what)
{
    const auto it = d.find(c10::IValue(name));
    check(it != d.end(), what + ": \"" + dictName + "\" has no entry for '" + name + "'");
    return it->value();
}

torch::Tensor tensorOf(const c10::IValue &v, const std::string &dictName, const std::string &name,
                       const std::string &what)
{
    check(v.isTensor(), what + ": \"" + dictName + "\"['" + name + "'] is not a tensor (found "
                            + v.tagKind() + ")");
    return v.toTensor();
}

std::string stringOf(const c10::IValue &v, const std::string &dictName, const std::string &name,
                     const std::string &what)
{
    check(v.isString(), what + ": \"" + dictName + "\"['" + name + "'] is not a string");
    return v.toStringRef();
}

} // namespace

Dict quantizeInt8Official(const NamedTensors &stateDict)
{
    Dict quantized = newDict(c10::TensorType::get());
    Dict scales = newDict(c10::TensorType::get());
    Dict dtypes = newDict(c10::StringType::get());
    Dict passthrough = newDict(c10::TensorType::get());
    Dict origDtypes = newDict(c10::StringType::get());
    // {"scheme": "per_row", "axis": 0} mixes str and int values, hence Dict[str, Any].
    Dict qmeta = newDict(c10::DictType::create(c10::StringType::get(), c10::AnyType::get()));

    for (const auto &[name, tensor] : stateDict) {
        const torch::Tensor t = tensor.detach().to(torch::kCPU).contiguous();
        if (!t.is_floating_point()) {
            passthrough.insert(name, t);
            continue;
        }
        if (t.numel() <= kKeepFloatMaxNumel) {
            // keep_float_tensor: control tensors stay fp32; fp32/bf16 others go to fp16 with
            // their original dtype recorded; fp16/fp64 are kept as they are.
            torch::Tensor kept = t;
            if (isControlTensor(name)) {
                kept = t.to(torch::kFloat32).contiguous();
            } else if (t.scalar_type() == torch::kFloat32 || t.scalar_type() == torch::kBFloat16) {
                origDtypes.insert(name, dtypeName(t.scalar_type()));
                kept = t.to(kKeepFloatStoreDtype).contiguous();
            }
            passthrough.insert(name, kept);
            continue;
        }
        auto [q, s] = quantizeFloatTensor(t);
        if (s.dim() > 0) {
            Dict meta(c10::StringType::get(), c10::AnyType::get());
            meta.insert("scheme", std::string("per_row"));
            meta.insert("axis", int64_t(0));
            qmeta.insert(name, meta);
        }
        quantized.insert(name, q);
        scales.insert(name, s);
        dtypes.insert(name, dtypeName(t.scalar_type()));
    }

    Dict obj = newDict(c10::AnyType::get());
    obj.insert("__quant_format__", std::string(kInt8FormatTag));
    obj.insert("quantized", quantized);
    obj.insert("scales", scales);
    obj.insert("dtypes", dtypes);
    obj.insert("passthrough", passthrough);
    if (!qmeta.empty())
        obj.insert("qmeta", qmeta);
    if (!origDtypes.empty())
        obj.insert("passthrough_orig_dtypes", origDtypes);
    return obj;
}

NamedTensors dequantizeInt8Official(const Dict &obj, const std::string &what)
{
    const auto tag = obj.find(c10::IValue(std::string("__quant_format__")));
    check(tag != obj.end(), what + ": not an int8 export (no \"__quant_format__\" entry)");
    check(tag->value().isString() && tag->value().toStringRef() == kInt8FormatTag,
          what + ": unsupported __quant_format__ "
              + (tag->value().isString() ? "'" + tag->value().toStringRef() + "'" : tag->value().tagKind())
              + " (expected '" + kInt8FormatTag + "')");
    const Dict quantized = subDict(obj, "quantized", true, what);
    const Dict scales = subDict(obj, "scales", true, what);
    const Dict dtypes = subDict(obj, "dtypes", true, what);
    const Dict passthrough = subDict(obj, "passthrough", true, what);
    const Dict qmeta = subDict(obj, "qmeta", false, what);
    const Dict origDtypes = subDict(obj, "passthrough_orig_dtypes", false, what);

    NamedTensors out;
    for (const auto &item : quantized) {
        const std::string &name = item.key().toStringRef();
        const torch::Tensor q = tensorOf(item.value(), "quantized", name, what);
        check(q.scalar_type() == torch::kInt8,
              what + ": quantized tensor '" + name + "' is " + dtypeName(q.scalar_type()) + ", not int8");
        const torch::Tensor s = tensorOf(lookup(scales, "scales", name, what), "scales", name, what);
        check(s.is_floating_point(), what + ": scale of '" + name + "' is not a float tensor");
        const std::string dtype = stringOf(lookup(dtypes, "dtypes", name, what), "dtypes", name, what);
        const torch::ScalarType target = dtypeFromName(dtype, what + ": dtypes['" + name + "']");

        bool perRow = s.dim() > 0;
        const auto meta = qmeta.find(c10::IValue(name));
        if (meta != qmeta.end() && meta->value().isGenericDict()) {
            const Dict m = meta->value().toGenericDict();
            const auto scheme = m.find(c10::IValue(std::string("scheme")));
            perRow = perRow
                || (scheme != m.end() && scheme->value().isString()
                    && scheme->value().toStringRef() == "per_row");
        }
        if (perRow) {
            check(q.dim() >= 1 && s.dim() == 1 && s.size(0) == q.size(0),
                  what + ": per-row scale of '" + name + "' has shape " + c10::str(s.sizes())
                      + " but the tensor has shape " + c10::str(q.sizes()));
            std::vector<int64_t> view(size_t(q.dim()), 1);
            view[0] = q.size(0);
            out.emplace_back(name, (q.to(torch::kFloat32) * s.to(torch::kFloat32).view(view))
                                       .to(target)
                                       .contiguous());
        } else {
            check(s.numel() == 1, what + ": per-tensor scale of '" + name + "' has "
                                      + std::to_string(s.numel()) + " elements, expected 1");
            // Python: float(s.item()) times a float tensor.
            out.emplace_back(name, (q.to(torch::kFloat32) * s.item<double>()).to(target).contiguous());
        }
    }
    for (const auto &item : passthrough) {
        const std::string &name = item.key().toStringRef();
        torch::Tensor t = tensorOf(item.value(), "passthrough", name, what).detach().contiguous();
        const auto orig = origDtypes.find(item.key());
        if (orig != origDtypes.end() && orig->value().isString())
            t = t.to(dtypeFromName(orig->value().toStringRef(),
                                   what + ": passthrough_orig_dtypes['" + name + "']"))
                    .contiguous();
        out.emplace_back(name, t);
    }
    return out;
}

std::string encodeInt8Object(const Dict &obj)
{
    const std::vector<char> raw = torch::pickle_save(c10::IValue(obj));
    return zlibCompress(std::string_view(raw.data(), raw.size()), 9);
}

std::string encodeInt8Ptz(const NamedTensors &stateDict)
{
    return encodeInt8Object(quantizeInt8Official(stateDict));
}

NamedTensors decodeInt8Ptz(const std::string &bytes, const std::string &what)
{
    const c10::IValue value = loadTorchBytes(zlibDecompress(bytes, what), what);
    check(value.isGenericDict(), what + ": expected the int8 export dict, found " + value.tagKind());
    return dequantizeInt8Official(value.toGenericDict(), what);
}

void writeInt8Ptz(const std::string &path, const NamedTensors &stateDict)
{
    writeFileAtomic(path, encodeInt8Ptz(stateDict));
}

NamedTensors readInt8Ptz(const std::string &path)
{
    return decodeInt8Ptz(readFile(path), path);
}

} // namespace Core
