# SPDX-License-Identifier: GPL-3.0-or-later
"""Training-speed benchmark: our C++ step against the Python PyTorch peer, same machine, same run.

    /usr/bin/python3 tests/bench/run_bench.py --bench build/dev/tests/bench/bench_train

Runs bench_train (ours) and reference_train.py (Python eager) at two sizes, in alternating
rounds, each run with warm-up steps and then timed steps. Prints medians, tokens/s, the ratio
ours/python, model FLOPs per token and MFU against a fp32 GEMM measured in the same process.
Not pass/fail: a number to compare between runs on the same machine. See README.md beside this
file.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "interop"))
import golf_reference as ref  # noqa: E402

# name -> (model overrides, batch, seq). Demo: what `golf demo` trains on a laptop; baseline: the
# official 9x512 shape at its sequence length, with a batch small enough for minutes, not hours.
SIZES = {
    "demo": (dict(num_layers=4, model_dim=256, num_heads=4, num_kv_heads=2, mlp_mult=2,
                  vocab_size=1024), 16, 256),
    "baseline": ({}, 2, 1024),
}


# What golf gives itself at run time: libgomp's spin limit (core/common/openmpenv.h) and OpenBLAS's
# OpenMP build where installed (our binaries' RPATH, top-level CMakeLists.txt). The tuned Python
# peer gets both, so it runs on the same BLAS and threads as we do.
OPENMP_BLAS = "/usr/lib/x86_64-linux-gnu/openblas-openmp"
GOLF_RUNTIME = ["env", "GOMP_SPINCOUNT=1000"] + (
    ["LD_LIBRARY_PATH=" + OPENMP_BLAS] if os.path.exists(os.path.join(OPENMP_BLAS, "libblas.so.3")) else [])


def run(cmd):
    print("$ " + " ".join(cmd), flush=True)
    t0 = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"benchmark command failed ({proc.returncode})")
    print(f"  ({time.time() - t0:.0f} s wall)", flush=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def merge(results):
    """One summary over several runs of one side: all timed steps pooled, medians taken."""
    steps = [ms for r in results for ms in r["step_ms"]]
    merged = dict(results[0])
    merged["step_ms"] = steps
    merged["median_ms"] = statistics.median(steps)
    merged["tokens_per_s"] = merged["batch"] * merged["seq"] * 1000.0 / merged["median_ms"]
    merged["gemm_gflops"] = statistics.median(r["gemm_gflops"] for r in results)
    return merged


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", required=True, help="path to the bench_train executable")
    p.add_argument("--python", default=sys.executable, help="Python with torch (reference)")
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--steps", type=int, default=3, help="timed steps per run")
    p.add_argument("--rounds", type=int, default=2, help="runs per side, alternating order")
    p.add_argument("--sizes", default=",".join(SIZES), help="comma list of " + ",".join(SIZES))
    p.add_argument("--baseline-batch", type=int, default=SIZES["baseline"][1])
    p.add_argument("--with-reference-path", action="store_true",
                   help="also time our plain ATen path (bench_train --fused 0)")
    p.add_argument("--with-tuned-python", action="store_true",
                   help="also time the Python side with the OpenMP settings golf applies to "
                        "itself (GOLF_RUNTIME: a fairer, harder reference)")
    p.add_argument("--attention", metavar="BENCH_ATTENTION",
                   help="also time attention alone (forward + backward) with this bench_attention "
                        "executable: the blocked kernel, the ATen path and Python eager")
    p.add_argument("--attention-seqs", default="1024,4096", help="sequence lengths for --attention")
    args = p.parse_args()

    # Other work on the machine skews every number; the load average says how much there was.
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in filter(None, args.sizes.split(",")):
            overrides, batch, seq = SIZES[name]
            if name == "baseline":
                batch = args.baseline_batch
            config = os.path.join(tmp, name + ".json")
            with open(config, "w") as f:
                json.dump(overrides, f)
            common = ["--config", config, "--batch", str(batch), "--seq", str(seq),
                      "--threads", str(args.threads), "--warmup", str(args.warmup),
                      "--steps", str(args.steps)]
            commands = {"ours": [args.bench, *common],
                        "python": [args.python, os.path.join(HERE, "reference_train.py"),
                                   *common]}
            if args.with_reference_path:
                commands["ours_ref"] = [args.bench, *common, "--fused", "0"]
            if args.with_tuned_python:
                commands["python_tuned"] = [*GOLF_RUNTIME, *commands["python"]]
            # Rounds alternate the order, so a burst of outside load (a shared machine) lands
            # on every side rather than on whichever ran at the time.
            runs = {side: [] for side in commands}
            for r in range(args.rounds):
                order = list(commands) if r % 2 == 0 else list(reversed(commands))
                for side in order:
                    runs[side].append(run(commands[side]))
            extra = [merge(runs["ours_ref"])] if "ours_ref" in runs else []
            if "python_tuned" in runs:
                tuned = merge(runs["python_tuned"])
                tuned["impl"] = "python-spin1k"
                extra.append(tuned)
            rows.append((name, ref.make_config(overrides), seq, merge(runs["ours"]),
                         merge(runs["python"]), extra))

    print("\nFLOPs/token = 6 * matmul weights (every linear of every virtual layer + the output "
          "head)\n              + 12 * virtual layers * T * D (attention QK^T and AV, fwd+bwd, "
          "full TxT)\nMFU-causal counts attention's lower half only (what a blocked causal kernel "
          "computes)\nMFU = tokens/s * FLOPs/token / GEMM FLOP/s (2048^2 fp32 matmul, same "
          f"process)\nMFU+NS also counts Muon's Newton-Schulz FLOPs per step (5 iterations per "
          f"block matrix, independent of the batch)\nthreads {args.threads}; {args.rounds} runs "
          f"per side, each "
          f"{args.warmup} warm-up + {args.steps} timed steps; medians over all timed steps")
    print("load average (1 min) before / after: %.2f / %.2f on %d cores\n"
          % (load_before[0], os.getloadavg()[0], os.cpu_count() or 1))
    head = (f"{'size':<9}{'impl':<14}{'params':>11}{'batch':>9}{'median ms':>11}{'best ms':>9}"
            f"{'tokens/s':>10}{'MFLOP/tok':>11}{'GFLOP/s':>9}{'GEMM GF/s':>11}{'MFU':>7}"
            f"{'MFU+NS':>8}{'MFU-causal':>11}")
    print(head)
    print("-" * len(head))
    for name, cfg, seq, ours, theirs, extra in rows:
        flops = ref.train_flops_per_token(cfg, seq)
        ns_flops = ref.newton_schulz_flops(cfg)
        # The stricter count: causal attention needs only the lower half of T x T.
        causal = flops - 6 * len(ref.layer_schedule(cfg)) * seq * cfg["model_dim"]
        for r in (ours, *extra, theirs):
            achieved = r["tokens_per_s"] * flops / 1e9
            with_ns = achieved + ns_flops / (r["median_ms"] / 1000.0) / 1e9
            print(f"{name:<9}{r['impl']:<14}{r['params']:>11,}{str(r['batch']) + 'x' + str(seq):>9}"
                  f"{r['median_ms']:>11.0f}{min(r['step_ms']):>9.0f}{r['tokens_per_s']:>10.0f}"
                  f"{flops / 1e6:>11.1f}"
                  f"{achieved:>9.1f}{r['gemm_gflops']:>11.1f}"
                  f"{100 * achieved / r['gemm_gflops']:>6.1f}%"
                  f"{100 * with_ns / r['gemm_gflops']:>7.1f}%"
                  f"{100 * r['tokens_per_s'] * causal / 1e9 / r['gemm_gflops']:>10.1f}%")
        # The best step is the least disturbed by outside load; the median is the usual figure.
        best = min(theirs["step_ms"]) / min(ours["step_ms"])
        median = ours["tokens_per_s"] / theirs["tokens_per_s"]
        print(f"{name:<9}ratio ours/python tokens/s: "
              f"{median:.2f} (median), {best:.2f} (best step)")
        for r in extra:
            if r["impl"] == "python-spin1k":
                print(f"{name:<9}ratio ours/python-spin1k tokens/s: "
                      f"{ours['tokens_per_s'] / r['tokens_per_s']:.2f} (median), "
                      f"{min(r['step_ms']) / min(ours['step_ms']):.2f} (best step)")
    if rows:
        print("\nper-step ms:")
    for name, _, _, ours, theirs, extra in rows:
        for r in (ours, *extra, theirs):
            print(f"  {name:<9}{r['impl']:<14}" + " ".join(f"{ms:.0f}" for ms in r["step_ms"]))
    if args.attention:
        attention_table(args)


def attention_table(args):
    """Attention alone at the baseline's heads (8 query, 4 KV, width 64), batch 1: forward +
    backward time and peak memory of our blocked kernel, our ATen path and Python eager, each in
    its own process. Python gets the OpenMP settings golf gives itself (GOLF_RUNTIME)."""
    results = []
    for seq in (int(t) for t in args.attention_seqs.split(",")):
        common = ["--seq", str(seq), "--threads", str(args.threads)]
        sides = {"flash": [args.attention, "--impl", "flash", *common],
                 "aten": [args.attention, "--impl", "aten", *common],
                 "python": [*GOLF_RUNTIME, args.python,
                            os.path.join(HERE, "reference_attention.py"), *common]}
        runs = {side: [] for side in sides}
        for r in range(args.rounds):
            for side in (sides if r % 2 == 0 else reversed(list(sides))):
                runs[side].append(run(sides[side]))
        merged = {}
        for side, rs in runs.items():
            ms = [t for r in rs for t in r["ms"]]
            merged[side] = {"median_ms": statistics.median(ms), "peak_mb": max(r["peak_mb"] for r in rs)}
        results.append((seq, merged))
    print("\nattention alone, forward + backward: batch 1, 8 query heads over 4 KV heads, width 64, "
          f"causal; threads {args.threads}; medians over {args.rounds} runs per side")
    head = f"{'T':>6}{'impl':>14}{'median ms':>11}{'peak MB':>9}{'flash speed-up':>16}"
    print(head)
    print("-" * len(head))
    for seq, m in results:
        for side, label in (("flash", "golf-flash"), ("aten", "golf-aten"), ("python", "python-torch")):
            ratio = m[side]["median_ms"] / m["flash"]["median_ms"]
            print(f"{seq:>6}{label:>14}{m[side]['median_ms']:>11.1f}{m[side]['peak_mb']:>9.1f}{ratio:>15.2f}x")


if __name__ == "__main__":
    main()
