// SPDX-License-Identifier: GPL-3.0-or-later
// A restricted pickle VM for torch.save files (see torchfile_p.h for what it accepts).
//
// Design: the VM builds its objects in an arena (Obj, owned by one vector, linked by plain
// pointers), so hostile input can make cycles or deep nesting without leaking or recursing on
// destruction. Only at STOP is the result converted to IValues, with a depth limit and a cycle
// check. Every read from the pickle goes through Reader, which checks the bounds first; every
// zip read goes through BufferAdapter, which never reads past the buffer.

#include "model/torchfile_p.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "pack/float8.h"

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/read_adapter_interface.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace Core {

namespace {

/// Content that is not a readable torch.save file; becomes "<what>: not a readable ... (detail)".
struct FormatError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

[[noreturn]] void bad(const std::string &detail)
{
    throw FormatError(detail);
}

/// Quotes text that came from the file for an error message: printable ASCII only, capped.
std::string printable(const std::string &s, size_t max = 80)
{
    std::string out;
    for (size_t i = 0; i < s.size() && i < max; ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        out += (c >= 0x20 && c < 0x7f) ? char(c) : '?';
    }
    if (s.size() > max)
        out += "...";
    return out;
}

// --- zip access --------------------------------------------------------------------------------

/// Serves the zip reader from memory; a read past the end returns short (miniz then fails
/// cleanly) instead of touching memory past the buffer.
class BufferAdapter final : public caffe2::serialize::ReadAdapterInterface
{
public:
    explicit BufferAdapter(const std::string &bytes)
        : bytes_(bytes)
    {}
    size_t size() const override { return bytes_.size(); }
    size_t read(uint64_t pos, void *buf, size_t n, const char * = "") const override
    {
        if (pos >= bytes_.size())
            return 0;
        n = static_cast<size_t>(std::min<uint64_t>(n, bytes_.size() - pos));
        std::memcpy(buf, bytes_.data() + pos, n);
        return n;
    }

private:
    const std::string &bytes_;
};

// --- the object model --------------------------------------------------------------------------

enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Tensor, Storage, Global };

/// 8-bit float storages (torch >= 2.1): libtorch 1.13 has no such dtype, so their bytes are
/// loaded as uint8 and every tensor on them is widened to float32 (exact, pack/float8.h).
enum class Float8 { None, E4M3FN, E5M2 };

/// The whitelisted callables and classes (GLOBAL / STACK_GLOBAL), each a fixed C++ action.
enum class Fn {
    OrderedDict,
    RebuildTensorV2,
    RebuildTensorV3, // torch >= 2.1: untyped storage + dtype (float8, uint16, ...)
    RebuildParameter,
    RebuildParameterWithState,
    StorageType, // torch.<X>Storage; dtype in Obj::dtype
    CodecsEncode,
    Bytes,
    RestoreTypeTag,
    BuildList, // torch.jit._pickle.build_{int,double,bool,tensor}list
};

struct Obj
{
    explicit Obj(Kind k)
        : kind(k)
    {}
    Kind kind;
    bool b = false;
    int64_t i = 0;
    double f = 0;
    std::string s; // String value; Global: "module.name"
    std::vector<Obj *> items; // Tuple, List
    std::vector<std::pair<Obj *, Obj *>> entries; // Dict, in insertion order
    bool ordered = false; // Dict made by collections.OrderedDict
    at::Tensor tensor;
    at::Storage storage;
    c10::ScalarType dtype = c10::ScalarType::Undefined; // Storage, Global StorageType
    Float8 float8 = Float8::None; // Storage, Global StorageType: bytes that are 8-bit floats
    Fn fn = Fn::OrderedDict;
};

const char *kindName(Kind k)
{
    switch (k) {
    case Kind::None: return "None";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "str";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Tensor: return "tensor";
    case Kind::Storage: return "storage";
    case Kind::Global: return "global";
    }
    return "?";
}

/// "an int", "a str", ...
std::string aKind(Kind k)
{
    const std::string name = kindName(k);
    return (name[0] == 'i' ? "an " : "a ") + name;
}

struct StorageName
{
    const char *name;
    c10::ScalarType type;
};
constexpr StorageName kStorages[] = {
    {"FloatStorage", c10::ScalarType::Float},   {"DoubleStorage", c10::ScalarType::Double},
    {"HalfStorage", c10::ScalarType::Half},     {"BFloat16Storage", c10::ScalarType::BFloat16},
    {"LongStorage", c10::ScalarType::Long},     {"IntStorage", c10::ScalarType::Int},
    {"ShortStorage", c10::ScalarType::Short},   {"CharStorage", c10::ScalarType::Char},
    {"ByteStorage", c10::ScalarType::Byte},     {"BoolStorage", c10::ScalarType::Bool},
    {"ComplexFloatStorage", c10::ScalarType::ComplexFloat},
    {"ComplexDoubleStorage", c10::ScalarType::ComplexDouble},
    // torch >= 2.1 saves float8 and other new dtypes' tensors on untyped (byte) storages
    {"UntypedStorage", c10::ScalarType::Byte},
};

struct Float8StorageName
{
    const char *name;
    Float8 kind;
};
constexpr Float8StorageName kFloat8Storages[] = {{"Float8_e4m3fnStorage", Float8::E4M3FN},
                                                 {"Float8_e5m2Storage", Float8::E5M2}};

/// torch.<dtype> globals (a dtype pickles as its canonical name).
constexpr const char *kDtypes[] = {"float32",  "float64", "float16", "bfloat16", "int8",
                                   "uint8",    "int16",   "int32",   "int64",    "bool",
                                   "complex64", "complex128", "float8_e4m3fn", "float8_e5m2"};

/// The dtype a torch.<dtype> global names (see kDtypes); Undefined for the float8 ones.
c10::ScalarType dtypeOfName(const std::string &name)
{
    static const std::pair<const char *, c10::ScalarType> known[] = {
        {"float32", c10::ScalarType::Float},   {"float64", c10::ScalarType::Double},
        {"float16", c10::ScalarType::Half},    {"bfloat16", c10::ScalarType::BFloat16},
        {"int8", c10::ScalarType::Char},       {"uint8", c10::ScalarType::Byte},
        {"int16", c10::ScalarType::Short},     {"int32", c10::ScalarType::Int},
        {"int64", c10::ScalarType::Long},      {"bool", c10::ScalarType::Bool},
        {"complex64", c10::ScalarType::ComplexFloat},
        {"complex128", c10::ScalarType::ComplexDouble}};
    for (const auto &[n, type] : known)
        if (name == n)
            return type;
    return c10::ScalarType::Undefined;
}

/// A uint8 tensor of 8-bit float codes widened to float32.
at::Tensor widenFloat8(const at::Tensor &codes, Float8 kind)
{
    float table[256];
    for (int b = 0; b < 256; ++b)
        table[b] = kind == Float8::E4M3FN ? float8e4m3fnToFloat(uint8_t(b)) : float8e5m2ToFloat(uint8_t(b));
    const at::Tensor c = codes.contiguous();
    at::Tensor out = at::empty(c.sizes(), at::TensorOptions().dtype(at::kFloat));
    const uint8_t *src = c.data_ptr<uint8_t>();
    float *dst = out.data_ptr<float>();
    for (int64_t i = 0; i < c.numel(); ++i)
        dst[i] = table[src[i]];
    return out;
}

// --- reading the pickle ------------------------------------------------------------------------

class Reader
{
public:
    Reader(const char *data, size_t size)
        : p_(reinterpret_cast<const unsigned char *>(data)), size_(size)
    {}
    bool atEnd() const { return pos_ >= size_; }
    size_t pos() const { return pos_; }
    const unsigned char *take(uint64_t n)
    {
        if (n > size_ - pos_)
            bad("the pickle ends inside an opcode at byte " + std::to_string(pos_));
        const unsigned char *at = p_ + pos_;
        pos_ += static_cast<size_t>(n);
        return at;
    }
    uint8_t u8() { return *take(1); }
    uint64_t le(int bytes)
    {
        const unsigned char *b = take(bytes);
        uint64_t v = 0;
        for (int k = bytes - 1; k >= 0; --k)
            v = (v << 8) | b[k];
        return v;
    }
    std::string bytes(uint64_t n)
    {
        const unsigned char *b = take(n);
        return std::string(reinterpret_cast<const char *>(b), static_cast<size_t>(n));
    }
    /// A '\n'-terminated line (GLOBAL's module and name), without the newline.
    std::string line()
    {
        const void *nl = std::memchr(p_ + pos_, '\n', size_ - pos_);
        if (!nl)
            bad("the pickle ends inside a GLOBAL name");
        const size_t n = static_cast<const unsigned char *>(nl) - (p_ + pos_);
        std::string s = bytes(n);
        ++pos_;
        return s;
    }

private:
    const unsigned char *p_;
    size_t size_;
    size_t pos_ = 0;
};

/// Resolves persistent ids to storages, one at::Storage per key.
class StorageLoader
{
public:
    explicit StorageLoader(caffe2::serialize::PyTorchStreamReader &zip)
        : zip_(zip)
    {}

    at::Storage load(const std::string &key, c10::ScalarType dtype, int64_t numel)
    {
        if (numel < 0)
            bad("storage '" + printable(key) + "' has a negative size");
        auto it = cache_.find(key);
        if (it != cache_.end()) {
            if (it->second.dtype != dtype)
                bad("storage '" + printable(key) + "' is used with two dtypes");
            return it->second.storage;
        }
        const std::string record = "data/" + key;
        if (key.empty() || key.find('\0') != std::string::npos || !zip_.hasRecord(record))
            bad("the storage record '" + printable(record) + "' is missing");
        auto [ptr, size] = zip_.getRecord(record);
        const size_t item = c10::elementSize(dtype);
        if (static_cast<uint64_t>(numel) > size / item || size != static_cast<size_t>(numel) * item)
            bad("the storage record '" + printable(record) + "' holds " + std::to_string(size)
                + " bytes, but its id says " + std::to_string(numel) + " elements of "
                + std::to_string(item) + " bytes");
        if (dtype == c10::ScalarType::Bool) { // any other byte is undefined behaviour as a bool
            const auto *bytes = static_cast<const unsigned char *>(ptr.get());
            if (std::any_of(bytes, bytes + size, [](unsigned char c) { return c > 1; }))
                bad("the bool storage record '" + printable(record) + "' holds a byte other than 0 or 1");
        }
        at::Storage storage(c10::Storage::use_byte_size_t(), size, std::move(ptr), nullptr, false);
        cache_.emplace(key, Entry{storage, dtype});
        return storage;
    }

private:
    struct Entry
    {
        at::Storage storage;
        c10::ScalarType dtype;
    };
    caffe2::serialize::PyTorchStreamReader &zip_;
    std::map<std::string, Entry> cache_;
};

std::string latin1FromUtf8(const std::string &s)
{
    std::string out;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += char(c);
            i += 1;
        } else if ((c & 0xe0) == 0xc0 && i + 1 < s.size()
                   && (static_cast<unsigned char>(s[i + 1]) & 0xc0) == 0x80) {
            const unsigned cp = ((c & 0x1fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3fu);
            if (cp > 0xff)
                bad("bytes encoded with a character above U+00FF");
            out += char(cp);
            i += 2;
        } else {
            bad("bytes encoded with a character above U+00FF");
        }
    }
    return out;
}

class Unpickler
{
public:
    Unpickler(const std::string &pickle, StorageLoader &storages, const std::string &what)
        : in_(pickle.data(), pickle.size()), storages_(storages), what_(what)
    {}

    c10::IValue run()
    {
        Obj *result = execute();
        return toIValue(result, 0);
    }

private:
    static constexpr int kMaxDepth = 200;
    static constexpr size_t kMaxDims = 64;

    Reader in_;
    StorageLoader &storages_;
    const std::string &what_;
    std::vector<std::unique_ptr<Obj>> arena_;
    std::vector<Obj *> stack_;
    std::vector<std::vector<Obj *>> marks_; // the stacks saved by MARK
    std::unordered_map<uint64_t, Obj *> memo_;
    std::unordered_map<const Obj *, c10::IValue> converted_;
    std::unordered_set<const Obj *> converting_;

    Obj *make(Kind k)
    {
        arena_.push_back(std::make_unique<Obj>(k));
        return arena_.back().get();
    }
    Obj *makeInt(int64_t v)
    {
        Obj *o = make(Kind::Int);
        o->i = v;
        return o;
    }
    Obj *makeString(std::string s)
    {
        Obj *o = make(Kind::String);
        o->s = std::move(s);
        return o;
    }
    Obj *makeBool(bool v)
    {
        Obj *o = make(Kind::Bool);
        o->b = v;
        return o;
    }

    void push(Obj *o) { stack_.push_back(o); }
    Obj *pop()
    {
        if (stack_.empty())
            bad("stack underflow at byte " + std::to_string(in_.pos()));
        Obj *o = stack_.back();
        stack_.pop_back();
        return o;
    }
    Obj *top()
    {
        if (stack_.empty())
            bad("stack underflow at byte " + std::to_string(in_.pos()));
        return stack_.back();
    }
    std::vector<Obj *> popMark()
    {
        if (marks_.empty())
            bad("an opcode expects a MARK that is not there, at byte " + std::to_string(in_.pos()));
        std::vector<Obj *> items = std::move(stack_);
        stack_ = std::move(marks_.back());
        marks_.pop_back();
        return items;
    }
    Obj *expect(Obj *o, Kind k, const char *role)
    {
        if (o->kind != k)
            bad(std::string(role) + " is " + aKind(o->kind) + ", expected " + aKind(k));
        return o;
    }
    Obj *memoGet(uint64_t key)
    {
        auto it = memo_.find(key);
        if (it == memo_.end())
            bad("memo entry " + std::to_string(key) + " is read before it is written");
        return it->second;
    }

    Obj *tuple(std::vector<Obj *> items)
    {
        Obj *t = make(Kind::Tuple);
        t->items = std::move(items);
        return t;
    }

    void setItems(Obj *dict, const std::vector<Obj *> &kv)
    {
        expect(dict, Kind::Dict, "the target of SETITEM(S)");
        if (kv.size() % 2)
            bad("SETITEMS with an odd number of items");
        for (size_t k = 0; k < kv.size(); k += 2)
            dict->entries.emplace_back(kv[k], kv[k + 1]);
    }

    Obj *global(const std::string &module, const std::string &name)
    {
        auto fn = [&](Fn f) {
            Obj *g = make(Kind::Global);
            g->s = module + "." + name;
            g->fn = f;
            return g;
        };
        if (module == "collections" && name == "OrderedDict")
            return fn(Fn::OrderedDict);
        if (module == "torch._utils") {
            if (name == "_rebuild_tensor_v2")
                return fn(Fn::RebuildTensorV2);
            if (name == "_rebuild_tensor_v3")
                return fn(Fn::RebuildTensorV3);
            if (name == "_rebuild_parameter")
                return fn(Fn::RebuildParameter);
            if (name == "_rebuild_parameter_with_state")
                return fn(Fn::RebuildParameterWithState);
        }
        if (module == "torch") {
            for (const auto &st : kStorages)
                if (name == st.name) {
                    Obj *g = fn(Fn::StorageType);
                    g->dtype = st.type;
                    return g;
                }
            for (const auto &st : kFloat8Storages)
                if (name == st.name) {
                    Obj *g = fn(Fn::StorageType);
                    g->dtype = c10::ScalarType::Byte;
                    g->float8 = st.kind;
                    return g;
                }
            for (const char *dt : kDtypes)
                if (name == dt)
                    return makeString(name);
        }
        if (module == "torch.storage" && name == "UntypedStorage") { // torch's own module for it
            Obj *g = fn(Fn::StorageType);
            g->dtype = c10::ScalarType::Byte;
            return g;
        }
        if (module == "_codecs" && name == "encode")
            return fn(Fn::CodecsEncode);
        if ((module == "__builtin__" || module == "builtins") && name == "bytes")
            return fn(Fn::Bytes);
        if (module == "torch.jit._pickle") {
            if (name == "restore_type_tag")
                return fn(Fn::RestoreTypeTag);
            if (name == "build_intlist" || name == "build_doublelist" || name == "build_boollist"
                || name == "build_tensorlist")
                return fn(Fn::BuildList);
        }
        throw Error(what_ + ": refuses to load: the file references " + printable(module) + "."
                    + printable(name) + ", which a state dict never needs");
    }

    static void needArgs(const Obj *f, const std::vector<Obj *> &args, size_t lo, size_t hi)
    {
        if (args.size() < lo || args.size() > hi)
            bad(f->s + " called with " + std::to_string(args.size()) + " arguments");
    }

    Obj *call(Obj *f, Obj *argTuple)
    {
        expect(f, Kind::Global, "the callable of REDUCE");
        const auto &args = expect(argTuple, Kind::Tuple, "the arguments of REDUCE")->items;
        switch (f->fn) {
        case Fn::OrderedDict: {
            needArgs(f, args, 0, 0);
            Obj *d = make(Kind::Dict);
            d->ordered = true;
            return d;
        }
        case Fn::RebuildTensorV2:
            needArgs(f, args, 6, 7);
            return rebuildTensor(args, c10::ScalarType::Undefined, Float8::None);
        case Fn::RebuildTensorV3: {
            // (storage, offset, size, stride, requires_grad, backward_hooks, dtype[, metadata])
            needArgs(f, args, 7, 8);
            const std::string &dtype = expect(args[6], Kind::String, "a tensor's dtype")->s;
            if (dtype == "float8_e4m3fn" || dtype == "float8_e5m2")
                return rebuildTensor(args, c10::ScalarType::Byte,
                                     dtype == "float8_e4m3fn" ? Float8::E4M3FN : Float8::E5M2);
            const c10::ScalarType type = dtypeOfName(dtype);
            if (type == c10::ScalarType::Undefined)
                bad("a tensor of dtype '" + printable(dtype) + "', which golf cannot represent");
            return rebuildTensor(args, type, Float8::None);
        }
        case Fn::RebuildParameter:
            needArgs(f, args, 3, 3);
            return expect(args[0], Kind::Tensor, "a parameter's data");
        case Fn::RebuildParameterWithState:
            needArgs(f, args, 4, 4);
            return expect(args[0], Kind::Tensor, "a parameter's data");
        case Fn::CodecsEncode: {
            needArgs(f, args, 2, 2);
            expect(args[0], Kind::String, "the text of _codecs.encode");
            expect(args[1], Kind::String, "the encoding of _codecs.encode");
            if (args[1]->s != "latin1" && args[1]->s != "latin-1")
                bad("_codecs.encode with encoding '" + printable(args[1]->s) + "'");
            return makeString(latin1FromUtf8(args[0]->s));
        }
        case Fn::Bytes:
            needArgs(f, args, 0, 0);
            return makeString({});
        case Fn::RestoreTypeTag:
            needArgs(f, args, 2, 2);
            return args[0];
        case Fn::BuildList:
            needArgs(f, args, 1, 1);
            return expect(args[0], Kind::List, "the argument of a build_*list");
        case Fn::StorageType:
            break;
        }
        // Python would construct a storage here: not data, so refused like a foreign global.
        throw Error(what_ + ": refuses to load: the file calls " + printable(f->s)
                    + ", which a state dict never calls");
    }

    static int64_t checkedInt(const Obj *o, const char *role)
    {
        if (o->kind != Kind::Int)
            bad(std::string(role) + " is " + aKind(o->kind) + ", expected an int");
        return o->i;
    }

    /// `dtype` Undefined: the storage's own (v2); else the bytes of an untyped storage read as
    /// `dtype` (v3). `float8` widens the uint8 codes to float32 afterwards.
    Obj *rebuildTensor(const std::vector<Obj *> &args, c10::ScalarType dtype, Float8 float8)
    {
        const Obj *st = expect(args[0], Kind::Storage, "a tensor's storage");
        if (dtype == c10::ScalarType::Undefined) {
            dtype = st->dtype;
            float8 = st->float8;
        } else if (st->dtype != c10::ScalarType::Byte || st->float8 != Float8::None) {
            bad("a dtype-carrying tensor (_rebuild_tensor_v3) on a typed storage");
        }
        const int64_t offset = checkedInt(args[1], "a tensor's storage offset");
        const auto &sizeObj = expect(args[2], Kind::Tuple, "a tensor's size")->items;
        const auto &strideObj = expect(args[3], Kind::Tuple, "a tensor's stride")->items;
        if (sizeObj.size() != strideObj.size() || sizeObj.size() > kMaxDims)
            bad("a tensor has " + std::to_string(sizeObj.size()) + " sizes and "
                + std::to_string(strideObj.size()) + " strides");
        std::vector<int64_t> sizes, strides;
        bool empty = false;
        for (size_t d = 0; d < sizeObj.size(); ++d) {
            sizes.push_back(checkedInt(sizeObj[d], "a tensor size"));
            strides.push_back(checkedInt(strideObj[d], "a tensor stride"));
            if (sizes.back() < 0 || strides.back() < 0)
                bad("a tensor has a negative size or stride");
            empty = empty || sizes.back() == 0;
        }
        if (offset < 0)
            bad("a tensor has a negative storage offset");
        // The last element the view touches must lie inside the storage.
        const int64_t available = static_cast<int64_t>(st->storage.nbytes() / c10::elementSize(dtype));
        int64_t numel = 1;
        for (int64_t s : sizes)
            if (__builtin_mul_overflow(numel, s, &numel))
                bad("a tensor's size overflows");
        if (!empty) {
            int64_t last = offset;
            for (size_t d = 0; d < sizes.size(); ++d) {
                int64_t span = 0;
                if (__builtin_mul_overflow(sizes[d] - 1, strides[d], &span)
                    || __builtin_add_overflow(last, span, &last))
                    bad("a tensor's extent overflows");
            }
            if (last >= available)
                bad("a tensor reaches element " + std::to_string(last) + " of a storage of "
                    + std::to_string(available));
        } else if (offset > available) {
            bad("a tensor's storage offset lies past its storage");
        }
        at::Tensor t = at::empty({0}, at::TensorOptions().dtype(dtype).device(at::kCPU));
        t.set_(st->storage, offset, sizes, strides);
        if (dtype == c10::ScalarType::Bool) { // any other byte is undefined behaviour as a bool
            const at::Tensor bytes = at::empty({0}, at::TensorOptions().dtype(at::kByte)).set_(st->storage);
            if (bytes.numel() && bytes.gt(1).any().item<bool>())
                bad("a bool tensor's storage holds a byte other than 0 or 1");
        }
        Obj *o = make(Kind::Tensor);
        o->tensor = float8 == Float8::None ? t : widenFloat8(t, float8);
        return o;
    }

    Obj *persistentLoad(Obj *pidObj)
    {
        const auto &pid = expect(pidObj, Kind::Tuple, "a persistent id")->items;
        if (pid.size() != 5 || pid[0]->kind != Kind::String || pid[0]->s != "storage")
            bad("a persistent id is not ('storage', type, key, location, numel)");
        const Obj *type = expect(pid[1], Kind::Global, "a storage type");
        if (type->fn != Fn::StorageType)
            bad(type->s + " is not a storage type");
        const std::string &key = expect(pid[2], Kind::String, "a storage key")->s;
        expect(pid[3], Kind::String, "a storage location");
        const int64_t numel = checkedInt(pid[4], "a storage size");
        Obj *o = make(Kind::Storage);
        o->dtype = type->dtype;
        o->float8 = type->float8;
        o->storage = storages_.load(key, type->dtype, numel);
        return o;
    }

    Obj *execute()
    {
        while (true) {
            if (in_.atEnd())
                bad("the pickle ends without STOP");
            const uint8_t op = in_.u8();
            switch (op) {
            case 0x80: { // PROTO
                const uint8_t v = in_.u8();
                if (v > 5)
                    bad("pickle protocol " + std::to_string(v) + " is newer than 5");
                break;
            }
            case 0x95: in_.le(8); break; // FRAME: the frame length is only a hint
            case '.': { // STOP
                if (!marks_.empty() || stack_.size() != 1)
                    bad("the pickle stops with " + std::to_string(stack_.size())
                        + " objects and " + std::to_string(marks_.size()) + " open marks");
                return stack_.back();
            }
            case '(': // MARK
                marks_.push_back(std::move(stack_));
                stack_.clear();
                break;
            case '0': pop(); break; // POP
            case '1': popMark(); break; // POP_MARK
            case '2': push(top()); break; // DUP
            case '}': push(make(Kind::Dict)); break; // EMPTY_DICT
            case ']': push(make(Kind::List)); break; // EMPTY_LIST
            case ')': push(tuple({})); break; // EMPTY_TUPLE
            case 't': push(tuple(popMark())); break; // TUPLE
            case 0x85: { // TUPLE1
                Obj *a = pop();
                push(tuple({a}));
                break;
            }
            case 0x86: { // TUPLE2
                Obj *b = pop(), *a = pop();
                push(tuple({a, b}));
                break;
            }
            case 0x87: { // TUPLE3
                Obj *c = pop(), *b = pop(), *a = pop();
                push(tuple({a, b, c}));
                break;
            }
            case 'd': { // DICT
                const auto kv = popMark();
                Obj *d = make(Kind::Dict);
                setItems(d, kv);
                push(d);
                break;
            }
            case 'l': { // LIST
                Obj *l = make(Kind::List);
                l->items = popMark();
                push(l);
                break;
            }
            case 's': { // SETITEM
                Obj *v = pop(), *k = pop();
                setItems(top(), {k, v});
                break;
            }
            case 'u': { // SETITEMS
                const auto kv = popMark();
                setItems(top(), kv);
                break;
            }
            case 'a': { // APPEND
                Obj *v = pop();
                expect(top(), Kind::List, "the target of APPEND")->items.push_back(v);
                break;
            }
            case 'e': { // APPENDS
                const auto vs = popMark();
                auto &items = expect(top(), Kind::List, "the target of APPENDS")->items;
                items.insert(items.end(), vs.begin(), vs.end());
                break;
            }
            case 'X': push(makeString(in_.bytes(in_.le(4)))); break; // BINUNICODE
            case 0x8c: push(makeString(in_.bytes(in_.u8()))); break; // SHORT_BINUNICODE
            case 0x8d: push(makeString(in_.bytes(in_.le(8)))); break; // BINUNICODE8
            case 'B': push(makeString(in_.bytes(in_.le(4)))); break; // BINBYTES
            case 'C': push(makeString(in_.bytes(in_.u8()))); break; // SHORT_BINBYTES
            case 0x8e: push(makeString(in_.bytes(in_.le(8)))); break; // BINBYTES8
            case 'J': push(makeInt(static_cast<int32_t>(in_.le(4)))); break; // BININT
            case 'K': push(makeInt(in_.u8())); break; // BININT1
            case 'M': push(makeInt(static_cast<int64_t>(in_.le(2)))); break; // BININT2
            case 0x8a: // LONG1
            case 0x8b: { // LONG4
                const uint64_t n = op == 0x8a ? in_.u8() : in_.le(4);
                if (n > 8)
                    bad("an integer wider than 64 bits");
                uint64_t v = n ? in_.le(static_cast<int>(n)) : 0;
                if (n && n < 8 && (v >> (8 * n - 1)) & 1) // sign-extend
                    v |= ~uint64_t(0) << (8 * n);
                push(makeInt(static_cast<int64_t>(v)));
                break;
            }
            case 'G': { // BINFLOAT, big-endian
                const unsigned char *b = in_.take(8);
                uint64_t bits = 0;
                for (int k = 0; k < 8; ++k)
                    bits = (bits << 8) | b[k];
                Obj *o = make(Kind::Float);
                std::memcpy(&o->f, &bits, 8);
                push(o);
                break;
            }
            case 'N': push(make(Kind::None)); break;
            case 0x88: push(makeBool(true)); break; // NEWTRUE
            case 0x89: push(makeBool(false)); break; // NEWFALSE
            case 'q': memo_[in_.u8()] = top(); break; // BINPUT
            case 'r': memo_[in_.le(4)] = top(); break; // LONG_BINPUT
            case 0x94: memo_[memo_.size()] = top(); break; // MEMOIZE
            case 'h': push(memoGet(in_.u8())); break; // BINGET
            case 'j': push(memoGet(in_.le(4))); break; // LONG_BINGET
            case 'c': { // GLOBAL
                const std::string module = in_.line();
                const std::string name = in_.line();
                push(global(module, name));
                break;
            }
            case 0x93: { // STACK_GLOBAL
                Obj *name = expect(pop(), Kind::String, "a STACK_GLOBAL name");
                Obj *module = expect(pop(), Kind::String, "a STACK_GLOBAL module");
                push(global(module->s, name->s));
                break;
            }
            case 'R': { // REDUCE
                Obj *args = pop(), *f = pop();
                push(call(f, args));
                break;
            }
            case 0x81: { // NEWOBJ: cls.__new__(cls, *args)
                Obj *args = pop(), *cls = pop();
                expect(cls, Kind::Global, "the class of NEWOBJ");
                if (cls->fn != Fn::OrderedDict)
                    throw Error(what_ + ": refuses to load: NEWOBJ of " + printable(cls->s)
                                + " would create an object a state dict never holds");
                push(call(cls, args));
                break;
            }
            case 'i': { // INST (protocol 0/1): module\nname\n, called with the items above MARK
                const std::string module = in_.line();
                const std::string name = in_.line();
                Obj *cls = global(module, name); // refuses every name outside the list
                push(call(cls, tuple(popMark())));
                break;
            }
            case 'o': { // OBJ (protocol 1): MARK, class, args...: class(*args)
                std::vector<Obj *> items = popMark();
                if (items.empty())
                    bad("OBJ without a class at byte " + std::to_string(in_.pos() - 1));
                Obj *cls = items.front();
                items.erase(items.begin());
                push(call(cls, tuple(std::move(items))));
                break;
            }
            case 0x82: // EXT1, EXT2, EXT4: a global by its copyreg extension code; a state dict
            case 0x83: // never uses them, and resolving one would mean trusting the registry of
            case 0x84: // whoever wrote the file
                throw Error(what_ + ": refuses to load: the file references a global by a copyreg "
                            "extension code, which a state dict never needs");
            case 'Q': push(persistentLoad(pop())); break; // BINPERSID
            case 'b': { // BUILD: only an OrderedDict's state (its _metadata), which we drop
                pop();
                Obj *o = top();
                if (o->kind != Kind::Dict || !o->ordered)
                    bad("BUILD on " + aKind(o->kind));
                break;
            }
            default: {
                char hex[8];
                std::snprintf(hex, sizeof hex, "0x%02x", op);
                bad(std::string("unsupported pickle opcode ") + hex + " at byte "
                    + std::to_string(in_.pos() - 1));
            }
            }
        }
    }

    // --- conversion to IValues -----------------------------------------------------------------

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

    c10::IValue toIValue(const Obj *o, int depth)
    {
        auto done = converted_.find(o);
        if (done != converted_.end())
            return done->second;
        if (depth > kMaxDepth)
            bad("containers nested deeper than " + std::to_string(kMaxDepth) + " levels");
        if (!converting_.insert(o).second)
            bad(aKind(o->kind) + " that contains itself");
        c10::IValue v;
        switch (o->kind) {
        case Kind::None: break;
        case Kind::Bool: v = o->b; break;
        case Kind::Int: v = o->i; break;
        case Kind::Float: v = o->f; break;
        case Kind::String: v = o->s; break;
        case Kind::Tensor: v = o->tensor; break;
        case Kind::Tuple: {
            std::vector<c10::IValue> items;
            for (const Obj *e : o->items)
                items.push_back(toIValue(e, depth + 1));
            v = c10::ivalue::Tuple::create(std::move(items));
            break;
        }
        case Kind::List: {
            std::vector<c10::IValue> items;
            for (const Obj *e : o->items)
                items.push_back(toIValue(e, depth + 1));
            c10::impl::GenericList list(commonType(items));
            list.reserve(items.size());
            for (auto &e : items)
                list.push_back(std::move(e));
            v = list;
            break;
        }
        case Kind::Dict: {
            std::vector<std::pair<c10::IValue, c10::IValue>> entries;
            bool allStr = true, allInt = true;
            for (const auto &[k, x] : o->entries) {
                if (k->kind != Kind::String && k->kind != Kind::Int && k->kind != Kind::Float
                    && k->kind != Kind::Bool)
                    bad("a dict key is " + aKind(k->kind)
                        + " (only str, int, float and bool keys are supported)");
                allStr = allStr && k->kind == Kind::String;
                allInt = allInt && k->kind == Kind::Int;
                entries.emplace_back(toIValue(k, depth + 1), toIValue(x, depth + 1));
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
            v = dict;
            break;
        }
        case Kind::Storage: bad("a bare storage outside a tensor");
        case Kind::Global: bad("a bare reference to " + o->s);
        }
        converting_.erase(o);
        converted_.emplace(o, v);
        return v;
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
    caffe2::serialize::PyTorchStreamReader zip(std::make_shared<BufferAdapter>(bytes));
    if (zip.hasRecord("byteorder")) {
        auto [ptr, size] = zip.getRecord("byteorder");
        const std::string order(static_cast<const char *>(ptr.get()), size);
        if (order != "little")
            bad("its storages are " + printable(order) + "-endian");
    }
    if (!zip.hasRecord("data.pkl"))
        bad("the archive has no data.pkl (a TorchScript archive?)");
    auto [ptr, size] = zip.getRecord("data.pkl");
    const std::string pickle(static_cast<const char *>(ptr.get()), size);
    StorageLoader storages(zip);
    return Unpickler(pickle, storages, what).run();
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
    } catch (const c10::Error &e) {
        // The zip reader's complaint. c10::Error messages carry a C++ backtrace and sometimes a
        // plea for better wording; the first sentence is the useful part.
        // (libtorch 1.13's PyTorchStreamReader leaks miniz's directory, about 0.5 KB, when its
        // constructor throws after opening the zip - no version record, first entry outside a
        // root folder - which only corrupt files do; tests/core/tst_torchfile.cpp suppresses it
        // for LeakSanitizer.)
        detail = e.what_without_backtrace();
        detail = detail.substr(0, detail.find('\n'));
        detail = detail.substr(0, detail.find("  (Could this error message be improved?"));
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
