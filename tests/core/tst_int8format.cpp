// SPDX-License-Identifier: GPL-3.0-or-later
// The official int8 export (quant/int8format_p.h) against the official Python code: a state dict
// covering every classification branch is quantized by both sides and compared bitwise, our .ptz
// is read back by Python's torch.load, Python's .ptz is dequantized here to Python's exact
// weights, and broken files fail with clear errors.

#include "errortext.h"
#include "tensorbits.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "quant/int8format_p.h"
#include "pack/zlibcodec.h"
#include "model/checkpoint_p.h"
#include "model/torchfile_p.h"
#include "testenv.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace Core;
using TestData::errorOf;

namespace {

// The official quantize/dequantize (baseline train_gpt.py, PARAMETER_GOLF.md §5.1-5.2) and the
// fixtures. "make DIR" writes the state dict, Python's object, its .ptz and its dequantization;
// "check OURS.ptz PY_OBJ.pt" loads our .ptz with torch.load and compares it exactly.
const char *kScript = R"PY(
import io, sys, zlib
import torch

CONTROL = ("attn_scale", "attn_scales", "mlp_scale", "mlp_scales", "resid_mix", "resid_mixes",
           "q_gain", "skip_weight", "skip_weights")
INT8_KEEP_FLOAT_MAX_NUMEL = 65_536
INT8_KEEP_FLOAT_STORE_DTYPE = torch.float16
INT8_PER_ROW_SCALE_DTYPE = torch.float16
INT8_CLIP_Q = 99.99984 / 100.0

def keep_float_tensor(name, t, orig):
    if any(p in name for p in CONTROL):
        return t.float().contiguous()
    if t.dtype in {torch.float32, torch.bfloat16}:
        orig[name] = str(t.dtype).removeprefix("torch.")
        return t.to(dtype=INT8_KEEP_FLOAT_STORE_DTYPE).contiguous()
    return t

def quantize_float_tensor(t):
    t32 = t.float()
    if t32.ndim == 2:
        clip_abs = torch.quantile(t32.abs(), INT8_CLIP_Q, dim=1)
        clipped = torch.maximum(torch.minimum(t32, clip_abs[:, None]), -clip_abs[:, None])
        scale = (clip_abs / 127.0).clamp_min(1.0 / 127.0)
        q = torch.clamp(torch.round(clipped / scale[:, None]), -127, 127).to(torch.int8).contiguous()
        return q, scale.to(dtype=INT8_PER_ROW_SCALE_DTYPE).contiguous()
    clip_abs = float(torch.quantile(t32.abs().flatten(), INT8_CLIP_Q).item()) if t32.numel() else 0.0
    scale = torch.tensor(clip_abs / 127.0 if clip_abs > 0 else 1.0, dtype=torch.float32)
    q = torch.clamp(torch.round(torch.clamp(t32, -clip_abs, clip_abs) / scale), -127, 127).to(torch.int8).contiguous()
    return q, scale

def quantize_state_dict_int8(sd):
    quantized, scales, dtypes, passthrough, orig, qmeta = {}, {}, {}, {}, {}, {}
    for name, tensor in sd.items():
        t = tensor.detach().to("cpu").contiguous()
        if not t.is_floating_point():
            passthrough[name] = t
            continue
        if t.numel() <= INT8_KEEP_FLOAT_MAX_NUMEL:
            passthrough[name] = keep_float_tensor(name, t, orig)
            continue
        q, s = quantize_float_tensor(t)
        if s.ndim > 0:
            qmeta[name] = {"scheme": "per_row", "axis": 0}
        quantized[name] = q
        scales[name] = s
        dtypes[name] = str(t.dtype).removeprefix("torch.")
    obj = {"__quant_format__": "int8_clean_per_row_v1", "quantized": quantized, "scales": scales,
           "dtypes": dtypes, "passthrough": passthrough}
    if qmeta:
        obj["qmeta"] = qmeta
    if orig:
        obj["passthrough_orig_dtypes"] = orig
    return obj

def dequantize_state_dict_int8(obj):
    out = {}
    qmeta = obj.get("qmeta", {})
    orig = obj.get("passthrough_orig_dtypes", {})
    for name, q in obj["quantized"].items():
        dtype = getattr(torch, obj["dtypes"][name])
        s = obj["scales"][name]
        if qmeta.get(name, {}).get("scheme") == "per_row" or s.ndim > 0:
            s = s.to(dtype=torch.float32)
            out[name] = (q.float() * s.view(q.shape[0], *([1] * (q.ndim - 1)))).to(dtype=dtype).contiguous()
        else:
            out[name] = (q.float() * float(s.item())).to(dtype=dtype).contiguous()
    for name, t in obj["passthrough"].items():
        out_t = t.detach().to("cpu").contiguous()
        o = orig.get(name)
        if isinstance(o, str):
            out_t = out_t.to(dtype=getattr(torch, o)).contiguous()
        out[name] = out_t
    return out

INT_VIEW = {torch.float32: torch.int32, torch.float16: torch.int16, torch.bfloat16: torch.int16,
            torch.float64: torch.int64}

def same(a, b, path):
    if type(a) is not type(b):
        return [f"{path}: type {type(a).__name__} vs {type(b).__name__}"]
    if isinstance(a, dict):
        if list(a.keys()) != list(b.keys()):
            return [f"{path}: keys {list(a.keys())} vs {list(b.keys())}"]
        return [m for k in a for m in same(a[k], b[k], f"{path}[{k!r}]")]
    if isinstance(a, torch.Tensor):
        if a.dtype != b.dtype or a.shape != b.shape:
            return [f"{path}: {a.dtype}{tuple(a.shape)} vs {b.dtype}{tuple(b.shape)}"]
        bits = lambda t: t.contiguous().reshape(-1).view(INT_VIEW.get(t.dtype, t.dtype))
        return [] if torch.equal(bits(a), bits(b)) else [f"{path}: values differ"]
    return [] if a == b else [f"{path}: {a!r} vs {b!r}"]

if sys.argv[1] == "make":
    out = sys.argv[2]
    g = torch.Generator().manual_seed(20260423)
    w = torch.randn(300, 256, generator=g) * 0.05      # 76,800 > 65,536: per row
    w[3, 7], w[100, 0], w[250, 255] = 40.0, -55.0, 1e4  # outliers, clipped by the quantile
    w[5] = 0.0                                          # all-zero row: scale floor 1/127
    w[6] *= 1e-4                                        # tiny row: also on the floor
    w[7] = torch.arange(256) % 8 - 3.5                  # clip 127, scale 1: exact halves,
    w[7, :2] = 127.0                                    # so rounding must be half to even
    sd = {
        "blocks.0.attn.c_q.weight": w,
        "tok_emb.weight": (torch.randn(520, 128, generator=g) * 0.02).to(torch.bfloat16),
        "blocks.0.conv.weight": torch.randn(17, 64, 61, generator=g),  # 3-D, 66,368: per tensor
        "blocks.0.attn_scale": torch.rand(256, generator=g),           # control: fp32 kept
        "blocks.1.resid_mix": torch.rand(2, 64, generator=g).to(torch.bfloat16),
        "final_norm.bias": torch.randn(64, generator=g),                 # fp32 -> fp16
        "blocks.0.small": torch.randn(8, 8, generator=g).to(torch.bfloat16),
        "blocks.0.half": torch.randn(16, generator=g).to(torch.float16), # kept as is
        "step": torch.arange(10, dtype=torch.int64) * 7 - 3,
    }
    sd["blocks.0.conv.weight"][1, 2, 3] = -300.0
    torch.save(sd, f"{out}/sd.pt")
    obj = quantize_state_dict_int8(sd)
    torch.save(obj, f"{out}/py_obj.pt")
    buf = io.BytesIO()
    torch.save(obj, buf)
    with open(f"{out}/py.ptz", "wb") as f:
        f.write(zlib.compress(buf.getvalue(), level=9))
    torch.save(dequantize_state_dict_int8(obj), f"{out}/py_deq.pt")
else:
    with open(sys.argv[2], "rb") as f:
        ours = torch.load(io.BytesIO(zlib.decompress(f.read())), map_location="cpu")
    ours = {k: (dict(v) if isinstance(v, dict) else v) for k, v in ours.items()}
    theirs = torch.load(sys.argv[3], map_location="cpu")
    diffs = same(theirs, ours, "obj")
    # Python's dequantizer must accept our object and give the weights Python's object gives.
    diffs += same(dequantize_state_dict_int8(theirs), dequantize_state_dict_int8(ours), "deq")
    print("\n".join(diffs))
    sys.exit(1 if diffs else 0)
)PY";

std::string describe(const c10::IValue &v)
{
    if (v.isTensor())
        return dtypeName(v.toTensor().scalar_type()) + c10::str(v.toTensor().sizes());
    return v.tagKind();
}

// Exact structural equality: same keys in the same order, same strings and ints, tensors with
// the same dtype, shape and bytes. Returns the first difference, or "" when equal.
std::string diff(const c10::IValue &a, const c10::IValue &b, const std::string &path)
{
    if (a.isGenericDict() && b.isGenericDict()) {
        const auto da = a.toGenericDict(), db = b.toGenericDict();
        if (da.size() != db.size())
            return path + ": " + std::to_string(da.size()) + " vs " + std::to_string(db.size()) + " entries";
        auto ia = da.begin();
        auto ib = db.begin();
        for (; ia != da.end(); ++ia, ++ib) {
            if (!(ia->key() == ib->key()))
                return path + ": key " + c10::str(ia->key()) + " vs " + c10::str(ib->key());
            const std::string d = diff(ia->value(), ib->value(), path + "[" + c10::str(ia->key()) + "]");
            if (!d.empty())
                return d;
        }
        return {};
    }
    if (a.isTensor() && b.isTensor()) {
        const torch::Tensor ta = a.toTensor().contiguous(), tb = b.toTensor().contiguous();
        if (ta.scalar_type() != tb.scalar_type() || ta.sizes() != tb.sizes())
            return path + ": " + describe(a) + " vs " + describe(b);
        if (!TestData::sameBits(ta, tb))
            return path + ": values differ";
        return {};
    }
    if (a.isString() && b.isString())
        return a.toStringRef() == b.toStringRef() ? "" : path + ": '" + a.toStringRef() + "' vs '" + b.toStringRef() + "'";
    if (a.isInt() && b.isInt())
        return a.toInt() == b.toInt() ? "" : path + ": ints differ";
    return path + ": " + describe(a) + " vs " + describe(b);
}

c10::IValue asDict(const NamedTensors &tensors)
{
    c10::impl::GenericDict d(c10::StringType::get(), c10::TensorType::get());
    for (const auto &[name, t] : tensors)
        d.insert(name, t);
    return d;
}

} // namespace

class tst_Int8Format : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_skip;

    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }

    // Runs the script; returns its exit code and puts stdout+stderr in `output`.
    int python(const QStringList &args, QString &output)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(GOLF_PYTHON, QStringList{"-c", kScript} + args);
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit) {
            output = "python did not finish: " + QString::fromLocal8Bit(p.readAll());
            return -1;
        }
        output = QString::fromLocal8Bit(p.readAll());
        return p.exitCode();
    }

    // Our object with one edit, written as a .ptz the way writeInt8Ptz writes one.
    template<typename Edit>
    std::string editedPtz(const char *name, Edit &&edit)
    {
        c10::impl::GenericDict obj = quantizeInt8Official(loadStateDict(path("sd.pt"))).copy();
        edit(obj);
        const std::vector<char> raw = torch::pickle_save(c10::IValue(obj));
        writeFileAtomic(path(name), zlibCompress(std::string_view(raw.data(), raw.size()), 9));
        return path(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess probe;
        probe.start(GOLF_PYTHON, {"-c", "import torch"});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit
            || probe.exitCode() != 0) {
            m_skip = QString("no Python with torch at %1 (set GOLF_PYTHON)").arg(GOLF_PYTHON);
            return;
        }
        QString output;
        QVERIFY2(python({"make", m_dir.path()}, output) == 0, qPrintable(output));
    }

    void quantizeMatchesPython()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        const c10::impl::GenericDict ours = quantizeInt8Official(loadStateDict(path("sd.pt")));
        const c10::IValue theirs = loadTorchFile(path("py_obj.pt"));
        const std::string d = diff(theirs, ours, "obj");
        QVERIFY2(d.empty(), d.c_str());
        // Every branch was exercised: both qmeta and passthrough_orig_dtypes are present.
        QCOMPARE(int(ours.size()), 7);
        QCOMPARE(int(ours.at("qmeta").toGenericDict().size()), 2);
        QCOMPARE(int(ours.at("quantized").toGenericDict().size()), 3);
    }

    void ourPtzLoadsInPython()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        writeInt8Ptz(path("ours.ptz"), loadStateDict(path("sd.pt")));
        QString output;
        QVERIFY2(python({"check", m_dir.filePath("ours.ptz"), m_dir.filePath("py_obj.pt")}, output) == 0,
                 qPrintable(output));
        // And it reads back here to the same weights as Python's file.
        const std::string d = diff(asDict(readInt8Ptz(path("py.ptz"))),
                                   asDict(readInt8Ptz(path("ours.ptz"))), "deq");
        QVERIFY2(d.empty(), d.c_str());
    }

    void pythonPtzDequantizesExactly()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        const NamedTensors ours = readInt8Ptz(path("py.ptz"));
        const NamedTensors theirs = loadStateDict(path("py_deq.pt"));
        const std::string d = diff(asDict(theirs), asDict(ours), "deq");
        QVERIFY2(d.empty(), d.c_str());
        QCOMPARE(ours.size(), size_t(9));
    }

    void zlibRoundTrip()
    {
        for (const std::string &input : {std::string(), std::string("golf"), std::string(300000, 'x')}) {
            QCOMPARE(zlibDecompress(zlibCompress(input, 9), "t"), input);
            QCOMPARE(zlibDecompress(zlibCompress(input, 1), "t"), input);
        }
        // A zlib bomb stops at the cap (the inflated size was unbounded; found writing tests/fuzz).
        const std::string bomb = zlibCompress(std::string(size_t(8) << 20, '\0'), 9);
        QCOMPARE(zlibDecompress(bomb, "t", size_t(8) << 20).size(), size_t(8) << 20); // exactly at the cap
        for (size_t cap : {size_t(1) << 20, (size_t(8) << 20) - 1}) {
            try {
                zlibDecompress(bomb, "bomb.ptz", cap);
                QFAIL("a stream past the cap was inflated");
            } catch (const Error &e) {
                QVERIFY2(QString(e.what()).startsWith("bomb.ptz: the zlib stream inflates to more than "
                                                      + QString::number(cap) + " bytes"), e.what());
            }
        }
    }

    void errors()
    {
        if (!m_skip.isEmpty())
            GOLF_SKIP_ENV(m_skip);
        const std::string good = readFile(path("py.ptz"));
        writeFileAtomic(path("cut.ptz"), good.substr(0, good.size() / 2));
        QString e = errorOf([&] { readInt8Ptz(path("cut.ptz")); });
        QVERIFY2(e.contains("cut.ptz") && e.contains("truncated zlib stream"), qPrintable(e));

        writeFileAtomic(path("plain.ptz"), "PK\x03\x04 this is not a zlib stream at all");
        e = errorOf([&] { readInt8Ptz(path("plain.ptz")); });
        QVERIFY2(e.contains("plain.ptz") && e.contains("not a valid zlib stream"), qPrintable(e));

        const std::string wrong = editedPtz("wrong.ptz", [](c10::impl::GenericDict &o) {
            o.insert_or_assign("__quant_format__", std::string("int6_mixed_v2"));
        });
        e = errorOf([&] { readInt8Ptz(wrong); });
        QVERIFY2(e.contains("wrong.ptz") && e.contains("unsupported __quant_format__ 'int6_mixed_v2'"),
                 qPrintable(e));

        const std::string untagged = editedPtz("untagged.ptz", [](c10::impl::GenericDict &o) {
            QVERIFY(o.erase("__quant_format__") == 1);
        });
        e = errorOf([&] { readInt8Ptz(untagged); });
        QVERIFY2(e.contains("no \"__quant_format__\" entry"), qPrintable(e));

        const std::string noScales = editedPtz("noscales.ptz", [](c10::impl::GenericDict &o) {
            QVERIFY(o.erase("scales") == 1);
        });
        e = errorOf([&] { readInt8Ptz(noScales); });
        QVERIFY2(e.contains("noscales.ptz") && e.contains("no \"scales\" entry"), qPrintable(e));

        const std::string badShape = editedPtz("badshape.ptz", [](c10::impl::GenericDict &o) {
            auto scales = o.at("scales").toGenericDict();
            scales.insert_or_assign("tok_emb.weight", torch::ones({3}, torch::kFloat16));
        });
        e = errorOf([&] { readInt8Ptz(badShape); });
        QVERIFY2(e.contains("per-row scale of 'tok_emb.weight' has shape [3]"), qPrintable(e));

        const std::string noDtype = editedPtz("nodtype.ptz", [](c10::impl::GenericDict &o) {
            QVERIFY(o.at("dtypes").toGenericDict().erase("blocks.0.conv.weight") == 1);
        });
        e = errorOf([&] { readInt8Ptz(noDtype); });
        QVERIFY2(e.contains("\"dtypes\" has no entry for 'blocks.0.conv.weight'"), qPrintable(e));
    }
};

GOLF_TEST_GUILESS_MAIN(tst_Int8Format)
#include "tst_int8format.moc"
