# SPDX-License-Identifier: GPL-3.0-or-later
"""A records folder that reruns: the exported train_gpt.py writes the exported artifact itself.

standin_train_gpt.py (ours, written from the challenge's description, with the baseline's
end-of-training block) is given to `golf export --code`. Then, for several recipes and codecs:
- running the folder's patched train_gpt.py on the same weights (INIT_STATE, ITERATIONS=0)
  writes final_model.golf.ptz byte for byte equal to the exported one, and prints
  final_golf_roundtrip_exact with a val_bpb equal to `golf eval` of that file (|d| <= 1e-5);
- the printed "Total submission size golf-mixed" and submission.json's bytes_code count the
  shipped file (patched; wrapped with --wrap-code);
- GOLF_EVAL_ONLY re-scores an artifact without writing one; a patched script patches again
  (one golf section); --keep-official writes both artifacts;
- golf-studio markers work in a script without the baseline block, and a script with neither
  is refused with a message that says how to add the markers; an export without code is refused
  unless --no-code.

    test_submission.py --golf build/release/app/golf/golf --workdir DIR
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import unittest

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import golf_reference as ref  # noqa: E402
from toydata import score, write_luts, write_shard  # noqa: E402

ARGS = None
STANDIN = os.path.join(HERE, "standin_train_gpt.py")
PYTHONPATH = os.pathsep.join([HERE, os.path.join(ROOT, "tests", "bench")])
VOCAB = 256
SEQ = 64
MODEL = dict(num_layers=2, model_dim=64, num_heads=4, num_kv_heads=2, vocab_size=VOCAB)

RECIPES = {
    "int6_zstd": {"defaults": {"quant": "int6", "granularity": "row"},
                  "container": {"codec": "zstd", "level": 19}},
    "int5mlp_group_lzma": {"defaults": {"quant": "int6"},
                           "rules": [{"match": r"\.mlp\.", "quant": "int5", "granularity": "group",
                                      "group_size": 48, "clip": "std", "clip_value": 3.0}],
                           "container": {"codec": "lzma", "level": 9}},
    "ternary_pruned_zlib": {"defaults": {"quant": "int8", "clip": "percentile", "clip_value": 99.9},
                            "rules": [{"match": r"\.attn\.c_", "quant": "ternary"},
                                      {"match": r"\.mlp\.fc", "prune": "nm", "nm": "2:4"},
                                      {"name": "tok_emb.weight", "quant": "bf16"}],
                            "container": {"codec": "zlib", "level": 9}},
}


def golf(*args, check=True):
    proc = subprocess.run([ARGS.golf, *args], capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"golf {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc




def recipe_file(name):
    r = dict(RECIPES[name])
    r = {"format": "golf-recipe-v1", "name": name, **r}
    r["container"] = {"format": "golf-mixed-v1", **r["container"]}
    path = os.path.join(ARGS.workdir, name + ".json")
    with open(path, "w") as f:
        json.dump(r, f)
    return path


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()




class Submission(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        w = ARGS.workdir
        shutil.rmtree(w, ignore_errors=True)
        os.makedirs(w)
        rng = np.random.default_rng(7)
        cls.data = os.path.join(w, "data")
        os.makedirs(cls.data)
        # Text-like tokens: a skewed unigram distribution, so the scores are not all log(V).
        p = 1.0 / np.arange(1, VOCAB + 1)
        p /= p.sum()
        write_shard(os.path.join(cls.data, "toy_train_000000.bin"), rng.choice(VOCAB, 40000, p=p))
        val = rng.choice(VOCAB, 6000, p=p)
        val[0] = 1
        write_shard(os.path.join(cls.data, "toy_val_000000.bin"), val)
        write_luts(cls.data, VOCAB)
        cls.model_json = os.path.join(w, "model.json")
        with open(cls.model_json, "w") as f:
            json.dump(MODEL, f)
        torch.manual_seed(1234)
        model = ref.GPT(ref.make_config(MODEL))
        with torch.no_grad():  # trained-like rows; the official init zeroes the projections
            for name, p in model.named_parameters():
                if p.ndim == 2:
                    p.copy_(torch.randn_like(p) * torch.rand(p.shape[0], 1) * 0.08)
        cls.checkpoint = os.path.join(w, "final_model.pt")
        torch.save(model.state_dict(), cls.checkpoint)

    def export(self, name, recipe, *extra, code=STANDIN):
        out = os.path.join(ARGS.workdir, "records-" + name)
        args = ["export", self.checkpoint, "--name", name, "--recipe", recipe, "--out", out,
                "--val-files", os.path.join(self.data, "*_val_*.bin"),
                "--luts", os.path.join(self.data, "tokenizer.luts.json"),
                "--seq-len", str(SEQ), "--no-zip", "--overwrite", "--json",
                "--date", "2026-12-06T00:00:00Z"]
        if code:
            args += ["--code", code]
        return json.loads(golf(*args, *extra).stdout)

    def rerun(self, script, name, env_extra=None):
        """Runs a records folder's train_gpt.py on the checkpoint's weights in a fresh folder."""
        cwd = os.path.join(ARGS.workdir, "rerun-" + name)
        shutil.rmtree(cwd, ignore_errors=True)
        os.makedirs(cwd)
        env = dict(os.environ, PYTHONPATH=PYTHONPATH, DATA_PATH=self.data,
                   MODEL_JSON=self.model_json, INIT_STATE=self.checkpoint, ITERATIONS="0",
                   TRAIN_SEQ_LEN=str(SEQ), OMP_NUM_THREADS="2")
        env.update(env_extra or {})
        proc = subprocess.run([sys.executable, script], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=600)
        self.assertEqual(proc.returncode, 0, f"{script} failed:\n{proc.stderr[-4000:]}")
        return cwd, proc.stdout

    def golf_eval(self, model_file):
        out = golf("eval", model_file, "--model-config", self.model_json,
                   "--val-files", os.path.join(self.data, "*_val_*.bin"),
                   "--luts", os.path.join(self.data, "tokenizer.luts.json"),
                   "--seq-len", str(SEQ), "--json").stdout
        return json.loads(out)

    def check_reproduces(self, result, name, env_extra=None, wrapped=False):
        folder = result["folder"]
        script = os.path.join(folder, "train_gpt.py")
        exported = read(result["model_file"], "rb")
        cwd, log = self.rerun(script, name, env_extra)
        written = read(os.path.join(cwd, "final_model.golf.ptz"), "rb")
        self.assertEqual(written, exported, f"{name}: the rerun wrote other bytes")
        code_bytes = os.path.getsize(script)
        submission = json.loads(read(os.path.join(folder, "submission.json")))
        self.assertEqual(submission["bytes_code"], code_bytes)
        self.assertEqual(submission["bytes_total"], code_bytes + len(exported))
        total = re.search(r"^Total submission size golf-mixed: (\d+) bytes", log, re.M)
        self.assertIsNotNone(total, log)
        self.assertEqual(int(total.group(1)), code_bytes + len(exported))
        _, bpb = score(log, "final_golf_roundtrip_exact")
        ours = self.golf_eval(result["model_file"])["val_bpb"]
        self.assertLessEqual(abs(bpb - ours), 1e-5, f"{name}: script {bpb} vs golf eval {ours}")
        self.assertLessEqual(abs(bpb - result["round_trip"]["val_bpb"]), 1e-5)
        if wrapped:
            self.assertTrue(read(script).startswith("import lzma"))
        return log

    def test_patched_script_writes_the_exported_artifact(self):
        for name in RECIPES:
            with self.subTest(recipe=name):
                result = self.export(name, recipe_file(name))
                self.assertIn("baseline", result["script_block"])
                patched = read(os.path.join(result["folder"], "train_gpt.py"))
                self.assertNotIn("quantize_state_dict_int8(base_model", patched)
                self.check_reproduces(result, name)

    def test_wrapped_script(self):
        result = self.export("wrapped", recipe_file("int6_zstd"), "--wrap-code")
        self.assertTrue(os.path.exists(os.path.join(result["folder"], "train_gpt_human.py")))
        self.check_reproduces(result, "wrapped", wrapped=True)

    def test_eval_only_rescores_without_writing(self):
        result = self.export("evalonly", recipe_file("int6_zstd"))
        cwd, log = self.rerun(os.path.join(result["folder"], "train_gpt.py"), "evalonly",
                              {"GOLF_EVAL_ONLY": result["model_file"]})
        self.assertFalse(os.path.exists(os.path.join(cwd, "final_model.golf.ptz")))
        self.assertFalse(os.path.exists(os.path.join(cwd, "final_model.pt")))
        _, bpb = score(log, "final_golf_roundtrip_exact")
        self.assertLessEqual(abs(bpb - result["round_trip"]["val_bpb"]), 1e-5)

    def test_patching_a_patched_script(self):
        first = self.export("first", recipe_file("int6_zstd"))
        again = self.export("again", recipe_file("int5mlp_group_lzma"),
                            code=os.path.join(first["folder"], "train_gpt.py"))
        self.assertIn("markers", again["script_block"])
        text = read(os.path.join(again["folder"], "train_gpt.py"))
        self.assertEqual(text.count("# golf-studio: embedded begin"), 1)
        self.assertEqual(text.count("golf_serialize_and_score(base_model"), 1)
        self.check_reproduces(again, "again")

    def test_keep_official_writes_both(self):
        result = self.export("both", recipe_file("int6_zstd"), "--keep-official")
        log = self.check_reproduces(result, "both")
        score(log, "final_int8_zlib_roundtrip_exact")
        self.assertTrue(os.path.exists(os.path.join(ARGS.workdir, "rerun-both", "final_model.int8.ptz")))
        # The golf block restored the trained weights, so the int8 block quantized those.
        pre = self.golf_eval(self.checkpoint)["val_bpb"]
        _, int8_bpb = score(log, "final_int8_zlib_roundtrip_exact")
        self.assertLess(abs(int8_bpb - pre), 0.05)

    def test_markers(self):
        source = read(STANDIN)
        start = source.index("    if master_process:\n        torch.save(")
        end = source.index("\n", source.index('log0(f"final_int8_zlib_roundtrip_exact'))
        marked = (source[:start]
                  + "    # golf-studio: serialization begin; model=base_model; eval=eval_val(args, "
                    "model, rank, world_size, device, grad_accum_steps, val_tokens, base_bytes_lut, "
                    "has_leading_space_lut, is_boundary_token_lut)\n"
                  + "    # golf-studio: serialization end" + source[end:])
        path = os.path.join(ARGS.workdir, "marked_train_gpt.py")
        with open(path, "w") as f:
            f.write(marked)
        result = self.export("markers", recipe_file("ternary_pruned_zlib"), code=path)
        self.assertIn("markers", result["script_block"])
        self.check_reproduces(result, "markers")

    def test_refusals(self):
        bare = os.path.join(ARGS.workdir, "bare_train_gpt.py")
        with open(bare, "w") as f:
            f.write("import torch\nprint('training')\n")
        out = os.path.join(ARGS.workdir, "records-refused")
        base = ["export", self.checkpoint, "--name", "refused", "--recipe", recipe_file("int6_zstd"),
                "--out", out, "--no-verify"]
        proc = golf(*base, "--code", bare, check=False)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("# golf-studio: serialization begin", proc.stderr)
        self.assertIn("neither", proc.stderr)
        proc = golf(*base, check=False)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("--no-code", proc.stderr)
        self.assertFalse(os.path.exists(out) and os.listdir(out))
        result = json.loads(golf(*base, "--no-code", "--json").stdout)
        readme = read(os.path.join(result["folder"], "README.md"))
        self.assertIn("Model-only bundle", readme)
        self.assertEqual(json.loads(read(os.path.join(result["folder"], "submission.json")))["bytes_code"], 0)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--golf", required=True)
    parser.add_argument("--workdir", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
