# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Python bench scripts that drive the `golf` CLI share (allocation_quality.py,
qat_quality.py, techniques.py, mixers.py): running a command with its output kept for the script, and finding a run's
newest checkpoint. The scripts import it from their own folder (sys.path[0] when run).
"""

import json
import os
import statistics
import subprocess
import sys
import time


def run(cmd, env):
    """Runs `cmd` (echoed to stderr); returns (stdout, seconds). On failure prints its output
    and exits, naming the command, so a bench never goes on with a missing figure."""
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    t0 = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return proc.stdout, time.time() - t0


def latest_checkpoint(run_dir):
    """The checkpoint that run_dir/checkpoints/latest.json names."""
    latest = json.load(open(os.path.join(run_dir, "checkpoints", "latest.json")))
    return os.path.join(run_dir, "checkpoints", latest["model"])


def metrics(run_dir):
    """A run's metrics.jsonl, one dict per line."""
    return [json.loads(line) for line in open(os.path.join(run_dir, "metrics.jsonl"))]


def step_ms(run_dir):
    """Median milliseconds per training step, and of the teacher side within it (None without
    one), from the steps' cumulative clock t_ms."""
    steps = [m for m in metrics(run_dir) if "train_loss" in m]
    times = [b["t_ms"] - a["t_ms"] for a, b in zip(steps, steps[1:])]
    kd = [m["kd_ms"] for m in steps if "kd_ms" in m]
    return statistics.median(times), (statistics.median(kd) if kd else None)


def demo_training_config(root, iterations, threads):
    """The demo's training settings (resources/demo/demo.json under `root`) for `iterations`
    steps: the warmdown, momentum warm-up and validation interval scaled with them, no
    intermediate checkpoints."""
    demo = json.load(open(os.path.join(root, "resources", "demo", "demo.json")))["train"]
    cfg = dict(demo)
    scale = iterations / demo["iterations"]
    cfg["iterations"] = iterations
    for key in ("warmdown_iters", "muon_momentum_warmup_steps", "val_loss_every"):
        cfg[key] = max(1, round(demo[key] * scale))
    cfg["threads"] = threads
    cfg["checkpoint_every"] = 0
    return cfg
