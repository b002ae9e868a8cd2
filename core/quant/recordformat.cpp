// SPDX-License-Identifier: GPL-3.0-or-later
// The {"w", "m"} objects of the records (record-formats.md §2.3). Dequantization follows the
// records' dequantize_mixed* functions op for op (same ATen ops and operand dtypes), so the
// float32 results are bit-identical to theirs before the final cast to the model's dtype.

#include "quant/recordformat_p.h"

#include "common/error.h"
#include "quant/quantcommon_p.h"

#include <torch/torch.h>

#include <regex>

namespace Core {

namespace {

using Dict = c10::impl::GenericDict;

std::string quote(const std::string &s)
{
    std::string out;
    for (size_t i = 0; i < s.size() && i < 80; ++i)
        out += (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
    return "'" + out + (s.size() > 80 ? "...'" : "'");
}

class WmReader
{
public:
    WmReader(const Dict &w, const std::string &what)
        : w_(w), what_(what)
    {}

    torch::Tensor get(const std::string &key, RecordTensor &rt)
    {
        const auto it = w_.find(c10::IValue(key));
        check(it != w_.end(), what_ + ": \"w\" has no " + quote(key) + " for " + quote(rt.name)
                                  + " (stored as " + quote(rt.storedAs) + ")");
        check(it->value().isTensor(), what_ + ": \"w\"[" + quote(key) + "] is not a tensor");
        rt.keys.push_back(key);
        const torch::Tensor t = it->value().toTensor();
        rt.stored += Internal::tensorBytes(t);
        return t;
    }
    bool has(const std::string &key) const { return w_.find(c10::IValue(key)) != w_.end(); }

    torch::Tensor codes(const std::string &key, RecordTensor &rt)
    {
        const torch::Tensor q = get(key, rt);
        check(q.scalar_type() == torch::kInt8, what_ + ": " + quote(key) + " is " + dtypeName(q.scalar_type())
                                                   + ", expected int8 codes");
        return q;
    }
    torch::Tensor floats(const std::string &key, RecordTensor &rt)
    {
        const torch::Tensor s = get(key, rt);
        check(s.is_floating_point(), what_ + ": " + quote(key) + " is " + dtypeName(s.scalar_type())
                                         + ", expected floating-point scales");
        return s;
    }

    /// q * s per row (s 1-D with one scale per row) or q * s (0-D or one-element s).
    torch::Tensor rowScaled(const torch::Tensor &q, const torch::Tensor &s, const std::string &name)
    {
        check(q.dim() >= 1, what_ + ": codes of " + quote(name) + " are a scalar");
        if (s.dim() > 0) {
            check(s.numel() == q.size(0), what_ + ": " + quote(name) + " has " + std::to_string(s.numel())
                                              + " scales for " + std::to_string(q.size(0)) + " rows");
            std::vector<int64_t> view(size_t(q.dim()), 1);
            view[0] = q.size(0);
            return q.to(torch::kFloat32) * s.to(torch::kFloat32).view(view);
        }
        return q.to(torch::kFloat32) * s.item<double>();
    }

private:
    const Dict &w_;
    const std::string &what_;
};

int bitsOfLabel(const std::string &label)
{
    std::smatch m;
    static const std::regex intN(R"(int(\d))");
    if (std::regex_search(label, m, intN))
        return std::stoi(m[1]);
    static const std::regex digits(R"(^(\d)$)");
    if (std::regex_search(label, m, digits))
        return std::stoi(m[1]);
    return 8;
}

} // namespace

bool isWmObject(const c10::IValue &value)
{
    if (!value.isGenericDict())
        return false;
    const Dict d = value.toGenericDict();
    const auto w = d.find(c10::IValue(std::string("w")));
    const auto m = d.find(c10::IValue(std::string("m")));
    return w != d.end() && m != d.end() && w->value().isGenericDict() && m->value().isGenericDict();
}

std::vector<RecordTensor> readWmObject(const c10::IValue &value, const std::string &what)
{
    check(isWmObject(value), what + ": expected a {\"w\", \"m\"} object");
    const Dict obj = value.toGenericDict();
    const Dict w = obj.at(c10::IValue(std::string("w"))).toGenericDict();
    const Dict m = obj.at(c10::IValue(std::string("m"))).toGenericDict();
    WmReader in(w, what);
    std::vector<RecordTensor> out;
    for (const auto &item : m) {
        check(item.key().isString(), what + ": \"m\" has a non-string key");
        RecordTensor rt;
        rt.name = item.key().toStringRef();
        const c10::IValue &info = item.value();
        // Labels are strings, or dicts {"type": "int6", ...} / {"format": "group_gptq_v1", ...}.
        std::string label;
        int64_t groupCols = 0;
        if (info.isString()) {
            label = info.toStringRef();
        } else if (info.isGenericDict()) {
            const Dict d = info.toGenericDict();
            const auto type = d.find(c10::IValue(std::string("type")));
            const auto format = d.find(c10::IValue(std::string("format")));
            if (type != d.end() && type->value().isString()) {
                label = type->value().toStringRef();
            } else if (format != d.end() && format->value().isString()
                       && format->value().toStringRef() == "group_gptq_v1") {
                const auto cols = d.find(c10::IValue(std::string("group_cols")));
                check(cols != d.end() && cols->value().isInt() && cols->value().toInt() > 0,
                      what + ": group_gptq_v1 entry " + quote(rt.name) + " has no positive group_cols");
                label = "group_gptq_v1";
                groupCols = cols->value().toInt();
            } else {
                throw Error(what + ": \"m\"[" + quote(rt.name) + "] is a dict without a \"type\" golf knows");
            }
        } else if (info.isBool() && rt.name.size() > 3 && rt.name.substr(rt.name.size() - 3) == ".tr") {
            throw Error(what + ": " + quote(rt.name) + ": transposed-code variants (\".tr\") are not supported");
        } else {
            throw Error(what + ": \"m\"[" + quote(rt.name) + "] is " + info.tagKind()
                        + ", expected a label string or dict");
        }
        rt.storedAs = label;
        check(label.find("hadamard") == std::string::npos,
              what + ": " + quote(rt.name) + " is stored Hadamard-rotated (" + quote(label)
                  + "), which golf cannot undo without the script's rotation");

        if (label.find("passthrough") != std::string::npos || label == "p") {
            torch::Tensor t = in.get(rt.name, rt);
            rt.setting.scheme = QuantScheme::Float;
            rt.setting.floatType = Internal::floatTypeOf(t.scalar_type());
            rt.setting.bits = t.scalar_type() == torch::kFloat32 ? 32 : 16;
            // fp16 back to the model's float32 (exact); the records cast fp16 to fp32 or bf16.
            rt.value = t.scalar_type() == torch::kFloat16 ? t.to(torch::kFloat32) : t;
        } else if (label == "gate_int8_row") {
            const torch::Tensor gq = in.codes(rt.name + ".gq", rt);
            const torch::Tensor gs = in.floats(rt.name + ".gs", rt);
            check(gq.dim() == 2 && gs.numel() == gq.size(0),
                  what + ": gate " + quote(rt.name) + " needs 2-D codes and one scale per row");
            rt.value = gq.to(torch::kFloat32) * gs.to(torch::kFloat32).view({-1, 1});
            rt.setting.bits = 8;
        } else if (label == "group_gptq_v1") {
            const torch::Tensor q = in.codes(rt.name + ".q", rt);
            const torch::Tensor s = in.floats(rt.name + ".scale", rt);
            check(q.dim() == 2, what + ": group_gptq_v1 " + quote(rt.name) + " needs 2-D codes");
            const int64_t rows = q.size(0), cols = q.size(1);
            const int64_t groups = (cols + groupCols - 1) / groupCols;
            check(s.dim() == 2 && s.size(0) == rows && s.size(1) == groups,
                  what + ": group_gptq_v1 " + quote(rt.name) + " needs [" + std::to_string(rows) + ", "
                      + std::to_string(groups) + "] scales");
            torch::Tensor recon = torch::empty({rows, cols}, torch::kFloat32);
            for (int64_t g = 0, c1 = 0; c1 < cols; ++g, c1 += groupCols) {
                const int64_t c2 = std::min(c1 + groupCols, cols);
                recon.slice(1, c1, c2).copy_(q.slice(1, c1, c2).to(torch::kFloat32)
                                             * s.select(1, g).to(torch::kFloat32).view({rows, 1}));
            }
            rt.value = recon;
            rt.setting.bits = bitsOfLabel(label);
            rt.setting.granularity = Granularity::Group;
            rt.setting.groupSize = int(std::min<int64_t>(groupCols, 1 << 30));
            rt.setting.method = QuantMethod::Gptq;
        } else {
            const torch::Tensor q = in.codes(rt.name + ".q", rt);
            const torch::Tensor s = in.floats(rt.name + ".scale", rt);
            torch::Tensor W = in.rowScaled(q, s, rt.name);
            rt.setting.bits = std::clamp(bitsOfLabel(label), 2, 8);
            rt.setting.granularity = s.dim() > 0 ? Granularity::Row : Granularity::Tensor;
            rt.setting.scaleType = Internal::floatTypeOf(s.scalar_type());
            if (label.find("gptq") != std::string::npos)
                rt.setting.method = QuantMethod::Gptq;
            const bool asym = label.find("lqer_asym") != std::string::npos;
            if (asym || label.find("lqer") != std::string::npos) {
                const std::string sfx = asym ? "_a" : "";
                const torch::Tensor qA = in.codes(rt.name + ".lqA" + sfx, rt);
                const torch::Tensor sA = in.floats(rt.name + ".lqAs" + sfx, rt);
                const torch::Tensor qB = in.codes(rt.name + ".lqB" + sfx, rt);
                const torch::Tensor sB = in.floats(rt.name + ".lqBs" + sfx, rt);
                check(W.dim() == 2 && qA.dim() == 2 && qB.dim() == 2 && qA.size(0) == W.size(0)
                          && qB.size(1) == W.size(1) && qA.size(1) == qB.size(0),
                      what + ": LQER factors of " + quote(rt.name) + " do not multiply to its shape "
                          + sizesText(W) + " (A " + sizesText(qA) + ", B " + sizesText(qB) + ")");
                torch::Tensor A, B;
                if (asym) {
                    check(sA.numel() == 1, what + ": asymmetric LQER of " + quote(rt.name)
                                               + " needs one scale for A");
                    check(sB.numel() > 0 && qB.numel() % sB.numel() == 0,
                          what + ": asymmetric LQER of " + quote(rt.name) + " has "
                              + std::to_string(sB.numel()) + " group scales for " + std::to_string(qB.numel())
                              + " values of B");
                    A = qA.to(torch::kFloat32) * sA.item<double>();
                    const int64_t group = qB.numel() / sB.numel();
                    B = (qB.reshape({-1, group}).to(torch::kFloat32) * sB.to(torch::kFloat32).view({-1, 1}))
                            .reshape(qB.sizes());
                } else {
                    check(sA.numel() == qA.size(0) && sB.numel() == qB.size(0),
                          what + ": LQER of " + quote(rt.name) + " needs one scale per row of A and of B");
                    A = qA.to(torch::kFloat32) * sA.to(torch::kFloat32).view({-1, 1});
                    B = qB.to(torch::kFloat32) * sB.to(torch::kFloat32).view({-1, 1});
                }
                W = W + torch::matmul(A, B);
            }
            rt.value = W;
        }
        out.push_back(std::move(rt));
    }
    check(!out.empty(), what + ": the {\"w\", \"m\"} object names no tensors");
    return out;
}

} // namespace Core
