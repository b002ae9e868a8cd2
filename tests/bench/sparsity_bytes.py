# SPDX-License-Identifier: GPL-3.0-or-later
"""What sparsity buys in compressed bytes, measured: magnitude pruning of the block matrices.

    python3 tests/bench/sparsity_bytes.py CHECKPOINT [--golf build/release/app/golf/golf]

For each sparsity s in 0, 0.1 .. 0.9 and each of int8 and int6 (per row, clip at the
99.99984th percentile) it writes a recipe that prunes the fraction s of smallest |w| in every
block matrix ("prune": "magnitude", per tensor, as the exporter does) and stores the rest of the
model as the int8-lzma preset does (golf-mixed-v1 + lzma 9), then asks
`golf quantize CHECKPOINT --recipe FILE --json` for the exact model bytes. Printed per point:
the model bytes, the bytes of the block matrices alone, the saving against the dense file of
the same bit width, the saving per point (1%) of sparsity, and two naive expectations for the
block matrices, both from the dense file's measured bits per weight b0:
  linear    (1 - s) * dense    (zeros are free)
  entropy   n * (h(s) + (1 - s) * b0) / 8, h the binary entropy: a zero costs the bits of
            saying where it is, a survivor its dense bits.
Magnitude pruning removes the smallest codes, which are the most frequent and so the cheapest
after entropy coding, so the measured saving is expected below both. Not pass/fail.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile

CONTROL = ("attn_scale|attn_scales|mlp_scale|mlp_scales|resid_mix|resid_mixes|q_gain|"
           "skip_weight|skip_weights")
BLOCK_MATRICES = r"^blocks\.\d+\.(attn|mlp)\.[a-z_]+\.weight$"


def recipe(bits, sparsity):
    block = {"match": BLOCK_MATRICES, "ndim": 2, "quant": "int%d" % bits, "granularity": "row",
             "clip": "percentile", "clip_value": 99.99984,
             "comment": "block matrices: every size, also those under 65,536 values"}
    if sparsity > 0:
        block.update({"prune": "magnitude", "sparsity": sparsity})
    return {
        "format": "golf-recipe-v1",
        "name": "int%d row, block matrices %.0f%% magnitude-pruned" % (bits, 100 * sparsity),
        "container": {"format": "golf-mixed-v1", "codec": "lzma", "level": 9},
        "defaults": {"quant": "int8", "granularity": "row", "clip": "percentile",
                     "clip_value": 99.99984},
        "rules": [
            {"max_numel": 65536, "quant": "fp16"},
            {"match": CONTROL, "max_numel": 65536, "quant": "fp32"},
            block,
        ],
    }


def quantize(golf, ckpt, doc, folder):
    path = os.path.join(folder, "recipe.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    out = subprocess.run([golf, "quantize", ckpt, "--recipe", path, "--json"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("golf quantize failed:\n" + out.stderr)
    return json.loads(out.stdout)["report"]


def binary_entropy(s):
    return 0.0 if s <= 0 or s >= 1 else -(s * math.log2(s) + (1 - s) * math.log2(1 - s))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("checkpoint")
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--golf", default=os.path.join(here, "../../build/release/app/golf/golf"))
    p.add_argument("--bits", default="8,6", help="bit widths of the block matrices")
    p.add_argument("--json", help="also write every point here")
    args = p.parse_args()

    points = []
    with tempfile.TemporaryDirectory() as tmp:
        for bits in [int(b) for b in args.bits.split(",")]:
            dense = None
            print("\nint%d per row, lzma 9 (golf-mixed-v1): block matrices pruned by magnitude"
                  % bits)
            print("%8s %12s %12s %11s %10s %13s %13s %9s" %
                  ("sparsity", "model bytes", "block bytes", "saved", "per point",
                   "linear guess", "entropy guess", "b/weight"))
            for i in range(10):
                s = i / 10
                r = quantize(args.golf, args.checkpoint, recipe(bits, s), tmp)
                blocks = [t for t in r["tensors"]
                          if re.match(BLOCK_MATRICES, t["name"])]
                n = sum(t["numel"] for t in blocks)
                block_bytes = sum(t["file_bytes"] for t in blocks)
                if dense is None:
                    dense = (r["model_bytes"], block_bytes, 8.0 * block_bytes / n)
                saved = dense[0] - r["model_bytes"]
                linear = (1 - s) * dense[1]
                entropy = n * (binary_entropy(s) + (1 - s) * dense[2]) / 8
                pt = {"bits": bits, "sparsity": s, "model_bytes": r["model_bytes"],
                      "block_bytes": block_bytes, "block_numel": n, "saved": saved,
                      "measured_sparsity": sum(t["sparsity"] * t["numel"] for t in blocks) / n,
                      "linear_guess": linear, "entropy_guess": entropy}
                points.append(pt)
                print("%8.1f %12d %12d %11d %10s %13.0f %13.0f %9.3f" %
                      (s, r["model_bytes"], block_bytes, saved,
                       "%.0f" % (saved / (100 * s)) if s > 0 else "-", linear, entropy,
                       8.0 * block_bytes / n))
    if args.json:
        with open(args.json + ".tmp", "w") as f:
            json.dump(points, f, indent=1)
        os.replace(args.json + ".tmp", args.json)


if __name__ == "__main__":
    main()
