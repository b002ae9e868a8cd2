// SPDX-License-Identifier: GPL-3.0-or-later
// Size attribution for the official int8+zlib file: one zlib stream over torch.save bytes, so no
// tensor owns a byte range of the file. Each tensor is weighted by the zlib-9 size of its own
// stored bytes (int8 values + scales, or the passthrough values), the header by the zlib-9 size
// of the same object with every tensor emptied (pickle and zip records), and the true file size
// is split in those proportions with largest-remainder rounding, so the parts sum exactly.

#include "quant/int8format_p.h"

#include "common/error.h"
#include "pack/apportion.h"
#include "pack/zlibcodec.h"

#include <torch/torch.h>

#include <algorithm>
#include <numeric>

namespace Core {

namespace {

using Dict = c10::impl::GenericDict;

std::string rawBytes(const torch::Tensor &t)
{
    const torch::Tensor c = t.contiguous();
    return std::string(static_cast<const char *>(c.data_ptr()), size_t(c.numel() * c.element_size()));
}

Dict subDictOrEmpty(const Dict &obj, const char *key)
{
    const auto it = obj.find(c10::IValue(std::string(key)));
    if (it == obj.end() || !it->value().isGenericDict())
        return Dict(c10::StringType::get(), c10::AnyType::get());
    return it->value().toGenericDict();
}

std::string stringOr(const Dict &d, const std::string &name, const std::string &fallback)
{
    const auto it = d.find(c10::IValue(name));
    return it != d.end() && it->value().isString() ? it->value().toStringRef() : fallback;
}

double zeroFraction(const torch::Tensor &t)
{
    return t.numel() ? t.eq(0).sum().item<double>() / double(t.numel()) : 0.0;
}

} // namespace

SizeReport int8SizeReport(const Dict &obj, int64_t fileBytes, const std::vector<std::string> &order)
{
    const Dict quantized = subDictOrEmpty(obj, "quantized");
    const Dict scales = subDictOrEmpty(obj, "scales");
    const Dict dtypes = subDictOrEmpty(obj, "dtypes");
    const Dict passthrough = subDictOrEmpty(obj, "passthrough");
    const Dict origDtypes = subDictOrEmpty(obj, "passthrough_orig_dtypes");

    std::vector<std::string> names = order;
    if (names.empty()) {
        for (const auto &item : quantized)
            names.push_back(item.key().toStringRef());
        for (const auto &item : passthrough)
            names.push_back(item.key().toStringRef());
    }

    SizeReport r;
    r.format = kInt8FormatTag;
    r.codec = Codec::Zlib;
    r.level = 9;
    r.exactPerTensor = false;
    std::vector<int64_t> weights{0};
    for (const std::string &name : names) {
        TensorSize t;
        t.name = name;
        std::string stored;
        if (const auto q = quantized.find(c10::IValue(name)); q != quantized.end()) {
            const torch::Tensor codes = q->value().toTensor();
            const auto s = scales.find(c10::IValue(name));
            check(s != scales.end(), "int8 export: no scale for '" + name + "'");
            const torch::Tensor scale = s->value().toTensor();
            stored = rawBytes(codes) + rawBytes(scale);
            t.shape = codes.sizes().vec();
            t.dtype = stringOr(dtypes, name, "float32");
            t.setting.scheme = QuantScheme::Int;
            t.setting.bits = 8;
            t.setting.granularity = scale.dim() > 0 ? Granularity::Row : Granularity::Tensor;
            t.setting.clip = ClipMode::Percentile;
            t.setting.clipValue = 99.99984;
            t.setting.scaleType = scale.scalar_type() == torch::kFloat16 ? FloatType::Float16 : FloatType::Float32;
            t.sparsity = zeroFraction(codes);
        } else {
            const auto p = passthrough.find(c10::IValue(name));
            check(p != passthrough.end(), "int8 export has no tensor '" + name + "'");
            const torch::Tensor kept = p->value().toTensor();
            stored = rawBytes(kept);
            t.shape = kept.sizes().vec();
            t.dtype = stringOr(origDtypes, name, dtypeName(kept.scalar_type()));
            t.setting.scheme = QuantScheme::Float;
            t.setting.floatType = kept.scalar_type() == torch::kFloat16    ? FloatType::Float16
                                  : kept.scalar_type() == torch::kBFloat16 ? FloatType::BFloat16
                                                                           : FloatType::Float32;
            t.sparsity = zeroFraction(kept);
        }
        t.numel = 1;
        for (int64_t dim : t.shape)
            t.numel *= dim;
        t.payloadBytes = int64_t(stored.size());
        weights.push_back(int64_t(zlibCompress(stored, 9).size()));
        r.tensors.push_back(std::move(t));
    }

    Dict skeleton(c10::StringType::get(), c10::AnyType::get());
    for (const auto &item : obj) {
        if (!item.value().isGenericDict()) {
            skeleton.insert(item.key(), item.value());
            continue;
        }
        Dict sub(c10::StringType::get(), c10::AnyType::get());
        for (const auto &e : item.value().toGenericDict())
            sub.insert(e.key(), e.value().isTensor() ? c10::IValue(torch::empty({0}, e.value().toTensor().options()))
                                                     : e.value());
        skeleton.insert(item.key(), sub);
    }
    const std::vector<char> skeletonBytes = torch::pickle_save(c10::IValue(skeleton));
    weights[0] = int64_t(zlibCompress(std::string_view(skeletonBytes.data(), skeletonBytes.size()), 9).size());

    const std::vector<int64_t> parts = apportionBytes(fileBytes, weights);
    r.headerBytes = parts[0];
    for (size_t i = 0; i < r.tensors.size(); ++i)
        r.tensors[i].fileBytes = parts[i + 1];
    r.modelBytes = fileBytes;
    return r;
}

} // namespace Core
