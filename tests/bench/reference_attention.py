# SPDX-License-Identifier: GPL-3.0-or-later
"""Times causal attention forward + backward in PyTorch eager, the way bench_attention times ours.

The strongest form Debian's torch 1.13 offers (it predates F.scaled_dot_product_attention):
grouped-query heads served without repeating K and V (q viewed as [B, Hkv, G*T, hd]), scores,
an additive causal (and window) mask, softmax, and the product with V.
    /usr/bin/python3 reference_attention.py --seq 1024 --threads 2

The last line printed is one JSON object with bench_attention's keys; peak_mb is the growth of
the process's peak resident set over the inputs.
"""

import argparse
import json
import math
import resource
import statistics
import time

import torch


def current_rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / (1024 * 1024)


def attention(q, k, v, window, scale):
    B, H, T, hd = q.shape
    Hkv = k.shape[1]
    G = H // Hkv
    mask = torch.full((T, T), float("-inf")).triu(1)
    if 0 < window < T:
        mask = mask + torch.full((T, T), float("-inf")).tril(-window)
    scores = (q.reshape(B, Hkv, G * T, hd) @ k.transpose(-2, -1)).view(B, Hkv, G, T, T) * scale + mask
    probs = scores.softmax(-1).view(B, Hkv, G * T, T)
    out = probs @ v.transpose(1, 2)
    return out.view(B, H, T, hd).transpose(1, 2).reshape(B, T, H * hd)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--seq", type=int, default=1024)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--kv-heads", type=int, default=4)
    p.add_argument("--head-dim", type=int, default=64)
    p.add_argument("--window", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--repeats", type=int, default=5)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    B, T, H, Hkv, hd = args.batch, args.seq, args.heads, args.kv_heads, args.head_dim
    q = torch.randn(B, H, T, hd, requires_grad=True)
    k = torch.randn(B, Hkv, T, hd, requires_grad=True)
    v = torch.randn(B, T, Hkv, hd, requires_grad=True)
    seed = torch.randn(B, T, H * hd)
    before = current_rss_mb()
    times = []
    for r in range(args.warmup + args.repeats):
        t0 = time.perf_counter()
        attention(q, k, v, args.window, 1.0 / math.sqrt(hd)).backward(seed)
        if r >= args.warmup:
            times.append((time.perf_counter() - t0) * 1000.0)
        q.grad = k.grad = v.grad = None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"impl": "python-torch", "ms": times, "median_ms": statistics.median(times),
                      "peak_mb": peak - before, "batch": B, "seq": T, "window": args.window}))


if __name__ == "__main__":
    main()
