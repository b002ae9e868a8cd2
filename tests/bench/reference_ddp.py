# SPDX-License-Identifier: GPL-3.0-or-later
"""The peer for golf's data-parallel benchmark: PyTorch's own Python front end on the same engine
(torch.distributed over Gloo, DistributedDataParallel), Debian's python3-torch. One process per
rank, started with torchrun's variables (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT), as
dataparallel.py does:

    allreduce: the median time of dist.all_reduce per buffer size (--sizes-mb 1,8,64)
    train:     the reference GPT (tests/interop/golf_reference.py) wrapped in DDP
               (bucket_cap_mb 25, as golf's default), the spec's Muon + Adam, --batch x --seq
               tokens per rank per step; median step time

Rank 0 prints one JSON line.
"""

import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.distributed as dist

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
import golf_reference as ref  # noqa: E402


def allreduce(args, world):
    sizes = []
    for mb in args.sizes_mb.split(","):
        nbytes = int(float(mb) * (1 << 20))
        t = torch.ones(nbytes // 4)
        for _ in range(2):
            dist.all_reduce(t)
        ms = []
        for _ in range(args.repeats):
            dist.barrier()
            t0 = time.perf_counter()
            dist.all_reduce(t)
            ms.append((time.perf_counter() - t0) * 1000.0)
        med = statistics.median(ms)
        algbw = nbytes / (med / 1000.0) / 1e9
        sizes.append({"mb": float(mb), "median_ms": med, "algbw_gbs": algbw,
                      "busbw_gbs": algbw * 2.0 * (world - 1) / world})
    return {"impl": "torch.distributed (Python, Gloo)", "world_size": world, "sizes": sizes}


def train(args, world):
    overrides = json.load(open(args.config)) if args.config else {}
    cfg = ref.make_config(overrides)
    torch.manual_seed(1337)
    model = ref.GPT(cfg).train()
    ddp = torch.nn.parallel.DistributedDataParallel(model, bucket_cap_mb=25)
    muon, adam = ref.make_optimizers(model, momentum=0.95)
    g = torch.Generator().manual_seed(1000 + dist.get_rank())
    tokens = torch.randint(cfg["vocab_size"], (args.batch, args.seq + 1), generator=g)
    x, y = tokens[:, :-1].contiguous(), tokens[:, 1:].contiguous()
    step_ms = []
    for i in range(args.warmup + args.steps):
        dist.barrier()
        t0 = time.perf_counter()
        loss = ddp(x, y)
        loss.backward()
        muon.step()
        adam.step()
        model.zero_grad(set_to_none=True)
        ms = (time.perf_counter() - t0) * 1000.0
        if i >= args.warmup:
            step_ms.append(ms)
    med = statistics.median(step_ms)
    return {"impl": "torch DDP (Python, Gloo)", "world_size": world, "threads": torch.get_num_threads(),
            "median_ms": med, "tokens_per_s": world * args.batch * args.seq * 1000.0 / med}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=["allreduce", "train"])
    p.add_argument("--sizes-mb", default="1,8,64")
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--config", default="")
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    dist.init_process_group("gloo")
    world = dist.get_world_size()
    result = allreduce(args, world) if args.mode == "allreduce" else train(args, world)
    if dist.get_rank() == 0:
        print(json.dumps(result), flush=True)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
