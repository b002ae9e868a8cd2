# SPDX-License-Identifier: GPL-3.0-or-later
"""The training techniques against the plain model: round-trip val_bpb and artifact bytes.

    /usr/bin/python3 tests/bench/techniques.py --golf build/release/app/golf/golf \
        --data DATASET_DIR [--iterations 200] [--recipe int5-mlp] [--eval-tokens 65536] \
        [--wallclock] [--threads 2] [--only LABEL ...] [--teacher MODEL_FILE] \
        [--sparsity-controls] [--out DIR]

Trains the plain model and one model per technique with the same seed, data and steps,
starting from the demo's training shape (resources/demo/demo.json):
  - embedding compression (GptConfig): a factorized table, bigram and trigram hash tables,
    value embeddings, and two combinations;
  - knowledge distillation from a teacher (--teacher, or else one trained here: the demo's
    shape for --teacher-steps, three times the student's by default), through the top-32 logit
    cache;
  - learned sparsity: L0 gates at a 50% target.
Each checkpoint is scored by a real round trip with `golf pareto CKPT --recipe R --json` on the
first --eval-tokens validation tokens of DATASET_DIR: the exported file's bytes and its val_bpb.
The teacher's bytes are never counted: it is not part of any artifact.

--wallclock adds a second comparison at equal training time: every technique run gets the
plain run's measured training seconds as its time cap (`max_wallclock_seconds`) and as many
steps as fit (distillation then pays for its teacher, or for reading the cache).

Distillation's cost per step is measured three ways on the same student (median step time and
median teacher-side time from metrics.jsonl): the teacher run live every step, the first run
with a cache (teacher run, logits written), and a later run reading every record.

--sparsity-controls compares the L0 model with the plain model pruned one-shot by rows (recipe
`prune: rows` on the block matrices, the fraction bisected until the file is no bigger than the
L0 model's) and with rewinding (`golf rewind`, 3 rounds, the round whose file is closest to the
L0 model's without exceeding it).

DATASET_DIR is any `golf tokenize` folder: the demo's (`golf demo --workspace W` writes W/data)
or FineWeb text, e.g. a private split of ../shared/data's documents:
    golf-tokenize --input ../shared/data/fineweb_val_prefix_docs.txt --format lines \
        --tokenizer ../shared/data/fineweb_1024_bpe.model --val-fraction 0.1 --out fw
Its validation shard is then documents held out from training, not the challenge's validation
set: the figures are relative comparisons, not official scores.

Prints Markdown tables and which techniques beat the plain model at no more bytes.
"""

import argparse
import json
import os
import sys
import tempfile

from golfrun import demo_training_config, latest_checkpoint, metrics, run, step_ms  # same folder

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# (label, model settings added to the demo's model, training settings). Sizes chosen for the
# demo's 4 x 256 model at vocabulary 1024 (a factorized table of width 128 halves the token
# table). "{teacher}" and "{cache}" are filled in when the run starts.
TECHNIQUES = [
    ("plain", {}, {}),
    ("factorized r=128", {"embed_dim": 128}, {}),
    ("bigram 2048x64", {"bigram_buckets": 2048, "ngram_dim": 64}, {}),
    ("trigram 2048x64", {"trigram_buckets": 2048, "ngram_dim": 64}, {}),
    ("value emb 64 -> blocks 2,3", {"value_embed_dim": 64, "value_embed_layers": [2, 3]}, {}),
    ("factorized r=128 + bigram 2048x64",
     {"embed_dim": 128, "bigram_buckets": 2048, "ngram_dim": 64}, {}),
    ("factorized r=128 + value emb 64", {"embed_dim": 128, "value_embed_dim": 64,
                                         "value_embed_layers": [2, 3]}, {}),
    ("KD a=0.5 T=2 top32", {}, {"teacher": "{teacher}", "kd_cache": "{cache}"}),
    ("L0 50%", {"l0_gates": True}, {"l0_target_sparsity": 0.5}),
]
KD_LABEL = "KD a=0.5 T=2 top32"
L0_LABEL = "L0 50%"


def train_seconds(run_dir):
    """The run's training time from its last metrics line with t_ms (validation excluded by the
    trainer's clock, as the official log's train_time)."""
    return max((m["t_ms"] / 1000.0 for m in metrics(run_dir) if "t_ms" in m), default=0.0)


def steps_done(run_dir):
    return json.load(open(os.path.join(run_dir, "checkpoints", "latest.json")))["step"]


def slug(label):
    return "".join(c if c.isalnum() else "_" for c in label).strip("_")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--golf", required=True)
    ap.add_argument("--data", required=True, help="dataset folder (golf tokenize output)")
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--recipe", default="int5-mlp", help="export recipe (preset or file)")
    ap.add_argument("--eval-tokens", type=int, default=65536)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--wallclock", action="store_true", help="also compare at equal training time")
    ap.add_argument("--only", action="append", help="run only these techniques (labels as listed)")
    ap.add_argument("--teacher", help="teacher model file (default: train one of the student's shape)")
    ap.add_argument("--teacher-steps", type=int, help="steps of the teacher trained here (default: 3x --iterations)")
    ap.add_argument("--sparsity-controls", action="store_true",
                    help="compare L0 with one-shot row pruning and rewinding at the same bytes")
    ap.add_argument("--out", help="folder for the runs (default: a new temporary folder)")
    args = ap.parse_args()

    cfg = demo_training_config(ROOT, args.iterations, args.threads)

    out = args.out or tempfile.mkdtemp(prefix="golf-techniques-")
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ)
    env["GOLF_CACHE_DIR"] = os.path.join(out, "cache")  # every figure measured, none cached
    techniques = [t for t in TECHNIQUES if not args.only or t[0] in args.only or t[0] == "plain"]
    labels = [t[0] for t in techniques]

    def train(name, extra_model, extra_cfg=None, base=None):
        run_dir = os.path.join(out, slug(name))
        if not os.path.exists(os.path.join(run_dir, "checkpoints", "latest.json")):
            c = json.loads(json.dumps(base or cfg))
            c["model"].update(extra_model)
            c.update(extra_cfg or {})
            path = run_dir + ".json"
            json.dump(c, open(path, "w"), indent=1)
            run([args.golf, "train", "--config", path, "--data", args.data, "--run-dir", run_dir, "--quiet"], env)
        return run_dir

    def score(checkpoint, recipe=None):
        o, _ = run([args.golf, "pareto", checkpoint, "--recipe", recipe or args.recipe, "--json",
                    "--data", args.data, "--eval-tokens", str(args.eval_tokens), "--threads", str(args.threads)], env)
        return json.loads(o)[0]

    teacher = args.teacher
    if KD_LABEL in labels and not teacher:
        t_cfg = json.loads(json.dumps(cfg))
        t_scale = (args.teacher_steps or 3 * args.iterations) / args.iterations
        t_cfg["iterations"] = round(t_scale * args.iterations)
        for key in ("warmdown_iters", "muon_momentum_warmup_steps", "val_loss_every"):
            t_cfg[key] = max(1, round(t_scale * cfg[key]))
        teacher = latest_checkpoint(train("teacher", {}, base=t_cfg))
    cache = os.path.join(out, "teacher.top32.kdcache")

    def settings(extra):
        return {k: v.format(teacher=teacher, cache=cache) if isinstance(v, str) else v for k, v in extra.items()}

    rows = []
    plain = None
    kd_cost = []
    for label, model, extra in techniques:
        if label == KD_LABEL:
            # The teacher live every step, then the cache filled, then read: the same student.
            live = train(label + " live", model, {"teacher": teacher})
            kd_cost.append(("teacher every step (no cache)", live))
            fill = train(label + " cache fill", model, settings(extra))
            kd_cost.append(("first run with a cache (teacher runs, writes)", fill))
            run_dir = train(label, model, settings(extra))
            kd_cost.append(("later run, every record read from the cache", run_dir))
        else:
            run_dir = train(label, model, settings(extra))
        r = score(latest_checkpoint(run_dir))
        r["label"], r["steps"], r["seconds"] = label, steps_done(run_dir), train_seconds(run_dir)
        r["mode"] = "equal steps"
        plain = plain or r
        rows.append(r)
    if args.wallclock:
        cap = plain["seconds"]
        for label, model, extra in techniques[1:]:
            run_dir = train(label + " wall", model, {**settings(extra), "max_wallclock_seconds": cap,
                                                     "iterations": 10 * args.iterations})
            r = score(latest_checkpoint(run_dir))
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

    if kd_cost:
        plain_ms, _ = step_ms(os.path.join(out, "plain"))
        t = score(teacher)
        print(f"\nDistillation's cost per step (teacher {teacher}: round-trip {t['val_bpb']:.4f} bpb, "
              f"never counted; median over the run's steps)\n")
        print("| student run | ms per step | teacher side ms | vs plain |")
        print("|---|---:|---:|---:|")
        print(f"| plain (no teacher) | {plain_ms:.1f} | - | 1.00x |")
        for name, run_dir in kd_cost:
            ms, kd = step_ms(run_dir)
            print(f"| {name} | {ms:.1f} | {kd:.1f} | {ms / plain_ms:.2f}x |")

    if args.sparsity_controls and L0_LABEL in labels:
        sparsity_controls(args, out, env, cfg, rows, score, train)
    return 0


def sparsity_controls(args, out, env, cfg, rows, score, train):
    """L0 against one-shot row pruning (bisected to no more bytes) and rewinding."""
    l0 = next(r for r in rows if r["label"] == L0_LABEL and r["mode"] == "equal steps")
    plain_ckpt = latest_checkpoint(os.path.join(out, "plain"))
    base = json.load(open(os.path.join(ROOT, "resources", "recipes", args.recipe + ".json")))

    def rows_recipe(fraction):
        recipe = json.loads(json.dumps(base))
        recipe["name"] = f"{base['name']} + rows {fraction:.3f}"
        recipe["rules"].append({"match": r"^blocks\.\d+\.(attn|mlp)\.", "ndim": 2, "prune": "rows",
                                "sparsity": round(fraction, 4), "comment": "one-shot row pruning"})
        path = os.path.join(out, f"rows-{fraction:.4f}.recipe.json")
        json.dump(recipe, open(path, "w"), indent=1)
        return path

    lo, hi, best = 0.0, 0.95, None
    for _ in range(7):
        mid = (lo + hi) / 2
        r = score(plain_ckpt, rows_recipe(mid))
        if r["model_bytes"] <= l0["model_bytes"]:
            best, hi = (mid, r), mid
        else:
            lo = mid
    rewind_dir = os.path.join(out, "rewind")
    if not os.path.exists(os.path.join(rewind_dir, "summary.json")):
        path = os.path.join(out, "rewind.json")
        json.dump(cfg, open(path, "w"), indent=1)
        run([args.golf, "rewind", "--config", path, "--data", args.data, "--rounds", "3",
             "--prune-fraction", "0.3", "--recipe", args.recipe, "--eval-tokens", str(args.eval_tokens),
             "--out", rewind_dir, "--quiet"], env)
    summary = json.load(open(os.path.join(rewind_dir, "summary.json")))
    rounds = [r for r in summary["rounds"] if r["rewound"]["model_bytes"] <= l0["model_bytes"]]
    print("\nLearned sparsity against pruning the plain model, at no more bytes than the L0 model\n")
    print("| method | sparsity | model bytes | round-trip val_bpb |")
    print("|---|---:|---:|---:|")
    print(f"| L0 gates, 50% target (structured: smaller matrices) | see train log | {l0['model_bytes']:,} | {l0['val_bpb']:.4f} |")
    if best:
        print(f"| plain, one-shot row pruning | {best[0]:.3f} of block rows | {best[1]['model_bytes']:,} | {best[1]['val_bpb']:.4f} |")
    if rounds:
        r = max(rounds, key=lambda r: r["rewound"]["model_bytes"])
        print(f"| rewinding (lottery ticket), round {r['round']} | {r['sparsity']:.3f} of block weights | "
              f"{r['rewound']['model_bytes']:,} | {r['rewound']['roundtrip_bpb']:.4f} |")
        if "one_shot" in r:
            print(f"| plain, one-shot magnitude pruning (rewind's control) | {r['sparsity']:.3f} of block weights | "
                  f"{r['one_shot']['model_bytes']:,} | {r['one_shot']['roundtrip_bpb']:.4f} |")
    else:
        print("| rewinding | no round at or under the L0 model's bytes | | |")


if __name__ == "__main__":
    sys.exit(main())
