# SPDX-License-Identifier: GPL-3.0-or-later
"""What scoring through the evaluator bridge costs per sensitivity cell, against doing the same
cells in Python by hand (the strongest peer a user has: import the script once, then for each
tensor and setting quantize it with torch, load it, run the script's eval_val, put it back).

golf's cells do more than the peer's: each is also priced exactly (quantized and compressed the
way the exporter writes it), and its tensor travels to the child as a torch.save file. Both run
on the same stand-in record script (tests/interop/standin_record_gpt.py), slice, thread count
and candidate settings (int8/int4/int3 per row, round to nearest), and the same OpenMP tuning
golf gives its children (GOMP_SPINCOUNT=1000, openmpenv.h): the peer runs in a process of its
own started with it. Prints the medians of three runs each and the ratio golf / Python per cell.

    bench_bridge.py --golf build/release/app/golf/golf [--python /usr/bin/python3] [--work DIR]
"""

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
INTEROP = os.path.join(HERE, "..", "interop")
sys.path.insert(0, INTEROP)
from toydata import write_luts, write_shard  # noqa: E402

STANDIN = os.path.join(INTEROP, "standin_record_gpt.py")
VOCAB, TOKENS, BITS = 1024, 8192, (8, 4, 3)
ENV = {"VOCAB_SIZE": str(VOCAB), "MODEL_DIM": "128", "NUM_LAYERS": "4", "OMP_NUM_THREADS": "2"}


def python_cells(data, checkpoint):
    """The peer: every (tensor, bits) cell by hand, in this process. Seconds per cell."""
    os.environ.update(ENV, DATA_PATH=data)
    torch.set_num_threads(2)
    spec = importlib.util.spec_from_file_location("standin", STANDIN)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    args = m.Hyperparameters()
    model = m.GPT(args.vocab_size, args.num_layers, args.model_dim, args.num_heads, args.mlp_mult,
                  args.bigram_vocab_size, args.bigram_dim, args.logit_softcap)
    model.load_state_dict(torch.load(checkpoint), strict=True)
    val = m.load_validation_tokens(args.val_files, args.train_seq_len)[:TOKENS + 1]
    luts = m.load_luts(args.luts_path, args.vocab_size)
    state = model.state_dict()
    names = [k for k, v in state.items() if v.ndim == 2 and v.numel() >= 4096]
    t0 = time.perf_counter()
    cells = 0
    with torch.no_grad():
        for name in names:
            original = state[name].clone()
            for bits in BITS:
                qmax = 2 ** (bits - 1) - 1
                scale = (original.abs().amax(dim=1, keepdim=True) / qmax).clamp_min(1e-12)
                state[name].copy_(torch.clamp(torch.round(original / scale), -qmax, qmax) * scale)
                m.eval_val(args, model, 0, 1, torch.device("cpu"), 1, val, *luts)
                cells += 1
            state[name].copy_(original)
    return (time.perf_counter() - t0) / cells, cells


def golf_cells(golf, python, data, checkpoint):
    cands = json.dumps([{"quant": f"int{b}"} for b in BITS])
    env = dict(os.environ, GOLF_PYTHON=python, **ENV)
    out = subprocess.run([golf, "sensitivity", checkpoint, "--script", STANDIN, "--data", data,
                          "--eval-tokens", str(TOKENS), "--candidates", cands, "--no-cache",
                          "--threads", "2", "--json"], capture_output=True, text=True, env=env, check=True)
    table = json.loads(out.stdout)
    return table["seconds"] / table["measured_cells"], table["measured_cells"]


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--peer":
        print(*python_cells(sys.argv[2], sys.argv[3]))
        return
    p = argparse.ArgumentParser()
    p.add_argument("--golf", required=True)
    p.add_argument("--python", default=sys.executable)
    p.add_argument("--work", default="")
    a = p.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="bench-bridge-")
    shutil.rmtree(work, ignore_errors=True)
    data = os.path.join(work, "data")
    os.makedirs(data)
    rng = np.random.default_rng(3)
    pr = 1.0 / np.arange(1, VOCAB + 1)
    pr /= pr.sum()
    write_shard(os.path.join(data, "b_train_000000.bin"), rng.choice(VOCAB, 60000, p=pr))
    write_shard(os.path.join(data, "b_val_000000.bin"), rng.choice(VOCAB, 20000, p=pr))
    write_luts(data, VOCAB)
    subprocess.run([a.python, STANDIN], cwd=work, check=True, capture_output=True,
                   env=dict(os.environ, DATA_PATH=data, ITERATIONS="5", **ENV))
    checkpoint = os.path.join(work, "final_model.pt")

    peer_env = dict(os.environ, GOMP_SPINCOUNT="1000", **ENV)
    peer = []
    for _ in range(3):
        out = subprocess.run([a.python, __file__, "--peer", data, checkpoint], capture_output=True, text=True,
                             env=peer_env, check=True)
        seconds, cells = out.stdout.split()
        peer.append((float(seconds), int(cells)))
    ours = [golf_cells(a.golf, a.python, data, checkpoint) for _ in range(3)]
    assert peer[0][1] == ours[0][1], f"cell counts differ: python {peer[0][1]}, golf {ours[0][1]}"
    tp = statistics.median(t for t, _ in peer)
    tg = statistics.median(t for t, _ in ours)
    print(f"cells: {ours[0][1]} (tensors x int8/int4/int3), slice {TOKENS} tokens, 2 threads")
    print(f"python by hand   {1000 * tp:8.1f} ms per cell (median of 3)")
    print(f"golf --script    {1000 * tg:8.1f} ms per cell (median of 3; also prices each cell exactly)")
    print(f"ratio golf/python: {tg / tp:.2f}")


if __name__ == "__main__":
    main()
