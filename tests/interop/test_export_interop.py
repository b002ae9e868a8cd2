# SPDX-License-Identifier: GPL-3.0-or-later
"""Exported model files against Python, end to end through the `golf` CLI.

A Python GPT (golf_reference.py) is saved the way the official script saves final_model.pt
(torch.save of an OrderedDict state dict). Then, for several recipes:
  golf quantize final_model.pt --recipe R --out m.ptz   (golf-mixed-v1)
  golf convert m.ptz deq.pt                            (our dequantization, as a state dict)
and Python checks that the shipped reader (packaging/python/golf_mixed.py) decodes m.ptz to
exactly our tensors, that codes equal a quantizer written here from the format facts, and that
the weights load with load_state_dict(strict=True). Finally an official int8+zlib file written
by Python is read, inspected and converted by golf to Python's own dequantization.

    test_export_interop.py --golf build/dev/app/golf/golf --workdir DIR
"""

import argparse
import io
import json
import os
import subprocess
import sys
import unittest
import zlib

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "packaging", "python"))
sys.path.insert(0, os.path.join(HERE, "..", "bench"))
import golf_mixed  # noqa: E402
import golf_reference as ref  # noqa: E402
import reference_export  # noqa: E402  (the official int8 quantizer, written from the facts)

ARGS = None
CONTROL = "attn_scale|mlp_scale|resid_mix|q_gain|skip_weight"

# name -> (rules on top of the default int6 row, codec, level)
RECIPES = {
    "int6_zstd": ([], "zstd", 22),
    "int5mlp_group_lzma": ([{"match": r"\.mlp\.", "quant": "int5", "granularity": "group",
                             "group_size": 48}], "lzma", 9),
    "ternary_attn_zlib": ([{"match": r"\.attn\.c_", "quant": "ternary"}], "zlib", 9),
    "floats_and_tensor_scale": ([{"name": "tok_emb.weight", "quant": "bf16"},
                                 {"match": r"\.mlp\.fc", "quant": "int4", "granularity": "tensor"},
                                 {"match": r"\.attn\.proj", "quant": "fp16"}], "zstd", 3),
    "clip_and_pruning": ([{"match": r"\.mlp\.", "quant": "int8", "prune": "nm", "nm": "2:4"},
                          {"match": r"c_q", "clip": "percentile", "clip_value": 99.9,
                           "prune": "magnitude", "sparsity": 0.3},
                          {"match": r"c_k", "clip": "std", "clip_value": 3.0}], "lzma", 6),
}


def golf(*args):
    proc = subprocess.run([ARGS.golf, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"golf {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc.stdout


def model_config():
    return ref.make_config(dict(num_layers=2, model_dim=96, num_heads=4, num_kv_heads=2, vocab_size=320))


class ExportInterop(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARGS.workdir, exist_ok=True)
        torch.manual_seed(1234)
        cls.cfg = model_config()
        model = ref.GPT(cls.cfg)
        with torch.no_grad():
            # Official init zeroes the output projections; give every matrix trained-like
            # rows so no quantizer sees an all-zero tensor.
            for name, p in model.named_parameters():
                if p.ndim == 2:
                    p.copy_(torch.randn_like(p) * torch.rand(p.shape[0], 1) * 0.05)
        cls.state = model.state_dict()
        cls.checkpoint = os.path.join(ARGS.workdir, "final_model.pt")
        torch.save(cls.state, cls.checkpoint)

    def quantize(self, name):
        rules, codec, level = RECIPES[name]
        recipe = {"format": "golf-recipe-v1", "name": name,
                  "container": {"format": "golf-mixed-v1", "codec": codec, "level": level},
                  "defaults": {"quant": "int6", "granularity": "row"},
                  "rules": rules + [{"match": CONTROL, "quant": "fp32"}]}
        path = os.path.join(ARGS.workdir, name + ".json")
        with open(path, "w") as f:
            json.dump(recipe, f)
        out = os.path.join(ARGS.workdir, name + ".golf.ptz")
        report = json.loads(golf("quantize", self.checkpoint, "--recipe", path, "--out", out, "--json"))
        self.assertEqual(report["report"]["model_bytes"], os.path.getsize(out))
        return out

    def test_reader_matches_our_dequantization(self):
        for name in RECIPES:
            with self.subTest(recipe=name):
                path = self.quantize(name)
                deq = os.path.join(ARGS.workdir, name + ".deq.pt")
                golf("convert", path, deq)
                ours = torch.load(deq)
                with open(path, "rb") as f:
                    theirs = golf_mixed.load_state_dict(f.read())
                self.assertEqual(list(ours.keys()), list(self.state.keys()))
                self.assertEqual(set(theirs.keys()), set(ours.keys()))
                for key, tensor in ours.items():
                    self.assertEqual(theirs[key].dtype, tensor.dtype, key)
                    self.assertTrue(torch.equal(theirs[key], tensor), f"{name}: {key} differs")
                # Strict load into the Python model, and a finite forward pass.
                model = ref.GPT(self.cfg)
                model.load_state_dict(theirs, strict=True)
                with torch.no_grad():
                    logits = model.logits(torch.randint(0, self.cfg["vocab_size"], (1, 16)))
                self.assertTrue(torch.isfinite(logits).all())

    def test_codes_match_a_quantizer_written_from_the_facts(self):
        # int6 per row without clipping: scale = fp16(max|w| / 31), code = round(w / scale).
        path = self.quantize("int6_zstd")
        with open(path, "rb") as f:
            entries = golf_mixed.read_mixed(f.read())
        checked = 0
        for key, w in self.state.items():
            e = entries[key]
            if e["setting"]["quant"] != "int6":
                continue
            w = w.float().numpy().reshape(w.shape[0], -1)
            scale = (np.abs(w).max(axis=1) / np.float32(31)).astype(np.float16)
            scale_f = np.where(scale == 0, np.float16(1), scale).astype(np.float32)
            codes = np.clip(np.rint(w / scale_f[:, None]), -31, 31).astype(np.int8)
            np.testing.assert_array_equal(e["scales"].astype(np.float16), scale, err_msg=key)
            np.testing.assert_array_equal(e["codes"].reshape(codes.shape), codes, err_msg=key)
            checked += 1
        self.assertGreaterEqual(checked, 8)

    def test_pruning_is_visible_in_the_file(self):
        path = self.quantize("clip_and_pruning")
        with open(path, "rb") as f:
            entries = golf_mixed.read_mixed(f.read())
        fc = entries["blocks.0.mlp.fc.weight"]["codes"].reshape(-1, 4)
        self.assertTrue(((fc != 0).sum(axis=1) <= 2).all(), "2:4 structure")
        cq = entries["blocks.0.attn.c_q.weight"]["codes"]
        self.assertGreaterEqual(int((cq == 0).sum()), int(0.3 * cq.size))  # floor(s*n) pruned

    def test_official_int8_from_python(self):
        obj = reference_export.quantize(self.state)
        buf = io.BytesIO()
        torch.save(obj, buf)
        path = os.path.join(ARGS.workdir, "final_model.int8.ptz")
        with open(path, "wb") as f:
            f.write(zlib.compress(buf.getvalue(), level=9))
        inspected = json.loads(golf("inspect", path, "--json"))
        self.assertEqual(inspected["model_bytes"], os.path.getsize(path))
        total = inspected["header_bytes"] + sum(t["file_bytes"] for t in inspected["tensors"])
        self.assertEqual(total, os.path.getsize(path))
        deq = os.path.join(ARGS.workdir, "official.deq.pt")
        golf("convert", path, deq)
        ours = torch.load(deq)
        theirs = reference_export.dequantize(obj)
        for key, tensor in theirs.items():
            self.assertTrue(torch.equal(ours[key].to(tensor.dtype), tensor), key)

    def test_official_int8_of_a_bfloat16_embedding(self):
        # The official final_model.pt keeps tok_emb in bfloat16 (train_gpt.py's .bfloat16()); our
        # official-int8 export must record it as the official quantizer does, bit for bit.
        state = dict(self.state)
        state["tok_emb.weight"] = state["tok_emb.weight"].to(torch.bfloat16)
        src = os.path.join(ARGS.workdir, "bf16_final_model.pt")
        torch.save(state, src)
        out = os.path.join(ARGS.workdir, "bf16.int8.ptz")
        golf("quantize", src, "--recipe", "official-int8", "--out", out)
        with open(out, "rb") as f:
            ours = torch.load(io.BytesIO(zlib.decompress(f.read())))
        theirs = reference_export.quantize(state)
        self.assertEqual(ours["dtypes"], theirs["dtypes"])
        self.assertEqual(ours.get("passthrough_orig_dtypes"), theirs.get("passthrough_orig_dtypes"))
        recorded = {**ours["dtypes"], **ours.get("passthrough_orig_dtypes", {})}
        self.assertEqual(recorded["tok_emb.weight"], "bfloat16")
        for part in ("quantized", "scales", "passthrough"):
            self.assertEqual(set(ours[part]), set(theirs[part]), part)
            for key, tensor in theirs[part].items():
                self.assertTrue(torch.equal(ours[part][key], tensor), f"{part}[{key}]")

    def test_damaged_files_are_refused(self):
        path = self.quantize("int6_zstd")
        with open(path, "rb") as f:
            data = f.read()
        for label, damaged in (("truncated", data[: len(data) // 2]),
                               ("flipped", data[:40] + bytes([data[40] ^ 0x55]) + data[41:])):
            bad = os.path.join(ARGS.workdir, label + ".golf.ptz")
            with open(bad, "wb") as f:
                f.write(damaged)
            proc = subprocess.run([ARGS.golf, "convert", bad, bad + ".pt"], capture_output=True, text=True)
            self.assertEqual(proc.returncode, 1, label)
            self.assertIn(bad, proc.stderr)
            self.assertFalse(os.path.exists(bad + ".pt"))
            with self.assertRaises(golf_mixed.MixedFormatError):
                golf_mixed.read_mixed(damaged)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--golf", required=True)
    parser.add_argument("--workdir", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
