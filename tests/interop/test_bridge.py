# SPDX-License-Identifier: GPL-3.0-or-later
"""The evaluator bridge against a script of another architecture (standin_record_gpt.py: 3x MLP,
hashed bigram embedding), which trains, writes a records-style int6+lzma artifact and scores its
own round trip. Through `golf ... --script` (a Python child running the script's own model class
and eval_val):

- golf eval of the artifact and of final_model.pt equals the script's own printed scores exactly;
- golf sensitivity measures every cell; its full-precision figure equals golf eval on the slice;
- golf allocate fits the budget, and its measured round trip equals golf eval of the allocated
  recipe's file (golf quantize); golf pareto records a point in the checkpoint's history;
- golf export verifies through the script: pre-quantization equals the script's own score, the
  round trip equals golf eval of the exported file;
- a script that crashes at import, lacks the evaluation function, hangs (timeout), builds
  another shape, or a Python that is not there: each a clear error, golf exits 1, never a crash.

    test_bridge.py --golf build/release/app/golf/golf --python /usr/bin/python3 --workdir DIR
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from toydata import score, write_luts, write_shard  # noqa: E402

STANDIN = os.path.join(HERE, "standin_record_gpt.py")
VOCAB = 64
ARGS = None




def golf(*args, check=True, timeout=600):
    # The caches (sensitivity cells, histories) live in the work folder, which each run starts
    # afresh: the stand-in trains the same weights every time, so a shared cache would answer.
    env = dict(os.environ, GOLF_PYTHON=ARGS.python, OMP_NUM_THREADS="2",
               GOLF_CACHE_DIR=os.path.join(ARGS.workdir, "cache"))
    proc = subprocess.run([ARGS.golf, *args], capture_output=True, text=True, env=env, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"golf {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc




class Bridge(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        w = ARGS.workdir
        shutil.rmtree(w, ignore_errors=True)
        os.makedirs(w)
        cls.data = os.path.join(w, "data")
        os.makedirs(cls.data)
        # Half the tokens follow a fixed successor rule, so the bigram path has something to learn.
        rng = np.random.default_rng(7)
        p = 1.0 / np.arange(1, VOCAB + 1)
        p /= p.sum()
        t = [1]
        for _ in range(60000):
            t.append((t[-1] * 7 + 3) % VOCAB if rng.random() < 0.5 else int(rng.choice(VOCAB, p=p)))
        t = np.array(t)
        write_shard(os.path.join(cls.data, "toy_train_000000.bin"), t[:50000])
        val = t[50000:].copy()
        val[0] = 1
        write_shard(os.path.join(cls.data, "toy_val_000000.bin"), val)
        write_luts(cls.data, VOCAB)
        run = subprocess.run([ARGS.python, STANDIN], cwd=w, capture_output=True, text=True,
                             env=dict(os.environ, DATA_PATH=cls.data, ITERATIONS="40", OMP_NUM_THREADS="2"))
        if run.returncode != 0:
            raise AssertionError(f"the stand-in record script failed:\n{run.stderr}")
        cls.log = run.stdout
        cls.fp32 = os.path.join(w, "final_model.pt")
        cls.int6 = os.path.join(w, "final_model.int6.ptz")

    def script(self, *extra):
        return ["--script", STANDIN, "--data", self.data, *extra]

    def eval_json(self, model, *extra):
        return json.loads(golf("eval", model, *self.script("--json", *extra)).stdout)

    def test_eval_equals_the_scripts_own(self):
        for model, label in ((self.int6, "final_int6_roundtrip_exact"), (self.fp32, "final_fp32_exact")):
            loss, bpb = score(self.log, label)
            got = self.eval_json(model)
            self.assertAlmostEqual(got["val_loss"], loss, delta=1e-8, msg=model)
            self.assertAlmostEqual(got["val_bpb"], bpb, delta=1e-8, msg=model)
            self.assertIn("standin_record_gpt.py", got["evaluator"])
        # golf's own GPT cannot score it: the architecture is not the baseline's.
        own = golf("eval", self.int6, "--data", self.data, check=False)
        self.assertEqual(own.returncode, 1)
        self.assertIn("architecture", own.stderr)

    def test_sensitivity_and_allocation(self):
        cands = '[{"quant":"int8"},{"quant":"int4"},{"quant":"int3"}]'
        common = self.script("--eval-tokens", "4096", "--candidates", cands, "--no-cache")
        table = json.loads(golf("sensitivity", self.fp32, *common, "--json").stdout)
        self.assertEqual(table["slice"], "val[0:4096] by standin_record_gpt.py")
        names = {t["name"] for t in table["tensors"]}
        self.assertIn("bigram.embed.weight", names)
        self.assertIn("blocks.0.mlp.fc.weight", names)
        cells = [c for t in table["tensors"] for c in t["cells"]]
        self.assertEqual(table["measured_cells"], len(cells))
        self.assertTrue(all(c["delta_bpb"] is not None for c in cells))
        ref = self.eval_json(self.fp32, "--max-tokens", "4096")
        self.assertAlmostEqual(table["base_bpb"], ref["val_bpb"], delta=1e-9)
        # int3 everywhere must cost more than int8 everywhere.
        by = lambda q: sum(c["delta_bpb"] for c in cells if c["setting"]["quant"] == q)
        self.assertGreater(by("int3"), by("int8"))

        recipe = os.path.join(ARGS.workdir, "allocated.json")
        alloc = json.loads(golf("allocate", self.fp32, *common, "--budget", "70000", "--out", recipe,
                                "--json").stdout)
        self.assertTrue(alloc["fits"], alloc)
        measured = alloc["measured"]
        self.assertLessEqual(measured["model_bytes"], 70000)
        packed = os.path.join(ARGS.workdir, "allocated.gmix")
        golf("quantize", self.fp32, "--recipe", recipe, "--out", packed)
        self.assertEqual(os.path.getsize(packed), measured["model_bytes"])
        again = self.eval_json(packed, "--max-tokens", "4096")
        self.assertAlmostEqual(again["val_bpb"], measured["val_bpb"], delta=1e-9)

        point = json.loads(golf("pareto", self.fp32, *self.script("--eval-tokens", "4096", "--recipe", recipe,
                                                                    "--json")).stdout)
        self.assertEqual(len(point), 1)
        self.assertEqual(point[0]["slice"], "val[0:4096] by standin_record_gpt.py")
        self.assertAlmostEqual(point[0]["val_bpb"], measured["val_bpb"], delta=1e-9)

    def test_cache_knows_the_script(self):
        """Cells cached for one script setup are not served to another (its env, its bytes)."""
        args = self.script("--eval-tokens", "2048", "--candidates", '[{"quant":"int4"}]', "--only", "mlp.fc",
                           "--json")
        first = json.loads(golf("sensitivity", self.int6, *args).stdout)
        again = json.loads(golf("sensitivity", self.int6, *args).stdout)
        self.assertEqual(again["cached_cells"], first["measured_cells"] + first["cached_cells"])
        other = json.loads(golf("sensitivity", self.int6, *args, "--script-env", "LOGIT_SOFTCAP=15").stdout)
        self.assertEqual(other["cached_cells"], 0)
        self.assertNotAlmostEqual(other["base_bpb"], first["base_bpb"], places=6)

    def test_export_verified_through_the_script(self):
        out = os.path.join(ARGS.workdir, "records")
        r = json.loads(golf("export", self.fp32, *self.script(
            "--recipe", "int8-lzma", "--name", "bridge", "--no-code", "--out", out, "--no-zip",
            "--overwrite", "--json", "--date", "2026-12-07T00:00:00Z")).stdout)
        self.assertTrue(r["verified"])
        _, fp32_bpb = score(self.log, "final_fp32_exact")
        self.assertAlmostEqual(r["pre_quant"]["val_bpb"], fp32_bpb, delta=1e-8)
        again = self.eval_json(r["model_file"])
        self.assertAlmostEqual(r["round_trip"]["val_bpb"], again["val_bpb"], delta=1e-9)

    def test_export_reproduces_through_the_record_script(self):
        """The record script, patched by golf export (markers), writes the exported file itself."""
        out = os.path.join(ARGS.workdir, "records")
        r = json.loads(golf("export", self.fp32, *self.script(
            "--code", STANDIN, "--recipe", "int6-records", "--name", "record", "--out", out, "--no-zip",
            "--overwrite", "--json", "--date", "2026-12-07T00:00:00Z")).stdout)
        self.assertTrue(r["verified"])
        self.assertEqual(r["script_block"].split(" (")[0], "golf-studio markers")
        cwd = os.path.join(ARGS.workdir, "rerun-record")
        shutil.rmtree(cwd, ignore_errors=True)
        os.makedirs(cwd)
        run = subprocess.run([ARGS.python, os.path.join(r["folder"], "train_gpt.py")], cwd=cwd,
                             capture_output=True, text=True,
                             env=dict(os.environ, DATA_PATH=self.data, INIT_STATE=self.fp32,
                                      ITERATIONS="0", OMP_NUM_THREADS="2"))
        self.assertEqual(run.returncode, 0, run.stderr)
        with open(r["model_file"], "rb") as a, open(os.path.join(cwd, "final_model.golf.ptz"), "rb") as b:
            self.assertEqual(a.read(), b.read())
        _, bpb = score(run.stdout, "final_golf_roundtrip_exact")
        self.assertAlmostEqual(bpb, r["round_trip"]["val_bpb"], delta=1e-8)

    def failure(self, *args):
        t0 = time.monotonic()
        proc = golf("eval", self.int6, *self.script(*args), check=False, timeout=120)
        self.assertEqual(proc.returncode, 1, proc.stderr)  # an error, not a signal
        return proc.stderr, time.monotonic() - t0

    def test_failures_are_clear_errors(self):
        err, _ = self.failure("--script-env", "CRASH_AT_IMPORT=1")
        self.assertIn("crashing at import as asked", err)
        self.assertIn("RuntimeError", err)
        err, _ = self.failure("--script-eval", "no_such_eval")
        self.assertIn("no evaluation function no_such_eval()", err)
        err, took = self.failure("--script-env", "EVAL_SLEEP=60", "--script-timeout", "3")
        self.assertIn("did not answer 'eval' within 3 s", err)
        self.assertLess(took, 40)
        err, _ = self.failure("--script-env", "MLP_MULT=2")
        self.assertIn("do not fit the model", err)
        self.assertIn("blocks.0.mlp.fc.weight", err)
        err, _ = self.failure("--python", "/nonexistent/python3")
        self.assertIn("was not found", err)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--golf", required=True)
    p.add_argument("--python", default=sys.executable)
    p.add_argument("--workdir", required=True)
    ARGS, rest = p.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest])
