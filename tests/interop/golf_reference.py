# SPDX-License-Identifier: GPL-3.0-or-later
"""An independent PyTorch peer of the challenge's baseline GPT, for interop tests and benchmarks.

Written from the facts in PARAMETER_GOLF.md §4.1/§4.2 (not from our C++), so that agreement
between the two is evidence, not an echo. Runs on Debian's torch 1.13, which has neither
F.rms_norm nor scaled_dot_product_attention, so both are written from basic ops. Everything is
fp32: the official bf16 casts are a GPU speed trick, and fp32 keeps the comparison tight.

Configuration uses the same JSON keys as Golf Studio's model config (GptConfig::toJson).

Shapes: B batch, T sequence, D model dim, H heads, Hkv KV heads, hd head dim, V vocabulary.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

# Official Hyperparameters defaults (§4.1), plus Golf Studio's extra knobs at their "off" values
# (U-Net skips and resid_mix are part of the baseline, so they default on).
DEFAULTS = {
    "vocab_size": 1024,
    "num_layers": 9,
    "model_dim": 512,
    "num_heads": 8,
    "num_kv_heads": 4,
    "mlp_mult": 2,
    "tie_embeddings": True,
    "rope_base": 10000.0,
    "logit_softcap": 30.0,
    "qk_gain_init": 1.5,
    "tied_embed_init_std": 0.005,
    "unet_skips": True,
    "resid_mix": True,
    "recur_start": 0,
    "recur_end": 0,
    "recur_count": 1,
}

# Official CONTROL_TENSOR_NAME_PATTERNS (§4.3): these go to Adam even when 2-D.
CONTROL_PATTERNS = ("attn_scale", "attn_scales", "mlp_scale", "mlp_scales", "resid_mix",
                    "resid_mixes", "q_gain", "skip_weight", "skip_weights")


def make_config(overrides=None):
    """DEFAULTS updated with `overrides`; unknown keys are an error, as in our loader."""
    cfg = dict(DEFAULTS)
    for key, value in (overrides or {}).items():
        if key not in DEFAULTS:
            raise KeyError(f"unknown model setting {key!r}")
        cfg[key] = value
    return cfg


def layer_schedule(cfg):
    """Block index run at each virtual layer. Recurrence: blocks [recur_start, recur_end) run
    recur_count times in total, back to back, right after block recur_end-1 first ran; e.g. 6
    layers, [2,4) x2 -> 0 1 2 3 2 3 4 5."""
    start, end, count = cfg["recur_start"], cfg["recur_end"], cfg["recur_count"]
    order = []
    for i in range(cfg["num_layers"]):
        order.append(i)
        if count > 1 and end > start and i == end - 1:
            order.extend(list(range(start, end)) * (count - 1))
    return order


def rms_norm(x):
    """F.rms_norm(x, (x.size(-1),)) with its default eps = finfo(dtype).eps."""
    eps = torch.finfo(x.dtype).eps
    return x * torch.rsqrt(x.pow(2).mean(dim=-1, keepdim=True) + eps)


class RMSNorm(nn.Module):
    """Parameter-free, so it adds nothing to the state dict (§4.2)."""

    def forward(self, x):
        return rms_norm(x)


class Rotary(nn.Module):
    def __init__(self, head_dim, base):
        super().__init__()
        inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
        # Non-persistent: the official state dict has no inv_freq.
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, seq_len):
        t = torch.arange(seq_len, dtype=torch.float32, device=self.inv_freq.device)
        freqs = torch.outer(t, self.inv_freq)  # [T, hd/2]
        return freqs.cos()[None, None], freqs.sin()[None, None]  # [1, 1, T, hd/2]


def apply_rotary(x, cos, sin):
    # Half-split pairs (x1 = first half, x2 = second half), official sign: rotation by -theta.
    half = x.size(-1) // 2
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat((x1 * cos + x2 * sin, -x1 * sin + x2 * cos), dim=-1)


class CausalSelfAttention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        dim, heads, kv_heads = cfg["model_dim"], cfg["num_heads"], cfg["num_kv_heads"]
        self.num_heads, self.num_kv_heads = heads, kv_heads
        self.head_dim = dim // heads
        kv_dim = kv_heads * self.head_dim
        self.c_q = nn.Linear(dim, dim, bias=False)
        self.c_k = nn.Linear(dim, kv_dim, bias=False)
        self.c_v = nn.Linear(dim, kv_dim, bias=False)
        self.proj = nn.Linear(dim, dim, bias=False)
        self.q_gain = nn.Parameter(torch.full((heads,), float(cfg["qk_gain_init"])))
        self.rotary = Rotary(self.head_dim, float(cfg["rope_base"]))

    def forward(self, x):
        B, T, D = x.shape
        H, Hkv, hd = self.num_heads, self.num_kv_heads, self.head_dim
        q = self.c_q(x).reshape(B, T, H, hd).transpose(1, 2)    # [B,H,T,hd]
        k = self.c_k(x).reshape(B, T, Hkv, hd).transpose(1, 2)  # [B,Hkv,T,hd]
        v = self.c_v(x).reshape(B, T, Hkv, hd).transpose(1, 2)
        q, k = rms_norm(q), rms_norm(k)  # QK-norm per head
        cos, sin = self.rotary(T)
        q, k = apply_rotary(q, cos, sin), apply_rotary(k, cos, sin)
        q = q * self.q_gain[None, :, None, None]
        # SDPA's enable_gqa: query head h reads KV head h // (H / Hkv).
        k = k.repeat_interleave(H // Hkv, dim=1)
        v = v.repeat_interleave(H // Hkv, dim=1)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hd)  # [B,H,T,T]
        future = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1)
        att = att.masked_fill(future, float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, D)
        return self.proj(y)


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        dim, hidden = cfg["model_dim"], cfg["mlp_mult"] * cfg["model_dim"]
        self.fc = nn.Linear(dim, hidden, bias=False)
        self.proj = nn.Linear(hidden, dim, bias=False)

    def forward(self, x):
        return self.proj(torch.relu(self.fc(x)).square())  # relu^2


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        dim = cfg["model_dim"]
        self.attn_norm = RMSNorm()
        self.mlp_norm = RMSNorm()
        self.attn = CausalSelfAttention(cfg)
        self.mlp = MLP(cfg)
        # Own parameters come first in state_dict whatever the order of assignment; among
        # themselves they keep this order: attn_scale, mlp_scale, resid_mix (§4.2).
        self.attn_scale = nn.Parameter(torch.ones(dim))
        self.mlp_scale = nn.Parameter(torch.ones(dim))
        if cfg["resid_mix"]:
            self.resid_mix = nn.Parameter(torch.stack((torch.ones(dim), torch.zeros(dim))))
        else:
            self.resid_mix = None

    def forward(self, x, x0):
        if self.resid_mix is not None:
            x = self.resid_mix[0][None, None, :] * x + self.resid_mix[1][None, None, :] * x0
        x = x + self.attn_scale[None, None, :] * self.attn(self.attn_norm(x))
        return x + self.mlp_scale[None, None, :] * self.mlp(self.mlp_norm(x))


class GPT(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        dim, vocab = cfg["model_dim"], cfg["vocab_size"]
        self.schedule = layer_schedule(cfg)
        # The U-Net splits the unrolled (virtual) layer list, not the distinct blocks.
        self.num_encoder_layers = len(self.schedule) // 2
        self.num_decoder_layers = len(self.schedule) - self.num_encoder_layers
        self.tok_emb = nn.Embedding(vocab, dim)
        if cfg["unet_skips"]:
            n_skips = min(self.num_encoder_layers, self.num_decoder_layers)
            self.skip_weights = nn.Parameter(torch.ones(n_skips, dim))
        else:
            self.skip_weights = None
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg["num_layers"]))
        self.final_norm = RMSNorm()
        self.lm_head = None if cfg["tie_embeddings"] else nn.Linear(dim, vocab, bias=False)
        self._init_weights()

    @torch.no_grad()
    def _init_weights(self):
        if self.cfg["tie_embeddings"]:
            nn.init.normal_(self.tok_emb.weight, mean=0.0, std=self.cfg["tied_embed_init_std"])
        # Zero output projections: every block starts as the identity on the residual.
        for block in self.blocks:
            nn.init.zeros_(block.attn.proj.weight)
            nn.init.zeros_(block.mlp.proj.weight)
        if self.lm_head is not None:
            nn.init.zeros_(self.lm_head.weight)

    def hidden(self, ids):
        x = rms_norm(self.tok_emb(ids))
        x0 = x
        skips = []
        n_enc = self.num_encoder_layers if self.skip_weights is not None else 0
        for layer, block_index in enumerate(self.schedule):
            if layer >= n_enc and skips:
                weight = self.skip_weights[layer - n_enc]
                x = x + weight[None, None, :] * skips.pop()
            x = self.blocks[block_index](x, x0)
            if layer < n_enc:
                skips.append(x)
        return self.final_norm(x)

    def logits(self, ids):
        h = self.hidden(ids)
        raw = F.linear(h, self.tok_emb.weight) if self.lm_head is None else self.lm_head(h)
        cap = float(self.cfg["logit_softcap"])
        return cap * torch.tanh(raw.float() / cap)

    def forward(self, ids, targets):
        """Mean cross-entropy in fp32, the training loss."""
        logits = self.logits(ids)
        return F.cross_entropy(logits.reshape(-1, logits.size(-1)).float(), targets.reshape(-1))


def optimizer_split(model):
    """The official parameter split (§4.3) as name lists: (muon matrices, adam embeddings,
    untied head, adam scalars)."""
    matrices, embed, head, scalars = [], [], [], []
    for name, p in model.named_parameters():
        if name == "tok_emb.weight":
            embed.append(name)
        elif name == "lm_head.weight":
            head.append(name)
        elif name.startswith("blocks.") and p.ndim == 2 and not any(
                pat in name for pat in CONTROL_PATTERNS):
            matrices.append(name)
        else:
            scalars.append(name)  # block controls and skip_weights
    return matrices, embed, head, scalars


def newton_schulz5(G, steps=5, eps=1e-7, dtype=torch.float32):
    """Approximate polar factor U V^T of G by the quintic Newton-Schulz iteration (§4.3); fp32
    on CPU (the GPU recipe runs it in bf16)."""
    a, b, c = 3.4445, -4.7750, 2.0315
    X = G.to(dtype)
    X = X / (X.norm() + eps)
    tall = G.size(0) > G.size(1)
    if tall:
        X = X.T
    for _ in range(steps):
        A = X @ X.T
        B = b * A + c * (A @ A)
        X = a * X + B @ X
    return X.T if tall else X


class Muon(torch.optim.Optimizer):
    """SGD momentum with Nesterov whose update is orthogonalised by newton_schulz5 (§4.3)."""

    def __init__(self, params, lr, momentum=0.95, backend_steps=5, nesterov=True):
        super().__init__(params, dict(lr=lr, momentum=momentum, backend_steps=backend_steps,
                                      nesterov=nesterov))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            mu = group["momentum"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if "momentum_buffer" not in state:
                    state["momentum_buffer"] = torch.zeros_like(p.grad)
                buf = state["momentum_buffer"]
                buf.mul_(mu).add_(p.grad)
                g = p.grad.add(buf, alpha=mu) if group["nesterov"] else buf
                g = newton_schulz5(g, steps=group["backend_steps"])
                g = g * max(1.0, g.size(0) / g.size(1)) ** 0.5
                p.add_(g.to(p.dtype), alpha=-group["lr"])


def make_optimizers(model, matrix_lr=0.04, scalar_lr=0.04, tied_embed_lr=0.05, embed_lr=0.6,
                    head_lr=0.008, momentum=0.95):
    """Muon + torch.optim.Adam(betas 0.9/0.95, eps 1e-8) with the official split and LRs."""
    params = dict(model.named_parameters())
    matrices, embed, head, scalars = optimizer_split(model)
    tied = model.cfg["tie_embeddings"]
    groups = [dict(params=[params[n] for n in embed], lr=tied_embed_lr if tied else embed_lr)]
    if head:
        groups.append(dict(params=[params[n] for n in head], lr=head_lr))
    groups.append(dict(params=[params[n] for n in scalars], lr=scalar_lr))
    adam = torch.optim.Adam(groups, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.0)
    muon = Muon([params[n] for n in matrices], lr=matrix_lr, momentum=momentum)
    return muon, adam


def matmul_params(cfg):
    """Weights that take part in a matmul per token (the 6N of training FLOPs): every linear of
    every virtual layer plus the output head; the embedding lookup is not a matmul."""
    d = cfg["model_dim"]
    kv = cfg["num_kv_heads"] * (d // cfg["num_heads"])
    per_layer = 2 * d * d + 2 * d * kv + 2 * d * cfg["mlp_mult"] * d
    return len(layer_schedule(cfg)) * per_layer + cfg["vocab_size"] * d


def train_flops_per_token(cfg, seq_len):
    """6 * matmul params + attention 12 * layers * T * D (forward 4*T*D for QK^T and AV, x3 for
    forward + backward; the full T x T matrix, since both implementations compute it masked)."""
    return 6 * matmul_params(cfg) + 12 * len(layer_schedule(cfg)) * seq_len * cfg["model_dim"]


def newton_schulz_flops(cfg, steps=5):
    """FLOPs of Muon's Newton-Schulz per optimizer step, whatever the batch: for each block
    matrix, wide side r x c (r <= c), every iteration costs X X^T (2 r^2 c), A A (2 r^3) and
    B X (2 r^2 c)."""
    d = cfg["model_dim"]
    kv = cfg["num_kv_heads"] * (d // cfg["num_heads"])
    hidden = cfg["mlp_mult"] * d
    shapes = [(d, d), (kv, d), (kv, d), (d, d), (hidden, d), (d, hidden)]
    per_block = 0
    for rows, cols in shapes:
        r, c = min(rows, cols), max(rows, cols)
        per_block += steps * (4 * r * r * c + 2 * r ** 3)
    return cfg["num_layers"] * per_block  # distinct blocks: recurrence shares the weights
