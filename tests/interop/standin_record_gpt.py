# SPDX-License-Identifier: GPL-3.0-or-later
"""A stand-in for a record's train_gpt.py, with an architecture golf's GPT does not have.

Written by us from the challenge's description and the records' notes
(reference/record-formats.md), not copied: a 3x relu^2 MLP and a hashed bigram embedding added
to the token embedding, hyperparameters from the environment, the byte-LUT bpb of eval_val,
a short training loop, then the records' ending: quantize every large matrix to int6 per row
({"w", "m"} object: .q int8 codes and .scale fp16 per row, "passthrough" fp16 for small tensors,
"passthrough_ctrl" fp32 for control scalars, tok_emb int8), torch.save -> lzma 9 ->
final_model.int6.ptz, read it back, dequantize, evaluate and log final_int6_roundtrip_exact.
CPU only, fp32, runs on Debian's python3-torch 1.13 (no scaled_dot_product_attention there).

The export block sits between golf-studio markers (ship/trainscript.h), so `golf export
--code` can make this script write golf's artifact itself.

Test switches: ITERATIONS, INIT_STATE (a state dict to start from; with ITERATIONS=0 the end
serializes exactly those weights), CRASH_AT_IMPORT=1 (raises while importing, for the bridge's
error path), EVAL_SLEEP=S (eval_val sleeps S seconds first, for the bridge's timeout).
"""

import glob
import io
import json
import lzma
import math
import os
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

if os.environ.get("CRASH_AT_IMPORT") == "1":
    raise RuntimeError("stand-in record script: crashing at import as asked (CRASH_AT_IMPORT=1)")


class Hyperparameters:
    data_path = os.environ.get("DATA_PATH", "./data")
    train_files = os.path.join(data_path, "*_train_*.bin")
    val_files = os.path.join(data_path, "*_val_*.bin")
    luts_path = os.path.join(data_path, "tokenizer.luts.json")
    seed = int(os.environ.get("SEED", 1337))
    iterations = int(os.environ.get("ITERATIONS", 40))
    train_seq_len = int(os.environ.get("TRAIN_SEQ_LEN", 64))
    train_batch_tokens = int(os.environ.get("TRAIN_BATCH_TOKENS", 1024))
    val_batch_size = int(os.environ.get("VAL_BATCH_SIZE", 4096))
    lr = float(os.environ.get("LR", 3e-3))
    vocab_size = int(os.environ.get("VOCAB_SIZE", 64))
    num_layers = int(os.environ.get("NUM_LAYERS", 2))
    model_dim = int(os.environ.get("MODEL_DIM", 64))
    num_heads = int(os.environ.get("NUM_HEADS", 4))
    mlp_mult = int(os.environ.get("MLP_MULT", 3))
    bigram_vocab_size = int(os.environ.get("BIGRAM_VOCAB_SIZE", 509))
    bigram_dim = int(os.environ.get("BIGRAM_DIM", 32))
    logit_softcap = float(os.environ.get("LOGIT_SOFTCAP", 30.0))
    init_state = os.environ.get("INIT_STATE", "")


# -- model ---------------------------------------------------------------------------------------

def rms_norm(x, eps=1e-6):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)


class BigramHash(nn.Module):
    """Embeds the (previous, current) token pair through a hashed table, projected to the model."""

    def __init__(self, buckets, dim, model_dim):
        super().__init__()
        self.buckets = buckets
        self.embed = nn.Embedding(buckets, dim)
        self.proj = nn.Linear(dim, model_dim, bias=False)
        self.scale = nn.Parameter(torch.tensor(0.05))
        nn.init.normal_(self.embed.weight, std=0.02)

    def forward(self, ids):
        prev = F.pad(ids[:, :-1], (1, 0), value=0)
        h = torch.bitwise_xor(ids * 36313, prev * 27191) % (self.buckets - 1)
        h[:, 0] = self.buckets - 1  # the first position has no previous token: its own bucket
        return self.proj(self.embed(h)) * self.scale


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.c_q = nn.Linear(dim, dim, bias=False)
        self.c_k = nn.Linear(dim, dim, bias=False)
        self.c_v = nn.Linear(dim, dim, bias=False)
        self.proj = nn.Linear(dim, dim, bias=False)

    def forward(self, x):
        b, t, d = x.shape
        hd = d // self.heads
        q, k, v = (f(x).view(b, t, self.heads, hd).transpose(1, 2) for f in (self.c_q, self.c_k, self.c_v))
        q, k = rms_norm(q), rms_norm(k)
        att = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
        mask = torch.ones(t, t, dtype=torch.bool).triu(1)
        att = att.masked_fill(mask, float("-inf")).softmax(-1)
        return self.proj((att @ v).transpose(1, 2).reshape(b, t, d))


class MLP(nn.Module):
    def __init__(self, dim, mult):
        super().__init__()
        self.fc = nn.Linear(dim, mult * dim, bias=False)
        self.proj = nn.Linear(mult * dim, dim, bias=False)

    def forward(self, x):
        return self.proj(torch.relu(self.fc(x)).square())


class Block(nn.Module):
    def __init__(self, dim, heads, mult):
        super().__init__()
        self.attn = Attention(dim, heads)
        self.mlp = MLP(dim, mult)
        self.attn_scale = nn.Parameter(torch.ones(dim))
        self.mlp_scale = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        x = x + self.attn_scale * self.attn(rms_norm(x))
        return x + self.mlp_scale * self.mlp(rms_norm(x))


class GPT(nn.Module):
    def __init__(self, vocab_size, num_layers, model_dim, num_heads, mlp_mult, bigram_vocab_size,
                 bigram_dim, logit_softcap=30.0):
        super().__init__()
        self.logit_softcap = logit_softcap
        self.tok_emb = nn.Embedding(vocab_size, model_dim)
        nn.init.normal_(self.tok_emb.weight, std=0.02)
        self.bigram = BigramHash(bigram_vocab_size, bigram_dim, model_dim)
        self.blocks = nn.ModuleList(Block(model_dim, num_heads, mlp_mult) for _ in range(num_layers))

    def forward(self, input_ids, target_ids):
        x = self.tok_emb(input_ids) + self.bigram(input_ids)
        for block in self.blocks:
            x = block(x)
        logits = F.linear(rms_norm(x), self.tok_emb.weight)  # tied head
        logits = self.logit_softcap * torch.tanh(logits / self.logit_softcap)
        return F.cross_entropy(logits.reshape(-1, logits.size(-1)).float(), target_ids.reshape(-1))


# -- data and evaluation -------------------------------------------------------------------------

def load_data_shard(path):
    header = np.fromfile(path, dtype="<i4", count=256)
    if header.size != 256 or header[0] != 20240520 or header[1] != 1:
        raise ValueError(f"{path}: not a token shard")
    return torch.from_numpy(np.fromfile(path, dtype="<u2", count=int(header[2]), offset=1024).astype(np.int64))


def load_validation_tokens(pattern, seq_len):
    files = sorted(glob.glob(pattern))
    if not files:
        raise FileNotFoundError(pattern)
    tokens = torch.cat([load_data_shard(f) for f in files])
    return tokens[:((tokens.numel() - 1) // seq_len) * seq_len + 1]


def load_luts(path, vocab_size):
    j = json.loads(Path(path).read_text())
    m = len(j["base_bytes"])
    n = max(m, vocab_size)
    base, space, boundary = (torch.zeros(n, dtype=torch.int16), torch.zeros(n, dtype=torch.bool),
                             torch.ones(n, dtype=torch.bool))
    base[:m] = torch.tensor(j["base_bytes"], dtype=torch.int16)
    space[:m] = torch.tensor(j["has_leading_space"], dtype=torch.bool)
    boundary[:m] = torch.tensor(j["is_boundary"], dtype=torch.bool)
    return base, space, boundary


def eval_val(args, model, rank, world_size, device, grad_accum_steps, val_tokens,
             base_bytes_lut, has_leading_space_lut, is_boundary_token_lut):
    if float(os.environ.get("EVAL_SLEEP", 0)) > 0:
        time.sleep(float(os.environ["EVAL_SLEEP"]))
    seq_len = args.train_seq_len
    seqs = (val_tokens.numel() - 1) // seq_len
    per_batch = max(args.val_batch_size // seq_len, 1)
    loss_sum = torch.zeros((), dtype=torch.float64)
    tokens = torch.zeros((), dtype=torch.float64)
    nbytes = torch.zeros((), dtype=torch.float64)
    model.eval()
    with torch.no_grad():
        for s in range(0, seqs, per_batch):
            e = min(s + per_batch, seqs)
            chunk = val_tokens[s * seq_len:e * seq_len + 1].to(device)
            x, y = chunk[:-1].reshape(-1, seq_len), chunk[1:].reshape(-1, seq_len)
            n = float(y.numel())
            loss_sum += model(x, y).detach().to(torch.float64) * n
            tokens += n
            b = base_bytes_lut[y].to(torch.int64)
            b += (has_leading_space_lut[y] & ~is_boundary_token_lut[x]).to(torch.int64)
            nbytes += b.to(torch.float64).sum()
    model.train()
    val_loss = (loss_sum / tokens).item()
    return val_loss, val_loss / math.log(2.0) * tokens.item() / nbytes.item()


# -- the records' int6 export ----------------------------------------------------------------------

CONTROL = ("attn_scale", "mlp_scale", "bigram.scale")


def quantize_int6(state_dict, small=1024):
    w, m = {}, {}
    for name, t in state_dict.items():
        t = t.detach().cpu()
        if any(c in name for c in CONTROL):
            w[name], m[name] = t.float(), "passthrough_ctrl"
            continue
        if t.ndim != 2 or t.numel() <= small:
            w[name], m[name] = t.to(torch.float16), "passthrough"
            continue
        qmax = 127 if name == "tok_emb.weight" else 31
        scale = (t.float().abs().amax(dim=1) / qmax).clamp_min(1.0 / qmax).to(torch.float16)
        q = torch.clamp(torch.round(t.float() / scale.float()[:, None]), -qmax, qmax).to(torch.int8)
        w[name + ".q"], w[name + ".scale"] = q, scale
        m[name] = {"type": "int8" if qmax == 127 else "int6"}
    return {"w": w, "m": m}


def dequantize_int6(obj, template):
    out = {}
    for name, kind in obj["m"].items():
        dtype = template[name].dtype
        if isinstance(kind, str):
            out[name] = obj["w"][name].to(dtype)
        else:
            q, s = obj["w"][name + ".q"], obj["w"][name + ".scale"]
            out[name] = (q.float() * s.float()[:, None]).to(dtype)
    return out


def main():
    args = Hyperparameters()
    device = torch.device("cpu")
    torch.manual_seed(args.seed)
    model = GPT(args.vocab_size, args.num_layers, args.model_dim, args.num_heads, args.mlp_mult,
                args.bigram_vocab_size, args.bigram_dim, args.logit_softcap)
    if args.init_state:
        model.load_state_dict(torch.load(args.init_state, map_location="cpu"), strict=True)
    val_tokens = load_validation_tokens(args.val_files, args.train_seq_len)
    luts = load_luts(args.luts_path, args.vocab_size)
    train = torch.cat([load_data_shard(f) for f in sorted(glob.glob(args.train_files))])
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    pos = 0
    for step in range(args.iterations):
        n = args.train_batch_tokens
        if pos + n + 1 > train.numel():
            pos = 0
        chunk = train[pos:pos + n + 1]
        pos += n
        loss = model(chunk[:-1].reshape(-1, args.train_seq_len), chunk[1:].reshape(-1, args.train_seq_len))
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(f"step:{step + 1}/{args.iterations} train_loss:{loss.item():.4f}", flush=True)

    torch.save(model.state_dict(), "final_model.pt")
    val_loss, val_bpb = eval_val(args, model, 0, 1, device, 1, val_tokens, *luts)
    print(f"final_fp32_exact val_loss:{val_loss:.8f} val_bpb:{val_bpb:.8f}")

    # golf-studio: serialization begin; model=model; eval=eval_val(args, model, 0, 1, device, 1, val_tokens, *luts)
    buf = io.BytesIO()
    torch.save(quantize_int6(model.state_dict()), buf)
    with open("final_model.int6.ptz", "wb") as f:
        f.write(lzma.compress(buf.getvalue(), preset=9))
    print(f"Serialized model int6+lzma: {os.path.getsize('final_model.int6.ptz')} bytes")
    with open("final_model.int6.ptz", "rb") as f:
        obj = torch.load(io.BytesIO(lzma.decompress(f.read())), map_location="cpu")
    model.load_state_dict(dequantize_int6(obj, model.state_dict()), strict=True)
    q_loss, q_bpb = eval_val(args, model, 0, 1, device, 1, val_tokens, *luts)
    print(f"final_int6_roundtrip_exact val_loss:{q_loss:.8f} val_bpb:{q_bpb:.8f}")
    # golf-studio: serialization end


if __name__ == "__main__":
    main()
