# SPDX-License-Identifier: GPL-3.0-or-later
"""Data-parallel golf on this machine: the all-reduce underneath, and training at 1 vs 2 ranks.

    /usr/bin/python3 tests/bench/dataparallel.py --golf build/release/app/golf/golf \
        --allreduce build/release/tests/bench/bench_allreduce --data DATASET_DIR \
        [--iterations 30] [--rounds 2]

1. All-reduce (2 ranks, 1 thread each): golf's Collective (c10d's Gloo, bench_allreduce) and
   torch.distributed's Python front end (reference_ddp.py allreduce) on the same engine, per
   buffer size: median milliseconds, algorithm and bus bandwidth, and the ratio.
2. Training the demo's model (resources/demo/demo.json, grad_accum_steps 2, so every variant
   trains on the same 4,096 tokens per step): `golf train` as 1 rank with every core, as 2 ranks
   with one core each (25 MiB buckets overlapped with backward, and one bucket after backward),
   and PyTorch's DistributedDataParallel on the same model in Python (reference_ddp.py train,
   2 ranks, 8 x 256 tokens each). Medians over the steps of --rounds alternating runs: tokens/s,
   and for golf's ranks the time a step waits for the gradient all-reduce after backward
   (metrics.jsonl comm_ms).
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile

from golfrun import demo_training_config, metrics, run  # same folder

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ranks(cmd, world=2):
    """Runs `cmd` once per rank with torchrun's variables; returns rank 0's last stdout line."""
    port = str(free_port())
    procs = []
    for r in range(world):
        env = dict(os.environ, RANK=str(r), LOCAL_RANK=str(r), WORLD_SIZE=str(world),
                   LOCAL_WORLD_SIZE=str(world), MASTER_ADDR="127.0.0.1", MASTER_PORT=port,
                   OMP_NUM_THREADS="1")
        procs.append(subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outs = [p.communicate() for p in procs]
    for p, (out, err) in zip(procs, outs):
        if p.returncode != 0:
            sys.stderr.write(out + err)
            raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return json.loads(outs[0][0].strip().splitlines()[-1])


def golf_steps(run_dir):
    """(tokens/s, comm_ms) of every step after the first (which pays for warm-up)."""
    steps = [m for m in metrics(run_dir) if "train_loss" in m][1:]
    return [m["tok_per_s"] for m in steps], [m.get("comm_ms", 0.0) for m in steps]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--golf", required=True)
    ap.add_argument("--allreduce", required=True, help="the bench_allreduce executable")
    ap.add_argument("--data", required=True, help="dataset folder (golf tokenize output)")
    ap.add_argument("--iterations", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--sizes-mb", default="1,8,64")
    args = ap.parse_args()
    cores = os.cpu_count() or 2

    # 1. All-reduce.
    ours, theirs = [], []
    for r in range(args.rounds):
        order = [0, 1] if r % 2 == 0 else [1, 0]
        for side in order:
            if side == 0:
                ours.append(ranks([args.allreduce, "--sizes-mb", args.sizes_mb]))
            else:
                theirs.append(ranks([PYTHON, os.path.join(HERE, "reference_ddp.py"), "allreduce",
                                     "--sizes-mb", args.sizes_mb]))
    print(f"All-reduce, 2 ranks on this machine ({cores} cores), fp32 sum, medians of {args.rounds} runs "
          "of 10 timings:")
    print(f"{'MiB':>6} {'golf ms':>9} {'python ms':>10} {'golf/python':>12} {'algbw GB/s':>11} {'busbw GB/s':>11}")
    for i, size in enumerate(ours[0]["sizes"]):
        a = statistics.median(o["sizes"][i]["median_ms"] for o in ours)
        b = statistics.median(t["sizes"][i]["median_ms"] for t in theirs)
        bw = statistics.median(o["sizes"][i]["algbw_gbs"] for o in ours)
        bus = statistics.median(o["sizes"][i]["busbw_gbs"] for o in ours)
        print(f"{size['mb']:>6g} {a:>9.2f} {b:>10.2f} {a / b:>11.2f}x {bw:>11.2f} {bus:>11.2f}")

    # 2. Training.
    out = tempfile.mkdtemp(prefix="golf-dataparallel-")
    cfg = demo_training_config(ROOT, args.iterations, 0)
    cfg["grad_accum_steps"] = 2
    cfg["val_loss_every"] = 0
    model_json = os.path.join(out, "model.json")
    json.dump(cfg["model"], open(model_json, "w"))
    variants = {
        "golf, 1 rank x all cores": ([], {}),
        "golf, 2 ranks, 25 MiB buckets": (["--nproc", "2"], {}),
        "golf, 2 ranks, one bucket": (["--nproc", "2"], {"bucket_cap_mb": 0}),
    }
    tok, comm, python = {v: [] for v in variants}, {v: [] for v in variants}, []
    for r in range(args.rounds):
        names = list(variants) + ["python"]
        for name in (names if r % 2 == 0 else reversed(names)):
            if name == "python":
                micro = cfg["train_batch_tokens"] // cfg["grad_accum_steps"]
                python.append(ranks([PYTHON, os.path.join(HERE, "reference_ddp.py"), "train", "--config",
                                     model_json, "--batch", str(micro // cfg["train_seq_len"]),
                                     "--seq", str(cfg["train_seq_len"]), "--steps", str(args.iterations)]))
                continue
            extra, settings = variants[name]
            path = os.path.join(out, f"train{r}_{len(tok[name])}_{extra and 2 or 1}.json")
            json.dump(dict(cfg, **settings), open(path, "w"))
            run_dir = os.path.join(out, f"run{r}_{len(tok[name])}_{abs(hash(name))}")
            run([args.golf, "train", "--config", path, "--data", args.data, "--run-dir", run_dir, "--quiet"] + extra,
                os.environ)
            t, c = golf_steps(run_dir)
            tok[name] += t
            comm[name] += c
    base = statistics.median(tok["golf, 1 rank x all cores"])
    py = statistics.median(p["tokens_per_s"] for p in python)
    print(f"\nTraining the demo model ({cfg['train_batch_tokens']} tokens per step, grad_accum_steps 2), "
          f"{args.iterations} steps x {args.rounds} runs, medians:")
    print(f"{'':34} {'tokens/s':>9} {'vs 1 rank':>10} {'vs torch DDP':>13} {'comm ms/step':>13}")
    for name in variants:
        t = statistics.median(tok[name])
        c = statistics.median(comm[name])
        print(f"{name:34} {t:>9.0f} {t / base:>9.2f}x {t / py:>12.2f}x {c:>13.2f}")
    print(f"{'torch DDP, 2 ranks (Python)':34} {py:>9.0f} {py / base:>9.2f}x {1.0:>12.2f}x {'':>13}")


if __name__ == "__main__":
    main()
