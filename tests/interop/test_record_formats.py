# SPDX-License-Identifier: GPL-3.0-or-later
"""The records' artifacts, written here from ../shared/reference/record-formats.md, read by golf.

A baseline-shaped GPT (golf_reference.py, trained-like random weights) is quantized the ways the
leaderboard's scripts store it, each writer written from the format notes (not copied):
  {"w","m"} int6 rows + int8 embedding + passthrough/passthrough_ctrl, zstd-22
  {"w","m"} "gptq (int6)"/"gptq (int7)" + LQER asym and sym + "passthrough (float16)", brotli, BSHF
  {"w","m"} with a gate_int8_row and a hashed-bigram table (not our architecture), brotli, BSHF
  {"w","m"} int5 rows, xz; {"w","m"} int8, zlib-9
  ternary entries (base-3, bitmask, fp4, fp8 e4m3 as torch >= 2.1 saves it, fp16), xz
  the PGRP per-group container (lrzip -z -L 9 groups, brotli remainder and permutations)
Then for each: `golf convert` gives exactly the Python dequantization (float32), `golf inspect
--json` sums to the file size, and truncated / corrupt / oversized variants fail with a clear
error naming the file (exit 1, no crash). `--seeds DIR` writes small versions for the fuzz corpus.

    test_record_formats.py --golf build/release/app/golf/golf --workdir DIR [--seeds DIR]
"""

import argparse
import collections
import io
import json
import lzma
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zipfile
import zlib

import brotli
import numpy as np
import torch
import zstandard

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import golf_reference as ref  # noqa: E402

ARGS = None
CONTROL = ("attn_scale", "mlp_scale", "resid_mix", "q_gain", "skip_weight")


# --- writers, from the format notes ----------------------------------------------------------

def save_bytes(obj):
    buf = io.BytesIO()
    torch.save(obj, buf)
    return buf.getvalue()


def shuffle(data, stride=2):
    """BSHF: magic, stride byte, then lanes src[0::s] ‖ src[1::s] ‖ ..."""
    arr = np.frombuffer(data, dtype=np.uint8)
    return b"BSHF" + bytes([stride]) + b"".join(arr[p::stride].tobytes() for p in range(stride))


def row_quant(w, qmax, floor=True):
    """Per-row symmetric codes: scale = rowmax / qmax (floored at 1/qmax), stored fp16."""
    w = w.float()
    scale = w.abs().amax(dim=1) / qmax
    if floor:
        scale = scale.clamp_min(1.0 / qmax)
    scale = scale.to(torch.float16)
    q = torch.clamp(torch.round(w / scale.float()[:, None]), -qmax, qmax).to(torch.int8)
    return q, scale


def std_quant(w, bits, k):
    """GPTQ-era scales: k * std(row) / (2^(b-1) - 1), codes clamped to +-qmax."""
    qmax = 2 ** (bits - 1) - 1
    w = w.float()
    scale = (k * w.std(dim=1) / qmax).clamp_min(1e-8).to(torch.float16)
    q = torch.clamp(torch.round(w / scale.float()[:, None]), -qmax, qmax).to(torch.int8)
    return q, scale


def is_control(name):
    return any(p in name for p in CONTROL)


def wm_basic(state, bits=6, label=lambda b: {"type": f"int{b}"}, small=4096, clamp=None):
    w, m = {}, {}
    for name, t in state.items():
        if not t.is_floating_point() or t.numel() <= small:
            if is_control(name):
                w[name], m[name] = t.float(), "passthrough_ctrl"
            else:
                w[name], m[name] = t.to(torch.float16), "passthrough"
            continue
        if name == "tok_emb.weight":
            q, s = row_quant(t, 127)
            w[name + ".q"], w[name + ".scale"], m[name] = q, s, {"type": "int8"}
            continue
        qmax = 2 ** (bits - 1) - 1
        q, s = row_quant(t, qmax)
        if clamp:
            q = q.clamp(*clamp)
        w[name + ".q"], w[name + ".scale"], m[name] = q, s, label(bits)
    return {"w": w, "m": m}


def lqer_factors(err, rank, asym):
    u, sv, vh = torch.linalg.svd(err, full_matrices=False)
    a = (u[:, :rank] * sv[:rank]).contiguous()
    b = vh[:rank, :].contiguous()
    if asym:
        sa = (a.abs().max() / 1.5).clamp_min(1e-8).to(torch.float16).reshape(1)
        qa = torch.clamp(torch.round(a / sa.float()), -2, 1).to(torch.int8)
        groups = b.reshape(-1, 64)
        sb = (groups.abs().amax(dim=1) / 7.5).clamp_min(1e-8).to(torch.float16)
        qb = torch.clamp(torch.round(groups / sb.float()[:, None]), -8, 7).to(torch.int8).reshape(b.shape)
        return qa, sa, qb, sb
    sa = (a.abs().amax(dim=1) / 7).clamp_min(1e-8).to(torch.float16)
    qa = torch.clamp(torch.round(a / sa.float()[:, None]), -7, 7).to(torch.int8)
    sb = (b.abs().amax(dim=1) / 7).clamp_min(1e-8).to(torch.float16)
    qb = torch.clamp(torch.round(b / sb.float()[:, None]), -7, 7).to(torch.int8)
    return qa, sa, qb, sb


def wm_gptq(state, extra=None):
    w, m, errs = {}, {}, []
    items = list(state.items()) + list((extra or {}).items())
    for name, t in items:
        if name.endswith(".attn_gate_w"):
            gs = (t.float().abs().amax(dim=1) / 127).clamp_min(1e-8).to(torch.float16)
            gq = torch.clamp(torch.round(t.float() / gs.float()[:, None]), -127, 127).to(torch.int8)
            w[name + ".gq"], w[name + ".gs"], m[name] = gq, gs, "gate_int8_row"
            continue
        if not t.is_floating_point() or t.numel() <= 4096:
            w[name], m[name] = t.to(torch.float16), "passthrough (float16)"
            continue
        bits, k = (7, 20.0) if "tok_emb" in name else (6, 12.85)
        q, s = std_quant(t, bits, k)
        w[name + ".q"], w[name + ".scale"], m[name] = q, s, f"gptq (int{bits})"
        errs.append((float((t.float() - q.float() * s.float()[:, None]).norm()), name))
    for i, (_, name) in enumerate(sorted(errs, reverse=True)[:3]):
        t = dict(items)[name].float()
        err = t - w[name + ".q"].float() * w[name + ".scale"].float()[:, None]
        asym = i < 2 and (4 * t.shape[1]) % 64 == 0
        qa, sa, qb, sb = lqer_factors(err, 4, asym)
        sfx = "_a" if asym else ""
        w[name + ".lqA" + sfx], w[name + ".lqAs" + sfx] = qa, sa
        w[name + ".lqB" + sfx], w[name + ".lqBs" + sfx] = qb, sb
        m[name] = m[name] + ("+lqer_asym" if asym else "+lqer")
    return {"w": w, "m": m}


def dequant_wm(obj):
    """The records' dequantization before the cast to the model's dtype (float32 model)."""
    w, m = obj["w"], obj["m"]
    out = {}
    for name, info in m.items():
        label = info if isinstance(info, str) else info["type"]
        if "passthrough" in label:
            t = w[name]
            out[name] = t.float() if t.dtype == torch.float16 else t
            continue
        if label == "gate_int8_row":
            out[name] = w[name + ".gq"].float() * w[name + ".gs"].float().view(-1, 1)
            continue
        q, s = w[name + ".q"], w[name + ".scale"]
        W = q.float() * s.float().view(q.shape[0], *[1] * (q.ndim - 1)) if s.ndim > 0 else q.float() * float(s.item())
        if "lqer_asym" in label:
            qa = w[name + ".lqA_a"].float() * float(w[name + ".lqAs_a"])
            qb_t, sb = w[name + ".lqB_a"], w[name + ".lqBs_a"]
            g = qb_t.numel() // sb.numel()
            qb = (qb_t.reshape(-1, g).float() * sb.float().view(-1, 1)).reshape(qb_t.shape)
            W = W + qa @ qb
        elif "lqer" in label:
            qa = w[name + ".lqA"].float() * w[name + ".lqAs"].float().view(-1, 1)
            qb = w[name + ".lqB"].float() * w[name + ".lqBs"].float().view(-1, 1)
            W = W + qa @ qb
        out[name] = W
    return out


# ternary entries --------------------------------------------------------------------------------

def pack_base3(q):
    f = (q.reshape(-1).to(torch.int16) + 1).numpy().astype(np.uint8)
    n = len(f)
    f = np.concatenate([f, np.zeros((5 - n % 5) % 5, dtype=np.uint8)]).reshape(-1, 5).astype(np.uint16)
    return bytes((f[:, 0] + 3 * f[:, 1] + 9 * f[:, 2] + 27 * f[:, 3] + 81 * f[:, 4]).astype(np.uint8)), n


def unpack_base3(data, n):
    v = np.frombuffer(data, dtype=np.uint8).astype(np.int16)
    digits = np.stack([(v // 3 ** i) % 3 for i in range(5)], axis=1).reshape(-1)
    return torch.from_numpy(digits[:n].astype(np.int8) - 1)


def pack_bitmask(q):
    f = q.reshape(-1).numpy()
    nz = f != 0
    return np.packbits(nz).tobytes() + np.packbits(f[nz] > 0).tobytes(), len(f)


def unpack_bitmask(data, n):
    ms = (n + 7) // 8
    nz = np.unpackbits(np.frombuffer(data[:ms], dtype=np.uint8))[:n].astype(bool)
    sg = np.unpackbits(np.frombuffer(data[ms:], dtype=np.uint8))[: int(nz.sum())].astype(bool)
    out = np.zeros(n, dtype=np.int8)
    out[nz] = np.where(sg, 1, -1)
    return torch.from_numpy(out)


def e4m3_encode(x):
    """Round-to-nearest e4m3fn codes of float32 values (sign, 4 exponent bits bias 7, 3 mantissa)."""
    table = np.array([e4m3_value(b) for b in range(256)], dtype=np.float64)
    finite = np.where(np.isnan(table), np.inf, table)
    x = x.reshape(-1).double().numpy()
    return torch.from_numpy(np.abs(finite[None, :] - x[:, None]).argmin(axis=1).astype(np.uint8))


def e4m3_value(b):
    s = -1.0 if b & 0x80 else 1.0
    e, mant = (b >> 3) & 0xF, b & 7
    if e == 0xF and mant == 7:
        return float("nan")
    return s * (mant / 8 * 2.0 ** -6 if e == 0 else (1 + mant / 8) * 2.0 ** (e - 7))


class Float8Tensor:
    """Pickles like a torch >= 2.1 float8_e4m3fn tensor: _rebuild_tensor_v3 on an untyped storage."""

    def __init__(self, codes):
        self.codes = codes.contiguous()

    def __reduce_ex__(self, proto):
        c = self.codes
        return (torch._utils._rebuild_tensor_v3,
                (c.storage()._storage, 0, tuple(c.shape), c.stride(), False, collections.OrderedDict(), FLOAT8))


class _Dtype:
    def __reduce__(self):
        return "float8_e4m3fn"


def _rebuild_tensor_v3(*args):
    raise RuntimeError("written for golf's reader only")


FLOAT8 = _Dtype()
FLOAT8.__module__ = "torch"
torch.float8_e4m3fn = FLOAT8  # lets pickle name the global torch.float8_e4m3fn
_rebuild_tensor_v3.__module__ = "torch._utils"
torch._utils._rebuild_tensor_v3 = _rebuild_tensor_v3


def ternary_entries(state):
    out, expect = {}, {}
    for i, (name, t) in enumerate(state.items()):
        t = t.float()
        if t.ndim == 2 and ".mlp." in name:
            gs = 64
            pad = (gs - t.shape[1] % gs) % gs
            tp = torch.nn.functional.pad(t, (0, pad))
            g = tp.reshape(-1, gs)
            scale = g.abs().mean(-1, keepdim=True).clamp(min=1e-8).half().float()
            q = (g / scale).round().clamp(-1, 1).to(torch.int8)
            kind = "ternary" if "fc" in name else "ternary_bitmask"
            packed, n = pack_base3(q) if kind == "ternary" else pack_bitmask(q)
            out[name] = {"type": kind, "packed": packed, "scale": scale.half().squeeze(-1), "shape": list(t.shape),
                         "padded_cols": tp.shape[1], "group_size": gs, "n_trits": n, "orig_shape": list(t.shape)}
            qq = (unpack_base3(packed, n) if kind == "ternary" else unpack_bitmask(packed, n)).float().reshape(-1, gs)
            sc = out[name]["scale"].float().unsqueeze(-1)
            deq = (qq * (sc / qq.abs().mean(-1, keepdim=True).clamp(min=1e-8))).reshape(-1, tp.shape[1])
            expect[name] = deq[: t.shape[0], : t.shape[1]].contiguous()
        elif t.ndim == 2 and "c_q" in name:
            absmax = t.abs().amax(dim=-1, keepdim=True).clamp(min=1e-8)
            scale = (absmax / 7.0)
            q = torch.clamp(torch.round(t / scale), -7, 7).to(torch.int8).reshape(-1)
            if q.numel() % 2:
                q = torch.nn.functional.pad(q, (0, 1))
            packed = ((q[0::2] + 8).to(torch.uint8) | ((q[1::2] + 8).to(torch.uint8) << 4))
            out[name] = {"type": "fp4", "packed": packed, "scale": scale.half().squeeze(-1), "shape": list(t.shape)}
            lo = (packed & 0xF).to(torch.int8) - 8
            hi = ((packed >> 4) & 0xF).to(torch.int8) - 8
            flat = torch.stack([lo, hi], dim=1).reshape(-1)[: t.numel()].float()
            expect[name] = flat.reshape(-1, t.shape[-1]) * out[name]["scale"].float().unsqueeze(-1)
        elif t.ndim == 2 and "c_k" in name:
            codes = e4m3_encode(t).reshape(t.shape)
            out[name] = {"type": "fp8", "data": Float8Tensor(codes)}
            table = torch.tensor([e4m3_value(b) for b in range(256)], dtype=torch.float32)
            expect[name] = table[codes.long()]
        else:
            out[name] = {"type": "fp16", "data": t.half()}
            expect[name] = t.half().float()
    return out, expect


# PGRP -------------------------------------------------------------------------------------------

GROUPS = ["_tok_emb.weight.q", "attn.c_k.weight.q", "attn.c_q.weight.q", "attn.c_v.weight.q",
          "attn.proj.weight.q", "mlp.fc.weight.q", "mlp.proj.weight.q"]
PERMUTED = {"_tok_emb.weight.q", "attn.c_q.weight.q", "mlp.fc.weight.q"}


def lrzip(data, tmp, label):
    src = os.path.join(tmp, label + ".bin")
    with open(src, "wb") as f:
        f.write(data)
    subprocess.run(["lrzip", "-z", "-L", "9", "-Q", "-f", "-o", src + ".lrz", src], check=True, capture_output=True)
    with open(src + ".lrz", "rb") as f:
        return f.read()


def pergroup(obj):
    groups, rest = collections.defaultdict(list), {}
    for name, t in obj["w"].items():
        parts = name.split(".")
        key = None
        if t.dtype == torch.int8:
            if parts[0] == "blocks" and parts[1].isdigit() and ".".join(parts[2:]) in GROUPS:
                key, idx = ".".join(parts[2:]), int(parts[1])
            elif "_" + name in GROUPS:
                key, idx = "_" + name, 0
        if key is None:
            rest[name] = t
        else:
            groups[key].append((idx, t))
    streams, perms, shapes = [], b"", {}
    with tempfile.TemporaryDirectory() as tmp:
        for key in GROUPS:
            if key not in groups:
                streams.append(b"")
                continue
            blob = b""
            shapes[key] = []
            for _, t in sorted(groups[key], key=lambda x: x[0]):
                arr = t.numpy()
                if key in PERMUTED:  # any permutation will do for the format: rows by their sum
                    order = np.argsort(arr.astype(np.int64).sum(axis=1), kind="stable").astype(np.uint16)
                    perms += order.astype("<u2").tobytes()
                    arr = arr[order]
                blob += np.ascontiguousarray(arr.T).tobytes()
                shapes[key].append(tuple(t.shape))
            streams.append(lrzip(blob, tmp, key.replace(".", "_")))
    streams.append(brotli.compress(save_bytes({"r": rest, "m": obj["m"], "s": shapes}), quality=11, lgwin=24))
    streams.append(brotli.compress(perms, quality=11) if perms else b"")
    return b"PGRP" + struct.pack("<I", len(streams)) + b"".join(struct.pack("<I", len(s)) for s in streams) + b"".join(streams)


# --- the test ------------------------------------------------------------------------------------

def golf(*args, env=None):
    return subprocess.run([ARGS.golf, *args], capture_output=True, text=True, env=env)


def model_state(dim=96, layers=2, vocab=320, seed=1234):
    torch.manual_seed(seed)
    cfg = ref.make_config(dict(num_layers=layers, model_dim=dim, num_heads=4, num_kv_heads=2, vocab_size=vocab))
    model = ref.GPT(cfg)
    with torch.no_grad():
        for _, p in model.named_parameters():
            if p.ndim == 2:
                p.copy_(torch.randn_like(p) * torch.rand(p.shape[0], 1) * 0.05)
            else:
                p.add_(torch.randn_like(p) * 0.01)
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def artifacts(state, bigram_rows=4096):
    """name -> (file bytes, expected float32 tensors, baseline architecture?)"""
    out = {}
    wm = wm_basic(state)
    out["wm_int6_zstd"] = (zstandard.ZstdCompressor(level=22).compress(save_bytes(wm)), dequant_wm(wm), True)
    g = wm_gptq(state)
    out["wm_gptq_lqer_brotli_bshf"] = (brotli.compress(shuffle(save_bytes(g)), quality=11, lgwin=24), dequant_wm(g), True)
    extra = {"blocks.0.attn.attn_gate_w": torch.randn(8, 96) * 0.1, "bigram.embed.weight": torch.randn(bigram_rows, 24) * 0.02}
    ge = wm_gptq(state, extra)
    out["wm_gate_bigram_brotli_bshf"] = (brotli.compress(shuffle(save_bytes(ge)), quality=9), dequant_wm(ge), False)
    w5 = wm_basic(state, bits=5, clamp=(-16, 15))
    out["wm_int5_xz"] = (lzma.compress(save_bytes(w5)), dequant_wm(w5), True)
    w8 = wm_basic(state, bits=8, label=lambda b: "int8")
    out["wm_int8_zlib"] = (zlib.compress(save_bytes(w8), 9), dequant_wm(w8), True)
    entries, expect = ternary_entries(state)
    out["ternary_xz"] = (lzma.compress(save_bytes(entries), preset=9), expect, True)
    if shutil.which("lrzip"):
        out["pergroup"] = (pergroup(g), dequant_wm(g), True)
    return out


class RecordFormats(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARGS.workdir, exist_ok=True)
        cls.files = {}
        for name, (data, expect, baseline) in artifacts(model_state()).items():
            path = os.path.join(ARGS.workdir, name + ".ptz")
            with open(path, "wb") as f:
                f.write(data)
            cls.files[name] = (path, expect, baseline)

    def test_pergroup_written(self):
        if not shutil.which("lrzip"):
            self.skipTest("lrzip is not installed (packaging/install-deps.sh installs it)")
        self.assertIn("pergroup", self.files)

    def test_convert_equals_python_dequantization(self):
        for name, (path, expect, baseline) in self.files.items():
            with self.subTest(format=name):
                out = os.path.join(ARGS.workdir, name + ".deq.pt")
                r = golf("convert", path, out)
                self.assertEqual(r.returncode, 0, r.stderr)
                if not baseline:
                    self.assertIn("not the baseline", r.stdout + r.stderr)
                ours = torch.load(out)
                self.assertEqual(set(ours), set(expect))
                for key, t in expect.items():
                    self.assertEqual(ours[key].dtype, torch.float32, key)
                    self.assertTrue(torch.equal(ours[key], t.float()), f"{name}: {key} differs")

    def test_inspect_sums_to_file_size(self):
        for name, (path, expect, _) in self.files.items():
            with self.subTest(format=name):
                r = golf("inspect", path, "--json")
                self.assertEqual(r.returncode, 0, r.stderr)
                rep = json.loads(r.stdout)
                size = os.path.getsize(path)
                self.assertEqual(rep["model_bytes"], size)
                self.assertEqual(rep["header_bytes"] + sum(t["file_bytes"] for t in rep["tensors"]), size)
                self.assertFalse(rep["exact_per_tensor"])
                self.assertEqual({t["name"] for t in rep["tensors"]}, set(expect))
                self.assertTrue(all(t["file_bytes"] >= 0 for t in rep["tensors"]))

    def test_eval_of_another_architecture_says_so(self):
        path = self.files["wm_gate_bigram_brotli_bshf"][0]
        r = golf("eval", path, "--val-files", "/nonexistent/val_*.bin", "--luts", "/nonexistent/luts.json")
        self.assertEqual(r.returncode, 1)
        self.assertIn("not the baseline", r.stderr)

    def test_damaged_files_fail_cleanly(self):
        for name, (path, _, _) in self.files.items():
            with open(path, "rb") as f:
                data = f.read()
            variants = {"truncated": data[: len(data) // 2], "corrupt": data[:40] + bytes(b ^ 0x5A for b in data[40:200]) + data[200:]}
            if name == "pergroup":
                variants["oversized"] = data[:8] + struct.pack("<I", 0x7FFFFFFF) + data[12:]
                # a group whose lrzip header declares 2^40 bytes
                first = struct.unpack("<I", data[8:12])[0]
                at = 8 + 4 * 9
                variants["bomb"] = data[:at + 6] + struct.pack("<Q", 1 << 40) + data[at + 14:] if first >= 14 else data
            else:
                variants["oversized"] = data + b"\0" * 64
            for kind, bad in variants.items():
                with self.subTest(format=name, damage=kind):
                    bad_path = os.path.join(ARGS.workdir, f"{name}.{kind}.ptz")
                    with open(bad_path, "wb") as f:
                        f.write(bad)
                    for cmd in (["inspect", bad_path], ["convert", bad_path, bad_path + ".pt"]):
                        r = golf(*cmd)
                        self.assertEqual(r.returncode, 1, f"{cmd}: {r.returncode} {r.stderr}")
                        self.assertIn(bad_path, r.stderr)

    def test_lrzip_missing_is_a_clear_error(self):
        if "pergroup" not in self.files:
            self.skipTest("no PGRP file (lrzip missing)")
        env = dict(os.environ, GOLF_LRZIP="/nonexistent/lrzip")
        r = golf("inspect", self.files["pergroup"][0], env=env)
        self.assertEqual(r.returncode, 1)
        self.assertIn("lrzip", r.stderr)
        self.assertIn("not installed", r.stderr)


def write_seeds(directory):
    os.makedirs(directory, exist_ok=True)
    for name, (data, _, _) in artifacts(model_state(dim=32, layers=1, vocab=64, seed=7), bigram_rows=64).items():
        with open(os.path.join(directory, "record_" + name + ".bin"), "wb") as f:
            f.write(data)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--golf")
    parser.add_argument("--workdir", default=tempfile.mkdtemp(prefix="golf-records-"))
    parser.add_argument("--seeds", help="write small artifacts for the fuzz corpus there and exit")
    ARGS, rest = parser.parse_known_args()
    if ARGS.seeds:
        write_seeds(ARGS.seeds)
        return 0
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
