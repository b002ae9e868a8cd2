# SPDX-License-Identifier: GPL-3.0-or-later
"""golf-mixed-v1 files written by our C++ side, read by the Python reader a train_gpt.py embeds.

Run by CTest as `interop_mixed_reader` with Debian's /usr/bin/python3:
    python3 test_mixed_reader.py --tool build/dev/tests/interop/golf_mixed_fixture --workdir /tmp/x

golf_mixed_fixture writes one tensor set (every scheme, granularity, scale and value type, 0-D to
3-D shapes, an empty tensor) with zlib, zstd and lzma, plus expected.json. Checked here:
- packaging/python/golf_mixed.py returns exactly the codes, scale bytes, value bytes and settings;
- its per-tensor stream figures equal ours and sum to the file size;
- load_state_dict() equals code * scale computed here independently, in the original dtypes;
- damaged files (every truncation, flipped bytes, trailing bytes) raise MixedFormatError.
"""

import argparse
import json
import os
import subprocess
import sys
import unittest
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "packaging", "python"))
import golf_mixed  # noqa: E402

ARGS = None


def raw_bytes(array, float_type):
    """The stored little-endian bytes of a reader array (bfloat16 comes back widened)."""
    if float_type == "bfloat16":
        return (np.ascontiguousarray(array, np.float32).view(np.uint32) >> 16).astype("<u2").tobytes()
    return np.ascontiguousarray(array).tobytes()


def decode_floats(hex_bytes, float_type):
    """Independent of the reader: hex of raw bytes -> float32 values."""
    raw = bytes.fromhex(hex_bytes)
    if float_type == "float32":
        return np.frombuffer(raw, "<f4").astype(np.float32)
    if float_type == "float16":
        return np.frombuffer(raw, "<f2").astype(np.float32)
    words = [int.from_bytes(raw[i:i + 2], "little") << 16 for i in range(0, len(raw), 2)]
    return np.array(words, np.uint32).view(np.float32)


def expected_dequant(t):
    """code * scale per scale group, written out with loops (not the reader's vectorised code)."""
    s = t["setting"]
    shape = t["shape"]
    numel = int(np.prod(shape)) if shape else 1
    if s["quant"] in ("fp32", "fp16", "bf16"):
        ftype = {"fp32": "float32", "fp16": "float16", "bf16": "bfloat16"}[s["quant"]]
        return decode_floats(t["values"], ftype).reshape(shape)
    rows = shape[0] if len(shape) >= 2 else 1
    cols = numel // rows if rows else 0
    scales = decode_floats(t["scales"], s["scale_dtype"])
    out = np.zeros(numel, np.float32)
    for i, code in enumerate(t["codes"]):
        r, c = divmod(i, cols)
        if s["granularity"] == "tensor":
            k = 0
        elif s["granularity"] == "row":
            k = r
        else:
            per_row = (cols + s["group_size"] - 1) // s["group_size"]
            k = r * per_row + c // s["group_size"]
        out[i] = np.float32(code) * scales[k]
    return out.reshape(shape)


class MixedReaderTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARGS.workdir, exist_ok=True)
        subprocess.run([ARGS.tool, ARGS.workdir], check=True)
        with open(os.path.join(ARGS.workdir, "expected.json")) as f:
            cls.expected = json.load(f)
        cls.files = {}
        for name in cls.expected["files"]:
            with open(os.path.join(ARGS.workdir, name), "rb") as f:
                cls.files[name] = f.read()

    def test_fields_equal_what_cpp_wrote(self):
        for file, data in self.files.items():
            got = golf_mixed.read_mixed(data, file)
            self.assertEqual(list(got), [t["name"] for t in self.expected["tensors"]], file)
            for t in self.expected["tensors"]:
                with self.subTest(file=file, tensor=t["name"]):
                    g = got[t["name"]]
                    self.assertEqual(g["shape"], tuple(t["shape"]))
                    self.assertEqual(g["dtype"], t["dtype"])
                    self.assertEqual(g["setting"], t["setting"])
                    self.assertEqual(g["layout"], self.expected["files"][file]["layouts"][t["name"]])
                    if t["setting"]["quant"] not in ("fp32", "fp16", "bf16"):
                        self.assertEqual(g["codes"].dtype, np.int8)
                        self.assertEqual(g["codes"].shape, tuple(t["shape"]))
                        self.assertEqual(g["codes"].reshape(-1).tolist(), t["codes"])
                        self.assertEqual(raw_bytes(g["scales"], t["setting"]["scale_dtype"]).hex(), t["scales"])
                        self.assertIsNone(g["values"])
                    else:
                        ftype = {"fp32": "float32", "fp16": "float16", "bf16": "bfloat16"}[t["setting"]["quant"]]
                        self.assertEqual(g["values"].shape, tuple(t["shape"]))
                        self.assertEqual(raw_bytes(g["values"], ftype).hex(), t["values"])
                        self.assertIsNone(g["codes"])

    def test_both_layouts_are_exercised(self):
        for file, info in self.expected["files"].items():
            self.assertIn("row", info["layouts"].values(), file)
            if info["level"] > 0:
                self.assertIn("column", info["layouts"].values(), file)

    def test_layout_figures_sum_to_file_size(self):
        for file, data in self.files.items():
            info = self.expected["files"][file]
            layout = golf_mixed.mixed_layout(data, file)
            self.assertEqual(layout["codec"], info["codec"])
            self.assertEqual(layout["level"], info["level"])
            self.assertEqual(layout["header_bytes"], info["header_bytes"])
            self.assertEqual(layout["streams"], info["streams"])
            self.assertEqual(layout["header_bytes"] + sum(layout["streams"].values()), len(data))

    def test_load_state_dict_dequantizes_to_original_dtype(self):
        import torch

        for file, data in self.files.items():
            sd = golf_mixed.load_state_dict(data, file)
            for t in self.expected["tensors"]:
                with self.subTest(file=file, tensor=t["name"]):
                    want = torch.from_numpy(np.array(expected_dequant(t), np.float32))
                    want = want.to(getattr(torch, t["dtype"]))
                    got = sd[t["name"]]
                    self.assertEqual(got.dtype, want.dtype)
                    self.assertEqual(tuple(got.shape), tuple(t["shape"]))
                    self.assertTrue(torch.equal(got, want))

    def test_numpy_only_read_needs_no_torch_or_zstandard(self):
        # A fresh interpreter that cannot import torch or zstandard still reads zlib/lzma files.
        file = os.path.join(ARGS.workdir, "mixed_lzma9.gmix")
        code = ("import sys; sys.modules['torch'] = None; sys.modules['zstandard'] = None; "
                f"sys.path.insert(0, {os.path.join(HERE, '..', '..', 'packaging', 'python')!r}); "
                "import golf_mixed, numpy as np; "
                f"d = golf_mixed.read_mixed(open({file!r}, 'rb').read()); "
                "print(len(d), float(np.abs(golf_mixed.dequantize(d['tok_emb.weight'])).sum()) > 0)")
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
        self.assertEqual(out.stdout.split(), [str(len(self.expected["tensors"])), "True"])

    def assert_rejected(self, data, fragment=None):
        with self.assertRaises(golf_mixed.MixedFormatError) as cm:
            golf_mixed.read_mixed(data, "bad.gmix")
        self.assertIn("bad.gmix", str(cm.exception))
        if fragment:
            self.assertIn(fragment, str(cm.exception))

    def test_every_truncation_is_rejected(self):
        data = self.files["mixed_zstd22.gmix"]
        for n in range(len(data)):
            with self.subTest(length=n):
                self.assert_rejected(data[:n])

    def test_damage_is_rejected(self):
        data = self.files["mixed_lzma9.gmix"]
        self.assert_rejected(b"PK\x03\x04" + data[4:], "magic")
        self.assert_rejected(data[:4] + b"\x02" + data[5:], "version 2")
        self.assert_rejected(data + b"\x00", "trailing")
        rng = np.random.default_rng(7)
        for pos in rng.integers(0, len(data), 300):
            with self.subTest(pos=int(pos)):
                damaged = bytearray(data)
                damaged[pos] ^= 1 << int(rng.integers(0, 8))
                self.assert_rejected(bytes(damaged))

    def test_corrupt_stream_with_valid_checksum_is_rejected(self):
        # Past the CRC: a flipped byte inside a compressed stream must fail in the decoder or
        # the code range check, never return garbage.
        for file, data in self.files.items():
            if self.expected["files"][file]["level"] == 0:
                continue
            layout = golf_mixed.mixed_layout(data)
            start = layout["header_bytes"] + layout["streams"]["tok_emb.weight"] // 2
            damaged = bytearray(data)
            damaged[start] ^= 0xFF
            damaged[5:9] = zlib.crc32(bytes(damaged[9:])).to_bytes(4, "little")
            with self.subTest(file=file):
                try:
                    got = golf_mixed.read_mixed(bytes(damaged), "bad.gmix")
                except golf_mixed.MixedFormatError as e:
                    self.assertIn("tok_emb.weight", str(e))
                else:  # a flip the decoder cannot notice must still change the data
                    t = self.expected["tensors"][0]
                    self.assertNotEqual(got[t["name"]]["codes"].reshape(-1).tolist(), t["codes"])


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--workdir", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
