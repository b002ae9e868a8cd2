// SPDX-License-Identifier: GPL-3.0-or-later
// Our torch.save reader (model/torchfile_p.h): files written by Python's torch.save (fixtures made at
// test time with GOLF_PYTHON, compared exactly against what Python describes), our own
// torch::pickle_save output, hand-made pickles for every opcode and error path, refusal of code
// (os.system, eval) and of the legacy format, and truncated or byte-flipped files.

#include "common/atomicfile.h"
#include "common/error.h"
#include "model/checkpoint_p.h"
#include "model/torchfile_p.h"
#include "testenv.h"

#include <caffe2/serialize/inline_container.h>
#include <nlohmann/json.hpp>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>
#include <cstring>
#include <optional>
#include <sstream>
#include <random>

using namespace Core;
using namespace std::string_literals;
using nlohmann::json;

namespace {

// The fixtures. `describe` renders every object as JSON (floats as float.hex(), tensors as
// dtype, shape and their contiguous bytes) so the C++ side can compare exactly.
const char *kFixtureScript = R"PY(
import collections, json, os, sys, zlib
import torch

out = sys.argv[1]
expect = {}

def describe(v):
    if isinstance(v, torch.Tensor):
        t = v.detach().contiguous()
        flat = t.reshape(-1)
        raw = bytes(flat.view(torch.uint8).tolist()) if flat.numel() else b""
        return {"tensor": {"dtype": str(t.dtype)[len("torch."):], "shape": list(t.shape),
                           "hex": raw.hex()}}
    if isinstance(v, torch.dtype):
        return {"str": str(v)[len("torch."):]}
    if v is None:
        return {"none": None}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": v}
    if isinstance(v, float):
        return {"float": v.hex()}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    if isinstance(v, dict):
        return {"dict": [[describe(k), describe(x)] for k, x in v.items()]}
    if isinstance(v, list):
        return {"list": [describe(x) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [describe(x) for x in v]}
    raise TypeError(type(v))

def path(name):
    return os.path.join(out, name + ".pt")

def save(name, obj, **kw):
    torch.save(obj, path(name), **kw)
    expect[name] = describe(obj)

class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(5, 4)
        self.lin = torch.nn.Linear(4, 3)
        self.register_buffer("steps", torch.tensor(7, dtype=torch.int64))
        self.emb.to(torch.bfloat16)

torch.manual_seed(1)
net = Net()
sd = net.state_dict()
assert isinstance(sd, collections.OrderedDict) and hasattr(sd, "_metadata")
for proto in (2, 3, 4, 5):
    save(f"state_dict_p{proto}", sd, pickle_protocol=proto)
save("parameters", net.state_dict(keep_vars=True))  # nn.Parameter: _rebuild_parameter
save("one_entry_dict", {"only": torch.tensor([1.5, -2.0])})
save("one_element_list", [torch.arange(3)])
save("one_entry_ordered_dict", collections.OrderedDict([("w", torch.ones(2, 2))]))
save("empty_dict", {})

many = [f"s{i}" for i in range(300)]  # memo indices past 255: LONG_BINPUT / LONG_BINGET
shared = "shared string"
nested = {
    "ints": [0, 1, -1, 255, 256, 65535, 65536, -129, 2**31 - 1, -2**31, 2**31, 2**62,
             -2**63, 2**63 - 1],
    "floats": [0.0, -0.0, 0.1, -2.5, 1e308, 5e-324, float("inf"), float("-inf"), float("nan")],
    "strings": ["", "a", "h\u00e9llo \u2713", "x" * 300],
    "bytes": [b"", b"\x00\xffab", bytes(range(256))],
    "misc": [None, True, False, (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), []],
    "deep": {"a": {"b": {"c": [{"d": ((1, "x"), [2.0])}]}}},
    7: "int key",
    "int_keys": {1: "one", -2: "minus two", 2**40: "big"},
    "many": many + [shared] * 3 + many[:5],
    "dtypes": [torch.float32, torch.bfloat16, torch.int8, torch.float16],
    "tensor": torch.tensor([[1, 2], [3, 4]], dtype=torch.int32),
}
for proto in (2, 3, 4, 5):
    save(f"nested_p{proto}", nested, pickle_protocol=proto)

base = torch.arange(24, dtype=torch.float32).view(4, 6)
save("views", {"base": base, "t": base.t(), "slice": base[1:3, ::2], "col": base[:, 2],
               "scalar": base[2, 3], "other": torch.ones(3)})

save("dtypes", {
    "float32": torch.tensor([1.5, -0.0, float("inf"), 3.4e38, 1e-45]),
    "float64": torch.tensor([1 / 3, -1e300, 5e-324], dtype=torch.float64),
    "float16": torch.tensor([1.0, -65504.0, 6e-8, 0.1], dtype=torch.float16),
    "bfloat16": torch.tensor([1.0, -3.0e38, 0.1], dtype=torch.bfloat16),
    "int64": torch.tensor([0, -1, 2**63 - 1, -2**63], dtype=torch.int64),
    "int32": torch.tensor([0, -1, 2**31 - 1, -2**31], dtype=torch.int32),
    "int16": torch.tensor([0, -1, 2**15 - 1, -2**15], dtype=torch.int16),
    "int8": torch.tensor([-128, 127, 0, -1], dtype=torch.int8),
    "uint8": torch.tensor([0, 255, 7], dtype=torch.uint8),
    "bool": torch.tensor([True, False, True]),
    "complex64": torch.tensor([1 + 2j, -3j], dtype=torch.complex64),
    "complex128": torch.tensor([0.5 - 1j], dtype=torch.complex128),
    "scalar": torch.tensor(2.5),
    "empty": torch.zeros(0, 3),
    "rand": torch.randn(5, 7),
})

# Shaped like the official int8_clean_per_row_v1 export (PARAMETER_GOLF.md 5.1), thresholds shrunk.
model = {"tok_emb.weight": torch.randn(8, 16).bfloat16(), "blocks.0.mlp.fc.weight": torch.randn(12, 16),
         "blocks.0.attn_scale": torch.ones(16), "blocks.0.conv": torch.randn(2, 3, 4),
         "blocks.0.norm": torch.randn(6)}
quant = {"__quant_format__": "int8_clean_per_row_v1", "quantized": {}, "scales": {}, "dtypes": {},
         "passthrough": {}, "qmeta": {}, "passthrough_orig_dtypes": {}}
for name, t in model.items():
    dtype = str(t.dtype)[len("torch."):]
    if t.numel() <= 16:
        if "attn_scale" in name:
            quant["passthrough"][name] = t.float().contiguous()
        else:
            quant["passthrough"][name] = t.half().contiguous()
            quant["passthrough_orig_dtypes"][name] = dtype
    elif t.ndim == 2:
        f = t.float()
        scale = torch.clamp(f.abs().amax(dim=1) / 127, min=1 / 127)
        quant["quantized"][name] = torch.clamp(torch.round(f / scale[:, None]), -127, 127).to(torch.int8).contiguous()
        quant["scales"][name] = scale.to(torch.float16).contiguous()
        quant["dtypes"][name] = dtype
        quant["qmeta"][name] = {"scheme": "per_row", "axis": 0}
    else:
        f = t.float()
        scale = torch.tensor(float(f.abs().max()) / 127, dtype=torch.float32)
        quant["quantized"][name] = torch.clamp(torch.round(f / scale), -127, 127).to(torch.int8).contiguous()
        quant["scales"][name] = scale
        quant["dtypes"][name] = dtype
save("int8_export", quant)
with open(os.path.join(out, "int8_export.ptz"), "wb") as f:
    with open(path("int8_export"), "rb") as g:
        f.write(zlib.compress(g.read(), 9))

class Evil:
    def __init__(self, fn, arg):
        self.fn, self.arg = fn, arg
    def __reduce__(self):
        return (self.fn, (self.arg,))

marker = os.path.join(out, "pwned")
torch.save({"x": Evil(os.system, "touch " + marker)}, path("evil_os_system"))
torch.save({"x": Evil(eval, "open(%r, 'w')" % marker)}, path("evil_eval"))
torch.save({"x": Evil(os.system, "touch " + marker)}, path("evil_stack_global"), pickle_protocol=4)
torch.save({"a": torch.ones(2)}, path("legacy"), _use_new_zipfile_serialization=False)

with open(os.path.join(out, "expect.json"), "w") as f:
    json.dump(expect, f)
)PY";

std::string dtypeText(c10::ScalarType t)
{
    switch (t) {
    case c10::ScalarType::ComplexFloat: return "complex64";
    case c10::ScalarType::ComplexDouble: return "complex128";
    default: return dtypeName(t);
    }
}

std::string hexDecode(const std::string &hex)
{
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out += char(std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

std::string tensorBytes(const at::Tensor &t)
{
    const at::Tensor c = t.contiguous();
    return c.numel() ? std::string(static_cast<const char *>(c.data_ptr()), c.nbytes()) : "";
}

/// Empty when `v` is what Python described as `e`; else where and how it differs.
std::string mismatch(const c10::IValue &v, const json &e, const std::string &at)
{
    const std::string kind = e.begin().key();
    const json &x = e.begin().value();
    const std::string here = at + " (" + kind + ", got " + v.tagKind() + ")";
    if (kind == "none")
        return v.isNone() ? "" : here;
    if (kind == "bool")
        return v.isBool() && v.toBool() == x.get<bool>() ? "" : here;
    if (kind == "int")
        return v.isInt() && v.toInt() == x.get<int64_t>() ? "" : here;
    if (kind == "float") {
        if (!v.isDouble())
            return here;
        const double want = std::strtod(x.get<std::string>().c_str(), nullptr), got = v.toDouble();
        const bool same = std::isnan(want) ? std::isnan(got) : std::memcmp(&want, &got, 8) == 0;
        return same ? "" : here + " " + std::to_string(got);
    }
    if (kind == "str")
        return v.isString() && v.toStringRef() == x.get<std::string>() ? "" : here;
    if (kind == "bytes")
        return v.isString() && v.toStringRef() == hexDecode(x.get<std::string>()) ? "" : here;
    if (kind == "list" || kind == "tuple") {
        if (kind == "list" ? !v.isList() : !v.isTuple())
            return here;
        std::vector<c10::IValue> items;
        if (v.isList())
            for (const c10::IValue &i : v.toListRef())
                items.push_back(i);
        else
            items = v.toTupleRef().elements().vec();
        if (items.size() != x.size())
            return here + " size " + std::to_string(items.size());
        for (size_t i = 0; i < items.size(); ++i)
            if (auto m = mismatch(items[i], x[i], at + "[" + std::to_string(i) + "]"); !m.empty())
                return m;
        return "";
    }
    if (kind == "dict") {
        if (!v.isGenericDict() || v.toGenericDict().size() != x.size())
            return here;
        size_t i = 0;
        for (const auto &item : v.toGenericDict()) {
            const std::string sub = at + "{" + std::to_string(i) + "}";
            if (auto m = mismatch(item.key(), x[i][0], sub + ".key"); !m.empty())
                return m;
            if (auto m = mismatch(item.value(), x[i][1], sub); !m.empty())
                return m;
            ++i;
        }
        return "";
    }
    if (kind == "tensor") {
        if (!v.isTensor())
            return here;
        const at::Tensor t = v.toTensor();
        if (dtypeText(t.scalar_type()) != x["dtype"].get<std::string>())
            return here + " dtype " + dtypeText(t.scalar_type());
        if (t.sizes().vec() != x["shape"].get<std::vector<int64_t>>())
            return here + " shape";
        if (t.requires_grad() || t.device() != at::kCPU)
            return here + " requires_grad/device";
        return tensorBytes(t) == hexDecode(x["hex"].get<std::string>()) ? "" : here + " values";
    }
    return at + ": unknown description " + kind;
}

/// A Python-like rendering, for compact expectations.
std::string repr(const c10::IValue &v)
{
    auto join = [](const std::vector<std::string> &parts) {
        std::string s;
        for (size_t i = 0; i < parts.size(); ++i)
            s += (i ? ", " : "") + parts[i];
        return s;
    };
    if (v.isNone())
        return "None";
    if (v.isBool())
        return v.toBool() ? "True" : "False";
    if (v.isInt())
        return std::to_string(v.toInt());
    if (v.isDouble()) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v.toDouble());
        return buf;
    }
    if (v.isString()) {
        std::string s = "'";
        for (unsigned char c : v.toStringRef()) {
            char buf[8];
            std::snprintf(buf, sizeof buf, (c >= 0x20 && c < 0x7f && c != '\'') ? "%c" : "\\x%02x", c);
            s += buf;
        }
        return s + "'";
    }
    if (v.isList()) {
        std::vector<std::string> parts;
        for (const c10::IValue &i : v.toListRef())
            parts.push_back(repr(i));
        return "[" + join(parts) + "]";
    }
    if (v.isTuple()) {
        std::vector<std::string> parts;
        for (const c10::IValue &i : v.toTupleRef().elements())
            parts.push_back(repr(i));
        return "(" + join(parts) + (parts.size() == 1 ? ",)" : ")");
    }
    if (v.isGenericDict()) {
        std::vector<std::string> parts;
        for (const auto &item : v.toGenericDict())
            parts.push_back(repr(item.key()) + ": " + repr(item.value()));
        return "{" + join(parts) + "}";
    }
    if (v.isTensor()) {
        const at::Tensor t = v.toTensor();
        std::vector<std::string> shape, values;
        for (int64_t s : t.sizes())
            shape.push_back(std::to_string(s));
        const at::Tensor d = t.to(at::kDouble).contiguous().reshape(-1);
        for (int64_t i = 0; i < d.numel(); ++i)
            values.push_back(repr(d[i].item<double>()));
        return "tensor<" + dtypeText(t.scalar_type()) + ">[" + join(shape) + "]{" + join(values) + "}";
    }
    return "<" + v.tagKind() + ">";
}

// --- hand-made pickles ---------------------------------------------------------------------------

std::string le(uint64_t v, int n)
{
    std::string s;
    for (int i = 0; i < n; ++i)
        s += char((v >> (8 * i)) & 0xff);
    return s;
}
std::string u(const std::string &s) { return "X" + le(s.size(), 4) + s; } // BINUNICODE
std::string g(const std::string &module, const std::string &name) // GLOBAL
{
    return "c" + module + "\n" + name + "\n";
}
const std::string P2 = "\x80\x02"s;
const std::string kOrderedDict = g("collections", "OrderedDict") + ")R";
/// A tensor over storage "0" of `type` with `numel` elements: size and stride are pickle text.
std::string tensor(const std::string &size, const std::string &stride, int numel = 4,
                   const std::string &type = "FloatStorage", const std::string &key = "0",
                   const std::string &offset = "K\x00"s)
{
    return g("torch._utils", "_rebuild_tensor_v2") + "((" + u("storage") + g("torch", type) + u(key)
           + u("cpu") + "K" + char(numel) + "tQ" + offset + size + stride + "\x89" + kOrderedDict
           + "tR";
}
std::string floats(std::initializer_list<float> v)
{
    std::string s(v.size() * 4, '\0');
    std::memcpy(s.data(), std::data(v), s.size());
    return s;
}

/// A torch.save-style zip (libtorch's writer) around `pickle` and optional storage "0".
std::string torchZip(const std::string &pickle, const std::string &storage0 = {}, bool withStorage = false)
{
    std::string out;
    caffe2::serialize::PyTorchStreamWriter w([&](const void *buf, size_t n) {
        out.append(static_cast<const char *>(buf), n);
        return n;
    });
    w.writeRecord("data.pkl", pickle.data(), pickle.size());
    if (withStorage || !storage0.empty())
        w.writeRecord("data/0", storage0.data(), storage0.size());
    w.writeEndOfFile();
    return out;
}

QByteArray qb(const std::string &s)
{
    return QByteArray(s.data(), int(s.size()));
}
std::string sb(const QByteArray &b)
{
    return std::string(b.constData(), size_t(b.size()));
}

/// Loads `bytes`; returns "ok:<repr>", "error:<message>", or "CRASH-ish:<other exception>".
std::string outcome(const std::string &bytes)
{
    try {
        return "ok:" + repr(loadTorchBytes(bytes, "test.pt"));
    } catch (const Error &e) {
        return std::string("error:") + e.what();
    } catch (const std::exception &e) {
        return std::string("other exception:") + e.what();
    }
}

} // namespace

class tst_TorchFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_skip; // why the Python fixtures are unavailable, if they are
    json m_expect;

    std::string fixture(const QString &name) const { return m_dir.filePath(name + ".pt").toStdString(); }

    /// A file from our own writer with tensors, nested containers and scalars (no Python needed).
    static std::string ownFile()
    {
        c10::impl::GenericDict d(c10::StringType::get(), c10::AnyType::get());
        d.insert("w", torch::arange(12, torch::kFloat32).view({3, 4}).t());
        d.insert("b", torch::tensor({1, -2}, torch::kInt8));
        d.insert("name", std::string("x"));
        d.insert("n", int64_t(3));
        c10::List<int64_t> il({1, 2});
        d.insert("il", il);
        const auto bytes = torch::pickle_save(c10::IValue(d));
        return std::string(bytes.begin(), bytes.end());
    }

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(1);
        QVERIFY(m_dir.isValid());
        QProcess probe;
        probe.start(GOLF_PYTHON, {"-c", "import torch"});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit
            || probe.exitCode() != 0) {
            m_skip = QString("no Python with torch at %1 (set GOLF_PYTHON): %2")
                         .arg(GOLF_PYTHON, QString::fromLocal8Bit(probe.readAllStandardError()).trimmed());
            return;
        }
        QProcess gen;
        gen.start(GOLF_PYTHON, {"-c", kFixtureScript, m_dir.path()});
        QVERIFY(gen.waitForFinished(180000));
        QVERIFY2(gen.exitStatus() == QProcess::NormalExit && gen.exitCode() == 0,
                 gen.readAllStandardError().constData());
        m_expect = json::parse(readFile(m_dir.filePath("expect.json").toStdString()));
    }

    void pythonFixtures_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name :
             {"state_dict_p2", "state_dict_p3", "state_dict_p4", "state_dict_p5", "parameters",
              "one_entry_dict", "one_element_list", "one_entry_ordered_dict", "empty_dict",
              "nested_p2", "nested_p3", "nested_p4", "nested_p5", "views", "dtypes", "int8_export"})
            QTest::newRow(name) << name;
    }
    void pythonFixtures()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        QFETCH(QString, name);
        const c10::IValue v = loadTorchFile(fixture(name));
        const std::string m = mismatch(v, m_expect.at(name.toStdString()), name.toStdString());
        QVERIFY2(m.empty(), m.c_str());
    }

    void orderedDictStateDict()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        for (const char *name : {"state_dict_p2", "state_dict_p4", "parameters"}) {
            const auto dict = loadPickledDict(fixture(name));
            QCOMPARE(dict.keyType()->kind(), c10::TypeKind::StringType);
            QCOMPARE(dict.valueType()->kind(), c10::TypeKind::TensorType);
            const NamedTensors sd = loadStateDict(fixture(name));
            std::vector<std::string> names;
            for (const auto &[n, t] : sd)
                names.push_back(n);
            QCOMPARE(names, (std::vector<std::string>{"steps", "emb.weight", "lin.weight", "lin.bias"}));
            QCOMPARE(sd[1].second.scalar_type(), torch::kBFloat16);
            QVERIFY(!sd[2].second.requires_grad());
        }
        // One-entry containers: what torch::pickle_load could not read.
        QCOMPARE(loadPickledDict(fixture("one_entry_dict")).size(), size_t(1));
        QCOMPARE(loadPickledDict(fixture("one_entry_ordered_dict")).size(), size_t(1));
        QVERIFY(loadTorchFile(fixture("one_element_list")).isList());
    }

    void sharedStorage()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        const auto views = loadPickledDict(fixture("views"));
        at::Tensor base = views.at("base").toTensor();
        for (const char *name : {"t", "slice", "col", "scalar"}) {
            const at::Tensor t = views.at(name).toTensor();
            QVERIFY2(t.storage().is_alias_of(base.storage()), name);
        }
        QVERIFY(!views.at("other").toTensor().storage().is_alias_of(base.storage()));
        const at::Tensor slice = views.at("slice").toTensor();
        QCOMPARE(slice.storage_offset(), int64_t(6));
        QCOMPARE(slice.strides().vec(), (std::vector<int64_t>{6, 2}));
        QVERIFY(!views.at("t").toTensor().is_contiguous());
        // A write through one view shows in the others, as in Python.
        base.index_put_({2, 3}, 100.0f);
        QCOMPARE(views.at("scalar").toTensor().item<float>(), 100.0f);
        QCOMPARE(views.at("t").toTensor()[3][2].item<float>(), 100.0f);
    }

    void int8Export()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        const auto q = loadPickledDict(fixture("int8_export"));
        QCOMPARE(q.at("__quant_format__").toStringRef(), std::string("int8_clean_per_row_v1"));
        const auto quantized = q.at("quantized").toGenericDict();
        const auto scales = q.at("scales").toGenericDict();
        QCOMPARE(quantized.valueType()->kind(), c10::TypeKind::TensorType);
        QCOMPARE(quantized.at("tok_emb.weight").toTensor().scalar_type(), torch::kInt8);
        QCOMPARE(scales.at("tok_emb.weight").toTensor().scalar_type(), torch::kHalf);
        QCOMPARE(scales.at("tok_emb.weight").toTensor().sizes().vec(), std::vector<int64_t>{8});
        QCOMPARE(scales.at("blocks.0.conv").toTensor().dim(), int64_t(0));
        QCOMPARE(q.at("dtypes").toGenericDict().at("tok_emb.weight").toStringRef(), std::string("bfloat16"));
        const auto meta = q.at("qmeta").toGenericDict().at("blocks.0.mlp.fc.weight").toGenericDict();
        QCOMPARE(meta.at("scheme").toStringRef(), std::string("per_row"));
        QCOMPARE(meta.at("axis").toInt(), int64_t(0));
        QCOMPARE(q.at("passthrough_orig_dtypes").toGenericDict().at("blocks.0.norm").toStringRef(),
                 std::string("float32"));
        // The .ptz export is the same file zlib-compressed: a clear hint, not a parse error.
        try {
            loadTorchFile(m_dir.filePath("int8_export.ptz").toStdString());
            QFAIL("a zlib-compressed file was accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("zlib-compressed"), e.what());
        }
    }

    void refusesCode_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("global");
        QTest::newRow("os.system") << "evil_os_system" << "posix.system";
        QTest::newRow("eval") << "evil_eval" << "__builtin__.eval"; // protocol 2 spelling
        QTest::newRow("os.system, protocol 4 (STACK_GLOBAL)") << "evil_stack_global" << "posix.system";
    }
    void refusesCode()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        QFETCH(QString, name);
        QFETCH(QString, global);
        const std::string path = fixture(name);
        try {
            loadTorchFile(path);
            QFAIL("a file that runs code was accepted");
        } catch (const Error &e) {
            const QString msg = e.what();
            QVERIFY2(msg.startsWith(QString::fromStdString(path) + ": refuses to load: the file "
                                    "references " + global + ", which a state dict never needs"),
                     e.what());
        }
        QVERIFY(!QFile::exists(m_dir.filePath("pwned")));
        try {
            loadPickledDict(path);
            QFAIL("accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("refuses to load"), e.what());
        }
    }

    /// Pickles that run a shell command when Python unpickles them, through every opcode that
    /// can reach a callable: GLOBAL and STACK_GLOBAL + REDUCE, INST, OBJ, a memoised global, and
    /// builtins.eval/exec. When Python is there, each payload is first shown to be live (Python's
    /// pickle.loads really creates the marker file); then every golf entry point refuses the
    /// file with "refuses to load" and the marker never appears.
    void refusesCodeOpcodes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string marker = dir.filePath("pwned").toStdString();
        const std::string cmd = "touch " + marker;
        const std::string py = "__import__('os').system('" + cmd + "')";
        auto sh = [](const std::string &s) { return "\x8c"s + char(s.size()) + s; }; // SHORT_BINUNICODE
        struct Case
        {
            const char *name;
            std::string pickle;
            const char *message; // after "<path>: refuses to load: "
            bool live;           // Python's pickle.loads runs it (proof the payload is real)
        };
        const std::vector<Case> cases = {
            {"GLOBAL os.system + REDUCE", P2 + g("os", "system") + u(cmd) + "\x85R.",
             "the file references os.system", true},
            {"GLOBAL posix.system + REDUCE", P2 + g("posix", "system") + u(cmd) + "\x85R.",
             "the file references posix.system", true},
            {"STACK_GLOBAL os.system + REDUCE", "\x80\x04"s + sh("os") + sh("system") + "\x93" + u(cmd) + "\x85R.",
             "the file references os.system", true},
            {"GLOBAL builtins.eval + REDUCE", P2 + g("builtins", "eval") + u(py) + "\x85R.",
             "the file references builtins.eval", true},
            {"STACK_GLOBAL builtins.exec + REDUCE", "\x80\x04"s + sh("builtins") + sh("exec") + "\x93" + u(py) + "\x85R.",
             "the file references builtins.exec", true},
            {"INST os.system", "(" + u(cmd) + "ios\nsystem\n.", "the file references os.system", true},
            {"OBJ os.system", "(" + g("os", "system") + u(cmd) + "o.", "the file references os.system", true},
            {"memoised global, REDUCE later", P2 + g("os", "system") + "q\x00" "0" "h\x00"s + u(cmd) + "\x85R.",
             "the file references os.system", true},
            {"NEWOBJ on an allowed non-class", P2 + g("torch._utils", "_rebuild_parameter") + ")\x81.",
             "NEWOBJ of torch._utils._rebuild_parameter", false},
            {"REDUCE on an allowed non-callable", P2 + g("torch", "FloatStorage") + ")R.",
             "the file calls torch.FloatStorage", false},
            {"INST of an allowed non-callable", "(" "itorch\nFloatStorage\n.", "the file calls torch.FloatStorage", false},
            {"EXT1 (copyreg extension code)", P2 + "\x82\x01)R.", "the file references a global by a copyreg extension code", false},
        };
        QString python = GOLF_PYTHON;
        if (!QFile::exists(python))
            python = "/usr/bin/python3";
        const bool havePython = QFile::exists(python);
        for (const Case &c : cases) {
            const std::string pkl = dir.filePath("p.pkl").toStdString();
            writeFileAtomic(pkl, c.pickle);
            if (c.live && havePython) {
                QProcess p;
                p.start(python, {"-c", "import pickle,sys; pickle.loads(open(sys.argv[1],'rb').read())",
                                 QString::fromStdString(pkl)});
                QVERIFY(p.waitForFinished(60000));
                QVERIFY2(QFile::exists(QString::fromStdString(marker)),
                         qPrintable(QString(c.name) + ": the payload is not live in Python: "
                                    + p.readAllStandardError()));
                QVERIFY(QFile::remove(QString::fromStdString(marker)));
            }
            const std::string path = dir.filePath("evil.pt").toStdString();
            writeFileAtomic(path, torchZip(c.pickle));
            const std::string expected = path + ": refuses to load: " + c.message;
            auto refused = [&](const char *entry, const std::function<void()> &load) {
                try {
                    load();
                    QFAIL(qPrintable(QString(c.name) + ": accepted by " + entry));
                } catch (const Error &e) {
                    QVERIFY2(std::string(e.what()).rfind(expected, 0) == 0,
                             qPrintable(QString(c.name) + " (" + entry + "): " + e.what()));
                }
            };
            refused("loadTorchFile", [&] { loadTorchFile(path); });
            refused("loadStateDict", [&] { loadStateDict(path); });
            refused("loadPickledDict", [&] { loadPickledDict(path); });
            QVERIFY2(!QFile::exists(QString::fromStdString(marker)), c.name);
        }
    }

    void refusesLegacy()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        try {
            loadPickledDict(fixture("legacy"));
            QFAIL("a legacy file was accepted");
        } catch (const Error &e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("legacy") && msg.contains("re-save"), e.what());
        }
    }

    /// Every prefix of a real file, and of its pickle inside a valid zip, is refused cleanly.
    void truncated_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("our writer") << "";
        QTest::newRow("python state dict") << "state_dict_p2";
        QTest::newRow("python nested, protocol 4") << "nested_p4";
    }
    void truncated()
    {
        QFETCH(QString, source);
        if (!source.isEmpty() && !m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        const std::string file = source.isEmpty() ? ownFile() : readFile(fixture(source));
        QVERIFY(outcome(file).rfind("ok:", 0) == 0);
        for (size_t n = 0; n < file.size(); ++n) {
            const std::string r = outcome(file.substr(0, n));
            QVERIFY2(r.rfind("error:test.pt: not a readable torch.save file (", 0) == 0,
                     (std::to_string(n) + " bytes: " + r).c_str());
        }
        // The pickle alone, cut short inside an intact archive (this reaches the VM).
        std::istringstream in(file);
        caffe2::serialize::PyTorchStreamReader reader(&in);
        auto [ptr, size] = reader.getRecord("data.pkl");
        const std::string pickle(static_cast<const char *>(ptr.get()), size);
        for (size_t n = 0; n < pickle.size(); ++n) {
            const std::string r = outcome(torchZip(pickle.substr(0, n)));
            QVERIFY2(r.rfind("error:test.pt: not a readable torch.save file (", 0) == 0,
                     (std::to_string(n) + " bytes of pickle: " + r).c_str());
        }
    }

    /// Flipped bytes anywhere: a Core::Error or (where the flip hits data) a value, never a crash
    /// or another exception. Run under the asan preset to check that nothing reads out of bounds.
    void byteFlips_data() { truncated_data(); }
    void byteFlips()
    {
        QFETCH(QString, source);
        if (!source.isEmpty() && !m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        const std::string file = source.isEmpty() ? ownFile() : readFile(fixture(source));
        int refused = 0, loaded = 0;
        for (size_t i = 0; i < file.size(); ++i)
            for (unsigned char mask : {0xffu, 0x01u, 0x80u}) {
                std::string bad = file;
                bad[i] = char(static_cast<unsigned char>(bad[i]) ^ mask);
                const std::string r = outcome(bad);
                QVERIFY2(r.rfind("ok:", 0) == 0 || r.rfind("error:test.pt: ", 0) == 0,
                         (std::to_string(i) + ": " + r).c_str());
                (r[0] == 'o' ? loaded : refused)++;
            }
        QVERIFY2(refused > 0, "no flip was noticed");
        // Random bursts inside the pickle, rezipped so the zip layer cannot catch them first.
        std::istringstream in(file);
        caffe2::serialize::PyTorchStreamReader reader(&in);
        auto [ptr, size] = reader.getRecord("data.pkl");
        const std::string pickle(static_cast<const char *>(ptr.get()), size);
        std::mt19937 rng(1234);
        for (int round = 0; round < 3000; ++round) {
            std::string bad = pickle;
            for (int k = 0, n = 1 + int(rng() % 4); k < n; ++k)
                bad[rng() % bad.size()] = char(rng() & 0xff);
            const std::string r = outcome(torchZip(bad));
            QVERIFY2(r.rfind("ok:", 0) == 0 || r.rfind("error:test.pt: ", 0) == 0, r.c_str());
        }
        Q_UNUSED(loaded);
    }

    void roundTripPickleSave()
    {
        c10::impl::GenericDict inner(c10::StringType::get(), c10::TensorType::get());
        inner.insert("a", torch::ones({2}, torch::kBFloat16));
        c10::impl::GenericDict d(c10::StringType::get(), c10::AnyType::get());
        d.insert("noncontiguous", torch::arange(12, torch::kFloat32).view({3, 4}).t());
        for (auto type : {torch::kFloat64, torch::kFloat16, torch::kBFloat16, torch::kInt64, torch::kInt32,
                          torch::kInt16, torch::kInt8, torch::kUInt8, torch::kBool})
            d.insert(dtypeName(type), (torch::arange(5) - 2).to(type));
        d.insert("scalar", torch::tensor(3.25));
        d.insert("inner", inner);
        d.insert("ints", c10::List<int64_t>({1, -2, 3}));
        d.insert("doubles", c10::List<double>({0.5, -1.0}));
        d.insert("bools", c10::List<bool>({true, false}));
        d.insert("tensors", c10::List<at::Tensor>({torch::ones({1}), torch::zeros({2})}));
        d.insert("text", std::string("h\xc3\xa9llo"));
        d.insert("int", -(int64_t(1) << 40));
        d.insert("float", 0.1);
        d.insert("bool", true);
        d.insert("none", c10::IValue());
        d.insert("tuple", c10::ivalue::Tuple::create({int64_t(1), std::string("x")}));
        const auto bytes = torch::pickle_save(c10::IValue(d));
        const c10::IValue back = loadTorchBytes(std::string(bytes.begin(), bytes.end()), "roundtrip");
        QCOMPARE(repr(back), repr(c10::IValue(d)));
        const auto dict = back.toGenericDict();
        for (const auto &item : d) {
            if (!item.value().isTensor())
                continue;
            const at::Tensor got = dict.at(item.key()).toTensor(), want = item.value().toTensor();
            QCOMPARE(got.scalar_type(), want.scalar_type());
            QVERIFY2(torch::equal(got, want), item.key().toStringRef().c_str());
        }
        QCOMPARE(dict.at("inner").toGenericDict().valueType()->kind(), c10::TypeKind::TensorType);
        QVERIFY(dict.at("ints").isIntList());

        // And through the checkpoint functions, as the trainer uses them.
        QTemporaryDir dir;
        const std::string path = dir.filePath("sd.pt").toStdString();
        saveStateDict(path, {{"w", torch::randn({3, 2}).to(torch::kBFloat16)}, {"b", torch::randn({2})}});
        const NamedTensors sd = loadStateDict(path);
        QCOMPARE(sd.size(), size_t(2));
        QCOMPARE(sd[0].first, std::string("w"));
        QCOMPARE(sd[0].second.scalar_type(), torch::kBFloat16);
    }

    void handcrafted_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("expected"); // repr, or "error:" + a part of the message
        auto row = [](const char *name, const std::string &pickle, const char *expected,
                      std::optional<std::string> storage = std::nullopt) {
            QTest::newRow(name) << qb(torchZip(pickle, storage.value_or(""), storage.has_value()))
                                << expected;
        };
        auto raw = [](const char *name, const std::string &file, const char *expected) {
            QTest::newRow(name) << qb(file) << expected;
        };
        const std::string four = floats({1, 2, 3, 4});
        // Containers.
        row("DICT and LIST", P2 + "(" + u("a") + "(K\x01K\x02ld.", "{'a': [1, 2]}");
        row("SETITEM", P2 + "}" + u("k") + "K\x05s.", "{'k': 5}");
        row("SETITEMS", P2 + "}(" + u("k") + "K\x05K\x07Nu.", "{'k': 5, 7: None}");
        row("duplicate key keeps its place", P2 + "}(" + u("a") + "K\x01" + u("b") + "K\x02" + u("a") + "K\x03u.",
            "{'a': 3, 'b': 2}");
        row("APPEND", P2 + "]K\x01" "a.", "[1]");
        row("APPENDS", P2 + "](K\x01K\x02" "e.", "[1, 2]");
        row("TUPLE, TUPLE1-3, EMPTY_TUPLE", P2 + "(K\x01K\x02tK\x03\x85K\x04K\x05\x86\x87)\x86.",
            "(((1, 2), (3,), (4, 5)), ())");
        row("NONE, NEWTRUE, NEWFALSE", P2 + "(N\x88\x89t.", "(None, True, False)");
        // Numbers.
        row("BININT", P2 + "J" + le(uint64_t(-5), 4) + ".", "-5");
        row("BININT1, BININT2", P2 + "K\xffM\xff\xff\x86.", "(255, 65535)");
        row("LONG1", P2 + "(\x8a\x00\x8a\x01\xff\x8a\x02\x00\x80\x8a\x08"s + le(1ull << 63, 8) + "t.",
            "(0, -1, -32768, -9223372036854775808)");
        row("LONG4", P2 + "\x8b\x02\x00\x00\x00\x00\x01."s, "256");
        row("BINFLOAT", P2 + "G\x3f\xf8\x00\x00\x00\x00\x00\x00."s, "1.5");
        // Strings and bytes.
        row("SHORT_BINUNICODE, BINUNICODE8", P2 + "\x8c\x02hi\x8d" + le(3, 8) + "abc\x86.", "('hi', 'abc')");
        row("BINBYTES, SHORT_BINBYTES, BINBYTES8", P2 + "(B" + le(2, 4) + "\x00\x01"s + "C\x01z\x8e" + le(1, 8) + "yt.",
            "('\\x00\\x01', 'z', 'y')");
        row("_codecs.encode (protocol 2 bytes)", P2 + g("_codecs", "encode") + u("\xc3\xbf\x00"s) + u("latin1") + "\x86R.",
            "'\\xff\\x00'");
        row("builtins.bytes()", P2 + g("__builtin__", "bytes") + ")R.", "''");
        row("torch.bfloat16", P2 + g("torch", "bfloat16") + ".", "'bfloat16'");
        // Memo and stack.
        row("BINPUT, BINGET", P2 + "]q\x00h\x00\x86."s, "([], [])");
        row("LONG_BINPUT, LONG_BINGET", P2 + "K\x09r" + le(70000, 4) + "j" + le(70000, 4) + "\x86.", "(9, 9)");
        row("MEMOIZE", "\x80\x04\x95" + le(20, 8) + "K\x01\x94K\x02\x94\x86h\x00h\x01\x87."s, "((1, 2), 1, 2)");
        row("POP, DUP, POP_MARK", P2 + "K\x01K\x02" "0" "2" "(K\x05K\x06" "1" "\x86.", "(1, 1)");
        // OrderedDict, all three ways.
        row("OrderedDict via REDUCE and BUILD", P2 + kOrderedDict + u("x") + "K\x01s}" + u("_metadata") + "}sb.", "{'x': 1}");
        row("OrderedDict via NEWOBJ", P2 + g("collections", "OrderedDict") + ")\x81" + u("x") + "K\x01s.", "{'x': 1}");
        row("OrderedDict via STACK_GLOBAL", "\x80\x04\x8c\x0b" "collections\x8c\x0bOrderedDict\x93)R.", "{}");
        // Tensors.
        row("tensor", P2 + tensor("K\x03\x85", "K\x01\x85", 4, "FloatStorage", "0", "K\x01") + ".",
            "tensor<float32>[3]{2, 3, 4}", four);
        row("strided tensor", P2 + tensor("K\x02K\x02\x86", "K\x01K\x02\x86") + ".", "tensor<float32>[2, 2]{1, 3, 2, 4}", four);
        row("_rebuild_parameter", P2 + g("torch._utils", "_rebuild_parameter") + "(" + tensor("K\x02\x85", "K\x01\x85")
                                      + "\x88" + kOrderedDict + "tR.",
            "tensor<float32>[2]{1, 2}", four);
        row("empty tensor", P2 + tensor("K\x00K\x03\x86"s, "K\x03K\x01\x86", 0) + ".", "tensor<float32>[0, 3]{}", ""s);
        row("restore_type_tag, build_intlist",
            P2 + g("torch.jit._pickle", "restore_type_tag") + g("torch.jit._pickle", "build_intlist") + "(](K\x01" "e" "tR"
                + u("List[int]") + "\x86R.",
            "[1]");

        // Corrupt pickles.
        row("unknown opcode", P2 + "\xff.", "error:unsupported pickle opcode 0xff at byte 2");
        row("no STOP", P2 + "K\x01", "error:the pickle ends without STOP");
        row("string past the end", P2 + "X\xff\xff\xff\x7f" "ab", "error:the pickle ends inside an opcode");
        row("BINUNICODE8 of 2^64-1 bytes", P2 + "\x8d" + le(~0ull, 8), "error:the pickle ends inside an opcode");
        row("GLOBAL without newline", P2 + "ccollections", "error:ends inside a GLOBAL name");
        row("stack underflow", P2 + "a.", "error:stack underflow");
        row("missing MARK", P2 + "t.", "error:expects a MARK");
        row("stack underflow past a MARK", P2 + "K\x01(\x85.", "error:stack underflow");
        row("memo miss", P2 + "h\x05.", "error:memo entry 5 is read before it is written");
        row("two objects at STOP", P2 + "K\x01K\x02.", "error:the pickle stops with 2 objects");
        row("open MARK at STOP", P2 + "(K\x01.", "error:open marks");
        row("APPEND to an int", P2 + "K\x01K\x02" "a.", "error:the target of APPEND is an int, expected a list");
        row("odd SETITEMS", P2 + "}(K\x01u.", "error:odd number");
        row("list as a dict key", P2 + "}]K\x01s.", "error:a dict key is a list");
        row("list that contains itself", P2 + "]q\x00h\x00" "a."s, "error:a list that contains itself");
        row("deeply nested lists", P2 + std::string(1000, ']') + std::string(999, 'a') + ".", "error:nested deeper than");
        row("deeply nested tuples", P2 + ")" + std::string(100000, '\x85') + ".", "error:nested deeper than");
        row("LONG1 of 9 bytes", P2 + "\x8a\x09" + le(0, 8) + "\x00."s, "error:wider than 64 bits");
        row("protocol 6", "\x80\x06N.", "error:pickle protocol 6");
        row("REDUCE on an int", P2 + "K\x01)R.", "error:the callable of REDUCE is an int, expected a global");
        row("REDUCE without a tuple", P2 + g("collections", "OrderedDict") + "NR.", "error:the arguments of REDUCE");
        row("OrderedDict with arguments", P2 + g("collections", "OrderedDict") + "K\x01\x85R.", "error:called with 1 arguments");
        row("BUILD on a list", P2 + "]}b.", "error:BUILD on a list");
        row("NEWOBJ of a function", P2 + g("torch._utils", "_rebuild_parameter") + ")\x81.", "error:NEWOBJ of");
        row("bare global", P2 + g("torch._utils", "_rebuild_tensor_v2") + ".", "error:a bare reference to torch._utils._rebuild_tensor_v2");
        row("_codecs.encode utf-8", P2 + g("_codecs", "encode") + u("a") + u("utf-8") + "\x86R.", "error:encoding");
        row("_codecs.encode above U+00FF", P2 + g("_codecs", "encode") + u("\xe2\x9c\x93") + u("latin1") + "\x86R.",
            "error:above U+00FF");
        // Refused globals (Core::Error, not "not readable").
        row("os.system", P2 + g("os", "system") + u("true") + "\x85R.", "error:test.pt: refuses to load: the file references os.system, which a state dict never needs");
        row("builtins.eval", P2 + g("builtins", "eval"), "error:refuses to load: the file references builtins.eval");
        row("posix.system via STACK_GLOBAL", "\x80\x04\x8c\x05posix\x8c\x06system\x93.", "error:references posix.system");
        row("torch.load", P2 + g("torch", "load"), "error:references torch.load");
        row("torch._utils._rebuild_qtensor", P2 + g("torch._utils", "_rebuild_qtensor"), "error:references torch._utils._rebuild_qtensor");
        row("non-printable name", P2 + g("o\x01s", "sys\x7ftem"), "error:references o?s.sys?tem");
        // Tensors that do not fit their storage.
        row("missing storage", P2 + tensor("K\x01\x85", "K\x01\x85", 4, "FloatStorage", "9") + ".",
            "error:the storage record 'data/9' is missing", four);
        row("storage size mismatch", P2 + tensor("K\x01\x85", "K\x01\x85", 5) + ".", "error:holds 16 bytes, but its id says 5 elements of 4 bytes", four);
        row("view past the storage", P2 + tensor("K\x05\x85", "K\x01\x85") + ".", "error:a tensor reaches element 4 of a storage of 4", four);
        row("offset past the storage", P2 + tensor("K\x01\x85", "K\x01\x85", 4, "FloatStorage", "0", "K\x04") + ".",
            "error:reaches element 4", four);
        row("overflowing stride", P2 + tensor("K\x02\x85", "\x8a\x08" + le(1ull << 62, 8) + "\x85") + ".", "error:a tensor reaches element", four);
        row("overflowing extent", P2 + tensor("K\x03\x85", "\x8a\x08" + le(1ull << 62, 8) + "\x85") + ".", "error:extent overflows", four);
        row("negative size", P2 + tensor("J" + le(uint64_t(-1), 4) + "\x85", "K\x01\x85") + ".", "error:negative size", four);
        row("negative offset", P2 + tensor("K\x01\x85", "K\x01\x85", 4, "FloatStorage", "0", "J" + le(uint64_t(-1), 4)) + ".",
            "error:negative storage offset", four);
        row("sizes and strides differ", P2 + tensor("K\x01K\x01\x86", "K\x01\x85") + ".", "error:2 sizes and 1 strides", four);
        row("one storage, two dtypes", P2 + tensor("K\x01\x85", "K\x01\x85") + tensor("K\x01\x85", "K\x01\x85", 4, "IntStorage") + "\x86.",
            "error:storage '0' is used with two dtypes", four);
        row("bool storage holding 2", P2 + tensor("K\x02\x85", "K\x01\x85", 2, "BoolStorage") + ".",
            "error:holds a byte other than 0 or 1", "\x01\x02"s);
        row("bool storage", P2 + tensor("K\x02\x85", "K\x01\x85", 2, "BoolStorage") + ".",
            "tensor<bool>[2]{1, 0}", "\x01"s "\x00"s);
        row("bare storage", P2 + "(" + u("storage") + g("torch", "FloatStorage") + u("0") + u("cpu") + "K\x04tQ.",
            "error:a bare storage", four);
        row("malformed persistent id", P2 + "(K\x01tQ.", "error:a persistent id is not");
        row("storage type that is not one", P2 + "(" + u("storage") + g("collections", "OrderedDict") + u("0") + u("cpu") + "K\x04tQ.",
            "error:collections.OrderedDict is not a storage type", four);
        row("_rebuild_tensor_v2 with 2 args", P2 + g("torch._utils", "_rebuild_tensor_v2") + "K\x01K\x02\x86R.",
            "error:called with 2 arguments");
        // Files that are not torch.save zips.
        raw("empty file", "", "error:test.pt: not a readable torch.save file (the file is empty)");
        raw("text", "hello", "error:not a zip archive");
        raw("zlib", "\x78\xda\x01\x02", "error:zlib-compressed");
        raw("zip header only", "PK\x03\x04", "error:test.pt: not a readable torch.save file (");
        raw("legacy magic", "\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19" "more",
            "error:test.pt: written in torch.save's legacy");
        raw("no data.pkl", [] {
            std::string out;
            caffe2::serialize::PyTorchStreamWriter w([&](const void *buf, size_t n) {
                out.append(static_cast<const char *>(buf), n);
                return n;
            });
            w.writeRecord("constants.pkl", "x", 1);
            w.writeEndOfFile();
            return out;
        }(), "error:the archive has no data.pkl");
    }
    void handcrafted()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, expected);
        const std::string r = outcome(sb(file));
        if (expected.startsWith("error:")) {
            QVERIFY2(r.rfind("error:test.pt: ", 0) == 0, r.c_str());
            QVERIFY2(QString::fromStdString(r).contains(expected.mid(6)), r.c_str());
        } else {
            QCOMPARE(QString::fromStdString(r), "ok:" + expected);
        }
    }

    void loadPickledDictErrors()
    {
        QTemporaryDir dir;
        const std::string list = dir.filePath("list.pt").toStdString();
        writeFileAtomic(list, torchZip(P2 + "]K\x01" "a."));
        try {
            loadPickledDict(list);
            QFAIL("a list was accepted as a dict");
        } catch (const Error &e) {
            QCOMPARE(QString(e.what()), QString::fromStdString(list + ": expected a dict of tensors, found GenericList"));
        }
        const std::string missing = dir.filePath("missing.pt").toStdString();
        try {
            loadPickledDict(missing);
            QFAIL("a missing file was accepted");
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(missing)), e.what());
        }
    }
};

GOLF_TEST_GUILESS_MAIN(tst_TorchFile)
#include "tst_torchfile.moc"
