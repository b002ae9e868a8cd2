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
    # Embedding compression (issue 16), all off: a factorized table, hashed bigram/trigram
    # tables, value embeddings.
    "embed_dim": 0,
    "bigram_buckets": 0,
    "trigram_buckets": 0,
    "ngram_dim": 128,
    "bigram_hash": "mul31",
    "trigram_hash": "xor3",
    "bos_id": 1,
    "value_embed_dim": 0,
    "value_embed_layers": [],
    # Learned structured sparsity (issue 16): hard-concrete gates on head groups and MLP units,
    # and the per-block widths a pruned model keeps (empty: full width).
    "l0_gates": False,
    "layer_kv_heads": [],
    "layer_mlp_hidden": [],
    # Sliding-window attention per block (issue 17): query t reads keys t-w+1..t; 0 = full.
    "layer_windows": [],
    # Token mixers per block (issue 17): "attention" or "ssm" (a selective state-space layer,
    # Mamba), and the state-space layers' shape.
    "layer_types": [],
    "ssm_state": 16,
    "ssm_expand": 1,
    "ssm_conv": 4,
    "ssm_dt_rank": 0,
    "deltanet_conv": 4,
}

# Hard concrete (Louizos, Welling & Kingma 2018, "Learning Sparse Neural Networks through L0
# Regularization"): stretch interval (gamma, zeta) and temperature beta, the paper's values.
HC_BETA, HC_GAMMA, HC_ZETA = 2.0 / 3.0, -0.1, 1.1


def hc_open_probability(log_alpha):
    """P(z != 0) = sigmoid(log alpha - beta log(-gamma / zeta)) (the paper's eq. 12)."""
    return torch.sigmoid(log_alpha - HC_BETA * math.log(-HC_GAMMA / HC_ZETA))


def hc_sample(log_alpha):
    """A training sample: u ~ U(0,1), s = sigmoid((log u - log(1-u) + log alpha) / beta),
    stretched to (gamma, zeta) and clamped to [0, 1]."""
    u = torch.rand_like(log_alpha).clamp(1e-6, 1 - 1e-6)
    s = torch.sigmoid((torch.log(u) - torch.log(1 - u) + log_alpha) / HC_BETA)
    return torch.clamp(s * (HC_ZETA - HC_GAMMA) + HC_GAMMA, 0.0, 1.0)


def hc_test_gates(log_alpha):
    """Test-time gates: the paper's clamp(sigmoid(log alpha) (zeta - gamma) + gamma, 0, 1),
    and, as CoFi (Xia, Zhong & Chen 2022) does, the k lowest log alphas set to zero, k being the
    expected number of zeros, round(sum P(z = 0))."""
    z = torch.clamp(torch.sigmoid(log_alpha) * (HC_ZETA - HC_GAMMA) + HC_GAMMA, 0.0, 1.0)
    k = int(round((1 - hc_open_probability(log_alpha.detach())).sum().item()))
    k = min(k, log_alpha.numel())
    if k > 0:
        lowest = torch.argsort(log_alpha.detach())[:k]
        mask = torch.ones_like(z)
        mask[lowest] = 0.0
        z = z * mask
    return z


def hc_init_log_alpha(n):
    """Initial log alpha of a tensor of n gates: every test gate 1 (log alpha > 2.4) and the
    expected number of zeros below 1/2, so the model starts as the ungated one."""
    return max(3.0, math.log(2 * n) + HC_BETA * math.log(-HC_GAMMA / HC_ZETA) + 0.5)


def kv_heads_at(cfg, index):
    return cfg["layer_kv_heads"][index] if cfg["layer_kv_heads"] else cfg["num_kv_heads"]


def mlp_hidden_at(cfg, index):
    return cfg["layer_mlp_hidden"][index] if cfg["layer_mlp_hidden"] else cfg["mlp_mult"] * cfg["model_dim"]

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


def ngram_contexts(ids, vocab, bos_id):
    """(previous token, the one before) per position, `vocab` where there is none. A context
    only holds tokens of the position's own document, which begins at the last BOS at or
    before it (or at the sequence start): a BOS has no context, the token after it only the BOS."""
    B, T = ids.shape
    p1 = torch.full((B, T), vocab, dtype=ids.dtype)
    p2 = torch.full((B, T), vocab, dtype=ids.dtype)
    for b in range(B):
        start = 0
        for t in range(T):
            if bos_id >= 0 and ids[b, t].item() == bos_id:
                start = t
            if t - 1 >= start:
                p1[b, t] = ids[b, t - 1]
            if t - 2 >= start:
                p2[b, t] = ids[b, t - 2]
    return p1, p2


def ngram_hash(kind, c, p1, p2, buckets):
    """Bucket of each n-gram: "mul31" is the polynomial (p1*31 + c), or ((p2*31 + p1)*31 + c)
    for trigrams; "xor3" is c*51647 ^ p1*27191 (^ p2*36313 for trigrams); then mod buckets."""
    if kind == "mul31":
        h = p1 * 31 + c if p2 is None else (p2 * 31 + p1) * 31 + c
    else:
        h = (c * 51647) ^ (p1 * 27191)
        if p2 is not None:
            h = h ^ (p2 * 36313)
    return torch.remainder(h, buckets)


class CausalSelfAttention(nn.Module):
    def __init__(self, cfg, value_embedding=False, index=0):
        super().__init__()
        dim = cfg["model_dim"]
        self.head_dim = dim // cfg["num_heads"]
        # A pruned block keeps whole head groups: KV heads, each with its query heads.
        kv_heads = kv_heads_at(cfg, index)
        heads = kv_heads * (cfg["num_heads"] // cfg["num_kv_heads"])
        self.num_heads, self.num_kv_heads = heads, kv_heads
        q_dim, kv_dim = heads * self.head_dim, kv_heads * self.head_dim
        self.c_q = nn.Linear(dim, q_dim, bias=False)
        self.c_k = nn.Linear(dim, kv_dim, bias=False)
        self.c_v = nn.Linear(dim, kv_dim, bias=False)
        self.proj = nn.Linear(q_dim, dim, bias=False)
        self.q_gain = nn.Parameter(torch.full((heads,), float(cfg["qk_gain_init"])))
        # One gate per head group (log alpha), multiplying the group's heads before proj.
        self.gate_log_alpha = (nn.Parameter(torch.full((kv_heads,), hc_init_log_alpha(kv_heads)))
                               if cfg["l0_gates"] else None)
        self.rotary = Rotary(self.head_dim, float(cfg["rope_base"]))
        self.window = cfg["layer_windows"][index] if cfg["layer_windows"] else 0
        # Value embedding: the shared table's row, projected to the values' width and added to
        # them (after c_v).
        self.ve_proj = (nn.Linear(cfg["value_embed_dim"], kv_dim, bias=False)
                        if value_embedding else None)

    def forward(self, x, ve=None):
        B, T, D = x.shape
        H, Hkv, hd = self.num_heads, self.num_kv_heads, self.head_dim
        q = self.c_q(x).reshape(B, T, H, hd).transpose(1, 2)    # [B,H,T,hd]
        k = self.c_k(x).reshape(B, T, Hkv, hd).transpose(1, 2)  # [B,Hkv,T,hd]
        v = self.c_v(x)
        if self.ve_proj is not None:
            v = v + self.ve_proj(ve)
        v = v.reshape(B, T, Hkv, hd).transpose(1, 2)
        q, k = rms_norm(q), rms_norm(k)  # QK-norm per head
        cos, sin = self.rotary(T)
        q, k = apply_rotary(q, cos, sin), apply_rotary(k, cos, sin)
        q = q * self.q_gain[None, :, None, None]
        # SDPA's enable_gqa: query head h reads KV head h // (H / Hkv).
        k = k.repeat_interleave(H // Hkv, dim=1)
        v = v.repeat_interleave(H // Hkv, dim=1)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hd)  # [B,H,T,T]
        hidden = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1)  # the future
        if self.window > 0:  # and keys w or more positions back
            hidden |= torch.ones(T, T, dtype=torch.bool, device=x.device).tril(-self.window)
        att = att.masked_fill(hidden, float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2)  # [B,T,H,hd]
        if self.gate_log_alpha is not None:
            z = hc_sample(self.gate_log_alpha) if self.training else hc_test_gates(self.gate_log_alpha)
            y = y * z.repeat_interleave(H // Hkv)[None, None, :, None]
        return self.proj(y.reshape(B, T, H * hd))


class SelectiveSSM(nn.Module):
    """Mamba's selective state-space mixer (Gu & Dao 2023, section 3.2 and Algorithm 2), without
    the norm and residual the Block adds: input projection to x and a gate z, a causal depthwise
    convolution and SiLU on x, input-dependent Delta (low rank, softplus), B and C, the
    discretised recurrence h_t = exp(Delta_t A) h_{t-1} + Delta_t B_t x_t, y_t = C_t h_t + D x_t
    (zero-order hold for A, the simplified Euler step for B, as the paper's code does), the gate
    y * SiLU(z) and the output projection. The scan is a plain loop over t."""

    def __init__(self, cfg):
        super().__init__()
        d = cfg["model_dim"]
        self.inner = cfg["ssm_expand"] * d
        self.state = cfg["ssm_state"]
        self.rank = cfg["ssm_dt_rank"] or math.ceil(d / 16)
        # Own parameters first in state_dict, then the submodules in assignment order.
        self.A_log = nn.Parameter(torch.log(torch.arange(1, self.state + 1, dtype=torch.float32))
                                  .repeat(self.inner, 1))
        self.D = nn.Parameter(torch.ones(self.inner))
        self.in_proj = nn.Linear(d, 2 * self.inner, bias=False)
        self.conv1d = nn.Conv1d(self.inner, self.inner, cfg["ssm_conv"], groups=self.inner,
                                padding=cfg["ssm_conv"] - 1)
        self.x_proj = nn.Linear(self.inner, self.rank + 2 * self.state, bias=False)
        self.dt_proj = nn.Linear(self.rank, self.inner, bias=True)
        self.out_proj = nn.Linear(self.inner, d, bias=False)

    def forward(self, u):
        B, T, _ = u.shape
        x, z = self.in_proj(u).chunk(2, dim=-1)
        x = F.silu(self.conv1d(x.transpose(1, 2))[..., :T].transpose(1, 2))  # causal: first T
        dt, Bm, C = self.x_proj(x).split([self.rank, self.state, self.state], dim=-1)
        delta = F.softplus(self.dt_proj(dt))  # [B, T, Di]
        A = -torch.exp(self.A_log)  # [Di, N]
        h = torch.zeros(B, self.inner, self.state)
        ys = []
        for t in range(T):
            h = (torch.exp(delta[:, t, :, None] * A) * h
                 + (delta[:, t] * x[:, t])[:, :, None] * Bm[:, t, None, :])
            ys.append((h * C[:, t, None, :]).sum(-1))
        y = torch.stack(ys, dim=1) + x * self.D
        return self.out_proj(y * F.silu(z))


class GatedDeltaNet(nn.Module):
    """Gated DeltaNet (Yang, Kautz & Hatamizadeh 2025): per head, the state S (dk x dv) follows
    S_t = alpha_t (I - beta_t k_t k_t^T) S_{t-1} + beta_t k_t v_t^T and the output is
    o_t = S_t^T q_t. q, k, v come through short causal convolutions and SiLU, q and k are
    L2-normalised (q also scaled by dk^-1/2), beta = sigmoid(W_b x), and log alpha =
    -exp(A_log) softplus(W_a x + dt_bias) (Mamba-2's decay). The output is RMS-normalised per
    head, scaled by o_norm.weight, gated by SiLU(W_g x) and projected. The recurrence is a plain
    loop over t."""

    def __init__(self, cfg):
        super().__init__()
        d = cfg["model_dim"]
        self.heads = cfg["num_heads"]
        self.head_dim = d // cfg["num_heads"]
        width, K = self.heads * self.head_dim, cfg["deltanet_conv"]
        self.A_log = nn.Parameter(torch.log(torch.empty(self.heads).uniform_(1.0, 16.0)))
        self.dt_bias = nn.Parameter(torch.zeros(self.heads))
        self.q_proj = nn.Linear(d, width, bias=False)
        self.k_proj = nn.Linear(d, width, bias=False)
        self.v_proj = nn.Linear(d, width, bias=False)
        self.a_proj = nn.Linear(d, self.heads, bias=False)
        self.b_proj = nn.Linear(d, self.heads, bias=False)
        conv = lambda: nn.Conv1d(width, width, K, groups=width, padding=K - 1, bias=False)  # noqa: E731
        self.q_conv1d, self.k_conv1d, self.v_conv1d = conv(), conv(), conv()
        self.g_proj = nn.Linear(d, width, bias=False)
        self.o_norm = nn.Module()
        self.o_norm.weight = nn.Parameter(torch.ones(self.head_dim))
        self.o_proj = nn.Linear(width, d, bias=False)

    def forward(self, x):
        B, T, _ = x.shape
        H, hd = self.heads, self.head_dim

        def branch(proj, conv):
            return F.silu(conv(proj(x).transpose(1, 2))[..., :T].transpose(1, 2)).reshape(B, T, H, hd)

        def unit(t):
            return t * torch.rsqrt(t.square().sum(-1, keepdim=True) + 1e-6)

        q = unit(branch(self.q_proj, self.q_conv1d)) / math.sqrt(hd)
        k = unit(branch(self.k_proj, self.k_conv1d))
        v = branch(self.v_proj, self.v_conv1d)
        beta = torch.sigmoid(self.b_proj(x))
        alpha = torch.exp(-torch.exp(self.A_log) * F.softplus(self.a_proj(x) + self.dt_bias))
        S = torch.zeros(B, H, hd, hd)
        outs = []
        for t in range(T):
            kt, vt, qt = k[:, t], v[:, t], q[:, t]  # [B, H, d]
            a, b = alpha[:, t, :, None, None], beta[:, t, :, None, None]
            eye = torch.eye(hd).expand(B, H, hd, hd)
            S = a * (eye - b * kt[..., :, None] * kt[..., None, :]) @ S + b * kt[..., :, None] * vt[..., None, :]
            outs.append((qt[..., None, :] @ S).squeeze(-2))
        o = torch.stack(outs, dim=1)  # [B, T, H, hd]
        o = rms_norm(o) * self.o_norm.weight * F.silu(self.g_proj(x).reshape(B, T, H, hd))
        return self.o_proj(o.reshape(B, T, H * hd))


class MLP(nn.Module):
    def __init__(self, cfg, index=0):
        super().__init__()
        dim, hidden = cfg["model_dim"], mlp_hidden_at(cfg, index)
        self.fc = nn.Linear(dim, hidden, bias=False)
        self.proj = nn.Linear(hidden, dim, bias=False)
        # One gate per hidden unit (log alpha), multiplying the unit before proj.
        self.gate_log_alpha = (nn.Parameter(torch.full((hidden,), hc_init_log_alpha(hidden)))
                               if cfg["l0_gates"] else None)

    def forward(self, x):
        a = torch.relu(self.fc(x)).square()  # relu^2
        if self.gate_log_alpha is not None:
            a = a * (hc_sample(self.gate_log_alpha) if self.training
                     else hc_test_gates(self.gate_log_alpha))
        return self.proj(a)


class Block(nn.Module):
    def __init__(self, cfg, index=0):
        super().__init__()
        dim = cfg["model_dim"]
        self.attn_norm = RMSNorm()
        self.mlp_norm = RMSNorm()
        mixer = cfg["layer_types"][index] if cfg["layer_types"] else "attention"
        self.attn = self.ssm = self.deltanet = None
        if mixer == "ssm":
            self.ssm = SelectiveSSM(cfg)
        elif mixer == "deltanet":
            self.deltanet = GatedDeltaNet(cfg)
        else:
            self.attn = CausalSelfAttention(
                cfg, cfg["value_embed_dim"] > 0 and index in cfg["value_embed_layers"], index)
        self.mlp = MLP(cfg, index)
        # Own parameters come first in state_dict whatever the order of assignment; among
        # themselves they keep this order: attn_scale, mlp_scale, resid_mix (§4.2).
        self.attn_scale = nn.Parameter(torch.ones(dim))
        self.mlp_scale = nn.Parameter(torch.ones(dim))
        if cfg["resid_mix"]:
            self.resid_mix = nn.Parameter(torch.stack((torch.ones(dim), torch.zeros(dim))))
        else:
            self.resid_mix = None

    def forward(self, x, x0, ve=None):
        if self.resid_mix is not None:
            x = self.resid_mix[0][None, None, :] * x + self.resid_mix[1][None, None, :] * x0
        u = self.attn_norm(x)
        mixed = (self.attn(u, ve) if self.attn is not None
                 else self.ssm(u) if self.ssm is not None else self.deltanet(u))
        x = x + self.attn_scale[None, None, :] * mixed
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
        r = cfg["embed_dim"] or dim
        self.tok_emb = nn.Embedding(vocab, r)
        if cfg["unet_skips"]:
            n_skips = min(self.num_encoder_layers, self.num_decoder_layers)
            self.skip_weights = nn.Parameter(torch.ones(n_skips, dim))
        else:
            self.skip_weights = None
        # Embedding compression, registered in this order after tok_emb (state-dict order).
        # Factorized: a narrow table lifted by embed_up; a tied head reads through embed_down.
        factorized = cfg["embed_dim"] > 0
        self.embed_up = nn.Linear(r, dim, bias=False) if factorized else None
        self.embed_down = (nn.Linear(dim, r, bias=False)
                           if factorized and cfg["tie_embeddings"] else None)
        e = cfg["ngram_dim"]
        self.bigram_emb = self.bigram_proj = self.trigram_emb = self.trigram_proj = None
        if cfg["bigram_buckets"] > 0:
            self.bigram_emb = nn.Embedding(cfg["bigram_buckets"], e)
            self.bigram_proj = nn.Linear(e, dim, bias=False)
        if cfg["trigram_buckets"] > 0:
            self.trigram_emb = nn.Embedding(cfg["trigram_buckets"], e)
            self.trigram_proj = nn.Linear(e, dim, bias=False)
        self.value_emb = (nn.Embedding(vocab, cfg["value_embed_dim"])
                          if cfg["value_embed_dim"] > 0 else None)
        self.blocks = nn.ModuleList(Block(cfg, i) for i in range(cfg["num_layers"]))
        self.final_norm = RMSNorm()
        self.lm_head = None if cfg["tie_embeddings"] else nn.Linear(dim, vocab, bias=False)
        self._init_weights()

    @torch.no_grad()
    def _init_weights(self):
        if self.cfg["tie_embeddings"]:
            nn.init.normal_(self.tok_emb.weight, mean=0.0, std=self.cfg["tied_embed_init_std"])
        # Zero output projections: every block starts as the identity on the residual.
        for block in self.blocks:
            nn.init.zeros_(block.mlp.proj.weight)
            if block.ssm is not None or block.deltanet is not None:
                nn.init.zeros_((block.ssm.out_proj if block.ssm is not None else block.deltanet.o_proj).weight)
                continue
            nn.init.zeros_(block.attn.proj.weight)
            if block.attn.ve_proj is not None:
                nn.init.zeros_(block.attn.ve_proj.weight)
        # Added embeddings start silent: the model begins as the plain one.
        for proj in (self.bigram_proj, self.trigram_proj):
            if proj is not None:
                nn.init.zeros_(proj.weight)
        if self.lm_head is not None:
            nn.init.zeros_(self.lm_head.weight)

    def embed(self, ids):
        """The input representation before the first norm."""
        cfg = self.cfg
        x = self.tok_emb(ids)
        if self.embed_up is not None:
            x = self.embed_up(x)
        if self.bigram_emb is not None or self.trigram_emb is not None:
            p1, p2 = ngram_contexts(ids, cfg["vocab_size"], cfg["bos_id"])
            if self.bigram_emb is not None:
                b = ngram_hash(cfg["bigram_hash"], ids, p1, None, cfg["bigram_buckets"])
                x = x + self.bigram_proj(self.bigram_emb(b))
            if self.trigram_emb is not None:
                t = ngram_hash(cfg["trigram_hash"], ids, p1, p2, cfg["trigram_buckets"])
                x = x + self.trigram_proj(self.trigram_emb(t))
        return x

    def hidden(self, ids):
        x = rms_norm(self.embed(ids))
        x0 = x
        ve = self.value_emb(ids) if self.value_emb is not None else None
        skips = []
        n_enc = self.num_encoder_layers if self.skip_weights is not None else 0
        for layer, block_index in enumerate(self.schedule):
            if layer >= n_enc and skips:
                weight = self.skip_weights[layer - n_enc]
                x = x + weight[None, None, :] * skips.pop()
            x = self.blocks[block_index](x, x0, ve)
            if layer < n_enc:
                skips.append(x)
        return self.final_norm(x)

    def logits(self, ids):
        h = self.hidden(ids)
        if self.lm_head is not None:
            raw = self.lm_head(h)
        else:
            raw = F.linear(h if self.embed_down is None else self.embed_down(h), self.tok_emb.weight)
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
    tables = ("tok_emb.weight", "bigram_emb.weight", "trigram_emb.weight", "value_emb.weight")
    projections = ("embed_up.weight", "embed_down.weight", "bigram_proj.weight",
                   "trigram_proj.weight")
    for name, p in model.named_parameters():
        if name in tables:  # every lookup table learns like the token table
            embed.append(name)
        elif name == "lm_head.weight":
            head.append(name)
        elif name.endswith(".ssm.A_log"):
            scalars.append(name)  # a state-space layer's decay rates: 2-D, yet no matrix map
        elif name in projections or (name.startswith("blocks.") and p.ndim == 2 and not any(
                pat in name for pat in CONTROL_PATTERNS)):
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
    forward + backward; the full T x T matrix, the usual MFU convention)."""
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
