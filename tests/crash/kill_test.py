#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash safety of `golf train` and `golf export` under SIGKILL (issue 6, Hardening).

Kills each command at random moments (a seeded uniform delay over its measured duration, so
startup, training steps, checkpoint writes, verification, the folder swap and zipping are all
hit) and after every kill checks what is on disk:

train   every checkpoints/step_N.pt loads (`golf inspect`) and is a complete zip archive (CRCs);
        every step_N.state.pt is complete; latest.json parses and names a complete pair of its
        own step; nothing but known names and writeFileAtomic temporaries (".NAME.tmp.XXXXXX")
        is there; metrics.jsonl parses line by line except possibly a last line without its
        newline. Then `golf train --resume` must say `resume:step:N` with N the step of
        latest.json (or start over when no checkpoint existed yet), continue with step N+1,
        and, at the end of each chain of kills, finish with the final checkpoint.
export  records/<date>_<name>/ is absent or complete: exactly the expected files,
        submission.json parses and equals that of the previous or the new export (both are
        measured once up front), the model file is as long as submission.json says and loads;
        the .zip is absent or complete (CRCs, expected entries, its own size claim holds) and
        matches the folder beside it; the only other entries are the hidden staging folders
        and zip temporaries of killed exports. Then an export run without a kill must succeed
        and clear the killed one's staging folders.

Standard library only; not part of the CTest suite (it takes minutes). Usage:
    python3 tests/crash/kill_test.py --golf build/release/app/golf/golf [--kills 60] [--seed 1]
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SHARED = os.path.join(os.path.dirname(REPO), "shared", "data")

ITERATIONS = 24
TRAIN_SETTINGS = {
    "iterations": ITERATIONS,
    "grad_accum_steps": 1,
    "train_batch_tokens": 1024,
    "train_seq_len": 64,
    "val_loss_every": 8,
    "val_tokens": 4096,
    "val_batch_size": 4096,
    "checkpoint_every": 2,
    "train_log_every": 1,
    "max_wallclock_seconds": 0,
    "warmdown_iters": 8,
    "muon_momentum_warmup_steps": 8,
    "model.num_layers": 2,
    "model.model_dim": 64,
    "model.num_heads": 2,
    "model.num_kv_heads": 1,
    "model.mlp_mult": 2,
}
EXPORT_NAME = "kill test"
EXPORT_DATE = "2026-01-01T00:00:00Z"
FOLDER = "2026-01-01_kill-test"
EXPORT_FILES = {"final_model.golf.ptz", "submission.json", "README.md", "recipe.json", "train.log",
                "golf_mixed.py"}

TEMP_RE = r"\.tmp\.[A-Za-z0-9_]{6}"
RUN_TOP_RE = re.compile(r"^(config\.json|metrics\.jsonl|train\.log|checkpoints|STOP|\.config\.json" + TEMP_RE + ")$")
CKPT_RE = re.compile(r"^step_(\d{6})\.pt$")
STATE_RE = re.compile(r"^step_(\d{6})\.state\.pt$")
CKPT_TEMP_RE = re.compile(r"^\.(latest\.json|step_\d{6}(\.state)?\.pt)" + TEMP_RE + "$")
RECORDS_RE = re.compile(r"^(" + re.escape(FOLDER) + r"|" + re.escape(FOLDER) + r"\.zip|\." + re.escape(FOLDER) +
                        r"\.(partial|old)-\d+|\." + re.escape(FOLDER) + r"\.zip" + TEMP_RE + ")$")


class Checker:
    """Loads each model file once per version (path, inode, size, mtime): an atomic write makes
    a new inode, so a file replaced after its check is checked again."""

    def __init__(self, golf):
        self.golf = golf
        self.ok = set()

    def loads(self, path):
        st = os.stat(path)
        key = (path, st.st_ino, st.st_size, st.st_mtime_ns)
        if key in self.ok:
            return None
        r = subprocess.run([self.golf, "inspect", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True)
        if r.returncode != 0:
            return "golf inspect %s: %s" % (path, r.stderr.strip()[-300:])
        self.ok.add(key)
        return None


def zip_problem(path, must_contain=None):
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad is not None:
                return "%s: bad CRC in %s" % (path, bad)
            names = z.namelist()
            if must_contain and not any(n.endswith(must_contain) for n in names):
                return "%s: no %s entry" % (path, must_contain)
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        return "%s: not a complete zip (%s)" % (path, e)
    return None


def metrics_problem(path):
    """Every complete line is a JSON object with an integer step; only a last line without its
    newline may be torn."""
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    complete = lines[:-1]  # the part after the last newline is a partial line (or empty)
    for i, line in enumerate(complete):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            return "%s: line %d does not parse: %r" % (path, i + 1, line[:80])
        if not isinstance(rec, dict) or not isinstance(rec.get("step"), int):
            return "%s: line %d has no integer step" % (path, i + 1)
    return None


def check_run(run, checker):
    """Problems with a run directory right after a kill (empty list: consistent). Returns
    (problems, latest step or None)."""
    problems = []
    if not os.path.isdir(run):
        return problems, None
    for name in os.listdir(run):
        if not RUN_TOP_RE.match(name):
            problems.append("unexpected entry in the run folder: " + name)
    cfg = os.path.join(run, "config.json")
    if os.path.exists(cfg):
        try:
            with open(cfg) as f:
                if "train" not in json.load(f):
                    problems.append("config.json has no train section")
        except ValueError as e:
            problems.append("config.json does not parse: %s" % e)
    ck = os.path.join(run, "checkpoints")
    models, states = {}, {}
    if os.path.isdir(ck):
        for name in sorted(os.listdir(ck)):
            path = os.path.join(ck, name)
            m, s = CKPT_RE.match(name), STATE_RE.match(name)
            if m:
                models[int(m.group(1))] = path
                problems += [p for p in [zip_problem(path, "/data.pkl"), checker.loads(path)] if p]
            elif s:
                states[int(s.group(1))] = path
                p = zip_problem(path, "/data.pkl")
                if p:
                    problems.append(p)
                else:
                    with zipfile.ZipFile(path) as z:
                        pkl = [n for n in z.namelist() if n.endswith("/data.pkl")][0]
                        if b"golf-train-state-v1" not in z.read(pkl):
                            problems.append(path + ": not a training state")
            elif name == "latest.json" or CKPT_TEMP_RE.match(name):
                pass
            else:
                problems.append("unexpected entry in checkpoints/: " + name)
    latest = None
    lp = os.path.join(ck, "latest.json")
    if os.path.exists(lp):
        try:
            with open(lp) as f:
                j = json.load(f)
            latest = int(j["step"])
            if j["model"] != "step_%06d.pt" % latest or j["state"] != "step_%06d.state.pt" % latest:
                problems.append("latest.json names another step's files: %s" % j)
            elif latest not in models or latest not in states:
                problems.append("latest.json names a missing file: %s" % j)
        except (ValueError, KeyError, TypeError) as e:
            problems.append("latest.json does not parse: %s" % e)
    p = metrics_problem(os.path.join(run, "metrics.jsonl"))
    if p:
        problems.append(p)
    return problems, latest


class Proc:
    """A golf process whose stdout lines are collected by a thread (so a kill never blocks)."""

    def __init__(self, args, log_path):
        self.err = open(log_path, "w")
        self.p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.err, text=True)
        self.lines = []
        self.t = threading.Thread(target=self._read, daemon=True)
        self.t.start()

    def _read(self):
        for line in self.p.stdout:
            self.lines.append(line.rstrip("\n"))

    def run_for(self, seconds):
        """Waits up to `seconds`; kills with SIGKILL if still running. Returns True if killed."""
        try:
            self.p.wait(timeout=seconds)
            killed = False
        except subprocess.TimeoutExpired:
            self.p.send_signal(signal.SIGKILL)
            self.p.wait()
            killed = True
        self.t.join()
        self.err.close()
        return killed

    def wait(self):
        return not self.run_for(3600) and self.p.returncode


def train_args(golf, data, run, resume):
    if resume:
        return [golf, "train", "--resume", run, "--threads", "1"]
    args = [golf, "train", "--data", data, "--run-dir", run, "--seed", "7", "--threads", "1"]
    for k, v in TRAIN_SETTINGS.items():
        args += ["--set", "%s=%s" % (k, v)]
    return args


def resume_verdict(lines, expected):
    """Did this attempt resume from step `expected` (0: start over) and continue with the next
    step? None when it printed nothing yet to judge by (killed during startup)."""
    started = None
    for i, line in enumerate(lines):
        m = re.match(r"^resume:step:(\d+) from ", line)
        if m:
            started = int(m.group(1))
        elif line.startswith("model_params:"):
            started = 0
        if started is not None:
            for later in lines[i + 1:]:
                m2 = re.match(r"^step:(\d+)/\d+ train_loss", later)
                if m2:
                    if int(m2.group(1)) != started + 1:
                        return False, "resumed at %d but the next step logged is %s" % (started, m2.group(1))
                    break
            if started != expected:
                return False, "resumed from step %d, latest.json says %d" % (started, expected)
            return True, None
    return None, None


def train_phase(a, golf, data, work, rng, checker, kills_wanted, calib):
    stats = dict(kills=0, consistent=0, resumes=0, resume_fail=0, finished=0, failures=[])
    chain = 0
    while stats["kills"] < kills_wanted:
        chain += 1
        run = os.path.join(work, "runs", "chain%02d" % chain)
        pending = []  # kills whose resume is not yet verified, with the step expected
        attempt = 0
        chain_kills = rng.randint(3, 6)
        fresh = True
        while True:
            attempt += 1
            last = chain_kills == 0 or stats["kills"] >= kills_wanted
            resume = not fresh
            proc = Proc(train_args(golf, data, run, resume), os.path.join(work, "train-%02d-%02d.err" % (chain, attempt)))
            if last:
                rc = proc.wait()
                killed = False
            else:
                killed = proc.run_for(rng.uniform(0.0, calib))
                rc = proc.p.returncode
            if pending:
                verdict, why = resume_verdict(proc.lines, pending[0][1])
                if verdict is not None:
                    for k, _ in pending:
                        if verdict:
                            stats["resumes"] += 1
                        else:
                            stats["resume_fail"] += 1
                            stats["failures"].append("train kill %d: %s" % (k, why))
                    pending = []
            if not killed:
                if rc != 0:
                    with open(proc.err.name) as f:
                        stats["failures"].append("chain %d attempt %d exited %s: %s" % (chain, attempt, rc, f.read()[-400:]))
                else:
                    problems, latest = check_run(run, checker)
                    if latest != ITERATIONS:
                        problems.append("finished, but latest.json says step %s" % latest)
                    if not any(l.startswith("step:%d/%d val_loss" % (ITERATIONS, ITERATIONS)) for l in proc.lines):
                        problems.append("finished without the final validation line")
                    stats["failures"] += ["chain %d finish: %s" % (chain, p) for p in problems]
                    stats["finished"] += 1
                for k, _ in pending:  # finished or failed without a verdict line
                    stats["resume_fail"] += 1
                    stats["failures"].append("train kill %d: no resume line" % k)
                break
            stats["kills"] += 1
            chain_kills -= 1
            problems, latest = check_run(run, checker)
            if problems:
                stats["failures"] += ["train kill %d: %s" % (stats["kills"], p) for p in problems]
            else:
                stats["consistent"] += 1
            # No config.json yet: the kill came before the run existed; start it again fresh.
            fresh = not os.path.exists(os.path.join(run, "config.json"))
            pending.append((stats["kills"], latest if latest is not None else 0))
            print("  train kill %2d: chain %d, latest step %s%s" % (stats["kills"], chain, latest,
                  "" if not problems else "  PROBLEMS: " + "; ".join(problems)), flush=True)
    return stats


def export_args(golf, ckpt, out):
    return [golf, "export", ckpt, "--name", EXPORT_NAME, "--date", EXPORT_DATE, "--out", out,
            "--max-tokens", "2048", "--threads", "1", "--overwrite", "--no-code"]


def read_json(path):
    with open(path) as f:
        return json.load(f)


def check_records(out, allowed_submissions, checker):
    """Problems with records/ after a killed export; the submission found (or None)."""
    problems = []
    folder = os.path.join(out, FOLDER)
    zpath = folder + ".zip"
    for name in os.listdir(out):
        if not RECORDS_RE.match(name):
            problems.append("unexpected entry in records/: " + name)
    sub = None
    if os.path.isdir(folder):
        names = set(os.listdir(folder))
        if names != EXPORT_FILES:
            problems.append("folder holds %s, expected %s" % (sorted(names), sorted(EXPORT_FILES)))
        try:
            sub = read_json(os.path.join(folder, "submission.json"))
            model = os.path.join(folder, "final_model.golf.ptz")
            if os.path.getsize(model) != sub["golf_bytes_model"]:
                problems.append("model file has %d bytes, submission.json says %d" %
                                (os.path.getsize(model), sub["golf_bytes_model"]))
            if sub not in allowed_submissions:
                problems.append("submission.json is neither the previous nor the new one")
            p = checker.loads(model)
            if p:
                problems.append(p)
        except (OSError, ValueError, KeyError) as e:
            problems.append("folder incomplete: %s" % e)
    if os.path.exists(zpath):
        p = zip_problem(zpath)
        if p:
            problems.append(p)
        else:
            with zipfile.ZipFile(zpath) as z:
                names = set(z.namelist())
                want = {FOLDER + "/" + n for n in EXPORT_FILES}
                if names != want:
                    problems.append("zip holds %s" % sorted(names))
                else:
                    zsub = json.loads(z.read(FOLDER + "/submission.json"))
                    if z.getinfo(FOLDER + "/final_model.golf.ptz").file_size != zsub["golf_bytes_model"]:
                        problems.append("zip: model entry size differs from its submission.json")
                    if sub is None:
                        problems.append("a zip without its folder")
                    elif zsub != sub:
                        problems.append("the zip does not match the folder beside it")
    return problems, sub


def export_phase(golf, work, rng, checker, kills_wanted, ckpts):
    stats = dict(kills=0, consistent=0, resumes=0, resume_fail=0, finished=0, failures=[], states={})
    out = os.path.join(work, "records")
    # The two exports' submission.json, measured once without kills.
    refs = {}
    durations = []
    for c in ckpts:
        t0 = time.monotonic()
        r = subprocess.run(export_args(golf, c, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        durations.append(time.monotonic() - t0)
        if r.returncode != 0:
            raise SystemExit("reference export of %s failed: %s" % (c, r.stderr))
        refs[c] = read_json(os.path.join(out, FOLDER, "submission.json"))
    if refs[ckpts[0]] == refs[ckpts[1]]:
        raise SystemExit("the two reference exports are identical; cannot tell previous from new")
    calib = max(durations) * 1.1
    print("export: one export takes %.1f s; kills uniform in [0, %.1f] s" % (max(durations), calib), flush=True)
    previous = ckpts[1]
    i = 0
    while stats["kills"] < kills_wanted:
        new = ckpts[i % 2]
        i += 1
        proc = Proc(export_args(golf, new, out), os.path.join(work, "export-%02d.err" % i))
        # Every other kill falls in the export's last third, where the folder swap and the zip
        # happen; a window that short is rarely hit by a uniform delay alone.
        delay = rng.uniform(0.0, calib) if i % 2 else rng.uniform(calib * 0.6, calib)
        if not proc.run_for(delay):
            previous = new if proc.p.returncode == 0 else previous
            continue  # finished before the kill; not counted
        stats["kills"] += 1
        problems, sub = check_records(out, [refs[previous], refs[new]], checker)
        if problems:
            stats["failures"] += ["export kill %d: %s" % (stats["kills"], p) for p in problems]
        else:
            stats["consistent"] += 1
        state = "absent" if sub is None else "previous" if sub == refs[previous] else "new"
        stats["states"][state] = stats["states"].get(state, 0) + 1
        print("  export kill %2d: folder is %s%s" % (stats["kills"], state,
              "" if not problems else "  PROBLEMS: " + "; ".join(problems)), flush=True)
        # The same export run again without a kill must succeed and leave exactly the new one.
        r = subprocess.run(export_args(golf, new, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        after, sub = check_records(out, [refs[new]], checker)
        leftovers = [n for n in os.listdir(out) if n.startswith(".") and not n.startswith("." + FOLDER + ".zip.tmp")]
        if r.returncode != 0:
            after.append("re-export exited %d: %s" % (r.returncode, r.stderr[-300:]))
        if sub != refs[new] or not os.path.exists(os.path.join(out, FOLDER + ".zip")):
            after.append("re-export did not leave the new folder and zip")
        if leftovers:
            after.append("staging folders of the killed export remain: %s" % leftovers)
        if after:
            stats["resume_fail"] += 1
            stats["failures"] += ["export kill %d, re-export: %s" % (stats["kills"], p) for p in after]
        else:
            stats["resumes"] += 1
        previous = new
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--golf", required=True, help="the golf binary")
    ap.add_argument("--kills", type=int, default=60, help="kills in all, half train, half export (default 60)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", default=DEFAULT_SHARED, help="folder with fineweb_1024_bpe.model and tinyshakespeare.txt")
    ap.add_argument("--work", help="work folder (default: a temporary one, removed unless --keep)")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    golf = os.path.abspath(a.golf)
    rng = random.Random(a.seed)
    work = os.path.abspath(a.work) if a.work else tempfile.mkdtemp(prefix="golf-kill-")
    os.makedirs(work, exist_ok=True)
    started = time.monotonic()
    try:
        data = os.path.join(work, "data")
        if not os.path.exists(os.path.join(data, "tokenizer.luts.json")):
            model = os.path.join(a.shared, "fineweb_1024_bpe.model")
            text = os.path.join(a.shared, "tinyshakespeare.txt")
            if not (os.path.exists(model) and os.path.exists(text)):
                raise SystemExit("need %s and %s (--shared)" % (model, text))
            subprocess.run([golf, "tokenize", "encode", "--model", model, "--input", text, "--format", "blocks",
                            "--val-fraction", "0.1", "--out", data], check=True, stdout=subprocess.DEVNULL)
        checker = Checker(golf)

        # Calibration: one uninterrupted run sets the kill window and gives export its inputs.
        ref = os.path.join(work, "runs", "reference")
        t0 = time.monotonic()
        if Proc(train_args(golf, data, ref, False), os.path.join(work, "reference.err")).wait() != 0:
            raise SystemExit("the reference training run failed; see " + work)
        calib = (time.monotonic() - t0) * 1.1
        print("train: one run of %d steps takes %.1f s; kills uniform in [0, %.1f] s" %
              (ITERATIONS, calib / 1.1, calib), flush=True)

        kt = a.kills - a.kills // 2
        tstats = train_phase(a, golf, data, work, rng, checker, kt, calib)
        ckpts = [os.path.join(ref, "checkpoints", "step_%06d.pt" % s) for s in (ITERATIONS, ITERATIONS // 2)]
        estats = export_phase(golf, work, rng, checker, a.kills // 2, ckpts)
    finally:
        if not a.keep and not a.work:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print("| phase  | kills | survivors consistent | resumes OK | failures |")
    print("|--------|------:|---------------------:|-----------:|---------:|")
    for name, s in (("train", tstats), ("export", estats)):
        print("| %-6s | %5d | %20d | %10d | %8d |" % (name, s["kills"], s["consistent"], s["resumes"], len(s["failures"])))
    print()
    print("train chains finished: %d; export folder after a kill: %s; seed %d; %.0f s in all" %
          (tstats["finished"], ", ".join("%s %d" % kv for kv in sorted(estats["states"].items())), a.seed,
           time.monotonic() - started))
    for f in tstats["failures"] + estats["failures"]:
        print("FAIL " + f)
    return 1 if tstats["failures"] or estats["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
