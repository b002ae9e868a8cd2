# SPDX-License-Identifier: GPL-3.0-or-later
"""Small datasets and log parsing the interop tests share: token shards in the challenge's
format (PARAMETER_GOLF.md §3), a toy byte-LUT sidecar, and the score lines the scripts print."""

import json
import os
import re

import numpy as np


def write_shard(path, tokens):
    """A token shard: 256 int32 header words (magic 20240520, version 1, count), then uint16."""
    header = np.zeros(256, dtype="<i4")
    header[:3] = (20240520, 1, len(tokens))
    with open(path, "wb") as f:
        f.write(header.tobytes())
        f.write(np.asarray(tokens, dtype="<u2").tobytes())


def write_luts(folder, vocab):
    """tokenizer.luts.json for a toy vocabulary: ids 0-3 are boundary tokens of no bytes, the
    rest 1-3 bytes, every other one with a leading space."""
    luts = {"format": "golf-byte-luts-v1", "tokenizer": "toy", "vocab_size": vocab,
            "base_bytes": [0 if i < 4 else 1 + i % 3 for i in range(vocab)],
            "has_leading_space": [int(i % 2 == 0 and i >= 4) for i in range(vocab)],
            "is_boundary": [int(i < 4) for i in range(vocab)]}
    with open(os.path.join(folder, "tokenizer.luts.json"), "w") as f:
        json.dump(luts, f)


def score(text, label):
    """(val_loss, val_bpb) of the line starting with `label` (anchored: the log may quote it)."""
    m = re.search(rf"^{label} val_loss:(\S+) val_bpb:(\S+)", text, re.M)
    if not m:
        raise AssertionError(f"no {label} line in:\n{text}")
    return float(m.group(1)), float(m.group(2))
