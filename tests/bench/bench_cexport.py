# SPDX-License-Identifier: GPL-3.0-or-later
"""The C export's generation speed at baseline size (17M parameters) against a minimal fp32 C
reference in the llama2.c style (reference_fp32.c: plain loops over float arrays), one run,
ratios.

    /usr/bin/python3 tests/bench/bench_cexport.py --golf build/release/app/golf/golf \
        [--tokens 256] [--rounds 3] [--cc cc] [--out DIR]

A baseline-shaped model (9 x 512, 8 heads over 4 KV heads, vocabulary 1024) with random weights
(the Python peer's init, every tensor perturbed so none stays zero) is exported with golf export-c
three times: int8 per row, int5 MLP / int6 attention (the int5-mlp preset) and all fp32 (what the
reference reads). golfmodel is built by its Makefile (-O2 -march=native), the reference as llama2.c
builds its fastest one (-Ofast -march=native: fast math lets the compiler vectorize its plain dot
products), and each decodes greedily from token 1, one thread. Prints tokens/s (median of the rounds, the two sides
alternating), the ratio to the fp32 reference, the stripped binary's size (also built with -O2,
the portable build) and the memory `golfmodel info` reports.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "interop"))

RECIPES = {
    "int8 row": {"defaults": {"quant": "int8", "granularity": "row"}, "rules": [{"ndim": 1, "quant": "fp32"}]},
    "fp32": {"defaults": {"quant": "fp32"}, "rules": []},
}


def run(cmd, **kw):
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return p


def tokens_per_s(stderr):
    return float(re.search(r"([0-9.]+) tokens/s", stderr).group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--golf", required=True)
    ap.add_argument("--tokens", type=int, default=256)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--out", help="working folder (default: a new temporary one)")
    args = ap.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="golf-cexport-bench-")
    os.makedirs(out, exist_ok=True)

    import torch
    import golf_reference as ref
    torch.manual_seed(0)
    model = ref.GPT(ref.make_config())
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.02)
    ckpt = os.path.join(out, "baseline.pt")
    torch.save(model.state_dict(), ckpt)

    exports = {}
    for label in ("int8 row", "int5-mlp", "fp32"):
        recipe = label
        if label in RECIPES:
            recipe = os.path.join(out, label.replace(" ", "_") + ".json")
            json.dump({"format": "golf-recipe-v1", "name": label,
                       "container": {"format": "golf-mixed-v1", "codec": "zlib", "level": 1}, **RECIPES[label]},
                      open(recipe, "w"))
        d = os.path.join(out, label.replace(" ", "_"))
        run([args.golf, "export-c", ckpt, "--recipe", recipe, "--out", d])
        run(["make", "-s", "-C", d, f"CC={args.cc}"])
        exports[label] = d
    reference = os.path.join(out, "reference_fp32")
    run([args.cc, "-std=c99", "-Ofast", "-march=native", "-o", reference, os.path.join(HERE, "reference_fp32.c"), "-lm"])

    sides = {label: [os.path.join(d, "golfmodel"), "generate", os.path.join(d, "model.golfc"), "--prompt", "1",
                     "--tokens", str(args.tokens), "--temperature", "0"] for label, d in exports.items()}
    sides["fp32 reference (llama2.c style)"] = [reference, os.path.join(exports["fp32"], "model.golfc"), "1",
                                                str(args.tokens)]
    speeds = {side: [] for side in sides}
    outputs = {}
    for r in range(args.rounds):
        for side in (sides if r % 2 == 0 else reversed(list(sides))):
            p = run(sides[side])
            speeds[side].append(tokens_per_s(p.stderr))
            outputs[side] = p.stdout.split()

    sizes = {}
    portable = os.path.join(out, "golfmodel_O2")
    run([args.cc, "-std=c99", "-O2", "-o", portable, os.path.join(exports["fp32"], "golfmodel.c"), "-lm"])
    for name, binary in (("-O2 -march=native", os.path.join(exports["fp32"], "golfmodel")), ("-O2", portable)):
        stripped = binary + ".stripped"
        run(["strip", "-o", stripped, binary])
        sizes[name] = os.path.getsize(stripped)

    base = statistics.median(speeds["fp32 reference (llama2.c style)"])
    print(f"generation, baseline 9x512 (17.06M parameters), greedy from token 1, {args.tokens} tokens, one thread; "
          f"median of {args.rounds} rounds; runs in {out}\n")
    print("| program | weights | tokens/s | vs fp32 reference | weights in RAM | KV cache per token |")
    print("|---|---|---:|---:|---:|---:|")
    for side in sides:
        label = side if side in exports else "fp32"
        info = run([os.path.join(exports[label], "golfmodel"), "info", os.path.join(exports[label], "model.golfc")]).stdout
        ram = int(re.search(r"weights_in_ram_bytes: (\d+)", info).group(1))
        kv = int(re.search(r"kv_cache_bytes_per_token: (\d+)", info).group(1))
        program = "fp32 reference (llama2.c style)" if side not in exports else "golfmodel"
        tps = statistics.median(speeds[side])
        print(f"| {program} | {label} | {tps:,.1f} | {tps / base:.2f}x | {ram:,} | {kv:,} |")
    print("\nstripped golfmodel: " + ", ".join(f"{k} {v:,} bytes" for k, v in sizes.items()))
    same = outputs["fp32"] == outputs["fp32 reference (llama2.c style)"]
    print(f"greedy tokens of golfmodel (fp32 weights) and the reference agree: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
