# SPDX-License-Identifier: GPL-3.0-or-later
"""Embedding compression against the plain model: round-trip val_bpb and artifact bytes.

    /usr/bin/python3 tests/bench/embedding_techniques.py --golf build/release/app/golf/golf \
        --data DATASET_DIR [--iterations 200] [--recipe int5-mlp] [--eval-tokens 65536] \
        [--wallclock] [--threads 2] [--out DIR]

Trains the plain model and one model per technique (GptConfig: factorized table, bigram and
trigram hash tables, value embeddings, and two combinations) with the same seed, data and
steps, starting from the demo's training shape (resources/demo/demo.json). Each checkpoint is
scored by a real round trip with `golf pareto CKPT --recipe R --json` on the first
--eval-tokens validation tokens of DATASET_DIR: the exported file's bytes and its val_bpb.
--wallclock adds a second comparison at equal training time: every technique run gets the
plain run's measured training seconds as its time cap (`max_wallclock_seconds`) and as many
steps as fit.

DATASET_DIR is any `golf tokenize` folder: the demo's (`golf demo --workspace W` writes W/data)
or FineWeb text, e.g. a private split of ../shared/data's documents:
    golf-tokenize --input ../shared/data/fineweb_val_prefix_docs.txt --format lines \
        --tokenizer ../shared/data/fineweb_1024_bpe.model --val-fraction 0.1 --out fw
Its validation shard is then documents held out from training, not the challenge's validation
set: the figures are relative comparisons, not official scores.

Prints a Markdown table (bytes and bpb against the plain model) and which techniques beat the
plain model at no more bytes.
"""

import argparse
import json
import os
import sys
import tempfile

from golfrun import latest_checkpoint, run  # same folder

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# name -> model settings added to the demo's model. Sizes chosen for the demo's 4 x 256 model
# at vocabulary 1024 (a factorized table of width 128 halves the token table).
TECHNIQUES = [
    ("plain", {}),
    ("factorized r=128", {"embed_dim": 128}),
    ("bigram 2048x64", {"bigram_buckets": 2048, "ngram_dim": 64}),
    ("trigram 2048x64", {"trigram_buckets": 2048, "ngram_dim": 64}),
    ("value emb 64 -> blocks 2,3", {"value_embed_dim": 64, "value_embed_layers": [2, 3]}),
    ("factorized r=128 + bigram 2048x64",
     {"embed_dim": 128, "bigram_buckets": 2048, "ngram_dim": 64}),
    ("factorized r=128 + value emb 64", {"embed_dim": 128, "value_embed_dim": 64,
                                         "value_embed_layers": [2, 3]}),
]


def train_seconds(run_dir):
    """The run's training time from its last metrics line with t_ms (validation excluded by the
    trainer's clock, as the official log's train_time)."""
    t = 0.0
    for line in open(os.path.join(run_dir, "metrics.jsonl")):
        m = json.loads(line)
        if "t_ms" in m:
            t = max(t, m["t_ms"] / 1000.0)
    return t


def steps_done(run_dir):
    return json.load(open(os.path.join(run_dir, "checkpoints", "latest.json")))["step"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--golf", required=True)
    ap.add_argument("--data", required=True, help="dataset folder (golf tokenize output)")
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--recipe", default="int5-mlp", help="export recipe (preset or file)")
    ap.add_argument("--eval-tokens", type=int, default=65536)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--wallclock", action="store_true", help="also compare at equal training time")
    ap.add_argument("--only", action="append", help="run only these techniques (names as listed)")
    ap.add_argument("--out", help="folder for the runs (default: a new temporary folder)")
    args = ap.parse_args()

    demo = json.load(open(os.path.join(ROOT, "resources", "demo", "demo.json")))["train"]
    cfg = dict(demo)
    scale = args.iterations / demo["iterations"]
    cfg["iterations"] = args.iterations
    for key in ("warmdown_iters", "muon_momentum_warmup_steps", "val_loss_every"):
        cfg[key] = max(1, round(demo[key] * scale))
    cfg["threads"] = args.threads
    cfg["checkpoint_every"] = 0

    out = args.out or tempfile.mkdtemp(prefix="golf-embeddings-")
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ)
    env["GOLF_CACHE_DIR"] = os.path.join(out, "cache")  # every figure measured, none cached
    techniques = [t for t in TECHNIQUES if not args.only or t[0] in args.only or t[0] == "plain"]

    def train(label, extra_model, extra_cfg=None):
        run_dir = os.path.join(out, label.replace(" ", "_").replace(",", "").replace(">", ""))
        if not os.path.exists(os.path.join(run_dir, "checkpoints", "latest.json")):
            c = json.loads(json.dumps(cfg))
            c["model"].update(extra_model)
            c.update(extra_cfg or {})
            path = run_dir + ".json"
            json.dump(c, open(path, "w"), indent=1)
            run([args.golf, "train", "--config", path, "--data", args.data, "--run-dir", run_dir, "--quiet"], env)
        return run_dir

    def score(run_dir):
        o, _ = run([args.golf, "pareto", latest_checkpoint(run_dir), "--recipe", args.recipe, "--json",
                    "--data", args.data, "--eval-tokens", str(args.eval_tokens), "--threads", str(args.threads)], env)
        return json.loads(o)[0]

    rows = []
    plain = None
    for label, model in techniques:
        run_dir = train(label, model)
        r = score(run_dir)
        r["label"], r["steps"], r["seconds"] = label, steps_done(run_dir), train_seconds(run_dir)
        r["mode"] = "equal steps"
        plain = plain or r
        rows.append(r)
    if args.wallclock:
        cap = plain["seconds"]
        for label, model in techniques[1:]:
            run_dir = train(label + " wall", model, {"max_wallclock_seconds": cap, "iterations": 10 * args.iterations})
            r = score(run_dir)
            r["label"], r["steps"], r["seconds"] = label, steps_done(run_dir), train_seconds(run_dir)
            r["mode"] = f"equal time ({cap:.0f} s)"
            rows.append(r)

    m = cfg["model"]
    print(f"data {args.data}; {m['num_layers']}x{m['model_dim']} demo model, seed {cfg['seed']}, "
          f"{args.iterations} steps; recipe {args.recipe}; first {args.eval_tokens:,} validation tokens; "
          f"runs in {out}\n")
    print("| technique | comparison | steps | train s | model bytes | vs plain | round-trip val_bpb | vs plain |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['label']} | {r['mode']} | {r['steps']} | {r['seconds']:.0f} | {r['model_bytes']:,} | "
              f"{r['model_bytes'] - plain['model_bytes']:+,} | {r['val_bpb']:.4f} | {r['val_bpb'] - plain['val_bpb']:+.4f} |")
    print()
    winners = [r for r in rows[1:] if r["model_bytes"] <= plain["model_bytes"] and r["val_bpb"] < plain["val_bpb"]]
    for r in winners:
        print(f"beats plain at no more bytes: {r['label']} ({r['mode']}): {r['val_bpb']:.4f} vs {plain['val_bpb']:.4f} "
              f"bpb, {r['model_bytes']:,} vs {plain['model_bytes']:,} bytes")
    if not winners:
        print("no technique beat the plain model at no more bytes in this run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
