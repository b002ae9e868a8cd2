// SPDX-License-Identifier: GPL-3.0-or-later
// The restricted pickle machine (see unpickler.h for what it accepts).
//
// Design: the machine builds its objects in an arena (owned by Unpickled, linked by plain
// pointers), so hostile input can make cycles or deep nesting without leaking or recursing on
// destruction; at STOP one walk with a depth limit and a cycle check makes the tree safe for
// recursive consumers. Every read from the pickle goes through Reader, which checks the bounds
// first.

#include "pack/unpickler.h"

#include "common/error.h"

#include <cstring>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace Core {

namespace {

using Obj = PickleValue;
using Kind = PickleValue::Kind;

[[noreturn]] void bad(const std::string &detail)
{
    throw FormatError(detail);
}

/// The accepted callables and classes (GLOBAL / STACK_GLOBAL), each a fixed action.
enum Fn : int {
    OrderedDict,
    RebuildTensorV2,
    RebuildTensorV3, // torch >= 2.1: untyped storage + dtype (float8, uint16, ...)
    RebuildParameter,
    RebuildParameterWithState,
    StorageType, // torch.<X>Storage; its dtype in PickleValue::dtype
    CodecsEncode,
    Bytes,
    RestoreTypeTag,
    BuildList, // torch.jit._pickle.build_{int,double,bool,tensor}list
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

struct DtypeInfo
{
    StoredDtype type;
    const char *name; // Python's, without "torch."
    const char *storage; // torch.<storage> of this dtype (torch.save before 2.1)
    size_t size;
};
constexpr DtypeInfo kDtypes[] = {
    {StoredDtype::Float32, "float32", "FloatStorage", 4},
    {StoredDtype::Float64, "float64", "DoubleStorage", 8},
    {StoredDtype::Float16, "float16", "HalfStorage", 2},
    {StoredDtype::BFloat16, "bfloat16", "BFloat16Storage", 2},
    {StoredDtype::Int64, "int64", "LongStorage", 8},
    {StoredDtype::Int32, "int32", "IntStorage", 4},
    {StoredDtype::Int16, "int16", "ShortStorage", 2},
    {StoredDtype::Int8, "int8", "CharStorage", 1},
    {StoredDtype::UInt8, "uint8", "ByteStorage", 1},
    {StoredDtype::Bool, "bool", "BoolStorage", 1},
    {StoredDtype::Complex64, "complex64", "ComplexFloatStorage", 8},
    {StoredDtype::Complex128, "complex128", "ComplexDoubleStorage", 16},
    {StoredDtype::Float8E4M3FN, "float8_e4m3fn", "Float8_e4m3fnStorage", 1},
    {StoredDtype::Float8E5M2, "float8_e5m2", "Float8_e5m2Storage", 1},
};

const DtypeInfo &info(StoredDtype type)
{
    for (const DtypeInfo &d : kDtypes)
        if (d.type == type)
            return d;
    return kDtypes[0]; // unreachable: every enumerator is listed
}

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


} // namespace

size_t storedDtypeSize(StoredDtype type)
{
    return info(type).size;
}

const char *storedDtypeName(StoredDtype type)
{
    return info(type).name;
}

class Unpickler
{
public:
    Unpickler(std::string_view pickle, const std::string &what)
        : in_(pickle.data(), pickle.size()), what_(what)
    {}

    Unpickled run() &&
    {
        Obj *root = execute();
        check(root, 0);
        out_.root_ = root;
        return std::move(out_);
    }

private:
    static constexpr int kMaxDepth = 200;
    static constexpr size_t kMaxDims = 64;

    Reader in_;
    const std::string &what_;
    Unpickled out_;
    std::vector<Obj *> stack_;
    std::vector<std::vector<Obj *>> marks_; // the stacks saved by MARK
    std::unordered_map<uint64_t, Obj *> memo_;
    std::map<std::string, Obj *> storageByKey_;
    std::unordered_set<const Obj *> checked_, checking_;

    Obj *make(Kind k)
    {
        out_.arena_.push_back(std::make_unique<Obj>(k));
        return out_.arena_.back().get();
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
    static Obj *expect(Obj *o, Kind k, const char *role)
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

    static void setItems(Obj *dict, const std::vector<Obj *> &kv)
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
        auto storageType = [&](StoredDtype type, bool untyped) {
            Obj *g = fn(StorageType);
            g->dtype = type;
            g->untyped = untyped;
            return g;
        };
        if (module == "collections" && name == "OrderedDict")
            return fn(OrderedDict);
        if (module == "torch._utils") {
            if (name == "_rebuild_tensor_v2")
                return fn(RebuildTensorV2);
            if (name == "_rebuild_tensor_v3")
                return fn(RebuildTensorV3);
            if (name == "_rebuild_parameter")
                return fn(RebuildParameter);
            if (name == "_rebuild_parameter_with_state")
                return fn(RebuildParameterWithState);
        }
        if (module == "torch") {
            for (const DtypeInfo &d : kDtypes) {
                if (name == d.storage)
                    return storageType(d.type, false);
                if (name == d.name)
                    return makeString(name);
            }
            if (name == "UntypedStorage") // torch >= 2.1 saves new dtypes on untyped storages
                return storageType(StoredDtype::UInt8, true);
        }
        if (module == "torch.storage" && name == "UntypedStorage") // torch's own module for it
            return storageType(StoredDtype::UInt8, true);
        if (module == "_codecs" && name == "encode")
            return fn(CodecsEncode);
        if ((module == "__builtin__" || module == "builtins") && name == "bytes")
            return fn(Bytes);
        if (module == "torch.jit._pickle") {
            if (name == "restore_type_tag")
                return fn(RestoreTypeTag);
            if (name == "build_intlist" || name == "build_doublelist" || name == "build_boollist"
                || name == "build_tensorlist")
                return fn(BuildList);
        }
        throw Error(what_ + ": refuses to load: the file references " + printableText(module) + "."
                    + printableText(name) + ", which a state dict never needs");
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
        case OrderedDict: {
            needArgs(f, args, 0, 0);
            Obj *d = make(Kind::Dict);
            d->ordered = true;
            return d;
        }
        case RebuildTensorV2:
            needArgs(f, args, 6, 7);
            return rebuildTensor(args, nullptr);
        case RebuildTensorV3: {
            // (storage, offset, size, stride, requires_grad, backward_hooks, dtype[, metadata])
            needArgs(f, args, 7, 8);
            const std::string &dtype = expect(args[6], Kind::String, "a tensor's dtype")->s;
            for (const DtypeInfo &d : kDtypes)
                if (dtype == d.name)
                    return rebuildTensor(args, &d.type);
            bad("a tensor of dtype '" + printableText(dtype) + "', which golf cannot represent");
        }
        case RebuildParameter:
            needArgs(f, args, 3, 3);
            return expect(args[0], Kind::Tensor, "a parameter's data");
        case RebuildParameterWithState:
            needArgs(f, args, 4, 4);
            return expect(args[0], Kind::Tensor, "a parameter's data");
        case CodecsEncode: {
            needArgs(f, args, 2, 2);
            expect(args[0], Kind::String, "the text of _codecs.encode");
            expect(args[1], Kind::String, "the encoding of _codecs.encode");
            if (args[1]->s != "latin1" && args[1]->s != "latin-1")
                bad("_codecs.encode with encoding '" + printableText(args[1]->s) + "'");
            return makeString(latin1FromUtf8(args[0]->s));
        }
        case Bytes:
            needArgs(f, args, 0, 0);
            return makeString({});
        case RestoreTypeTag:
            needArgs(f, args, 2, 2);
            return args[0];
        case BuildList:
            needArgs(f, args, 1, 1);
            return expect(args[0], Kind::List, "the argument of a build_*list");
        }
        // Python would construct a storage here: not data, so refused like a foreign global.
        throw Error(what_ + ": refuses to load: the file calls " + printableText(f->s)
                    + ", which a state dict never calls");
    }

    static int64_t checkedInt(const Obj *o, const char *role)
    {
        if (o->kind != Kind::Int)
            bad(std::string(role) + " is " + aKind(o->kind) + ", expected an int");
        return o->i;
    }

    /// `dtype` null: the storage's own (v2); else the bytes of an untyped storage read as
    /// `*dtype` (v3).
    Obj *rebuildTensor(const std::vector<Obj *> &args, const StoredDtype *dtype)
    {
        Obj *st = expect(args[0], Kind::Storage, "a tensor's storage");
        if (dtype && st->dtype != StoredDtype::UInt8)
            bad("a dtype-carrying tensor (_rebuild_tensor_v3) on a typed storage");
        Obj *t = make(Kind::Tensor);
        t->storage = st;
        t->dtype = dtype ? *dtype : st->dtype;
        st->readAsBool = st->readAsBool || t->dtype == StoredDtype::Bool;
        t->offset = checkedInt(args[1], "a tensor's storage offset");
        const auto &sizeObj = expect(args[2], Kind::Tuple, "a tensor's size")->items;
        const auto &strideObj = expect(args[3], Kind::Tuple, "a tensor's stride")->items;
        if (sizeObj.size() != strideObj.size() || sizeObj.size() > kMaxDims)
            bad("a tensor has " + std::to_string(sizeObj.size()) + " sizes and "
                + std::to_string(strideObj.size()) + " strides");
        bool empty = false;
        for (size_t d = 0; d < sizeObj.size(); ++d) {
            t->sizes.push_back(checkedInt(sizeObj[d], "a tensor size"));
            t->strides.push_back(checkedInt(strideObj[d], "a tensor stride"));
            if (t->sizes.back() < 0 || t->strides.back() < 0)
                bad("a tensor has a negative size or stride");
            empty = empty || t->sizes.back() == 0;
        }
        if (t->offset < 0)
            bad("a tensor has a negative storage offset");
        // The last element the view touches must lie inside the storage (in the tensor's units:
        // an untyped storage's bytes hold numel / size elements).
        const int64_t available = st->numel * int64_t(storedDtypeSize(st->dtype))
                                  / int64_t(storedDtypeSize(t->dtype));
        int64_t numel = 1;
        for (int64_t s : t->sizes)
            if (__builtin_mul_overflow(numel, s, &numel))
                bad("a tensor's size overflows");
        if (!empty) {
            int64_t last = t->offset;
            for (size_t d = 0; d < t->sizes.size(); ++d) {
                int64_t span = 0;
                if (__builtin_mul_overflow(t->sizes[d] - 1, t->strides[d], &span)
                    || __builtin_add_overflow(last, span, &last))
                    bad("a tensor's extent overflows");
            }
            if (last >= available)
                bad("a tensor reaches element " + std::to_string(last) + " of a storage of "
                    + std::to_string(available));
        } else if (t->offset > available) {
            bad("a tensor's storage offset lies past its storage");
        }
        return t;
    }

    /// ('storage', type, key, location, numel): one node per key, so tensors saved from one
    /// storage share it (views stay views).
    Obj *persistentLoad(Obj *pidObj)
    {
        const auto &pid = expect(pidObj, Kind::Tuple, "a persistent id")->items;
        if (pid.size() != 5 || pid[0]->kind != Kind::String || pid[0]->s != "storage")
            bad("a persistent id is not ('storage', type, key, location, numel)");
        const Obj *type = expect(pid[1], Kind::Global, "a storage type");
        if (type->fn != StorageType)
            bad(type->s + " is not a storage type");
        const std::string &key = expect(pid[2], Kind::String, "a storage key")->s;
        expect(pid[3], Kind::String, "a storage location");
        const int64_t numel = checkedInt(pid[4], "a storage size");
        if (numel < 0)
            bad("storage '" + printableText(key) + "' has a negative size");
        if (key.empty() || key.find('\0') != std::string::npos)
            bad("the storage record 'data/" + printableText(key) + "' is missing");
        // A storage's bytes must fit in memory addressing: numel * element size overflows
        // nothing below 2^62 bytes, and the zip record's size is compared with it later.
        if (numel > (int64_t(1) << 58))
            bad("storage '" + printableText(key) + "' claims " + std::to_string(numel) + " elements");
        auto [it, fresh] = storageByKey_.emplace(key, nullptr);
        if (!fresh) {
            if (it->second->dtype != type->dtype || it->second->untyped != type->untyped)
                bad("storage '" + printableText(key) + "' is used with two dtypes");
            return it->second;
        }
        Obj *o = make(Kind::Storage);
        o->s = key;
        o->dtype = type->dtype;
        o->untyped = type->untyped;
        o->numel = numel;
        it->second = o;
        out_.storages_.push_back(o);
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
                if (cls->fn != OrderedDict)
                    throw Error(what_ + ": refuses to load: NEWOBJ of " + printableText(cls->s)
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


    /// The guarantees of unpickler.h: bounded depth, no cycles, scalar keys, no bare storage or
    /// global. Shared nodes are walked once.
    void check(const Obj *o, int depth)
    {
        if (checked_.count(o))
            return;
        if (depth > kMaxDepth)
            bad("containers nested deeper than " + std::to_string(kMaxDepth) + " levels");
        if (!checking_.insert(o).second)
            bad(aKind(o->kind) + " that contains itself");
        switch (o->kind) {
        case Kind::Tuple:
        case Kind::List:
            for (const Obj *e : o->items)
                check(e, depth + 1);
            break;
        case Kind::Dict:
            for (const auto &[k, x] : o->entries) {
                if (k->kind != Kind::String && k->kind != Kind::Int && k->kind != Kind::Float
                    && k->kind != Kind::Bool)
                    bad("a dict key is " + aKind(k->kind)
                        + " (only str, int, float and bool keys are supported)");
                check(x, depth + 1);
            }
            break;
        case Kind::Storage: bad("a bare storage outside a tensor");
        case Kind::Global: bad("a bare reference to " + o->s);
        default: break;
        }
        checking_.erase(o);
        checked_.insert(o);
    }
};

Unpickled unpickle(std::string_view bytes, const std::string &what)
{
    return Unpickler(bytes, what).run();
}

} // namespace Core
