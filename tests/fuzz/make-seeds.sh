#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the seed corpora in tests/fuzz/corpus/<target>/ (committed; keep them small):
#   - binary formats with our own writers (fuzz_seedwriter from the fuzz build),
#   - text formats (recipes, metrics, logs, submission.json) from the repository and samples,
#   - hostile inputs (code-running pickles, zip-slip zips) and a Python torch.save file, when
#     Debian's python3 (with python3-torch for the latter) is there.
# Usage: tests/fuzz/make-seeds.sh [BUILD_DIR]   (default build/fuzz, built by run-fuzzers.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/fuzz}
corpus=$here/corpus
mkdir -p "$corpus"/{fuzz_shard,fuzz_torchfile,fuzz_zip,fuzz_pickle,fuzz_int8ptz,fuzz_mixed,fuzz_modelfile,fuzz_recipe,fuzz_metricslog,fuzz_submission,fuzz_bundle,fuzz_serve}

# Binary seeds from our writers.
"$build/tests/fuzz/fuzz_seedwriter" "$corpus"

# Recipes: the shipped presets plus a rule-heavy one.
cp "$root"/resources/recipes/*.json "$corpus/fuzz_recipe/"
cat > "$corpus/fuzz_recipe/rules.json" <<'JSON'
{"format": "golf-recipe-v1", "name": "rules", "container": {"format": "golf-mixed-v1", "codec": "zstd", "level": 19},
 "defaults": {"quant": "int6", "granularity": "row", "clip": "std", "clip_value": 3.0, "scale_dtype": "fp16"},
 "rules": [{"match": "blocks\\.[0-9]+\\.mlp\\..*", "quant": "int4", "granularity": "group", "group_size": 16},
           {"name": "tok_emb.weight", "quant": "fp16"},
           {"match": ".*attn.*", "min_numel": 100, "ndim": 2, "prune": "nm", "nm": "2:4"},
           {"match": ".*", "max_numel": 64, "quant": "fp32"},
           {"match": "blocks\\.1\\..*", "quant": "ternary", "prune": "rows", "sparsity": 0.25, "row_block": 4},
           {"match": "nothing", "quant": "binary", "comment": "matches no tensor"}]}
JSON

# Metrics: the harness reads the first byte as the mode (mode % 3: auto, jsonl, train log;
# mode >> 2: poll budget 7 << (k % 12) bytes, 0 = unlimited).
jsonl='{"step":1,"t_ms":512.25,"train_loss":6.9375,"lr":0.5,"tok_per_s":16000.0}
{"step":2,"t_ms":1020.0,"train_loss":6.5,"lr":1.0,"tok_per_s":16128.5}
{"step":2,"t_ms":1020.0,"val_loss":6.25,"val_bpb":3.703125,"val_tokens":65536,"val_bytes":150000,"eval_ms":88.5}
{"step":2,"checkpoint":"step_000002.pt"}
{"step":3,"t_ms":1500,"train_loss":NaN}'
official='logs/run_seed7.txt
val_bpb:enabled tokenizer_kind=sentencepiece tokenizer_path=/data/tokenizers/fineweb_1024_bpe.model
model_params:17059912
train_batch_tokens:524288 train_seq_len:1024 iterations:20000 warmup_steps:20 max_wallclock_seconds:600.000
warmup_step:20/20
step:0/20000 val_loss:6.9357 val_bpb:4.1077 train_time:0ms step_avg:0.02ms
step:1/20000 train_loss:6.9370 train_time:250ms step_avg:250.00ms
step:200/20000 train_loss:2.8125 train_time:10400ms step_avg:52.00ms
step:200/20000 val_loss:2.75 val_bpb:1.625 train_time:10400ms step_avg:52.00ms
step:10 train_loss:nan train_time:1.5s
stopping_early: wallclock_cap train_time:600038ms step:13780/20000
Serialized model int8+zlib: 15815847 bytes (payload:17178912 raw_torch:17224025 payload_ratio:3.91x)
final_int8_zlib_roundtrip val_loss:2.0727 val_bpb:1.2244 eval_time:1403ms
final_int8_zlib_roundtrip_exact val_loss:2.07269931 val_bpb:1.22436570'
{ printf '\x00'; printf '%s\n' "$jsonl"; } > "$corpus/fuzz_metricslog/metrics.jsonl"
{ printf '\x41'; printf '%s' "$jsonl"; } > "$corpus/fuzz_metricslog/metrics-budget.jsonl"
{ printf '\x00'; printf '%s\n' "$official"; } > "$corpus/fuzz_metricslog/train.log"
{ printf '\x22'; printf '%s' "$official"; } > "$corpus/fuzz_metricslog/train-budget.log"

# submission.json: the official baseline's, and the later records' schema.
cat > "$corpus/fuzz_submission/baseline.json" <<'JSON'
{"author": "Baseline", "github_id": "openai", "name": "Naive Baseline", "blurb": "SP-1024 9x512 KV4",
 "date": "2026-03-18T14:56:29Z", "val_loss": 2.07269931, "val_bpb": 1.2243657, "bytes_total": 15863489, "bytes_code": 47642}
JSON
cat > "$corpus/fuzz_submission/records.json" <<'JSON'
{"name": "VarLen", "author": "x", "github_id": "y", "track": "10min_16mb", "val_bpb": 1.0611, "val_bpb_std": 0.0004,
 "seeds": [1, 2, 3], "seed_results": {"1": {"val_bpb": 1.061, "artifact_bytes": 15990000}},
 "bytes_total": 15990000, "bytes_code": 26420, "golf_bytes_model": 15963580, "golf_format": "golf-mixed-v1",
 "compliance": {"train_under_600s": true, "artifact_under_16mb": true}, "val_loss": null}
JSON

# Hostile inputs and a real Python torch.save file.
if command -v python3 >/dev/null; then
    python3 - "$corpus" <<'PY'
import io, os, pickle, sys, zipfile
corpus = sys.argv[1]

def torch_zip(pkl):
    """A torch.save-shaped zip (archive/data.pkl, archive/version) around a pickle."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", pkl)
        z.writestr("archive/byteorder", "little")
        z.writestr("archive/version", "3\n")
    return b.getvalue()

class Evil:
    def __reduce__(self):
        return (os.system, ("touch /tmp/golf-fuzz-pwned",))
for proto in (2, 4):
    with open(os.path.join(corpus, "fuzz_torchfile", f"evil_os_system_p{proto}.pt"), "wb") as f:
        f.write(torch_zip(pickle.dumps(Evil(), protocol=proto)))
inst = b"(X\x1a\x00\x00\x00touch /tmp/golf-fuzz-pwnedios\nsystem\n."
with open(os.path.join(corpus, "fuzz_torchfile", "evil_inst.pt"), "wb") as f:
    f.write(torch_zip(inst))

def zip_of(entries):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name), data)
    return b.getvalue()
with open(os.path.join(corpus, "fuzz_bundle", "zip_slip.zip"), "wb") as f:
    f.write(zip_of([("r/submission.json", "{}"), ("../evil", "x"), ("/abs", "y")]))
link = zipfile.ZipInfo("r/link")
link.external_attr = (0o120777 << 16)
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr("r/a.txt", "a")
    z.writestr(link, "/etc/passwd")
with open(os.path.join(corpus, "fuzz_bundle", "symlink.zip"), "wb") as f:
    f.write(b.getvalue())

# Regressions: a zlib bomb for the int8 reader (inflates 8 MiB from 8 KB; the cap is
# zlibDecompress's kMaxInflatedBytes) and a zip whose headers under-declare an entry's size
# (fuzz_bundle caps bundles at 4 MiB, so only counting the inflated bytes catches it).
import zlib
with open(os.path.join(corpus, "fuzz_int8ptz", "regression-zlib-bomb.ptz"), "wb") as f:
    f.write(zlib.compress(bytes(8 << 20), 9))
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("r/bomb", bytes(5 << 20))
raw = bytearray(b.getvalue())
for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed-size fields
    i = raw.find(sig)
    raw[i + off:i + off + 4] = (100).to_bytes(4, "little")
with open(os.path.join(corpus, "fuzz_bundle", "regression-lying-size.zip"), "wb") as f:
    f.write(bytes(raw))

try:
    import torch
except ImportError:
    sys.exit(0)
from collections import OrderedDict
torch.manual_seed(1)
sd = OrderedDict([("tok_emb.weight", torch.randn(8, 4)), ("blocks.0.attn.q_gain", torch.ones(2)),
                  ("view", torch.arange(12.).view(3, 4).t()), ("h", torch.zeros(3, dtype=torch.bfloat16))])
for target in ("fuzz_torchfile", "fuzz_modelfile"):
    torch.save(sd, os.path.join(corpus, target, "python_state_dict.pt"))
PY
    # The torch-free halves of fuzz_torchfile: its archives for fuzz_zip (plus the zip forms
    # torch.save never writes but other tools do: deflated, zip64, a comment) and their pickles
    # for fuzz_pickle (plus protocols 0-5 of plain containers).
    python3 - "$corpus" <<'PY'
import collections, glob, io, os, pickle, shutil, sys, zipfile
corpus = sys.argv[1]
for path in sorted(glob.glob(os.path.join(corpus, "fuzz_torchfile", "*"))):
    name = os.path.basename(path)
    shutil.copy(path, os.path.join(corpus, "fuzz_zip", name))
    try:
        with zipfile.ZipFile(path) as z:
            pkl = [n for n in z.namelist() if n.endswith("/data.pkl")]
            if pkl:
                with open(os.path.join(corpus, "fuzz_pickle", name + ".pkl"), "wb") as f:
                    f.write(z.read(pkl[0]))
    except zipfile.BadZipFile:
        pass
def write_zip(name, compression, force_zip64=False, comment=b""):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", compression) as z:
        z.comment = comment
        for record, data in (("data.pkl", pickle.dumps({"a": 1}, protocol=2)),
                             ("byteorder", b"little"), ("data/0", bytes(range(64)) * 4)):
            with z.open("archive/" + record, "w", force_zip64=force_zip64) as f:
                f.write(data)
    with open(os.path.join(corpus, "fuzz_zip", name), "wb") as f:
        f.write(b.getvalue())
write_zip("deflated.zip", zipfile.ZIP_DEFLATED)
write_zip("zip64.zip", zipfile.ZIP_STORED, force_zip64=True)
write_zip("comment.zip", zipfile.ZIP_STORED, comment=b"a comment after the directory")
value = collections.OrderedDict([("w", [1, -2, 3.5, None, True]), ("s", "text"),
                                 ("b", b"\x00\xff"), ("t", (1, (2, 3))), ("big", 1 << 70 >> 10)])
for proto in range(6):
    with open(os.path.join(corpus, "fuzz_pickle", f"containers_p{proto}.pkl"), "wb") as f:
        f.write(pickle.dumps(value, protocol=proto))
PY
fi
du -sh "$corpus"
