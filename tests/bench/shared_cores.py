# SPDX-License-Identifier: GPL-3.0-or-later
"""Training while other processes share the cores: OpenBLAS's OpenMP build (what our programs
load, top-level CMakeLists.txt) against its pthread build (Debian's default alternative).

    /usr/bin/python3 tests/bench/shared_cores.py --golf build/release/app/golf/golf \
        --data DATASET_DIR [--iterations 14] [--hogs 2] [--rounds 2]

Each side trains the demo's model for --iterations steps, once on a quiet machine and once beside
--hogs busy processes (`yes`, one per core here), in alternating order over --rounds rounds. The
pthread side preloads /usr/lib/<arch>/openblas-pthread's libraries, which take the place of the
RPATH's. Prints the median step time of each side in each condition; the quiet rows should agree,
and the loaded rows say what a second pool of spinning BLAS threads costs.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

from golfrun import demo_training_config, run, step_ms  # same folder

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PTHREAD = "/usr/lib/x86_64-linux-gnu/openblas-pthread"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--golf", required=True)
    ap.add_argument("--data", required=True, help="dataset folder (golf tokenize output)")
    ap.add_argument("--iterations", type=int, default=14)
    ap.add_argument("--hogs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()

    out = tempfile.mkdtemp(prefix="golf-shared-cores-")
    cfg = demo_training_config(ROOT, args.iterations, os.cpu_count() or 2)
    cfg["val_loss_every"] = 0
    path = os.path.join(out, "train.json")
    json.dump(cfg, open(path, "w"))
    sides = {"OpenMP OpenBLAS (ours)": {},
             "pthread OpenBLAS": {"LD_PRELOAD": f"{PTHREAD}/libblas.so.3:{PTHREAD}/liblapack.so.3"}}
    times = {(side, hogs): [] for side in sides for hogs in (0, args.hogs)}
    for r in range(args.rounds):
        for hogs in (0, args.hogs):
            busy = [subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(hogs)]
            try:
                for side in (sides if r % 2 == 0 else reversed(list(sides))):
                    run_dir = os.path.join(out, f"run{r}_{hogs}_{len(times[(side, hogs)])}_{side[:6]}")
                    run([args.golf, "train", "--config", path, "--data", args.data, "--run-dir", run_dir,
                         "--quiet"], dict(os.environ, **sides[side]))
                    times[(side, hogs)].append(step_ms(run_dir)[0])
            finally:
                for b in busy:
                    b.kill()

    print(f"demo model, {args.iterations} steps per run, {args.rounds} runs per cell; "
          f"median ms per step (each run's median step, then the median of the runs)\n")
    print(f"| BLAS | quiet | beside {args.hogs} busy processes | slowdown |")
    print("|---|---:|---:|---:|")
    for side in sides:
        quiet, loaded = (statistics.median(times[(side, h)]) for h in (0, args.hogs))
        print(f"| {side} | {quiet:,.0f} | {loaded:,.0f} | {loaded / quiet:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
