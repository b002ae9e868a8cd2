# SPDX-License-Identifier: GPL-3.0-or-later
"""The Python writer of golf-mixed-v1 (packaging/python/golf_mixed.py) against the C++ writer.

Run by CTest as `interop_mixed_writer` with Debian's /usr/bin/python3:
    python3 test_mixed_writer.py --golf build/release/app/golf/golf \
        --tool build/release/tests/interop/golf_interop_tool \
        --fixture build/release/tests/interop/golf_mixed_fixture --workdir /tmp/x

For every golf-mixed-v1 preset and 50 random recipes (fixed seeds: every scheme, granularity,
group sizes that do and don't divide the rows, clips, scale types, pruning kinds, the three
codecs at various levels) on a demo-size trained-like model, and for a few on a randomly
initialised baseline-size model (17,059,912 parameters):
    golf quantize CKPT --recipe R --table-out T --out C
    golf_mixed.write_mixed(state dict, T) == C, byte for byte
and `golf inspect --json` agrees with golf_mixed.mixed_layout on C (for every third random
recipe: each call costs a second). The fixture files of golf_mixed_fixture (0-D, 3-D and empty
tensors) re-encode to the same bytes, and the writer refuses bad input with the tensor's name.

GPTQ (calibrated on a training shard written here from random tokens): with the Hessians the
C++ calibration collected (golf_interop_tool hessians) the Python file equals golf's; with
Hessians Python collects itself (calibration_batches + collect_hessians on golf_reference.GPT)
only floating-point order differs, and the test prints and bounds by how much.
"""

import argparse
import glob
import json
import os
import random
import subprocess
import sys
import time
import unittest

import numpy as np
import torch  # a missing python3-torch fails the test: nothing here is skipped

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "packaging", "python"))
import golf_mixed  # noqa: E402
import golf_reference as ref  # noqa: E402

ARGS = None
CONTROL = "attn_scale|mlp_scale|resid_mix|q_gain|skip_weight"
# Selectors that hit only the 2-D block matrices and tok_emb (power-of-two rows, columns a
# multiple of 64), where N:M and row-block pruning are always valid; and some that do not.
BIG = [r"\.mlp\.", r"\.mlp\.fc", r"\.mlp\.proj", r"\.attn\.c_[qkv]", r"\.attn\.c_q",
       r"\.attn\.proj", r"^tok_emb", "c_k|c_v"]
ANY = [r"blocks\.[02]\.", r"blocks\.1\.", r"\.attn\.", "scale"]
DEMO_SEEDS = range(50)
BASELINE_SEEDS = (1001, 1002, 1003)


def random_setting(rng, big):
    """A complete setting, so a rule never inherits keys that would make it invalid."""
    kind = rng.choices(["int", "binary", "ternary", "float"], [6, 1, 2, 1])[0]
    if kind == "float":
        s = {"quant": rng.choice(["fp32", "fp16", "bf16"])}
    else:
        s = {"quant": f"int{rng.randint(2, 8)}" if kind == "int" else kind,
             "granularity": rng.choice(["tensor", "row", "row", "group", "group"])}
        if s["granularity"] == "group":
            s["group_size"] = rng.choice([16, 32, 48, 64, 100, 128, 200, 333, 4096])
        if kind == "int":
            s["clip"] = rng.choice(["none", "percentile", "std"])
            if s["clip"] == "percentile":
                s["clip_value"] = rng.choice([100.0, 99.99984, 99.9, 99.0, 95.0, 50.0, 0.5])
            elif s["clip"] == "std":
                s["clip_value"] = rng.choice([12.85, 3.0, 2.5, 1.0, 0.5])
        s["scale_dtype"] = rng.choice(["float16", "float16", "bfloat16", "float32"])
    prunes = ["none"] if kind == "binary" else \
        ["none", "none", "magnitude"] + (["nm", "rows"] if big else [])
    s["prune"] = rng.choice(prunes)
    if s["prune"] in ("magnitude", "rows"):
        s["sparsity"] = rng.choice([0.0, 0.1, 0.123, 0.3, 0.5, 0.9])
    if s["prune"] == "nm":
        s["nm"] = rng.choice(["2:4", "1:4", "3:8", "4:16", "1:2", "8:32"])
    if s["prune"] == "rows":
        s["row_block"] = rng.choice([1, 2, 4, 16, 64])
    return s


def random_recipe(seed):
    rng = random.Random(seed)
    codec = rng.choice(["zlib", "zstd", "lzma", "brotli"])
    level = {"zlib": rng.choice([1, 3, 6, 9]), "zstd": rng.choice([1, 3, 7, 12, 19, 22]),
             "lzma": rng.choice([0, 1, 3, 6, 6, 9, 11]), "brotli": rng.choice([1, 5, 9, 11])}[codec]
    rules = []
    for _ in range(rng.randint(0, 4)):
        big = rng.random() < 0.7
        selector = {"match": rng.choice(BIG)} if big and rng.random() < 0.8 else \
            {"min_numel": 65536} if big else {"match": rng.choice(ANY)}
        rules.append({**selector, **random_setting(rng, big)})
    if rng.random() < 0.6:
        rules.append({"match": CONTROL, "quant": rng.choice(["fp32", "fp16"]), "prune": "none"})
    return {"format": "golf-recipe-v1", "name": f"random {seed}",
            "container": {"format": "golf-mixed-v1", "codec": codec, "level": level},
            "defaults": random_setting(rng, False), "rules": rules}


def golf(*args):
    proc = subprocess.run([ARGS.golf, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"golf {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc.stdout


def trained_like(model, seed):
    """Weights shaped like trained ones: row and column scales, heavy-ish tails, and a fifth of
    the values on a 1/64 grid so that magnitude ties (pruning order) occur."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for _, p in model.named_parameters():
            t = torch.randn(p.shape, generator=g)
            if p.ndim == 2:
                t = t * torch.rand(p.shape[0], 1, generator=g) * torch.rand(1, p.shape[1], generator=g)
                t = t * (1 + torch.rand(p.shape, generator=g) ** 8 * 4) * 0.1
                grid = torch.rand(p.shape, generator=g) < 0.2
                t[grid] = (t[grid] * 64).round() / 64
            else:
                t = 1 + 0.1 * t
            p.copy_(t)
    return model


def differing_codes(a, b, names=None):
    """(codes that differ, codes) between two files' integer tensors (those of `names`)."""
    ra, rb = golf_mixed.read_mixed(a), golf_mixed.read_mixed(b)
    diff = total = 0
    for name, x in ra.items():
        if x["codes"] is not None and (names is None or name in names):
            diff += int((x["codes"] != rb[name]["codes"]).sum())
            total += x["codes"].size
    return diff, total


class MixedWriterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARGS.workdir, exist_ok=True)
        # One thread: the results are the same, and on a busy 2-core machine OpenMP's waiting
        # made quantizing 10-30x slower with two.
        torch.set_num_threads(1)
        demo = ref.GPT(ref.make_config(dict(num_layers=4, model_dim=256, num_heads=4,
                                            num_kv_heads=2)))
        cls.demo_model = trained_like(demo, 7)
        cls.demo = {k: v.clone() for k, v in demo.state_dict().items()}
        cls.demo_ckpt = os.path.join(ARGS.workdir, "demo.pt")
        torch.save(cls.demo, cls.demo_ckpt)
        torch.manual_seed(11)
        cls.baseline = ref.GPT(ref.make_config()).state_dict()
        cls.baseline_ckpt = os.path.join(ARGS.workdir, "baseline.pt")
        torch.save(cls.baseline, cls.baseline_ckpt)
        cls.timing = {}

    @classmethod
    def tearDownClass(cls):
        for what, (n, s) in cls.timing.items():
            print(f"{what}: {n} files, {s:.1f} s", file=sys.stderr)

    def both(self, ckpt, state, recipe, tag, extra=(), hessians=None):
        """golf's file, its settings table, and the Python writer's file."""
        if isinstance(recipe, dict):
            path = os.path.join(ARGS.workdir, tag + ".recipe.json")
            with open(path, "w") as f:
                json.dump(recipe, f)
            recipe = path
        table_path = os.path.join(ARGS.workdir, tag + ".table.json")
        out = os.path.join(ARGS.workdir, tag + ".gmix")
        golf("quantize", ckpt, "--recipe", recipe, "--table-out", table_path, "--out", out, *extra)
        with open(out, "rb") as f:
            cpp = f.read()
        with open(table_path) as f:
            table = json.load(f)
        return cpp, table, golf_mixed.write_mixed(state, table, hessians)

    def check_same(self, ckpt, state, recipe, tag, timing, inspect=True):
        t0 = time.time()
        cpp, table, py = self.both(ckpt, state, recipe, tag)
        n, s = self.timing.get(timing, (0, 0.0))
        self.timing[timing] = (n + 1, s + time.time() - t0)
        self.assertEqual(table["format"], "golf-settings-v1")
        self.assertEqual([t["name"] for t in table["tensors"]], list(state))
        if py != cpp:
            diff, total = differing_codes(cpp, py)
            self.fail(f"{tag}: Python wrote {len(py)} bytes, golf {len(cpp)}; "
                      f"{diff} of {total} codes differ")
        if not inspect:
            return
        layout = golf_mixed.mixed_layout(cpp)
        inspected = json.loads(golf("inspect", os.path.join(ARGS.workdir, tag + ".gmix"), "--json"))
        self.assertEqual(inspected["header_bytes"], layout["header_bytes"], tag)
        self.assertEqual(inspected["model_bytes"], len(cpp), tag)
        self.assertEqual([(t["name"], t["file_bytes"]) for t in inspected["tensors"]],
                         list(layout["streams"].items()), tag)
        self.assertEqual(inspected["codec"], table["codec"], tag)
        self.assertEqual(inspected["level"], table["level"], tag)
        self.assertEqual([t["setting"] for t in inspected["tensors"]],
                         [t["setting"] for t in table["tensors"]], tag)

    def test_presets(self):
        presets = sorted(glob.glob(os.path.join(ROOT, "resources", "recipes", "*.json")))
        checked = 0
        for path in presets:
            with open(path) as f:
                if json.load(f).get("container", {}).get("format", "golf-mixed-v1") != "golf-mixed-v1":
                    continue
            name = os.path.basename(path)[:-5]
            with self.subTest(preset=name):
                self.check_same(self.demo_ckpt, self.demo, path, "preset-" + name, "demo presets")
                checked += 1
        self.assertGreaterEqual(checked, 4)

    def test_random_recipes_demo(self):
        seen = set()
        for seed in DEMO_SEEDS:
            recipe = random_recipe(seed)
            seen.add((recipe["container"]["codec"], recipe["defaults"]["quant"]))
            with self.subTest(seed=seed):
                self.check_same(self.demo_ckpt, self.demo, recipe, f"random-{seed}", "demo random",
                                inspect=seed % 3 == 0)
        self.assertEqual({c for c, _ in seen}, {"zlib", "zstd", "lzma", "brotli"})

    def test_baseline_model(self):
        self.assertEqual(sum(t.numel() for t in self.baseline.values()), 17059912)
        for seed in BASELINE_SEEDS:
            with self.subTest(seed=seed):
                self.check_same(self.baseline_ckpt, self.baseline, random_recipe(seed),
                                f"baseline-{seed}", "baseline random")
        self.check_same(self.baseline_ckpt, self.baseline, "int5-mlp", "baseline-int5-mlp",
                        "baseline preset")

    def test_fixture_files_reencode(self):
        # The C++ fixture's tensors (0-D, 3-D, empty, every scheme) through the Python encoder.
        fixture = os.path.join(ARGS.workdir, "fixture")
        os.makedirs(fixture, exist_ok=True)
        subprocess.run([ARGS.fixture, fixture], check=True, capture_output=True)
        with open(os.path.join(fixture, "expected.json")) as f:
            expected = json.load(f)
        for file in expected["files"]:
            with open(os.path.join(fixture, file), "rb") as f:
                data = f.read()
            layout = golf_mixed.mixed_layout(data)
            quantized = []
            for t in expected["tensors"]:
                q = {"shape": tuple(t["shape"]), "dtype": t["dtype"], "setting": t["setting"],
                     "codes": None, "scales": None, "values": None}
                if t["setting"]["quant"] not in golf_mixed.FLOAT_SHORT:
                    q["codes"] = np.array(t["codes"], np.int8)
                    q["scales"] = bytes.fromhex(t["scales"])
                else:
                    q["values"] = bytes.fromhex(t["values"])
                quantized.append(q)
            names = [t["name"] for t in expected["tensors"]]
            self.assertEqual(golf_mixed._assemble(names, quantized, layout["codec"], layout["level"]),
                             data, file)

    def test_settings_table_and_errors(self):
        cpp, table, py = self.both(self.demo_ckpt, self.demo, "int6-records", "errors")
        self.assertEqual(py, cpp)
        self.assertEqual(table["gptq"], {"block_size": 128, "dampening": 0.01})
        self.assertNotIn("calibration", table)  # no gptq tensor
        first = table["tensors"][0]["name"]
        missing = dict(self.demo)
        del missing[first]
        extra = dict(self.demo, **{"extra.weight": torch.zeros(3)})
        bad = dict(self.demo, **{first: self.demo[first].clone()})
        bad[first][0, 0] = float("nan")
        gptq = json.loads(json.dumps(table))
        cq = [t for t in gptq["tensors"] if t["name"].startswith("blocks.") and
              t["setting"]["quant"] not in golf_mixed.FLOAT_SHORT][0]
        cq["setting"]["method"] = "gptq"
        for state, tab, name in ((missing, table, first), (extra, table, "extra.weight"),
                                 (bad, table, first), (self.demo, gptq, cq["name"])):
            with self.assertRaises(golf_mixed.MixedFormatError) as caught:
                golf_mixed.write_mixed(state, tab)
            self.assertIn(name, str(caught.exception))
        with open(os.path.join(ROOT, "packaging", "python", "golf_mixed.py")) as f:
            self.assertNotIn("'" * 3, f.read(), "golf export embeds the file in r'''...'''")

    def test_gptq(self):
        shards = os.path.join(ARGS.workdir, "shards")
        os.makedirs(shards, exist_ok=True)
        rng = np.random.default_rng(3)
        for i, n in enumerate((15000, 9000)):  # the walk crosses a shard boundary
            header = np.zeros(256, "<i4")
            header[:3] = (20240520, 1, n)
            tokens = (rng.zipf(1.4, n) % 1024).astype("<u2")
            with open(os.path.join(shards, f"fineweb_train_{i:06d}.bin"), "wb") as f:
                f.write(header.tobytes() + tokens.tobytes())
        train_glob = os.path.join(shards, "fineweb_train_*.bin")
        gptq = {"method": "gptq"}
        recipe = {"format": "golf-recipe-v1", "name": "gptq",
                  "container": {"format": "golf-mixed-v1", "codec": "lzma", "level": 6},
                  "defaults": {"quant": "int6", "granularity": "row"},
                  "rules": [{"match": r"\.attn\.c_q", "quant": "int4", "granularity": "group",
                             "group_size": 64, **gptq},
                            {"match": r"\.attn\.c_[kv]", "quant": "int5", "granularity": "group",
                             "group_size": 100, "scale_dtype": "bfloat16", **gptq},
                            {"match": r"\.attn\.proj", "quant": "ternary", **gptq},
                            {"match": r"\.mlp\.fc", "quant": "int3", "prune": "nm", "nm": "2:4",
                             **gptq},
                            {"match": r"blocks\.1\.mlp\.proj", "quant": "binary", **gptq},
                            {"match": r"blocks\.[023]\.mlp\.proj", "quant": "int4",
                             "granularity": "tensor", "prune": "magnitude", "sparsity": 0.3,
                             "clip": "std", "clip_value": 4.0, **gptq},
                            {"match": CONTROL, "quant": "fp32"}]}
        tokens = 20480  # 20 sequences of 1024: batches of 16 and 4
        extra = ("--calib-files", train_glob, "--calib-tokens", str(tokens))
        t0 = time.time()
        hessian_file = os.path.join(ARGS.workdir, "hessians.pt")
        subprocess.run([ARGS.tool, "hessians", self.demo_ckpt, train_glob, str(tokens),
                        hessian_file], check=True)
        cpp_h = torch.load(hessian_file)
        cpp, table, same_h = self.both(self.demo_ckpt, self.demo, recipe, "gptq", extra, cpp_h)
        self.assertEqual(table["calibration"], {"tokens": tokens, "seq_len": 1024,
                                                "batch_tokens": 16384, "offset": 0})
        names = [t["name"] for t in table["tensors"] if t["setting"].get("method") == "gptq"]
        self.assertEqual(len(names), 24)
        diff1, total = differing_codes(cpp, same_h, names)

        cal = table["calibration"]
        batches = list(golf_mixed.calibration_batches(train_glob, cal["tokens"], cal["seq_len"],
                                                      cal["batch_tokens"], cal["offset"]))
        self.assertEqual([tuple(x.shape) for x, _ in batches], [(16, 1024), (4, 1024)])
        stream = np.concatenate([np.fromfile(p, "<u2", offset=1024) for p in sorted(glob.glob(train_glob))])
        self.assertTrue(np.array_equal(torch.cat([x.view(-1) for x, _ in batches]).numpy(),
                                       stream[:tokens]))
        self.assertTrue(np.array_equal(torch.cat([y.view(-1) for _, y in batches]).numpy(),
                                       stream[1:tokens + 1]))
        py_h = golf_mixed.collect_hessians(self.demo_model, names, batches)
        h_diff = max(float((py_h[n] - cpp_h[n]).abs().max() / cpp_h[n].abs().max()) for n in names)
        own_h = golf_mixed.write_mixed(self.demo, table, py_h)
        diff2, _ = differing_codes(cpp, own_h, names)
        print(f"\nGPTQ, {len(names)} tensors, {total} codes: same H as C++: {diff1} codes differ, "
              f"{len(same_h) - len(cpp):+d} bytes; H collected by Python (max rel. diff "
              f"{h_diff:.2e}): {diff2} codes differ ({diff2 / total:.4%}), "
              f"{len(own_h) - len(cpp):+d} bytes of {len(cpp)} ({time.time() - t0:.1f} s)",
              file=sys.stderr)
        self.assertEqual(same_h, cpp, f"{diff1} codes differ with C++'s own Hessians")
        self.assertLess(h_diff, 1e-4)
        self.assertLess(diff2 / total, 0.01)
        self.assertLess(abs(len(own_h) - len(cpp)), 0.002 * len(cpp))
        val = os.path.join(shards, "fineweb_val_000000.bin")
        os.link(os.path.join(shards, "fineweb_train_000001.bin"), val)
        with self.assertRaises(golf_mixed.MixedFormatError) as caught:
            next(golf_mixed.calibration_batches(os.path.join(shards, "*.bin"), 1024, 1024))
        self.assertIn("validation", str(caught.exception))
        os.remove(val)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--golf", required=True)
    parser.add_argument("--tool", required=True, help="golf_interop_tool (GPTQ Hessians)")
    parser.add_argument("--fixture", required=True, help="golf_mixed_fixture")
    parser.add_argument("--workdir", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
