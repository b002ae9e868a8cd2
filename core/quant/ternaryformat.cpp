// SPDX-License-Identifier: GPL-3.0-or-later
// The ternary records' entries (record-formats.md §2.5): {name: entry}, each entry a dict
//   ternary / ternary_bitmask  "packed" (bytes, pack/ternarypacking.h), "scale" (fp16, one per
//                              group), "shape" [rows, cols], "padded_cols", "group_size",
//                              "n_trits", optional "orig_shape" (3-D weights saved as 2-D)
//   fp8                        "data": a float8_e4m3fn tensor (widened to float32 on reading)
//   fp4                        "packed" (uint8 nibbles), "scale" (fp16 per row), "shape"
//   fp16                       "data"
// Dequantized as the records' deq_sd does before its final cast (to bf16 there; float32 here):
// per group q * (scale / mean|q|), with mean|q| clamped at 1e-8.

#include "quant/recordformat_p.h"

#include "common/error.h"
#include "pack/ternarypacking.h"
#include "quant/quantcommon_p.h"

#include <torch/torch.h>

namespace Core {

namespace {

using Dict = c10::impl::GenericDict;

const char *const kTypes[] = {"ternary", "ternary_bitmask", "fp8", "fp4", "fp16"};

class Entry
{
public:
    Entry(const Dict &d, const std::string &name, const std::string &what)
        : d_(d), where_(what + ": ternary-record entry '" + name + "'")
    {}
    const c10::IValue &at(const char *key) const
    {
        const auto it = d_.find(c10::IValue(std::string(key)));
        check(it != d_.end(), where_ + " has no \"" + key + "\"");
        return it->value();
    }
    bool has(const char *key) const { return d_.find(c10::IValue(std::string(key))) != d_.end(); }
    torch::Tensor tensor(const char *key) const
    {
        const c10::IValue &v = at(key);
        check(v.isTensor(), where_ + ": \"" + key + "\" is not a tensor");
        return v.toTensor();
    }
    int64_t integer(const char *key, int64_t lo, int64_t hi) const
    {
        const c10::IValue &v = at(key);
        check(v.isInt() && v.toInt() >= lo && v.toInt() <= hi,
              where_ + ": \"" + key + "\" is not an integer in " + std::to_string(lo) + ".." + std::to_string(hi));
        return v.toInt();
    }
    std::vector<int64_t> shape(const char *key) const
    {
        const c10::IValue &v = at(key);
        std::vector<c10::IValue> items;
        if (v.isList())
            for (const c10::IValue &e : v.toListRef())
                items.push_back(e);
        else if (v.isTuple())
            items = v.toTupleRef().elements().vec();
        else
            throw Error(where_ + ": \"" + key + "\" is not a list of sizes");
        std::vector<int64_t> out;
        for (const c10::IValue &e : items) {
            check(e.isInt() && e.toInt() >= 0 && e.toInt() < (int64_t(1) << 32),
                  where_ + ": \"" + key + "\" holds an impossible size");
            out.push_back(e.toInt());
        }
        check(out.size() <= 8, where_ + ": \"" + key + "\" has too many dimensions");
        return out;
    }
    std::string bytes(const char *key) const
    {
        const c10::IValue &v = at(key);
        if (v.isString())
            return v.toStringRef();
        check(v.isTensor() && v.toTensor().scalar_type() == torch::kUInt8,
              where_ + ": \"" + key + "\" is neither bytes nor a uint8 tensor");
        return Internal::tensorBytes(v.toTensor());
    }
    const std::string &where() const { return where_; }

private:
    const Dict &d_;
    std::string where_;
};

int64_t product(const std::vector<int64_t> &shape)
{
    int64_t n = 1;
    for (int64_t s : shape)
        n *= s;
    return n;
}

RecordTensor readTernary(const Entry &e, const std::string &type)
{
    RecordTensor rt;
    const std::string packed = e.bytes("packed");
    const torch::Tensor scale = e.tensor("scale");
    const std::vector<int64_t> shape = e.shape("shape");
    check(shape.size() == 2, e.where() + ": \"shape\" must have 2 sizes");
    const int64_t paddedCols = e.integer("padded_cols", 1, int64_t(1) << 32);
    const int64_t group = e.integer("group_size", 1, int64_t(1) << 20);
    const int64_t n = e.integer("n_trits", 0, int64_t(1) << 40);
    check(paddedCols >= shape[1] && n % group == 0 && n % paddedCols == 0 && n / paddedCols >= shape[0],
          e.where() + ": n_trits " + std::to_string(n) + ", padded_cols " + std::to_string(paddedCols)
              + " and group_size " + std::to_string(group) + " do not fit its shape");
    check(scale.is_floating_point() && scale.numel() == n / group,
          e.where() + ": " + std::to_string(scale.numel()) + " scales for " + std::to_string(n / group) + " groups");
    const std::vector<int8_t> trits =
        type == "ternary" ? unpackTernaryBase3(packed, n, e.where()) : unpackTernaryBitmask(packed, n, e.where());
    const torch::Tensor q = torch::from_blob(const_cast<int8_t *>(trits.data()), {n}, torch::kInt8)
                                .to(torch::kFloat32)
                                .reshape({-1, group});
    const torch::Tensor s = scale.to(torch::kFloat32).unsqueeze(-1);
    const torch::Tensor absmean = q.abs().mean(-1, /*keepdim=*/true).clamp_min(1e-8);
    const torch::Tensor t = (q * (s / absmean)).reshape({-1, paddedCols});
    torch::Tensor result = t.slice(0, 0, shape[0]).slice(1, 0, shape[1]);
    if (e.has("orig_shape") && !e.at("orig_shape").isNone()) {
        const std::vector<int64_t> orig = e.shape("orig_shape");
        check(product(orig) == result.numel(), e.where() + ": \"orig_shape\" does not hold its values");
        if (orig != shape)
            result = result.reshape(orig);
    }
    rt.value = result.contiguous();
    rt.stored = packed + Internal::tensorBytes(scale);
    rt.setting.scheme = QuantScheme::Ternary;
    rt.setting.bits = 2;
    rt.setting.granularity = Granularity::Group;
    rt.setting.groupSize = int(group);
    return rt;
}

} // namespace

bool isTernaryObject(const c10::IValue &value)
{
    if (!value.isGenericDict() || value.toGenericDict().empty())
        return false;
    for (const auto &item : value.toGenericDict()) {
        if (!item.key().isString() || !item.value().isGenericDict())
            return false;
        const Dict d = item.value().toGenericDict();
        const auto type = d.find(c10::IValue(std::string("type")));
        if (type == d.end() || !type->value().isString())
            return false;
    }
    return true;
}

std::vector<RecordTensor> readTernaryObject(const c10::IValue &value, const std::string &what)
{
    check(isTernaryObject(value), what + ": expected the ternary records' {name: entry} object");
    std::vector<RecordTensor> out;
    for (const auto &item : value.toGenericDict()) {
        const std::string name = item.key().toStringRef();
        const Dict d = item.value().toGenericDict();
        const Entry e(d, name, what);
        const std::string type = e.at("type").toStringRef();
        bool known = false;
        for (const char *t : kTypes)
            known = known || type == t;
        check(known, e.where() + " has type '" + type.substr(0, 40)
                         + "'; golf reads ternary, ternary_bitmask, fp8, fp4 and fp16 entries");
        RecordTensor rt;
        if (type == "ternary" || type == "ternary_bitmask") {
            check(!e.has("turbo"), e.where() + " is Hadamard-rotated (\"turbo\"), which golf cannot undo");
            rt = readTernary(e, type);
        } else if (type == "fp4") {
            const std::string packed = e.bytes("packed");
            const torch::Tensor scale = e.tensor("scale");
            const std::vector<int64_t> shape = e.shape("shape");
            const int64_t n = product(shape);
            const std::vector<int8_t> codes = unpackNibbles(packed, n, e.where());
            const torch::Tensor flat =
                torch::from_blob(const_cast<int8_t *>(codes.data()), {n}, torch::kInt8).to(torch::kFloat32);
            check(scale.is_floating_point(), e.where() + ": \"scale\" is not floating point");
            if (shape.size() <= 1) {
                check(scale.numel() == 1, e.where() + ": a 1-D fp4 entry needs one scale");
                rt.value = (flat * scale.to(torch::kFloat32).squeeze()).reshape(shape);
            } else {
                check(shape.back() > 0 && scale.numel() == n / shape.back(),
                      e.where() + ": " + std::to_string(scale.numel()) + " fp4 scales for "
                          + std::to_string(shape.back() ? n / shape.back() : 0) + " rows");
                rt.value = (flat.reshape({-1, shape.back()}) * scale.to(torch::kFloat32).unsqueeze(-1))
                               .reshape(shape);
            }
            rt.stored = packed + Internal::tensorBytes(scale);
            rt.setting.scheme = QuantScheme::Int;
            rt.setting.bits = 4;
            rt.setting.granularity = Granularity::Row;
        } else {
            const torch::Tensor data = e.tensor("data");
            check(data.is_floating_point(), e.where() + ": \"data\" is not floating point");
            rt.value = data.to(torch::kFloat32).contiguous();
            rt.setting.scheme = QuantScheme::Float;
            rt.setting.floatType = type == "fp16" ? FloatType::Float16 : FloatType::Float32;
            rt.setting.bits = 16;
            if (type == "fp8") {
                // The one-byte codes were widened to float32 on reading; the top two bytes of
                // each float stand in for them (one byte per value) when weighing its bytes.
                const std::string values = Internal::tensorBytes(rt.value);
                rt.stored.resize(size_t(data.numel()));
                for (size_t i = 0; i < rt.stored.size(); ++i)
                    rt.stored[i] = char(values[4 * i + 3] ^ values[4 * i + 2]);
            } else {
                rt.stored = Internal::tensorBytes(data);
            }
        }
        rt.name = name;
        rt.storedAs = type;
        out.push_back(std::move(rt));
    }
    return out;
}

} // namespace Core
