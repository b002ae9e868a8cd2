// SPDX-License-Identifier: GPL-3.0-or-later
#include "pack/statedictinspect.h"

#include "common/error.h"
#include "pack/unpickler.h"
#include "pack/zipreader.h"

#include <cstring>
#include <map>
#include <set>

namespace Core {

namespace {

/// The dtypes libtorch keeps as they are; float8 is widened and complex never occurs in a
/// model, so those go to the torch side.
bool plainDtype(StoredDtype t)
{
    return t != StoredDtype::Complex64 && t != StoredDtype::Complex128 && t != StoredDtype::Float8E4M3FN
           && t != StoredDtype::Float8E5M2;
}

/// Whether the element at `p` equals zero as `t.eq(0)` decides: for floats both signed zeros.
bool isZero(const unsigned char *p, StoredDtype t)
{
    switch (t) {
    case StoredDtype::Float32: {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return (v & 0x7fffffffu) == 0;
    }
    case StoredDtype::Float64: {
        uint64_t v;
        std::memcpy(&v, p, 8);
        return (v & 0x7fffffffffffffffull) == 0;
    }
    case StoredDtype::Float16:
    case StoredDtype::BFloat16: {
        uint16_t v;
        std::memcpy(&v, p, 2);
        return (v & 0x7fffu) == 0;
    }
    default: {
        // Integers and bool: every byte zero.
        const size_t n = storedDtypeSize(t);
        for (size_t i = 0; i < n; ++i)
            if (p[i])
                return false;
        return true;
    }
    }
}

FloatType storedFloatType(StoredDtype t)
{
    return t == StoredDtype::Float16 ? FloatType::Float16 : t == StoredDtype::BFloat16 ? FloatType::BFloat16
                                                                                      : FloatType::Float32;
}

} // namespace

std::optional<SizeReport> inspectPlainStateDict(std::string_view bytes, const std::string &what)
{
    if (bytes.size() < 4 || std::memcmp(bytes.data(), "PK\x03\x04", 4) != 0)
        return std::nullopt;
    using Kind = PickleValue::Kind;
    try {
        const ZipReader zip(bytes);
        if ((zip.has("byteorder") && zip.read("byteorder") != "little") || !zip.has("data.pkl"))
            return std::nullopt;
        const Unpickled pickle = unpickle(zip.read("data.pkl"), what);
        const PickleValue &root = pickle.root();
        if (root.kind != Kind::Dict || root.entries.empty())
            return std::nullopt;
        SizeReport r;
        r.format = "torch.save";
        r.compressed = false;
        int64_t storages = 0;
        std::map<std::string, std::string> data; // storage key -> its bytes
        std::set<std::string> names;
        for (const auto &[key, value] : root.entries) {
            if (key->kind != Kind::String || value->kind != Kind::Tensor || !value->storage
                || !plainDtype(value->dtype) || !names.insert(key->s).second)
                return std::nullopt;
            const PickleValue &t = *value;
            auto it = data.find(t.storage->s);
            if (it == data.end())
                it = data.emplace(t.storage->s, zip.read("data/" + t.storage->s)).first;
            const std::string &storage = it->second;
            const size_t width = storedDtypeSize(t.dtype);
            int64_t numel = 1, last = t.offset;
            for (size_t d = 0; d < t.sizes.size(); ++d) {
                numel *= t.sizes[d];
                last += (t.sizes[d] - 1) * t.strides[d];
            }
            if (numel > 0 && (t.offset < 0 || size_t(last + 1) * width > storage.size()))
                return std::nullopt; // out of its storage: the torch side explains
            // Zeros over the view: a contiguous tensor (every checkpoint's) in one run, any
            // other view in index order with its strides.
            int64_t zeros = 0;
            const auto *base = reinterpret_cast<const unsigned char *>(storage.data());
            bool contiguous = true;
            for (size_t d = t.sizes.size(), expect = 1; d-- > 0; expect *= size_t(t.sizes[d]))
                contiguous = contiguous && (t.sizes[d] == 1 || t.strides[d] == int64_t(expect));
            if (contiguous)
                for (int64_t n = 0; n < numel; ++n)
                    zeros += isZero(base + size_t(t.offset + n) * width, t.dtype);
            std::vector<int64_t> index(t.sizes.size(), 0);
            for (int64_t n = 0; n < numel && !contiguous; ++n) {
                int64_t at = t.offset;
                for (size_t d = 0; d < index.size(); ++d)
                    at += index[d] * t.strides[d];
                zeros += isZero(base + size_t(at) * width, t.dtype);
                for (size_t d = index.size(); d-- > 0;) {
                    if (++index[d] < t.sizes[d])
                        break;
                    index[d] = 0;
                }
            }
            TensorSize s;
            s.name = key->s;
            s.shape = t.sizes;
            s.numel = numel;
            s.dtype = storedDtypeName(t.dtype);
            s.setting.scheme = QuantScheme::Float;
            s.setting.floatType = storedFloatType(t.dtype);
            s.sparsity = numel ? double(zeros) / double(numel) : 0.0;
            s.payloadBytes = s.fileBytes = numel * int64_t(width);
            storages += s.fileBytes;
            r.tensors.push_back(std::move(s));
        }
        r.headerBytes = int64_t(bytes.size()) - storages;
        r.modelBytes = int64_t(bytes.size());
        return r;
    } catch (const std::exception &) {
        return std::nullopt; // damaged or refused: the torch side reads it and says why
    }
}

} // namespace Core
