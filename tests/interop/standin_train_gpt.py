# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in for the challenge's baseline train_gpt.py, for testing `golf export --code`.

Written by us from the challenge's description (PARAMETER_GOLF.md §1-§4,
reference/record-formats.md §1), not copied: hyperparameters from the environment, token shards,
the byte-LUT bpb of eval_val, a short training loop, and an end of main() with the baseline's
serialization block in the baseline's shape: rank 0 saves final_model.pt, quantize_state_dict_int8
-> torch.save -> zlib 9 -> final_model.int8.ptz, every rank re-reads the file, dequantizes, loads
strictly, runs eval_val and logs final_int8_zlib_roundtrip[_exact]. CPU only, fp32, runs on
Debian's python3-torch 1.13. The model and the int8 quantizer come from this project's
independent Python peers (golf_reference.py, tests/bench/reference_export.py; PYTHONPATH).

Extra switches for the tests: MODEL_JSON (a golf model config), INIT_STATE (a state dict to
start from; with ITERATIONS=0 the block serializes exactly those weights).
"""

import glob
import io
import json
import math
import os
import time
import zlib
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

import golf_reference as ref
import reference_export


class Hyperparameters:
    data_path = os.environ.get("DATA_PATH", "./data")
    train_files = os.path.join(data_path, "*_train_*.bin")
    val_files = os.path.join(data_path, "*_val_*.bin")
    luts_path = os.path.join(data_path, "tokenizer.luts.json")
    seed = int(os.environ.get("SEED", 1337))
    iterations = int(os.environ.get("ITERATIONS", 20))
    warmup_steps = int(os.environ.get("WARMUP_STEPS", 0))
    train_seq_len = int(os.environ.get("TRAIN_SEQ_LEN", 64))
    train_batch_tokens = int(os.environ.get("TRAIN_BATCH_TOKENS", 512))
    val_batch_size = int(os.environ.get("VAL_BATCH_SIZE", 4096))
    lr = float(os.environ.get("LR", 3e-3))
    model_json = os.environ.get("MODEL_JSON", "")
    init_state = os.environ.get("INIT_STATE", "")


def load_data_shard(path):
    header = np.fromfile(path, dtype="<i4", count=256)
    if header.size != 256 or header[0] != 20240520 or header[1] != 1:
        raise ValueError(f"{path}: not a token shard")
    tokens = np.fromfile(path, dtype="<u2", count=int(header[2]), offset=256 * 4)
    return torch.from_numpy(tokens.astype(np.int64))


def load_tokens(pattern):
    files = sorted(glob.glob(pattern))
    if not files:
        raise FileNotFoundError(pattern)
    return torch.cat([load_data_shard(f) for f in files])


def load_validation_tokens(pattern, seq_len):
    tokens = load_tokens(pattern)
    usable = ((tokens.numel() - 1) // seq_len) * seq_len
    return tokens[:usable + 1]


def load_luts(path, vocab_size):
    j = json.loads(Path(path).read_text())
    n = max(len(j["base_bytes"]), vocab_size)
    base = torch.zeros(n, dtype=torch.int64)
    space = torch.zeros(n, dtype=torch.bool)
    boundary = torch.ones(n, dtype=torch.bool)
    m = len(j["base_bytes"])
    base[:m] = torch.tensor(j["base_bytes"], dtype=torch.int64)
    space[:m] = torch.tensor(j["has_leading_space"], dtype=torch.bool)
    boundary[:m] = torch.tensor(j["is_boundary"], dtype=torch.bool)
    return base, space, boundary


def eval_val(args, model, rank, world_size, device, grad_accum_steps, val_tokens,
             base_bytes_lut, has_leading_space_lut, is_boundary_token_lut):
    seq_len = args.train_seq_len
    seqs = (val_tokens.numel() - 1) // seq_len
    per_batch = max(args.val_batch_size // seq_len, 1)
    loss_sum = torch.zeros((), dtype=torch.float64)
    token_count = torch.zeros((), dtype=torch.float64)
    byte_count = torch.zeros((), dtype=torch.float64)
    model.eval()
    with torch.no_grad():
        for s in range(0, seqs, per_batch):
            e = min(s + per_batch, seqs)
            chunk = val_tokens[s * seq_len:e * seq_len + 1]
            x = chunk[:-1].reshape(-1, seq_len)
            y = chunk[1:].reshape(-1, seq_len)
            batch_loss = model(x, y).detach()
            n = float(y.numel())
            loss_sum += batch_loss.to(torch.float64) * n
            token_count += n
            tb = base_bytes_lut[y].to(torch.int64)
            tb += (has_leading_space_lut[y] & ~is_boundary_token_lut[x]).to(torch.int64)
            byte_count += tb.to(torch.float64).sum()
    model.train()
    val_loss = loss_sum / token_count
    bits_per_token = val_loss.item() / math.log(2.0)
    return float(val_loss.item()), float(bits_per_token * token_count.item() / byte_count.item())


def quantize_state_dict_int8(state_dict):
    obj = reference_export.quantize(state_dict)
    payload = sum(t.numel() * t.element_size() for t in obj["quantized"].values())
    baseline = sum(t.numel() * t.element_size() for t in state_dict.values())
    return obj, {"int8_payload_bytes": payload, "baseline_tensor_bytes": baseline}


def dequantize_state_dict_int8(obj):
    return reference_export.dequantize(obj)


def main():
    code = Path(__file__).read_text(encoding="utf-8")
    args = Hyperparameters()
    rank, world_size, grad_accum_steps = 0, 1, 1
    distributed = False
    master_process = rank == 0
    device = torch.device("cpu")
    torch.manual_seed(args.seed)

    def log0(msg):
        if master_process:
            print(msg, flush=True)

    config = json.loads(Path(args.model_json).read_text()) if args.model_json else {}
    config = config.get("model", config)
    base_model = ref.GPT(ref.make_config(config))
    if args.init_state:
        base_model.load_state_dict(torch.load(args.init_state, map_location="cpu"), strict=True)
    model = base_model
    val_tokens = load_validation_tokens(args.val_files, args.train_seq_len)
    base_bytes_lut, has_leading_space_lut, is_boundary_token_lut = load_luts(
        args.luts_path, base_model.cfg["vocab_size"])
    optimizer = torch.optim.Adam(base_model.parameters(), lr=args.lr)

    train_tokens = load_tokens(args.train_files) if args.iterations > 0 else None
    pos = 0
    t0 = time.perf_counter()
    for step in range(args.iterations):
        n = args.train_batch_tokens
        if pos + n + 1 > train_tokens.numel():
            pos = 0
        chunk = train_tokens[pos:pos + n + 1]
        pos += n
        x = chunk[:-1].reshape(-1, args.train_seq_len)
        y = chunk[1:].reshape(-1, args.train_seq_len)
        loss = model(x, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        log0(f"step:{step + 1}/{args.iterations} train_loss:{loss.item():.4f} "
             f"train_time:{1000.0 * (time.perf_counter() - t0):.0f}ms")

    # -----------------------------
    # SERIALIZATION + ROUNDTRIP VALIDATION
    # -----------------------------

    if master_process:
        torch.save(base_model.state_dict(), "final_model.pt")
        model_bytes = os.path.getsize("final_model.pt")
        code_bytes = len(code.encode("utf-8"))
        log0(f"Serialized model: {model_bytes} bytes")
        log0(f"Code size: {code_bytes} bytes")

    quant_obj, quant_stats = quantize_state_dict_int8(base_model.state_dict())
    quant_buf = io.BytesIO()
    torch.save(quant_obj, quant_buf)
    quant_blob = zlib.compress(quant_buf.getvalue(), level=9)
    if master_process:
        with open("final_model.int8.ptz", "wb") as f:
            f.write(quant_blob)
        quant_file_bytes = os.path.getsize("final_model.int8.ptz")
        code_bytes = len(code.encode("utf-8"))
        log0(f"Serialized model int8+zlib: {quant_file_bytes} bytes")
        log0(f"Total submission size int8+zlib: {quant_file_bytes + code_bytes} bytes")

    with open("final_model.int8.ptz", "rb") as f:
        quant_blob_disk = f.read()
    quant_state = torch.load(io.BytesIO(zlib.decompress(quant_blob_disk)), map_location="cpu")
    base_model.load_state_dict(dequantize_state_dict_int8(quant_state), strict=True)
    t_qeval = time.perf_counter()
    q_val_loss, q_val_bpb = eval_val(
        args,
        model,
        rank,
        world_size,
        device,
        grad_accum_steps,
        val_tokens,
        base_bytes_lut,
        has_leading_space_lut,
        is_boundary_token_lut,
    )
    log0(
        f"final_int8_zlib_roundtrip val_loss:{q_val_loss:.4f} val_bpb:{q_val_bpb:.4f} "
        f"eval_time:{1000.0 * (time.perf_counter() - t_qeval):.0f}ms"
    )
    log0(f"final_int8_zlib_roundtrip_exact val_loss:{q_val_loss:.8f} val_bpb:{q_val_bpb:.8f}")


if __name__ == "__main__":
    main()
