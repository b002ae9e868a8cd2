# SPDX-License-Identifier: GPL-3.0-or-later
"""Start-up cost: wall time and peak memory of `golf --version`, `golf inspect FILE`, `golf
quantize FILE --explain` and golf-studio up to its first painted window and its first drawn
price (issue 21).

    /usr/bin/python3 tests/bench/startup.py --golf build/release/app/golf/golf \
        --workspace DEMO_WORKSPACE | --inspect EXPORT.golf.ptz [--checkpoint CKPT] \
        [--studio build/release/app/studio/golf-studio] [--before-golf OLD_GOLF]
        [--before-studio OLD_GOLF_STUDIO] [--runs 7]

Each command runs --runs times (after one warm-up run, so the page cache holds the libraries);
medians of the wall time from spawn to exit (to the printed milestone for the window) and of
the peak resident memory (the child's ru_maxrss). --before-golf and --before-studio name
binaries built before the change (e.g. a clone of the older commit, built) to time beside. The
window runs offscreen (QT_QPA_PLATFORM=offscreen) with GOLF_STUDIO_REPORT_START=1 (it prints
"first paint" and "first price" and quits); its peak column is the largest process of the tree
(the window, or its golf serve child once the window prices in one), and "window" is the
window process's own peak when it reports it.
"""

import argparse
import glob
import os
import statistics
import subprocess
import sys
import time


def measure(cmd, env=None, milestones=()):
    """(seconds to exit, {milestone: seconds}, peak KB) of one run. The peak comes from GNU
    time (-f %M), whose own small process is what the command is forked from: a child of this
    Python would start with Python's resident pages counted."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "golf-startup-peak-kb %M"] + cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True)
    seen = {}
    for line in proc.stdout:
        for m in milestones:
            if line.startswith(m + ":") and m not in seen:
                seen[m] = time.perf_counter() - t0
        if line.startswith("window peak:"):
            seen["window MB"] = int(line.split()[2]) / 1024.0
    err = proc.stderr.read()
    proc.wait()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    peak = [int(l.split()[1]) for l in err.splitlines() if l.startswith("golf-startup-peak-kb ")]
    return wall, seen, peak[-1]


def row(name, cmd, runs, env=None, milestones=()):
    measure(cmd, env, milestones)  # warm-up
    results = [measure(cmd, env, milestones) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    peak = statistics.median(r[2] for r in results) / 1024.0
    marks = {m: statistics.median(r[1][m] for r in results if m in r[1]) for m in milestones}
    own = [r[1]["window MB"] for r in results if "window MB" in r[1]]
    print(f"{name:44} {wall * 1000:>9.0f} ms {peak:>9.1f} MB"
          + "".join(f"   {m} {marks[m] * 1000:.0f} ms" for m in milestones)
          + (f"   window {statistics.median(own):.1f} MB" if own else ""), flush=True)
    return wall, peak, marks


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--golf", required=True)
    ap.add_argument("--inspect", help="a golf-mixed-v1 model file (the demo's export)")
    ap.add_argument("--checkpoint", help="a torch.save checkpoint for inspect and the window")
    ap.add_argument("--workspace", help="a `golf demo` workspace: --inspect and --checkpoint from it")
    ap.add_argument("--studio", help="golf-studio to time to its first paint and price")
    ap.add_argument("--before-golf", help="a golf built before the change, timed beside")
    ap.add_argument("--before-studio", help="a golf-studio built before the change, timed beside")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    if args.workspace:
        exports = sorted(glob.glob(os.path.join(args.workspace, "records", "*", "final_model.golf.ptz")))
        checkpoints = sorted(glob.glob(os.path.join(args.workspace, "runs", "*", "checkpoints", "step_*[0-9].pt")))
        args.inspect = args.inspect or (exports[-1] if exports else None)
        args.checkpoint = args.checkpoint or (checkpoints[-1] if checkpoints else None)
    if not args.inspect:
        raise SystemExit("need --inspect FILE or a --workspace with an export")

    print(f"{os.cpu_count()} cores, medians of {args.runs} runs after a warm-up\n")
    print(f"{'':44} {'wall':>12} {'peak RSS':>12}")
    golfs = [("golf", args.golf)] + ([("golf before", args.before_golf)] if args.before_golf else [])
    for label, golf in golfs:
        row(f"{label} --version", [golf, "--version"], args.runs)
        row(f"{label} inspect golf-mixed-v1", [golf, "inspect", args.inspect], args.runs)
        if args.checkpoint:
            row(f"{label} inspect torch.save checkpoint", [golf, "inspect", args.checkpoint], args.runs)
        row(f"{label} quantize --explain golf-mixed-v1", [golf, "quantize", args.inspect, "--explain"], args.runs)
    studios = ([("golf-studio", args.studio)] if args.studio else []) + \
        ([("golf-studio before", args.before_studio)] if args.before_studio else [])
    for label, studio in studios:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GOLF_STUDIO_REPORT_START="1",
                   HOME=os.environ.get("HOME", "/tmp"))
        # Each window finds the golf built beside it (its own serve child), never $GOLF_BINARY.
        env.pop("GOLF_BINARY", None)
        marks = ("first paint", "first price")
        row(f"{label} (no checkpoint)", [studio], args.runs, env, marks)
        if args.checkpoint:
            row(f"{label} CHECKPOINT", [studio, args.checkpoint], args.runs, env, marks)


if __name__ == "__main__":
    main()
