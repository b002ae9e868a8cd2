# SPDX-License-Identifier: GPL-3.0-or-later
"""Quantizer benchmark: our fast path against its scalar reference and against Python PyTorch.

    /usr/bin/python3 tests/bench/bench_quantize.py --bench build/dev/tests/bench/bench_quantize

Runs bench_quantize (which times int6 per-row percentile and std quantization of the baseline
model, fast vs reference, and int8 per-row percentile fast), then times the official per-row
int8 quantizer (quantize_float_tensor of the baseline train_gpt.py, applied to every tensor) in
Python on tensors of the same shapes and dtypes, with the same thread count. Prints medians and
ratios. Not pass/fail.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reference_export import quantize_float_tensor  # noqa: E402  (same folder)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", required=True, help="path to the bench_quantize executable")
    p.add_argument("--threads", type=int, default=0, help="0: every core")
    p.add_argument("--repeats", type=int, default=5)
    args = p.parse_args()

    cmd = [args.bench, "--threads", str(args.threads), "--repeats", str(args.repeats)]
    print("$ " + " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    sys.stdout.write("\n".join(lines[:-1]) + "\n")
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"bench_quantize failed ({proc.returncode})")
    ours = json.loads(lines[-1])

    torch.set_num_threads(ours["threads"])
    g = torch.Generator().manual_seed(1)
    tensors = [(torch.randn(t["shape"], generator=g) * 0.02).to(getattr(torch, t["dtype"]))
               for t in ours["tensors"]]
    py_ms = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        for t in tensors:
            quantize_float_tensor(t)
        py_ms.append((time.perf_counter() - t0) * 1000.0)
    py = statistics.median(py_ms)
    mine = ours["int8_row_median_ms"]

    print()
    print(f"int8 row p99.99984, {len(tensors)} tensors, {ours['threads']} threads, "
          f"median of {args.repeats}:")
    print(f"  golf fast   {mine:8.1f} ms")
    print(f"  Python      {py:8.1f} ms   (torch {torch.__version__}, official quantize_float_tensor)")
    print(f"  python/ours {py / mine:8.2f}x")
    for s in ours["settings"]:
        print(f"{s['name']}: fast {s['fast_median_ms']:.1f} ms, reference {s['reference_median_ms']:.1f} ms, "
              f"reference/fast {s['reference_median_ms'] / s['fast_median_ms']:.1f}x, "
              f"{'identical' if s['identical'] else 'DIFFERENT'} bytes")


if __name__ == "__main__":
    main()
