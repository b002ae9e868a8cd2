# SPDX-License-Identifier: GPL-3.0-or-later
"""Times the Python peer's training step, the way bench_train times ours.

Same model (tests/interop/golf_reference.py), same batch shape, same thread count, same
optimizer split: a Muon written from the spec (Nesterov, NS5 in fp32 on CPU) plus
torch.optim.Adam(betas 0.9/0.95). PyTorch eager, Debian's torch 1.13:
    /usr/bin/python3 reference_train.py --config demo.json --batch 16 --seq 256 --threads 2

The last line printed is one JSON object, the same keys as bench_train's.
"""

import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
import golf_reference as ref  # noqa: E402


def gemm_gflops(n, repeats=5):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b  # warm-up
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        a @ b
        rates.append(2.0 * n ** 3 / (time.perf_counter() - t0) / 1e9)
    return statistics.median(rates)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", default="", help="model JSON (GptConfig keys); default baseline")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--threads", type=int, default=0, help="0 = every core")
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--gemm", type=int, default=2048)
    args = p.parse_args()

    overrides = {}
    if args.config:
        with open(args.config) as f:
            overrides = json.load(f)
    cfg = ref.make_config(overrides)
    torch.set_num_threads(args.threads or os.cpu_count() or 1)
    torch.manual_seed(1337)
    model = ref.GPT(cfg).train()
    muon, adam = ref.make_optimizers(model, momentum=0.95)
    all_tokens = torch.randint(cfg["vocab_size"], (args.batch, args.seq + 1))
    x, y = all_tokens[:, :-1].contiguous(), all_tokens[:, 1:].contiguous()

    params = sum(t.numel() for t in model.parameters())
    print(f"python-torch {torch.__version__}: {params} params, batch {args.batch}x{args.seq}, "
          f"{torch.get_num_threads()} threads")
    step_ms, loss_value = [], 0.0
    for i in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        loss = model(x, y)
        loss_value = loss.item()
        loss.backward()
        muon.step()
        adam.step()
        model.zero_grad(set_to_none=True)
        ms = (time.perf_counter() - t0) * 1000.0
        kind = "warmup" if i < args.warmup else "timed"
        print(f"  {kind} step {i}: {ms:.1f} ms (loss {loss_value:.4f})", flush=True)
        if i >= args.warmup:
            step_ms.append(ms)
    med = statistics.median(step_ms)
    print(json.dumps({
        "impl": "python-torch", "params": params, "batch": args.batch, "seq": args.seq,
        "threads": torch.get_num_threads(), "step_ms": step_ms, "median_ms": med,
        "tokens_per_s": args.batch * args.seq * 1000.0 / med, "gemm_n": args.gemm,
        "gemm_gflops": gemm_gflops(args.gemm), "last_loss": loss_value,
    }))


if __name__ == "__main__":
    main()
