# SPDX-License-Identifier: GPL-3.0-or-later
"""Does late QAT lose less on export than quantizing after training? The QAT issue's check.

    /usr/bin/python3 tests/bench/qat_quality.py --golf build/release/app/golf/golf \
        [--workspace /work/demo-ws] [--iterations 300] [--qat-start 0.7] [--threads 1] \
        [--eval-tokens 65536] [--recipe FILE|PRESET ...]

Uses the data and the training configuration of a demo workspace (`golf demo --workspace DIR`;
the newest run's config.json; waits for DIR/READY when the file is expected). Then, with the
same seed, steps and data:
  A  trains without QAT (the post-training-quantization baseline, shared by every recipe);
  B  trains with late QAT for the recipe (`golf train --qat R --qat-start F`), one run per recipe.
Every checkpoint is scored by real round trips with `golf pareto CKPT --recipe R --json` on one
validation slice: an fp32 recipe gives the pre-quantization bpb, R the exported one. The export
loss is round-trip bpb minus pre-quantization bpb. Default recipes: int4 per row
(tests/bench/qat-int4-row.json) and ternary (the bundled preset).
Prints a Markdown table and one verdict per recipe ("B loses less on export than A"); exits 1 if
a claim fails. Also prints each QAT run's median step time before and during QAT (informational:
the cores may be shared; bench_qat measures the overhead alone).
"""

import argparse
import glob
import json
import os
import sys
import tempfile
import time

from golfrun import latest_checkpoint, run  # same folder

HERE = os.path.dirname(os.path.abspath(__file__))


def wait_for(path, seconds):
    deadline = time.time() + seconds
    while not os.path.exists(path):
        if time.time() > deadline:
            raise SystemExit(f"{path} did not appear within {seconds} s")
        time.sleep(10)


def demo_config(workspace):
    """The newest run's training configuration (config.json's "train"), QAT keys reset."""
    configs = sorted(glob.glob(os.path.join(workspace, "runs", "*", "config.json")))
    if not configs:
        raise SystemExit(f"{workspace}: no runs/*/config.json (run `golf demo --workspace {workspace}`)")
    cfg = json.load(open(configs[-1]))["train"]
    cfg["qat_recipe"] = None
    cfg.pop("init_checkpoint", None)
    cfg.pop("prune_mask", None)
    return cfg, configs[-1]


def step_ms(run_dir, first, last):
    """Median time of steps first+1..last (metrics.jsonl's t_ms differences)."""
    t = {}
    for line in open(os.path.join(run_dir, "metrics.jsonl")):
        m = json.loads(line)
        if "train_loss" in m:
            t[m["step"]] = m["t_ms"]
    d = sorted(t[k] - t[k - 1] for k in range(max(first + 1, 2), last + 1) if k in t and k - 1 in t)
    return d[len(d) // 2] if d else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--golf", required=True)
    ap.add_argument("--workspace", default="/work/demo-ws")
    ap.add_argument("--wait", type=int, default=3600, help="seconds to wait for WORKSPACE/READY")
    ap.add_argument("--iterations", type=int, help="training steps (default: the demo's)")
    ap.add_argument("--qat-start", type=float, default=0.7, help="QAT from this fraction (0.7 = last 30%%)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--eval-tokens", type=int, default=65536)
    ap.add_argument("--recipe", action="append",
                    help="QAT and export recipe (file or preset), repeatable; default int4 row and ternary")
    ap.add_argument("--out", help="folder for the runs (default: a new temporary folder)")
    args = ap.parse_args()
    recipes = args.recipe or [os.path.join(HERE, "qat-int4-row.json"), "ternary"]

    if not glob.glob(os.path.join(args.workspace, "runs", "*", "config.json")):
        wait_for(os.path.join(args.workspace, "READY"), args.wait)
    cfg, cfg_source = demo_config(args.workspace)
    if args.iterations:
        cfg["iterations"] = args.iterations
        # Keep the demo's schedule shape: warmdown and momentum warm-up as fractions of the run.
        demo_iters = json.load(open(cfg_source))["train"]["iterations"]
        for key in ("warmdown_iters", "muon_momentum_warmup_steps"):
            cfg[key] = round(cfg[key] * args.iterations / demo_iters)
    cfg["threads"] = args.threads
    cfg["checkpoint_every"] = 0

    out = args.out or tempfile.mkdtemp(prefix="golf-qatq-")
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ)
    env["GOLF_CACHE_DIR"] = os.path.join(out, "cache")  # a fresh cache: every figure measured
    cfg_path = os.path.join(out, "train.json")
    json.dump(cfg, open(cfg_path, "w"), indent=1)
    fp32 = os.path.join(out, "fp32.json")
    json.dump({"format": "golf-recipe-v1", "name": "fp32 (pre-quantization)", "defaults": {"quant": "fp32"}},
              open(fp32, "w"))

    def train(name, extra):
        run_dir = os.path.join(out, name)
        if not os.path.exists(os.path.join(run_dir, "checkpoints", "latest.json")):
            run([args.golf, "train", "--config", cfg_path, "--run-dir", run_dir, "--quiet"] + extra, env)
        return run_dir

    def score(ckpt, recipe):
        o, _ = run([args.golf, "pareto", ckpt, "--recipe", recipe, "--json", "--eval-tokens",
                    str(args.eval_tokens), "--threads", str(args.threads)], env)
        return json.loads(o)[0]

    a_dir = train("A-no-qat", [])
    a_ckpt = latest_checkpoint(a_dir)
    a_pre = score(a_ckpt, fp32)["val_bpb"]
    rows, verdicts, ok = [], [], True
    timing = []
    for recipe in recipes:
        label = os.path.splitext(os.path.basename(recipe))[0].removeprefix("qat-")
        b_dir = train(f"B-qat-{label}", ["--qat", recipe, "--qat-start", str(args.qat_start)])
        b_ckpt = latest_checkpoint(b_dir)
        b_pre = score(b_ckpt, fp32)["val_bpb"]
        a_rt, b_rt = score(a_ckpt, recipe), score(b_ckpt, recipe)
        da, db = a_rt["val_bpb"] - a_pre, b_rt["val_bpb"] - b_pre
        rows.append(f"| {label} | A: no QAT | {a_pre:.4f} | {a_rt['val_bpb']:.4f} | {da:+.4f} | {a_rt['model_bytes']:,} |")
        rows.append(f"| {label} | B: late QAT from {args.qat_start:g} | {b_pre:.4f} | {b_rt['val_bpb']:.4f} | "
                    f"{db:+.4f} | {b_rt['model_bytes']:,} |")
        claim = db < da
        ok &= claim
        verdicts.append(f"{'PASS' if claim else 'FAIL'}: {label}: late QAT loses {db:+.4f} bpb on export, "
                        f"less than {da:+.4f} without QAT")
        better = b_rt["val_bpb"] < a_rt["val_bpb"]
        verdicts.append(f"{'info' if better else 'note'}: {label}: exported bpb with QAT {b_rt['val_bpb']:.4f} vs "
                        f"{a_rt['val_bpb']:.4f} without ({'better' if better else 'not better'})")
        # Within one run, so outside load that changes between runs does not enter the ratio.
        start = next(int(line.split("step:")[1].split()[0]) for line in open(os.path.join(b_dir, "train.log"))
                     if line.startswith("qat:on"))
        plain_ms, qat_ms = step_ms(b_dir, 0, start), step_ms(b_dir, start, cfg["iterations"])
        timing.append(f"B ({label}): median step {plain_ms:.0f} ms before QAT (steps 2..{start}), {qat_ms:.0f} ms "
                      f"with QAT (steps {start + 1}..{cfg['iterations']}): {qat_ms / plain_ms:.2f}x")

    print(f"demo config {cfg_source}; {cfg['iterations']} steps, seed {cfg['seed']}, "
          f"{cfg['model']['num_layers']}x{cfg['model']['model_dim']}; first {args.eval_tokens:,} validation "
          f"tokens; runs in {out}\n")
    print("| recipe | training | pre-quant val_bpb | round-trip val_bpb | export loss | model bytes |")
    print("|---|---|---:|---:|---:|---:|")
    print("\n".join(rows))
    print()
    print("\n".join(verdicts))
    print()
    print("\n".join(timing))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
