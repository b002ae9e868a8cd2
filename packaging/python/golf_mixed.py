# SPDX-License-Identifier: GPL-3.0-or-later
"""Reader for golf-mixed-v1 files (Golf Studio's mixed-precision model container).

The byte layout is specified in core/pack/MIXED_FORMAT.md. This file is self-contained so a
train_gpt.py can embed it: it needs numpy; torch only for load_state_dict(); the zstandard
module only for files written with zstd.

    import golf_mixed
    entries = golf_mixed.read_mixed(open("model.gmix", "rb").read())
    # {name: {"shape", "dtype", "setting", "layout", "codes", "scales", "values"}}
    state_dict = golf_mixed.load_state_dict(data)   # {name: torch.Tensor}, original dtypes

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
"""

import lzma
import zlib

import numpy as np

MAGIC = b"GMIX"
VERSION = 1
CODECS = ("zlib", "zstd", "lzma")
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
        else:
            preset = level % 10 | (lzma.PRESET_EXTREME if level >= 10 else 0)
            d = lzma.LZMADecompressor(lzma.FORMAT_RAW,
                                      filters=[{"id": lzma.FILTER_LZMA2, "preset": preset}])
            out = d.decompress(data, raw_size + 1)
            done, rest = d.eof, d.unused_data
    except MixedFormatError:
        raise
    except Exception as e:  # zlib.error, lzma.LZMAError, zstandard.ZstdError
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
    if not {"zlib": 0 <= level <= 9, "zstd": 1 <= level <= 22, "lzma": 0 <= level <= 19}[codec]:
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
    import torch

    out = {}
    for name, item in read_mixed(data, what).items():
        # np.array, not np.ascontiguousarray: the latter turns 0-D arrays into 1-D ones.
        t = torch.from_numpy(np.array(dequantize(item), np.float32, order="C"))
        out[name] = t.to(getattr(torch, item["dtype"]))
    return out
