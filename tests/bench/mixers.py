# SPDX-License-Identifier: GPL-3.0-or-later
"""Token mixers against each other: attention, sliding windows, Mamba-style state-space blocks,
Gated DeltaNet and hybrids, at equal parameters and equal steps.

    /usr/bin/python3 tests/bench/mixers.py --golf build/release/app/golf/golf \
        --data DATASET_DIR [--iterations 200] [--recipe int5-mlp] [--eval-tokens 65536] \
        [--threads 2] [--only LABEL ...] [--out DIR]

Every model starts from the demo's training shape (resources/demo/demo.json: 4 blocks of width
256, 4 query heads over 2 KV heads) with the same seed, data and steps. A state-space or DeltaNet
mixer has more parameters than the attention it replaces, so each such block gets a narrower
MLP (layer_mlp_hidden) that gives the parameters back: every model is within one MLP unit
(2 x 256 parameters) per block of the attention model. Each checkpoint is scored by a real
round trip, `golf pareto CKPT --recipe R --json` on the first --eval-tokens validation tokens:
the exported file's bytes and its val_bpb. Tokens/s is the training batch over the median
step time in metrics.jsonl (the whole step: forward, backward, optimizer).

DATASET_DIR is any `golf tokenize` folder (the demo's, or a private split of FineWeb text as
techniques.py describes); the figures are relative comparisons, not official scores.
"""

import argparse
import json
import math
import os
import sys
import tempfile

from golfrun import demo_training_config, latest_checkpoint, run, step_ms  # same folder

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# (label, model settings added to the demo's 4-block model)
MIXERS = [
    ("attention", {}),
    ("windowed 64 64 128 full", {"layer_windows": [64, 64, 128, 0]}),
    ("SSM (Mamba) x4", {"layer_types": ["ssm"] * 4}),
    ("hybrid SSM + attention (s a s a)", {"layer_types": ["ssm", "attention", "ssm", "attention"]}),
    ("Gated DeltaNet x4", {"layer_types": ["deltanet"] * 4}),
    ("hybrid DeltaNet + attention (d a d a)",
     {"layer_types": ["deltanet", "attention", "deltanet", "attention"]}),
]


def mixer_params(m, kind):
    """Parameters of one block's token mixer (GptConfig's closed forms)."""
    d, h, hkv = m["model_dim"], m["num_heads"], m["num_kv_heads"]
    hd = d // h
    if kind == "attention":
        return 2 * d * d + 2 * d * hkv * hd + h
    if kind == "ssm":
        di, n, k = m.get("ssm_expand", 1) * d, m.get("ssm_state", 16), m.get("ssm_conv", 4)
        r = m.get("ssm_dt_rank", 0) or math.ceil(d / 16)
        return d * 2 * di + di * k + di + di * (r + 2 * n) + r * di + di + di * n + di + di * d
    return 5 * d * d + 2 * d * h + 2 * h + 3 * d * m.get("deltanet_conv", 4) + hd


def equalised(model):
    """The mix with each non-attention block's MLP narrowed by its mixer's extra parameters."""
    types = model.get("layer_types")
    if not types:
        return model
    full = model["mlp_mult"] * model["model_dim"]
    attention = mixer_params(model, "attention")
    hidden = [full - round((mixer_params(model, t) - attention) / (2 * model["model_dim"]))
              if t != "attention" else full for t in types]
    return {**model, "layer_mlp_hidden": hidden}


def model_params(run_dir):
    for line in open(os.path.join(run_dir, "train.log")):
        if line.startswith("model_params:"):
            return int(line.split(":")[1])
    raise SystemExit(f"{run_dir}/train.log has no model_params line")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--golf", required=True)
    ap.add_argument("--data", required=True, help="dataset folder (golf tokenize output)")
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--recipe", default="int5-mlp", help="export recipe (preset or file)")
    ap.add_argument("--eval-tokens", type=int, default=65536)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", action="append", help="run only these mixers (labels as listed)")
    ap.add_argument("--out", help="folder for the runs (default: a new temporary folder)")
    args = ap.parse_args()

    cfg = demo_training_config(ROOT, args.iterations, args.threads)
    out = args.out or tempfile.mkdtemp(prefix="golf-mixers-")
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ)
    env["GOLF_CACHE_DIR"] = os.path.join(out, "cache")

    rows = []
    for label, extra in MIXERS:
        if args.only and label not in args.only and label != "attention":
            continue
        run_dir = os.path.join(out, "".join(c if c.isalnum() else "_" for c in label))
        if not os.path.exists(os.path.join(run_dir, "checkpoints", "latest.json")):
            c = json.loads(json.dumps(cfg))
            c["model"] = equalised({**c["model"], **extra})
            path = run_dir + ".json"
            json.dump(c, open(path, "w"), indent=1)
            run([args.golf, "train", "--config", path, "--data", args.data, "--run-dir", run_dir, "--quiet"], env)
        o, _ = run([args.golf, "pareto", latest_checkpoint(run_dir), "--recipe", args.recipe, "--json",
                    "--data", args.data, "--eval-tokens", str(args.eval_tokens), "--threads", str(args.threads)], env)
        r = json.loads(o)[0]
        r["label"], r["params"], r["ms"] = label, model_params(run_dir), step_ms(run_dir)[0]
        rows.append(r)

    base = rows[0]
    m = cfg["model"]
    print(f"data {args.data}; {m['num_layers']}x{m['model_dim']} demo model, seed {cfg['seed']}, "
          f"{args.iterations} steps of {cfg['train_batch_tokens']:,} tokens (sequence {cfg['train_seq_len']}); "
          f"recipe {args.recipe}; first {args.eval_tokens:,} validation tokens; {args.threads} threads; runs in {out}\n")
    print("| mixer | parameters | model bytes | round-trip val_bpb | vs attention | train tokens/s | vs attention |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        tps = cfg["train_batch_tokens"] * 1000.0 / r["ms"]
        base_tps = cfg["train_batch_tokens"] * 1000.0 / base["ms"]
        print(f"| {r['label']} | {r['params']:,} | {r['model_bytes']:,} | {r['val_bpb']:.4f} | "
              f"{r['val_bpb'] - base['val_bpb']:+.4f} | {tps:,.0f} | {tps / base_tps:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
