# SPDX-License-Identifier: GPL-3.0-or-later
"""Reader and writer of golf-mixed-v1 files (Golf Studio's mixed-precision model container).

The byte layout is specified in core/pack/MIXED_FORMAT.md. This file is self-contained so a
train_gpt.py can embed it: it needs numpy; torch for load_state_dict() and the writer; the
zstandard module only for zstd files.

    import golf_mixed
    entries = golf_mixed.read_mixed(open("model.gmix", "rb").read())
    # {name: {"shape", "dtype", "setting", "layout", "codes", "scales", "values"}}
    state_dict = golf_mixed.load_state_dict(data)   # {name: torch.Tensor}, original dtypes
    data = golf_mixed.write_mixed(state_dict, table, hessians)   # the C++ writer's bytes

Per tensor, read_mixed gives:
    shape    tuple of ints
    dtype    the original dtype name ("float32", "bfloat16", ...); dequantization returns it
    setting  the quantization setting in its canonical JSON form (the keys of QuantSetting::toJson:
             quant, granularity, group_size, clip, clip_value, scale_dtype, prune, sparsity, nm,
             row_block; only those that apply)
    layout   "row" or "column": the order the main stream was stored in (informational)
    codes    int8 array of `shape` (integer, binary and ternary schemes), else None
    scales   1-D array of the scale values in scale-group order (float16 or float32; bfloat16
             scales are widened to float32, exactly), else None
    values   array of `shape` (float schemes) in the stored float type (bfloat16 widened to
             float32, exactly), else None
Dequantization is code * scale in float32 per scale group, then a cast to the original dtype.

Every malformed input raises MixedFormatError (a ValueError) with a message saying what is wrong.

The writer (write_mixed, quantize_tensor; GPTQ with calibration_batches and collect_hessians)
takes the settings table `golf quantize --table-out` writes (MIXED_FORMAT.md §8) and repeats the
C++ quantizer (core/quant/quantizer.cpp, prune.cpp, gptq.cpp) op for op on the same libtorch
kernels, so on CPU its file equals the C++ file byte for byte. GPTQ tensors may differ in
floating-point order only (figures in MIXED_FORMAT.md §8).
"""

import lzma
import math
import os
import struct
import zlib

import numpy as np

try:  # the reader works without torch; load_state_dict and the writer need it
    import torch
except ImportError:
    torch = None

MAGIC = b"GMIX"
VERSION = 1
CODECS = ("zlib", "zstd", "lzma", "brotli")
DTYPES = ("float32", "float16", "bfloat16", "float64")
FLOAT_TYPES = ("float32", "float16", "bfloat16")
FLOAT_SHORT = ("fp32", "fp16", "bf16")
MAX_DIMS = 16
MAX_NUMEL = 1 << 48


class MixedFormatError(ValueError):
    pass


def _fail(what, message):
    raise MixedFormatError(f"{what}: {message}")


# ---- primitives -------------------------------------------------------------------------------

class _Reader:
    def __init__(self, data, what):
        self.data, self.what, self.pos = data, what, 0

    def left(self):
        return len(self.data) - self.pos

    def bytes(self, n, field):
        if n > self.left():
            _fail(self.what, f"truncated (the data ends inside {field})")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def byte(self, field):
        return self.bytes(1, field)[0]

    def varint(self, field):
        value = 0
        for shift in range(0, 63, 7):
            b = self.byte(field)
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
        _fail(self.what, f"{field} is not a valid varint (longer than 9 bytes)")

    def f64(self, field):
        return float(np.frombuffer(self.bytes(8, field), "<f8")[0])


def _decompress(data, codec, level, raw_size, what):
    """A stream back to its raw bytes; a stream as long as its raw size is stored as is."""
    data = bytes(data)
    if len(data) == raw_size:
        return data
    try:
        if codec == "zlib":
            d = zlib.decompressobj(-15)
            out = d.decompress(data, raw_size + 1)
            done, rest = d.eof, d.unused_data + d.unconsumed_tail
        elif codec == "zstd":
            import zstandard  # only files written with zstd need it
            d = zstandard.ZstdDecompressor(format=zstandard.FORMAT_ZSTD1_MAGICLESS).decompressobj()
            out = d.decompress(data)
            done, rest = d.eof, d.unused_data
        elif codec == "brotli":
            import brotli  # only files written with brotli need it
            d = brotli.Decompressor()
            out = d.process(data)
            done, rest = d.is_finished(), b""
        else:
            preset = level % 10 | (lzma.PRESET_EXTREME if level >= 10 else 0)
            d = lzma.LZMADecompressor(lzma.FORMAT_RAW,
                                      filters=[{"id": lzma.FILTER_LZMA2, "preset": preset}])
            out = d.decompress(data, raw_size + 1)
            done, rest = d.eof, d.unused_data
    except MixedFormatError:
        raise
    except Exception as e:  # zlib.error, lzma.LZMAError, zstandard.ZstdError, brotli.error
        _fail(what, f"corrupt {codec} stream ({e})")
    if len(out) > raw_size:
        _fail(what, f"{codec} stream holds more than the recorded {raw_size} bytes")
    if not done:
        _fail(what, f"truncated {codec} stream (ends before its end marker)")
    if rest:
        _fail(what, f"{codec} stream ends {len(rest)} bytes before the recorded stream size")
    if len(out) != raw_size:
        _fail(what, f"{codec} stream decompresses to {len(out)} bytes, the header records {raw_size}")
    return out


def _unshuffle(raw, width):
    """Inverse of the byte shuffle: all first bytes, then all second bytes, ..."""
    return np.frombuffer(raw, np.uint8).reshape(width, -1).T.tobytes()


def _floats(raw, float_type):
    if float_type == "float32":
        return np.frombuffer(raw, "<f4").copy()
    if float_type == "float16":
        return np.frombuffer(raw, "<f2").copy()
    # bfloat16 is the top half of a float32: widening is exact.
    return (np.frombuffer(raw, "<u2").astype(np.uint32) << 16).view(np.float32)


def _codes_per_byte(levels):
    k = 1
    while levels ** (k + 1) <= 256:
        k += 1
    return k


def _unpack_codes(raw, n, setting, what):
    binary = setting["quant"] == "binary"
    qmax = 1 if setting["quant"] in ("binary", "ternary") else 2 ** (int(setting["quant"][3:]) - 1) - 1
    levels = 2 if binary else 2 * qmax + 1
    k = _codes_per_byte(levels)
    b = np.frombuffer(raw, np.uint8).astype(np.int32)
    if len(b) != (n + k - 1) // k:
        _fail(what, "code stream has the wrong size")
    limits = np.full(len(b), levels ** k, np.int32)
    if len(b) and n % k:
        limits[-1] = levels ** (n % k)  # padding digits of the last byte must be 0
    bad = np.nonzero(b >= limits)[0]
    if len(bad):
        j = int(bad[0])
        _fail(what, f"code byte {j} ({int(b[j])}) is outside the range of {levels}-level codes")
    digits = np.empty((len(b), k), np.int32)
    for i in range(k):
        digits[:, i] = b % levels
        b = b // levels
    d = digits.reshape(-1)[:n]
    return (2 * d - 1 if binary else d - qmax).astype(np.int8)


# ---- header -----------------------------------------------------------------------------------

def _read_setting(r, what):
    quant_byte = r.byte("quant")
    column = bool(quant_byte & 0x80)
    q = quant_byte & 0x7F
    if 2 <= q <= 8:
        quant = f"int{q}"
    elif q == 1:
        quant = "binary"
    elif q == 9:
        quant = "ternary"
    elif 16 <= q < 19:
        quant = FLOAT_SHORT[q - 16]
    else:
        _fail(what, f"unknown quantization code {q}")
    is_float = q >= 16
    flags = r.byte("flags")
    gran, clip, scale, prune = flags & 3, flags >> 2 & 3, flags >> 4 & 3, flags >> 6 & 3
    if is_float and (gran or clip or scale):
        _fail(what, "a float tensor has scale flags set")
    if not quant.startswith("int") and clip:
        _fail(what, "clipping is set for a non-integer scheme")
    if gran == 3 or clip == 3 or scale == 3:
        _fail(what, "unknown granularity, clip or scale type code")
    s = {"quant": quant}
    if not is_float:
        s["granularity"] = ("tensor", "row", "group")[gran]
        if gran == 2:
            s["group_size"] = r.varint("group size")
            if not 1 <= s["group_size"] < 2 ** 31:
                _fail(what, "group size out of range")
        if quant.startswith("int"):
            s["clip"] = ("none", "percentile", "std")[clip]
            if clip:
                s["clip_value"] = r.f64("clip value")
        s["scale_dtype"] = FLOAT_TYPES[scale]
    s["prune"] = ("none", "magnitude", "nm", "rows")[prune]
    if prune in (1, 3):
        s["sparsity"] = r.f64("sparsity")
    if prune == 2:
        n, m = r.byte("N:M"), r.byte("N:M")
        if not 1 <= n < m <= 64:
            _fail(what, f"N:M pruning needs 1 <= N < M <= 64, got {n}:{m}")
        s["nm"] = f"{n}:{m}"
    if prune == 3:
        s["row_block"] = r.varint("row block")
        if not 1 <= s["row_block"] < 2 ** 31:
            _fail(what, "row_block out of range")
    return s, column


def _geometry(shape, setting):
    """(numel, rows, cols, scale count) as quantsetting.h defines them."""
    numel = int(np.prod(shape, dtype=np.int64)) if shape else 1
    rows = shape[0] if len(shape) >= 2 else 1
    cols = numel // rows if rows > 0 else 0
    g = setting.get("granularity")
    scales = 0 if g is None else 1 if g == "tensor" else rows if g == "row" else \
        rows * ((cols + setting["group_size"] - 1) // setting["group_size"])
    return numel, rows, cols, scales


def _raw_sizes(shape, setting):
    numel, _, _, scales = _geometry(shape, setting)
    q = setting["quant"]
    if q in FLOAT_SHORT:
        return numel * (4 if q == "fp32" else 2), 0
    levels = 2 if q == "binary" else 3 if q == "ternary" else 2 ** int(q[3:]) - 1
    k = _codes_per_byte(levels)
    return (numel + k - 1) // k, scales * (4 if setting["scale_dtype"] == "float32" else 2)


def _parse(data, what):
    """Header entries and the byte offset of the first stream; checks sizes and the CRC."""
    data = memoryview(bytes(data))
    if bytes(data[:4]) != MAGIC[:min(len(data), 4)]:
        _fail(what, 'not a golf-mixed-v1 file (wrong magic; expected "GMIX")')
    if len(data) < 5:
        _fail(what, f"truncated ({len(data)} bytes, ends in the prefix)")
    if data[4] != VERSION:
        _fail(what, f"unsupported golf-mixed version {data[4]} (this reader reads version {VERSION})")
    if len(data) < 10:
        _fail(what, f"truncated ({len(data)} bytes, ends in the prefix)")
    if data[9] >> 5 >= len(CODECS):
        _fail(what, f"unknown codec code {data[9] >> 5}")
    codec, level = CODECS[data[9] >> 5], data[9] & 31
    if not {"zlib": 0 <= level <= 9, "zstd": 1 <= level <= 22, "lzma": 0 <= level <= 19,
            "brotli": 0 <= level <= 11}[codec]:
        _fail(what, f"{codec} level {level} out of range")
    r = _Reader(data, what)
    r.pos = 10
    table_raw, table_stored = r.varint("header size"), r.varint("header size")
    if table_raw > 1 << 30 or table_stored > table_raw:
        _fail(what, "implausible header size")
    table = _decompress(r.bytes(table_stored, "the header"), codec, level, table_raw, what + ": header")
    header_bytes = r.pos

    t = _Reader(memoryview(table), what + ": header")
    count = t.varint("tensor count")
    if count > len(table) // 6:
        _fail(what, f"header claims {count} tensors")
    entries, seen, prev, total = [], set(), b"", 0
    for _ in range(count):
        shared, rest = t.varint("tensor name"), t.varint("tensor name")
        if shared > len(prev):
            _fail(what, "header entry shares more of its name than the previous name has")
        name_bytes = prev[:shared] + bytes(t.bytes(rest, "tensor name"))
        prev = name_bytes
        try:
            name = name_bytes.decode("utf-8")
        except UnicodeDecodeError:
            _fail(what, "a tensor name is not UTF-8")
        tw = f"{what}: tensor '{name}'"
        if not name or name in seen:
            _fail(what, f"empty or repeated tensor name '{name}'")
        seen.add(name)
        code = t.byte("dtype")
        if code == 255:
            dtype = bytes(t.bytes(t.varint("dtype length"), "dtype")).decode("utf-8")
        elif code < len(DTYPES):
            dtype = DTYPES[code]
        else:
            _fail(tw, f"unknown dtype code {code}")
        ndim = t.varint("shape")
        if ndim > MAX_DIMS:
            _fail(tw, f"{ndim} dimensions")
        shape = tuple(t.varint("shape") for _ in range(ndim))
        if any(d > MAX_NUMEL for d in shape) or np.prod([float(d) for d in shape]) > MAX_NUMEL:
            _fail(tw, "shape has more than 2^48 elements")
        setting, column = _read_setting(t, tw)
        main = t.varint("stream size")
        scale = 0 if setting["quant"] in FLOAT_SHORT else t.varint("stream size")
        main_raw, scale_raw = _raw_sizes(shape, setting)
        _, rows, cols, _ = _geometry(shape, setting)
        if column and not (rows >= 2 and cols >= 2):
            _fail(tw, "column-major order recorded for a tensor without two dimensions of size >= 2")
        if main > main_raw or scale > scale_raw:
            _fail(tw, "a stream is larger than its raw size")
        total += main + scale
        entries.append(dict(name=name, dtype=dtype, shape=shape, setting=setting, column=column,
                            main=main, main_raw=main_raw, scale=scale, scale_raw=scale_raw))
    if t.left():
        _fail(what, f"{t.left()} unexpected bytes at the end of the header")
    have = len(data) - header_bytes
    if have < total:
        _fail(what, f"truncated (the header records {total} stream bytes, {have} follow it)")
    if have > total:
        _fail(what, f"{have - total} trailing bytes after the last stream")
    if int.from_bytes(data[5:9], "little") != zlib.crc32(data[9:]):
        _fail(what, "checksum mismatch (the file is corrupt)")
    return codec, level, header_bytes, entries, data


# ---- public API -------------------------------------------------------------------------------

def mixed_layout(data, what="golf-mixed-v1"):
    """Header bytes and per-tensor stream bytes; they sum to len(data)."""
    codec, level, header_bytes, entries, _ = _parse(data, what)
    return {"codec": codec, "level": level, "header_bytes": header_bytes,
            "streams": {e["name"]: e["main"] + e["scale"] for e in entries}}


def read_mixed(data, what="golf-mixed-v1"):
    """{name: {"shape", "dtype", "setting", "layout", "codes", "scales", "values"}}, file order."""
    codec, level, pos, entries, data = _parse(data, what)
    out = {}
    for e in entries:
        tw = f"{what}: tensor '{e['name']}'"
        s, shape = e["setting"], e["shape"]
        numel, rows, cols, _ = _geometry(shape, s)
        main = _decompress(data[pos:pos + e["main"]], codec, level, e["main_raw"], tw)
        pos += e["main"]
        item = {"shape": shape, "dtype": e["dtype"], "setting": s,
                "layout": "column" if e["column"] else "row",
                "codes": None, "scales": None, "values": None}
        if s["quant"] in FLOAT_SHORT:
            ftype = FLOAT_TYPES[FLOAT_SHORT.index(s["quant"])]
            width = 4 if ftype == "float32" else 2
            v = _floats(_unshuffle(main, width), ftype)
            if e["column"]:
                v = v.reshape(cols, rows).T
            item["values"] = np.ascontiguousarray(v).reshape(shape)
        else:
            c = _unpack_codes(main, numel, s, tw + " codes")
            if e["column"]:
                c = c.reshape(cols, rows).T
            item["codes"] = np.ascontiguousarray(c).reshape(shape)
            raw = _decompress(data[pos:pos + e["scale"]], codec, level, e["scale_raw"], tw + " scales")
            pos += e["scale"]
            width = 4 if s["scale_dtype"] == "float32" else 2
            item["scales"] = _floats(_unshuffle(raw, width), s["scale_dtype"])
        out[e["name"]] = item
    return out


def dequantize(item):
    """float32 numpy array of the item's shape: code * scale per scale group, or the values."""
    if item["values"] is not None:
        return item["values"].astype(np.float32)
    s, shape = item["setting"], item["shape"]
    numel, rows, cols, _ = _geometry(shape, s)
    codes = item["codes"].reshape(rows, cols).astype(np.float32)
    scales = item["scales"].astype(np.float32)
    if s["granularity"] == "tensor":
        per_value = np.broadcast_to(scales[0], (rows, cols))
    elif s["granularity"] == "row":
        per_value = np.broadcast_to(scales[:, None], (rows, cols))
    else:
        g = s["group_size"]
        per_value = np.repeat(scales.reshape(rows, -1), g, axis=1)[:, :cols]
    return (codes * per_value).reshape(shape)


def load_state_dict(data, what="golf-mixed-v1"):
    """{name: torch.Tensor} in the original dtypes, ready for model.load_state_dict()."""
    out = {}
    for name, item in read_mixed(data, what).items():
        # np.array, not np.ascontiguousarray: the latter turns 0-D arrays into 1-D ones.
        t = torch.from_numpy(np.array(dequantize(item), np.float32, order="C"))
        out[name] = t.to(getattr(torch, item["dtype"]))
    return out


# ---- writer (mirrors core/quant/quantizer.cpp, prune.cpp, gptq.cpp and core/pack) -------------

PRUNES = ("none", "magnitude", "nm", "rows")
LZMA_DICT = (1 << 18, 1 << 20, 1 << 21, 1 << 22, 1 << 22, 1 << 23, 1 << 23, 1 << 24, 1 << 25, 1 << 26)
MAX_FINITE = {"float32": 3.4028234663852886e38, "float16": 65504.0,
              "bfloat16": 3.3895313892515355e38}


def _qmax(s):
    q = s["quant"]
    return 0 if q in FLOAT_SHORT else 1 if q in ("binary", "ternary") else 2 ** (int(q[3:]) - 1) - 1


def _tbytes(t):
    """Little-endian bytes of a CPU tensor."""
    return t.contiguous().view(-1).view(torch.uint8).numpy().tobytes()


def _layout(shape, s):
    """(rows, cols, groups per row, group length): quantcommon.cpp's ScaleLayout."""
    numel, rows, cols, _ = _geometry(shape, s)
    if s["granularity"] == "tensor":
        return 1, numel, 1, numel
    if s["granularity"] == "row" or cols <= s["group_size"]:
        return rows, cols, int(s["granularity"] == "row" or cols > 0), cols
    return rows, cols, -(-cols // s["group_size"]), s["group_size"]


def _group_view(w, lay, pad):
    rows, cols, per_row, glen = lay
    x = w.reshape(rows, cols)
    if per_row * glen > cols:
        x = torch.constant_pad_nd(x, (0, per_row * glen - cols), pad)
    return x.reshape(rows * per_row, glen)


def _counts(lay):
    rows, cols, per_row, glen = lay
    c = torch.full((rows, per_row), glen, dtype=torch.int64)
    if per_row * glen > cols:
        c[:, per_row - 1] = min(glen, cols - (per_row - 1) * glen)
    return c.view(-1)


def _seqsum(x):
    """Per-group sums added left to right (cumsum), as the C++ paths add."""
    return x.cumsum(1).select(1, x.size(1) - 1)


def _basis(g, lay, s):
    """Per-group clip (int) or mean |w| (binary, ternary), float64."""
    counts = _counts(lay).double()
    if not s["quant"].startswith("int"):
        return _seqsum(g.abs().double()) / counts
    pad = lay[2] * lay[3] > lay[1]
    outside = torch.arange(lay[3]).unsqueeze(0) >= _counts(lay).unsqueeze(1) if pad else None
    if s["clip"] == "none":
        return g.abs().amax(1).double()
    if s["clip"] == "percentile":
        mag = g.abs()
        if pad:
            mag.masked_fill_(outside, -1.0)
        pos = (counts - 1.0) * (s["clip_value"] / 100.0)
        lo = pos.floor()
        frac = pos - lo
        top_lo = (counts - 1.0 - lo).long()
        top_hi = (counts - 1.0 - pos.ceil()).long()
        k = int(top_lo.max()) + 1
        top = mag.topk(k, 1, True, True)[0] if k <= lay[3] // 8 else mag.sort(1, True)[0]
        a = top.gather(1, top_lo.unsqueeze(1)).squeeze(1).double()
        b = top.gather(1, top_hi.unsqueeze(1)).squeeze(1).double()
        return a + (b - a) * frac
    x = g.double()
    dev2 = (x - (_seqsum(x) / counts).unsqueeze(1)).square()
    if pad:
        dev2.masked_fill_(outside, 0.0)
    return (_seqsum(dev2) / counts).sqrt() * s["clip_value"]


def _store_scales(basis, s):
    """(stored scales in scale_dtype, their float32 values); a zero scale becomes 1 but binary's."""
    st = s["scale_dtype"]
    stored = (basis / float(_qmax(s))).clamp_max(MAX_FINITE[st]).float().to(getattr(torch, st))
    if s["quant"] != "binary":
        stored.masked_fill_(stored == 0, 1.0)
    return stored.contiguous(), stored.float()


def _quant_scales(w, s):
    """The scales of the float32 matrix `w` (quantizer.cpp quantScales)."""
    lay = _layout(tuple(w.shape), s)
    if w.numel() == 0:
        return _store_scales(torch.zeros(lay[0] * lay[2], dtype=torch.float64), s)
    return _store_scales(_basis(_group_view(w.reshape(-1), lay, 0.0), lay, s), s)


def _prune(w32, s):
    """prune.cpp: zeroes (+0) what the setting prunes; ties go to the lower index."""
    mode = s.get("prune", "none")
    if mode == "none":
        return w32
    w = w32.reshape(-1).clone()
    n = w.numel()
    rows = w32.shape[0] if w32.dim() >= 2 else 1
    cols = n // rows if rows else 0
    if mode == "magnitude" and int(math.floor(s["sparsity"] * n)):
        order = w.abs().sort(dim=0, stable=True)[1]
        w.index_fill_(0, order[:int(math.floor(s["sparsity"] * n))], 0.0)
    elif mode == "nm" and cols:
        keep_n, m = (int(v) for v in s["nm"].split(":"))
        runs = -(-cols // m)
        mag = torch.constant_pad_nd(w.view(rows, cols).abs(), (0, runs * m - cols), -1.0)
        order = mag.view(rows * runs, m).sort(dim=1, descending=True, stable=True)[1]
        keep = torch.zeros(rows * runs, m, dtype=torch.bool).scatter_(1, order[:, :keep_n], True)
        w.view(rows, cols).masked_fill_(~keep.view(rows, runs * m)[:, :cols], 0.0)
    elif mode == "rows" and n:
        rb = s["row_block"]
        blocks = -(-rows // rb)
        k = int(math.floor(s["sparsity"] * blocks))
        if k:
            blen = rb * cols
            sq = torch.constant_pad_nd(w.double().square(), (0, blocks * blen - n), 0.0)
            order = sq.view(blocks, blen).cumsum(1)[:, blen - 1].sort(dim=0, stable=True)[1]
            gone = torch.zeros(blocks, dtype=torch.bool).index_fill_(0, order[:k], True)
            w.view(rows, cols).masked_fill_(gone.repeat_interleave(rb)[:rows].unsqueeze(1), 0.0)
    return w.view(w32.shape)


def _gptq(name, w32, s, hessian, block_size, dampening):
    """gptq.cpp: blocked GPTQ in float64 with lazy updates; codes and scales as rtn stores them."""
    if w32.dim() != 2:
        _fail(name, f"gptq needs a 2-D weight, got {w32.dim()}-D")
    R, C = w32.shape
    H = hessian.detach().cpu().double().clone()
    if tuple(H.shape) != (C, C) or not torch.isfinite(H).all():
        _fail(name, f"the Hessian must be a finite [{C}, {C}] matrix, got {list(H.shape)}")
    pruned = _prune(w32, s).contiguous()
    if w32.numel() == 0:
        return None, _tbytes(_quant_scales(pruned, s)[0])
    keep = pruned != 0 if s.get("prune", "none") != "none" else None
    _, _, per_row, glen = _layout((R, C), s)
    groups = s["granularity"] == "group" and per_row > 1
    glen = glen if groups else C
    if groups:
        stored = torch.empty(R, per_row, dtype=getattr(torch, s["scale_dtype"]))
        scale = torch.empty(R, per_row, dtype=torch.float32)
    else:
        stored, scale = _quant_scales(pruned, s)
        scale = scale.view(-1, 1)
    per_row_setting = dict(s, granularity="row")
    qmax, binary = _qmax(s), s["quant"] == "binary"
    codes = torch.empty(R, C, dtype=torch.float32)

    def round_column(w, j):
        wf = w.float()
        sc = scale.select(1, j // glen if groups else 0)
        c = torch.where(wf >= 0, 1.0, -1.0).float() if binary else torch.round(wf / sc).clamp_(-qmax, qmax)
        if keep is not None:
            c.masked_fill_(keep.select(1, j).logical_not(), 0.0)
        codes.select(1, j).copy_(c)
        return (c * sc).double()

    diag = H.diagonal()
    diag.masked_fill_(diag == 0, 1.0)
    diag.add_(dampening * diag.mean().item())
    L, info = torch.linalg.cholesky_ex(H)
    if info.item() != 0:
        _fail(name, "the calibration Hessian is not positive definite even after dampening")
    U = torch.linalg.cholesky(torch.cholesky_inverse(L), upper=True)
    W = pruned.double()
    i1 = 0
    while i1 < C:
        i2 = min(C, i1 + block_size)
        if groups and i2 < C and (i2 // glen) * glen > i1:
            i2 = (i2 // glen) * glen
        n = i2 - i1
        W1 = W[:, i1:i2].clone()
        Err1 = torch.empty(R, n, dtype=torch.float64)
        U1 = U[i1:i2, i1:i2]
        for i in range(n):
            j = i1 + i
            if groups and j % glen == 0:
                g = j // glen
                length = min(glen, C - g * glen)
                gw = (W1[:, i:i + length] if j + length <= i2 else W[:, j:j + length]).float()
                if keep is not None:
                    gw.masked_fill_(keep[:, j:j + length].logical_not(), 0.0)
                gs, gv = _quant_scales(gw.contiguous(), per_row_setting)
                stored.select(1, g).copy_(gs)
                scale.select(1, g).copy_(gv)
            w = W1.select(1, i)
            err = (w - round_column(w, j)) / U1[i][i].item()
            if i + 1 < n:
                W1[:, i + 1:].sub_(torch.outer(err, U1[i][i + 1:]))
            Err1.select(1, i).copy_(err)
        if i2 < C:
            W[:, i2:].sub_(Err1.mm(U[i1:i2, i2:]))
        i1 = i2
    return codes.to(torch.int8).view(-1).numpy(), _tbytes(stored)


def quantize_tensor(name, tensor, setting, hessian=None, block_size=128, dampening=0.01):
    """One tensor as the C++ quantizer stores it: {"shape", "dtype", "setting", "codes" (int8
    numpy, row-major) or None, "scales" (bytes) or None, "values" (bytes) or None}. Settings
    with "method": "gptq" need `hessian` [in, in]."""
    if not torch.is_tensor(tensor) or not tensor.is_floating_point():
        _fail(name, "can only quantize float tensors")
    w32 = tensor.detach().cpu().float().contiguous()
    if not torch.isfinite(w32).all():
        _fail(name, "has values that are not finite in float32 (NaN, inf or out of range)")
    s = setting
    if s["quant"] == "binary" and s.get("prune", "none") != "none":
        _fail(name, "binary codes can't represent pruned zeros; use ternary")
    out = {"shape": tuple(tensor.shape), "dtype": str(tensor.dtype)[6:], "setting": s,
           "codes": None, "scales": None, "values": None}
    if s["quant"] in FLOAT_SHORT:
        v = _prune(w32, s).to(getattr(torch, FLOAT_TYPES[FLOAT_SHORT.index(s["quant"])]))
        if torch.isinf(v).any():
            _fail(name, f"values overflow {s['quant']}")
        out["values"] = _tbytes(v)
        return out
    if s.get("method") == "gptq":
        if hessian is None:
            _fail(name, "gptq needs a calibration Hessian and none was given")
        out["codes"], out["scales"] = _gptq(name, w32, s, hessian, block_size, dampening)
        if out["codes"] is None:
            out["codes"] = np.zeros(0, np.int8)
        return out
    w = _prune(w32, s).contiguous().view(-1)
    lay = _layout(out["shape"], s)
    if w.numel() == 0:
        out["codes"] = np.zeros(0, np.int8)
        out["scales"] = _tbytes(_store_scales(torch.zeros(lay[0] * lay[2], dtype=torch.float64), s)[0])
        return out
    g = _group_view(w, lay, 0.0)
    stored, scale = _store_scales(_basis(g, lay, s), s)
    qmax = _qmax(s)
    codes = torch.where(g >= 0, 1, -1) if s["quant"] == "binary" else \
        torch.round(g / scale.unsqueeze(1)).clamp_(-qmax, qmax)
    rows, cols, per_row, glen = lay
    codes = codes.reshape(rows, per_row * glen)[:, :cols].reshape(-1)
    out["codes"] = codes.to(torch.int8).numpy()
    out["scales"] = _tbytes(stored)
    return out


def _compress(raw, codec, level):
    """codec.cpp's options; a stream is stored when compression does not shrink it (zlib level 0
    never does, so Python's different stored-block split there never reaches a file)."""
    if not raw:
        return raw
    if codec == "zlib":
        c = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
        packed = c.compress(raw) + c.flush()
    elif codec == "zstd":
        import zstandard
        p = zstandard.ZstdCompressionParameters(
            compression_level=level, format=zstandard.FORMAT_ZSTD1_MAGICLESS,
            write_content_size=0, write_checksum=0, write_dict_id=0, threads=0)
        packed = zstandard.ZstdCompressor(compression_params=p).compress(raw)
    elif codec == "brotli":
        import brotli
        lgwin = 10  # the smallest window that holds the stream, as codec.cpp chooses it
        while lgwin < 24 and (1 << lgwin) - 16 < len(raw):
            lgwin += 1
        packed = brotli.compress(raw, mode=brotli.MODE_GENERIC, quality=level, lgwin=lgwin)
    else:
        f = {"id": lzma.FILTER_LZMA2, "preset": level % 10 | (lzma.PRESET_EXTREME if level >= 10 else 0),
             "lc": 0, "lp": 0, "pb": 0, "dict_size": min(LZMA_DICT[level % 10], max(4096, len(raw)))}
        packed = lzma.compress(raw, lzma.FORMAT_RAW, filters=[f])
    return packed if len(packed) < len(raw) else raw


def _varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append(v & 0x7F | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def _pack_codes(codes, s):
    """Base-L digits, k per byte, first code least significant (MIXED_FORMAT.md §3)."""
    binary = s["quant"] == "binary"
    qmax = _qmax(s)
    levels = 2 if binary else 2 * qmax + 1
    k = _codes_per_byte(levels)
    d = codes.astype(np.int64)
    d = (d + 1) // 2 if binary else d + qmax
    d = np.concatenate([d, np.zeros(-len(d) % k, np.int64)]).reshape(-1, k)
    return (d @ levels ** np.arange(k, dtype=np.int64)).astype(np.uint8).tobytes()


def _shuffle(raw, width):
    return np.frombuffer(raw, np.uint8).reshape(-1, width).T.tobytes()


def _candidates(q):
    """The raw main stream row-major, and column-major where that differs; raw scale stream."""
    s, shape = q["setting"], q["shape"]
    numel, rows, cols, _ = _geometry(shape, s)
    column = rows >= 2 and cols >= 2
    if q["values"] is not None:
        width = 4 if s["quant"] == "fp32" else 2
        v = np.frombuffer(q["values"], np.uint8).reshape(numel, width)
        mains = [v] + ([v.reshape(rows, cols, width).transpose(1, 0, 2).reshape(-1, width)] if column else [])
        return [m.T.tobytes() for m in mains], None
    c = q["codes"]
    mains = [c] + ([c.reshape(rows, cols).T.ravel()] if column else [])
    width = 4 if s["scale_dtype"] == "float32" else 2
    return [_pack_codes(m, s) for m in mains], _shuffle(q["scales"], width)


def _entry_body(q, column, main, scale):
    """mixedformat.cpp writeEntryBody: everything of a header entry after the name."""
    s = q["setting"]
    out = bytearray()
    if q["dtype"] in DTYPES:
        out.append(DTYPES.index(q["dtype"]))
    else:
        out += b"\xff" + _varint(len(q["dtype"].encode())) + q["dtype"].encode()
    out += _varint(len(q["shape"])) + b"".join(_varint(d) for d in q["shape"])
    quant = s["quant"]
    code = 16 + FLOAT_SHORT.index(quant) if quant in FLOAT_SHORT else \
        1 if quant == "binary" else 9 if quant == "ternary" else int(quant[3:])
    out.append(code | (0x80 if column else 0))
    gran = clip = scale_type = 0
    if quant not in FLOAT_SHORT:
        gran = ("tensor", "row", "group").index(s["granularity"])
        scale_type = FLOAT_TYPES.index(s["scale_dtype"])
        if quant.startswith("int"):
            clip = ("none", "percentile", "std").index(s["clip"])
    prune = PRUNES.index(s.get("prune", "none"))
    out.append(gran | clip << 2 | scale_type << 4 | prune << 6)
    if gran == 2:
        out += _varint(s["group_size"])
    if clip:
        out += struct.pack("<d", s["clip_value"])
    if prune in (1, 3):
        out += struct.pack("<d", s["sparsity"])
    if prune == 2:
        out += bytes(int(v) for v in s["nm"].split(":"))
    if prune == 3:
        out += _varint(s["row_block"])
    out += _varint(main)
    if quant not in FLOAT_SHORT:
        out += _varint(scale)
    return bytes(out)


def write_mixed(state_dict, table, hessians=None):
    """The golf-mixed-v1 file of `state_dict` under a settings table (MIXED_FORMAT.md §8), in the
    table's order; `hessians` maps gptq weight names to H [in, in]."""
    if table.get("format") != "golf-settings-v1":
        _fail("write_mixed", f"not a golf-settings-v1 table (format {table.get('format')!r})")
    codec, level = table["codec"], table["level"]
    if codec not in CODECS:
        _fail("write_mixed", f"unknown codec {codec!r}")
    names = [t["name"] for t in table["tensors"]]
    for n in names:
        if n not in state_dict:
            _fail(f"tensor '{n}'", "the settings table lists it but the state dict has no such tensor")
    for n in state_dict:
        if n not in names:
            _fail(f"tensor '{n}'", "the state dict has it but the settings table does not list it")
    gptq = table.get("gptq") or {}
    quantized = []
    for t in table["tensors"]:
        name, s = t["name"], t["setting"]
        h = None
        if s.get("method") == "gptq" and s["quant"] not in FLOAT_SHORT:
            h = (hessians or {}).get(name)
            if h is None:
                _fail(f"tensor '{name}'", "gptq needs a calibration Hessian and none was given")
        quantized.append(quantize_tensor(name, state_dict[name], s, h, gptq.get("block_size", 128),
                                         gptq.get("dampening", 0.01)))
    return _assemble(names, quantized, codec, level)


def _assemble(names, quantized, codec, level):
    """The file of quantize_tensor results, in order (mixedformat.cpp encodeTensor, assembleMixed)."""
    from concurrent.futures import ThreadPoolExecutor
    # Every candidate stream compresses in a pool: the codecs release the GIL.
    raws = [_candidates(q) for q in quantized]
    jobs = [r for mains, scales in raws for r in mains + ([scales] if scales is not None else [])]
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        packed = iter(list(pool.map(lambda r: _compress(r, codec, level), jobs)))
    table, streams, prev = bytearray(_varint(len(names))), [], b""
    for name, q, (mains, scales) in zip(names, quantized, raws):
        main = [next(packed) for _ in mains]
        column = len(main) > 1 and len(main[1]) < len(main[0])  # ties: row-major
        main = main[column]
        scale = next(packed) if scales is not None else b""
        nb = name.encode()
        shared = 0
        while shared < min(len(nb), len(prev)) and nb[shared] == prev[shared]:
            shared += 1
        table += _varint(shared) + _varint(len(nb) - shared) + nb[shared:]
        table += _entry_body(q, column, len(main), len(scale))
        streams += [main, scale]
        prev = nb
    table = bytes(table)
    stored = _compress(table, codec, level)
    body = bytes([CODECS.index(codec) << 5 | level]) + _varint(len(table)) + \
        _varint(len(stored)) + stored + b"".join(streams)
    return MAGIC + bytes([VERSION]) + struct.pack("<I", zlib.crc32(body)) + body


# ---- GPTQ calibration (mirrors core/quant/calibration.cpp) ------------------------------------

def _shard_count(path):
    h = np.fromfile(path, "<i4", count=256)
    if len(h) < 256 or h[0] != 20240520 or h[1] != 1:
        _fail(path, "not a token shard (magic 20240520, version 1)")
    return int(h[2])


def calibration_batches(train_glob, tokens, seq_len, batch_tokens=16384, offset=0, device="cpu"):
    """(x, y) int64 [nb, seq_len] batches over the training shards matching `train_glob`
    (sorted, read as one circular stream, validation shards refused): tokens // seq_len sequences
    from `offset`, batch_tokens // seq_len (at least 1) per batch; y is x shifted by one token."""
    import glob
    if seq_len <= 0 or tokens < seq_len or offset < 0:
        _fail("calibration", f"needs at least one sequence: {tokens} tokens of length {seq_len}")
    paths = sorted(glob.glob(train_glob))
    if not paths:
        _fail("calibration", f"no token shards match {train_glob}")
    for p in paths:
        if "_val_" in os.path.basename(p):
            _fail(p, "a validation shard; calibration reads training shards only")
    counts = [_shard_count(p) for p in paths]
    sequences, per = tokens // seq_len, max(1, batch_tokens // seq_len)
    need, pos, i, parts = sequences * seq_len + 1, offset % sum(counts), 0, []
    while pos >= counts[i]:
        pos, i = pos - counts[i], i + 1
    while need > 0:
        k = min(need, counts[i] - pos)
        parts.append(np.fromfile(paths[i], "<u2", count=k, offset=1024 + 2 * pos))
        need, pos, i = need - k, 0, (i + 1) % len(paths)
    span = torch.from_numpy(np.concatenate(parts).astype(np.int64))
    for s in range(0, sequences, per):
        nb = min(per, sequences - s)
        a, b = s * seq_len, (s + nb) * seq_len
        yield span[a:b].view(nb, seq_len).to(device), span[a + 1:b + 1].view(nb, seq_len).to(device)


def collect_hessians(model, weight_names, batches):
    """{weight name: H = (2/n) sum x x^T (float64 [in, in], CPU)} over the inputs the module
    owning each weight sees while model(x, y) runs (eval, no grad) on `batches`; a module called
    several times sums every call. Linears fed the same tensor (c_q, c_k, c_v) share the work."""
    modules = dict(model.named_modules())
    sums, last, handles = {}, [None, None], []

    def hook(key):
        def run(module, inputs, output):
            x = inputs[0].detach()
            if last[0] is not x:  # per batch X^T X in float32, summed in float64
                x2 = x.reshape(-1, x.size(-1)).float()
                last[:] = [x, (x2.t().mm(x2).double().cpu(), x2.size(0))]
            xtx, n = last[1]
            s, rows = sums.get(key, (None, 0))
            sums[key] = (xtx.clone() if s is None else s + xtx, rows + n)
        return run

    for name in weight_names:
        owner = name.rsplit(".", 1)[0]
        if owner not in modules:
            _fail(name, "no module of the model owns this weight")
        handles.append(modules[owner].register_forward_hook(hook(owner)))
    training = model.training
    model.eval()
    try:
        with torch.no_grad():
            for x, y in batches:
                model(x, y)
    finally:
        model.train(training)
        for h in handles:
            h.remove()
    out = {}
    for name in weight_names:
        s, rows = sums.get(name.rsplit(".", 1)[0], (None, 0))
        if not rows:
            _fail(name, "calibration saw no input")
        out[name] = s * (2.0 / rows)
    return out
