# SPDX-License-Identifier: GPL-3.0-or-later
"""The Python path of the official export, timed on the same weights as bench_pack:
quantize_state_dict_int8 -> torch.save -> zlib 9 -> write, then read -> zlib.decompress ->
torch.load -> dequantize (PARAMETER_GOLF.md §5.1-5.2, written from the format facts).

    /usr/bin/python3 reference_export.py STATE_DICT.pt OUT.ptz ROUNDS

Prints one JSON line: {"impl": "python", "export_ms": [...], "reload_ms": [...], "bytes": N}.
"""

import io
import json
import sys
import time
import zlib

import torch

CONTROL = ("attn_scale", "attn_scales", "mlp_scale", "mlp_scales", "resid_mix", "resid_mixes",
           "q_gain", "skip_weight", "skip_weights")
KEEP_FLOAT_MAX_NUMEL = 65_536
CLIP_Q = 99.99984 / 100.0


def quantize_float_tensor(t):
    """quantize_float_tensor of train_gpt.py: per-row int8 for 2-D, one fp32 scale otherwise."""
    t32 = t.float()
    if t32.ndim == 2:
        clip = torch.quantile(t32.abs(), CLIP_Q, dim=1)
        clipped = torch.maximum(torch.minimum(t32, clip[:, None]), -clip[:, None])
        scale = (clip / 127.0).clamp_min(1.0 / 127.0)
        q = torch.clamp(torch.round(clipped / scale[:, None]), -127, 127).to(torch.int8).contiguous()
        return q, scale.to(torch.float16).contiguous()
    clip = float(torch.quantile(t32.abs().flatten(), CLIP_Q).item()) if t32.numel() else 0.0
    scale = torch.tensor(clip / 127.0 if clip > 0 else 1.0, dtype=torch.float32)
    q = torch.clamp(torch.round(torch.clamp(t32, -clip, clip) / scale), -127, 127).to(torch.int8)
    return q.contiguous(), scale


def quantize(sd):
    quantized, scales, dtypes, passthrough, orig, qmeta = {}, {}, {}, {}, {}, {}
    for name, t in sd.items():
        t = t.detach().cpu().contiguous()
        if not t.is_floating_point():
            passthrough[name] = t
            continue
        if t.numel() <= KEEP_FLOAT_MAX_NUMEL:
            if any(p in name for p in CONTROL):
                passthrough[name] = t.float().contiguous()
            elif t.dtype in (torch.float32, torch.bfloat16):
                orig[name] = str(t.dtype).removeprefix("torch.")
                passthrough[name] = t.to(torch.float16).contiguous()
            else:
                passthrough[name] = t
            continue
        q, scales[name] = quantize_float_tensor(t)
        if scales[name].ndim > 0:
            qmeta[name] = {"scheme": "per_row", "axis": 0}
        quantized[name] = q
        dtypes[name] = str(t.dtype).removeprefix("torch.")
    obj = {"__quant_format__": "int8_clean_per_row_v1", "quantized": quantized, "scales": scales,
           "dtypes": dtypes, "passthrough": passthrough}
    if qmeta:
        obj["qmeta"] = qmeta
    if orig:
        obj["passthrough_orig_dtypes"] = orig
    return obj


def dequantize(obj):
    out = {}
    for name, q in obj["quantized"].items():
        s = obj["scales"][name]
        dtype = getattr(torch, obj["dtypes"][name])
        if s.ndim > 0:
            out[name] = (q.float() * s.float().view(q.shape[0], *([1] * (q.ndim - 1)))).to(dtype)
        else:
            out[name] = (q.float() * float(s.item())).to(dtype)
    for name, t in obj["passthrough"].items():
        orig = obj.get("passthrough_orig_dtypes", {}).get(name)
        out[name] = t.to(getattr(torch, orig)) if orig else t
    return out


def main():
    src, out, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else torch.get_num_threads())
    sd = torch.load(src, map_location="cpu")
    export_ms, reload_ms, size = [], [], 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        buf = io.BytesIO()
        torch.save(quantize(sd), buf)
        blob = zlib.compress(buf.getvalue(), level=9)
        with open(out, "wb") as f:
            f.write(blob)
        export_ms.append((time.perf_counter() - t0) * 1000)
        size = len(blob)
        t0 = time.perf_counter()
        with open(out, "rb") as f:
            obj = torch.load(io.BytesIO(zlib.decompress(f.read())), map_location="cpu")
        dequantize(obj)
        reload_ms.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"impl": "python", "export_ms": export_ms, "reload_ms": reload_ms, "bytes": size}))


if __name__ == "__main__":
    main()
