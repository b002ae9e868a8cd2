// SPDX-License-Identifier: GPL-3.0-or-later
// torch.save files as IValues: the torch-free layers read the zip (pack/zipreader.h) and run the
// pickle (pack/unpickler.h), with every bound already checked; here storages become memory and
// the tree becomes IValues with CPU tensors.

#include "model/torchfile_p.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "pack/float8.h"
#include "pack/unpickler.h"
#include "pack/zipreader.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace Core {

namespace {

[[noreturn]] void bad(const std::string &detail)
{
    throw FormatError(detail);
}

c10::ScalarType scalarType(StoredDtype type)
{
    switch (type) {
    case StoredDtype::Float32: return c10::ScalarType::Float;
    case StoredDtype::Float64: return c10::ScalarType::Double;
    case StoredDtype::Float16: return c10::ScalarType::Half;
    case StoredDtype::BFloat16: return c10::ScalarType::BFloat16;
    case StoredDtype::Int64: return c10::ScalarType::Long;
    case StoredDtype::Int32: return c10::ScalarType::Int;
    case StoredDtype::Int16: return c10::ScalarType::Short;
    case StoredDtype::Int8: return c10::ScalarType::Char;
    case StoredDtype::UInt8: return c10::ScalarType::Byte;
    case StoredDtype::Bool: return c10::ScalarType::Bool;
    case StoredDtype::Complex64: return c10::ScalarType::ComplexFloat;
    case StoredDtype::Complex128: return c10::ScalarType::ComplexDouble;
    // libtorch 1.13 has no 8-bit floats: their codes load as bytes and widen to float32 (exact,
    // pack/float8.h)
    case StoredDtype::Float8E4M3FN:
    case StoredDtype::Float8E5M2: return c10::ScalarType::Byte;
    }
    return c10::ScalarType::Undefined;
}

bool isFloat8(StoredDtype type)
{
    return type == StoredDtype::Float8E4M3FN || type == StoredDtype::Float8E5M2;
}

/// A uint8 tensor of 8-bit float codes widened to float32.
at::Tensor widenFloat8(const at::Tensor &codes, StoredDtype kind)
{
    float table[256];
    for (int b = 0; b < 256; ++b)
        table[b] = kind == StoredDtype::Float8E4M3FN ? float8e4m3fnToFloat(uint8_t(b))
                                                     : float8e5m2ToFloat(uint8_t(b));
    const at::Tensor c = codes.contiguous();
    at::Tensor out = at::empty(c.sizes(), at::TensorOptions().dtype(at::kFloat));
    const uint8_t *src = c.data_ptr<uint8_t>();
    float *dst = out.data_ptr<float>();
    for (int64_t i = 0; i < c.numel(); ++i)
        dst[i] = table[src[i]];
    return out;
}

/// The storages of the tree, read from their records ("data/<key>") and checked against what
/// the pickle says of them.
std::unordered_map<const PickleValue *, at::Storage> loadStorages(const ZipReader &zip,
                                                                  const Unpickled &pickle)
{
    std::unordered_map<const PickleValue *, at::Storage> storages;
    for (const PickleValue *st : pickle.storages()) {
        const std::string record = "data/" + st->s;
        if (!zip.has(record))
            bad("the storage record '" + printableText(record) + "' is missing");
        const uint64_t item = storedDtypeSize(st->dtype);
        const uint64_t size = zip.size(record);
        if (size != uint64_t(st->numel) * item)
            bad("the storage record '" + printableText(record) + "' holds " + std::to_string(size)
                + " bytes, but its id says " + std::to_string(st->numel) + " elements of "
                + std::to_string(item) + " bytes");
        const std::string bytes = zip.read(record);
        // Any byte but 0 or 1 is undefined behaviour as a C++ bool.
        if (st->readAsBool
            && std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) > 1; }))
            bad("the bool storage record '" + printableText(record) + "' holds a byte other than 0 or 1");
        at::Tensor memory = at::empty({int64_t(bytes.size())}, at::TensorOptions().dtype(at::kByte));
        if (!bytes.empty())
            std::memcpy(memory.data_ptr(), bytes.data(), bytes.size());
        storages.emplace(st, memory.storage());
    }
    return storages;
}

/// The tree as IValues (see torchfile_p.h for the types); the tree is finite and acyclic
/// (unpickler.h), so plain recursion with a memo suffices.
class Converter
{
public:
    explicit Converter(std::unordered_map<const PickleValue *, at::Storage> storages)
        : storages_(std::move(storages))
    {}

    c10::IValue operator()(const PickleValue *o)
    {
        auto done = converted_.find(o);
        if (done != converted_.end())
            return done->second;
        c10::IValue v = convert(o);
        converted_.emplace(o, v);
        return v;
    }

private:
    std::unordered_map<const PickleValue *, at::Storage> storages_;
    std::unordered_map<const PickleValue *, c10::IValue> converted_;

    static c10::TypePtr plainType(const c10::IValue &v)
    {
        if (v.isNone())
            return c10::NoneType::get();
        if (v.isBool())
            return c10::BoolType::get();
        if (v.isInt())
            return c10::IntType::get();
        if (v.isDouble())
            return c10::FloatType::get();
        if (v.isString())
            return c10::StringType::get();
        if (v.isTensor())
            return c10::TensorType::get();
        if (v.isGenericDict()) // Dict[key type, value type] (not DictType::create: it is inline
            return v.type();    // and needs DynamicType's typeinfo, which the asan build lacks)
        if (v.isList())
            return c10::ListType::create(v.toList().elementType());
        if (v.isTuple()) {
            std::vector<c10::TypePtr> types;
            for (const auto &e : v.toTupleRef().elements())
                types.push_back(plainType(e));
            return c10::TupleType::create(std::move(types));
        }
        return c10::AnyType::get();
    }

    template <typename Range>
    static c10::TypePtr commonType(const Range &values)
    {
        c10::TypePtr t;
        for (const c10::IValue &v : values) {
            const c10::TypePtr u = plainType(v);
            if (!t) {
                t = u;
            } else if (*t != *u) {
                auto unified = c10::unifyTypes(t, u);
                if (!unified)
                    return c10::AnyType::get();
                t = *unified;
            }
        }
        return t ? t : c10::AnyType::get();
    }

    at::Tensor tensor(const PickleValue *o)
    {
        at::Tensor t = at::empty({0}, at::TensorOptions().dtype(scalarType(o->dtype)).device(at::kCPU));
        t.set_(storages_.at(o->storage), o->offset, o->sizes, o->strides);
        return isFloat8(o->dtype) ? widenFloat8(t, o->dtype) : t;
    }

    c10::IValue convert(const PickleValue *o)
    {
        using Kind = PickleValue::Kind;
        switch (o->kind) {
        case Kind::None: return {};
        case Kind::Bool: return o->b;
        case Kind::Int: return o->i;
        case Kind::Float: return o->f;
        case Kind::String: return o->s;
        case Kind::Tensor: return tensor(o);
        case Kind::Tuple: {
            std::vector<c10::IValue> items;
            for (const PickleValue *e : o->items)
                items.push_back((*this)(e));
            return c10::ivalue::Tuple::create(std::move(items));
        }
        case Kind::List: {
            std::vector<c10::IValue> items;
            for (const PickleValue *e : o->items)
                items.push_back((*this)(e));
            c10::impl::GenericList list(commonType(items));
            list.reserve(items.size());
            for (auto &e : items)
                list.push_back(std::move(e));
            return list;
        }
        case Kind::Dict: {
            std::vector<std::pair<c10::IValue, c10::IValue>> entries;
            bool allStr = true, allInt = true;
            for (const auto &[k, x] : o->entries) {
                allStr = allStr && k->kind == Kind::String;
                allInt = allInt && k->kind == Kind::Int;
                entries.emplace_back((*this)(k), (*this)(x));
            }
            c10::TypePtr keyType = c10::AnyType::get();
            if (allStr) // also an empty dict: a state dict's key type
                keyType = c10::StringType::get();
            else if (allInt)
                keyType = c10::IntType::get();
            std::vector<c10::IValue> values;
            for (const auto &e : entries)
                values.push_back(e.second);
            c10::impl::GenericDict dict(keyType, commonType(values));
            dict.reserve(entries.size());
            for (auto &[k, x] : entries)
                dict.insert_or_assign(std::move(k), std::move(x));
            return dict;
        }
        case Kind::Storage:
        case Kind::Global: break; // unpickle() refuses these outside tensors
        }
        bad("a bare storage or global");
    }
};

bool startsWith(const std::string &s, const char *prefix, size_t n)
{
    return s.size() >= n && std::memcmp(s.data(), prefix, n) == 0;
}

c10::IValue load(const std::string &bytes, const std::string &what)
{
    // torch.save's legacy format: a pickled magic number 0x1950a86a20f9469cfc6c (LONG1, 10 bytes).
    static const unsigned char legacy[] = {0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46,
                                           0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
    if (bytes.size() >= 2 + sizeof legacy && static_cast<unsigned char>(bytes[0]) == 0x80
        && std::memcmp(bytes.data() + 2, legacy, sizeof legacy) == 0)
        throw Error(what + ": written in torch.save's legacy (pre-1.6, non-zip) format, which is not "
                    "supported; re-save it with torch.save(torch.load(path), path) in PyTorch >= 1.6 "
                    "(the default zip format; do not pass _use_new_zipfile_serialization=False)");
    if (bytes.empty())
        bad("the file is empty");
    if (!startsWith(bytes, "PK\x03\x04", 4)) {
        const auto b0 = static_cast<unsigned char>(bytes[0]);
        if (bytes.size() >= 2 && b0 == 0x78
            && ((b0 << 8) | static_cast<unsigned char>(bytes[1])) % 31 == 0)
            bad("it is zlib-compressed, like an .int8.ptz export; decompress it first");
        bad("not a zip archive");
    }
    const ZipReader zip(bytes);
    if (zip.has("byteorder")) {
        const std::string order = zip.read("byteorder");
        if (order != "little")
            bad("its storages are " + printableText(order) + "-endian");
    }
    if (!zip.has("data.pkl"))
        bad("the archive has no data.pkl (a TorchScript archive?)");
    const Unpickled pickle = unpickle(zip.read("data.pkl"), what);
    return Converter(loadStorages(zip, pickle))(&pickle.root());
}

} // namespace

c10::IValue loadTorchBytes(const std::string &bytes, const std::string &what)
{
    std::string detail;
    try {
        return load(bytes, what);
    } catch (const Error &) {
        throw;
    } catch (const FormatError &e) {
        detail = e.what();
    } catch (const std::bad_alloc &) {
        detail = "out of memory";
    } catch (const std::exception &e) {
        detail = e.what();
        detail = detail.substr(0, detail.find('\n'));
    }
    throw Error(what + ": not a readable torch.save file (" + detail + ")");
}

c10::IValue loadTorchFile(const std::string &path)
{
    return loadTorchBytes(readFile(path), path);
}

} // namespace Core
