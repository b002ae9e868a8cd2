# SPDX-License-Identifier: GPL-3.0-or-later
"""Our GPT against an independent Python PyTorch peer (golf_reference.py), both directions.

Run by CTest as `interop_model` with Debian's /usr/bin/python3 (python3-torch 1.13):
    python3 test_interop.py --tool build/dev/tests/interop/golf_interop_tool --workdir /tmp/x

For each config:
- our checkpoint loads into the Python model with strict=True, with its keys in the Python
  state_dict order, and our init follows the official one;
- our logits and loss equal the Python ones on the same weights and tokens;
- Python-written weights give the same logits through our loader;
- the loss gradients agree;
- training steps (Muon + Adam) leave the same weights on both sides.
Each of our checks runs twice: through the fused CPU kernels and through the plain ATen
reference path. Also checked: the official parameter count, and clear rejections of state dicts
that do not fit.
"""

import argparse
import json
import os
import subprocess
import sys
import unittest

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golf_reference as ref  # noqa: E402

# fp32 logits through up to 10 layers: agreement to 1e-4 absolute (observed ~1e-6) leaves room
# for different summation orders but not for any real difference in the maths.
LOGIT_TOL = 1e-4
# Gradients of the training loss, per tensor relative to its largest |grad| (observed ~4e-6, also
# through the fused kernels' hand-written backward).
GRAD_TOL = 1e-4
# Weights after the optimizer steps. Adam divides by sqrt(v) + eps: where a gradient is as small
# as eps = 1e-8, a 1e-10 rounding difference in it moves that element's update by 1% of lr (seen:
# 6e-4 on 8 of 524k embedding entries). So this is looser than the gradients, which hold the maths
# to GRAD_TOL, and still far below one update (lr 0.04-0.05).
STEP_TOL = 2e-3
PARAM_COUNT_BASELINE = 17_059_912  # model_params:17059912 in the official train.log

# name -> (model overrides, batch B, sequence T, training steps). Knobs are moved off their
# defaults where a config can afford it, so a knob that is ignored on one side shows up as a
# difference. Two steps exercise the momentum buffers; the baseline takes one, because 54
# Newton-Schulz runs per step dominate the test's time and the small configs cover momentum.
CONFIGS = {
    "baseline_9x512": ({}, 2, 64, 1),
    "tiny_untied": (dict(vocab_size=96, num_layers=3, model_dim=64, num_heads=4,
                         num_kv_heads=1, mlp_mult=3, tie_embeddings=False, rope_base=500.0,
                         logit_softcap=5.0, qk_gain_init=2.0), 3, 17, 2),
    # 6 blocks, [1,4) run twice: 9 virtual layers, 4 encoder / 5 decoder, 4 skip weights.
    "recurrent": (dict(vocab_size=128, num_layers=6, model_dim=96, num_heads=6, num_kv_heads=3,
                       recur_start=1, recur_end=4, recur_count=2), 2, 32, 2),
    "plain_stack": (dict(vocab_size=128, num_layers=4, model_dim=64, num_heads=2,
                         num_kv_heads=2, unet_skips=False, resid_mix=False,
                         tied_embed_init_std=0.02), 2, 24, 2),
    # Every embedding-compression block at once, hashes swapped from their defaults: a
    # factorized tied table (24 of 64 columns), bigram and trigram tables, value embeddings
    # into blocks 1 and 3 (block 1 runs twice: recurrence shares its ve_proj).
    "embeddings": (dict(vocab_size=128, num_layers=4, model_dim=64, num_heads=4, num_kv_heads=2,
                        embed_dim=24, bigram_buckets=37, trigram_buckets=53, ngram_dim=16,
                        bigram_hash="xor3", trigram_hash="mul31", value_embed_dim=12,
                        value_embed_layers=[1, 3], recur_start=1, recur_end=2, recur_count=2),
                   2, 24, 2),
    "embeddings_untied": (dict(vocab_size=96, num_layers=3, model_dim=48, num_heads=4,
                               num_kv_heads=4, tie_embeddings=False, embed_dim=16,
                               bigram_buckets=29, ngram_dim=8, bos_id=5), 2, 20, 2),
    # A structurally pruned model: blocks of their own widths (head groups and MLP units kept),
    # one of them with a value embedding into its single remaining KV head.
    "pruned_widths": (dict(vocab_size=112, num_layers=3, model_dim=64, num_heads=4, num_kv_heads=2,
                           layer_kv_heads=[2, 1, 1], layer_mlp_hidden=[128, 40, 7],
                           value_embed_dim=8, value_embed_layers=[1]), 2, 24, 2),
    # Sliding windows of mixed sizes (one inside a 64-key tile, full, three keys) over a
    # sequence that spans three tiles, so the blocked kernel's tile edges take part.
    "windows": (dict(vocab_size=96, num_layers=3, model_dim=64, num_heads=4, num_kv_heads=2,
                     layer_windows=[40, 0, 3]), 2, 150, 2),
    # Selective state-space blocks (Mamba) beside attention, a sequence longer than the fused
    # scan's 64-step chunk, inner width 2 x 48 (six 16-channel blocks), with recurrence over the
    # attention block; and a model with no attention at all.
    "hybrid_ssm": (dict(vocab_size=96, num_layers=3, model_dim=48, num_heads=4, num_kv_heads=2,
                        layer_types=["ssm", "attention", "ssm"], ssm_state=8, ssm_expand=2,
                        ssm_dt_rank=5, recur_start=1, recur_end=2, recur_count=2), 2, 70, 2),
    "pure_ssm": (dict(vocab_size=64, num_layers=2, model_dim=40, num_heads=4, num_kv_heads=2,
                      layer_types=["ssm", "ssm"], ssm_conv=3), 2, 20, 2),
    # Gated DeltaNet beside attention and a state-space block (the chunked rule over 2 chunks
    # and a ragged third), and a model of DeltaNet blocks only.
    "hybrid_deltanet": (dict(vocab_size=96, num_layers=3, model_dim=48, num_heads=4, num_kv_heads=2,
                             layer_types=["deltanet", "attention", "ssm"], ssm_state=4), 2, 150, 2),
    "pure_deltanet": (dict(vocab_size=64, num_layers=2, model_dim=32, num_heads=2, num_kv_heads=1,
                           layer_types=["deltanet", "deltanet"], deltanet_conv=2), 2, 20, 2),
    # L0 gates on head groups and MLP units (only the gate test uses it).
    "l0_gates": (dict(vocab_size=96, num_layers=3, model_dim=64, num_heads=4, num_kv_heads=2,
                      l0_gates=True, value_embed_dim=8, value_embed_layers=[2]), 2, 24, 2),
}
# Our two code paths: the fused CPU kernels (default) and the plain ATen reference path.
PATHS = (("fused", 1), ("reference", 0))
SEED = 1234
SIGMA = 0.05  # noise added to every weight, so zero-initialised paths take part

TOOL = None
WORKDIR = None
ROWS = []  # (config, check, max abs diff) for the summary table


def run_tool(*args, expect_ok=True):
    proc = subprocess.run([TOOL, *map(str, args)], capture_output=True, text=True, timeout=300)
    if expect_ok and proc.returncode != 0:
        raise AssertionError(f"{TOOL} {' '.join(map(str, args))} failed ({proc.returncode}):\n"
                             f"{proc.stderr}")
    return proc


def max_diff(a, b):
    return (a.double() - b.double()).abs().max().item()


def perturb_(model, seed, sigma=SIGMA):
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(sigma * torch.randn(p.shape, generator=gen))


class ConfigCase:
    """Everything one config needs, written once to its own folder."""

    def __init__(self, name):
        overrides, self.B, self.T, self.steps = CONFIGS[name]
        self.name = name
        self.cfg = ref.make_config(overrides)
        self.dir = os.path.join(WORKDIR, name)
        os.makedirs(self.dir, exist_ok=True)
        self.config_path = os.path.join(self.dir, "config.json")
        with open(self.config_path, "w") as f:
            json.dump(overrides, f)  # only the overrides: the rest must default alike

    def path(self, leaf):
        return os.path.join(self.dir, leaf)

    def python_model(self, state_dict=None):
        model = ref.GPT(self.cfg)
        if state_dict is not None:
            model.load_state_dict(state_dict, strict=True)
        return model.eval()


class InteropTest(unittest.TestCase):
    # --- our weights and logits in Python --------------------------------------------------

    def check_ours_in_python(self, name):
        case = ConfigCase(name)
        run_tool("dump", case.config_path, SEED, case.dir, "--batch", case.B, "--seq", case.T,
                 "--perturb", SIGMA)
        init = torch.load(case.path("init.pt"))
        expected_keys = list(ref.GPT(case.cfg).state_dict().keys())
        self.assertEqual(list(init.keys()), expected_keys, "state-dict key order")
        self.check_official_init(case, init)

        model = case.python_model(torch.load(case.path("model.pt")))
        batch = torch.load(case.path("batch.pt"))
        with torch.no_grad():
            logits = model.logits(batch["tokens"])
            loss = model(batch["tokens"], batch["targets"])
        self.assertEqual(tuple(batch["logits"].shape), (case.B, case.T, case.cfg["vocab_size"]))
        self.assertGreater(logits.std().item(), 0.1, "logits too flat to test anything")
        # dump ran the fused path; the reference path re-reads the same checkpoint.
        run_tool("forward", case.path("model.pt"), case.config_path, case.path("batch.pt"),
                 case.path("ours_reference.pt"), "--fused", 0)
        reference = torch.load(case.path("ours_reference.pt"))
        for path, ours in (("fused", batch), ("reference", reference)):
            d_logits = max_diff(ours["logits"], logits)
            d_loss = abs(ours["loss"].item() - loss.item())
            ROWS.append((name, f"C++ weights -> Python [{path}]: logits", d_logits))
            ROWS.append((name, f"C++ weights -> Python [{path}]: loss", d_loss))
            self.assertLessEqual(d_logits, LOGIT_TOL, path)
            self.assertLessEqual(d_loss, LOGIT_TOL, path)
        return case, batch

    def check_official_init(self, case, sd):
        """PARAMETER_GOLF.md §4.1 init: zero projections, unit scales, resid_mix [1;0], q_gain,
        skip weights one, tied embedding N(0, std)."""
        cfg = case.cfg
        for key, t in sd.items():
            if key.endswith("attn.proj.weight") or key.endswith("mlp.proj.weight") \
                    or key.endswith("ve_proj.weight") \
                    or key in ("lm_head.weight", "bigram_proj.weight", "trigram_proj.weight"):
                self.assertEqual(t.abs().max().item(), 0.0, key)
            elif key.endswith("_scale") or key == "skip_weights":
                self.assertTrue(torch.equal(t, torch.ones_like(t)), key)
            elif key.endswith("resid_mix"):
                self.assertTrue(torch.equal(t[0], torch.ones_like(t[0])), key)
                self.assertTrue(torch.equal(t[1], torch.zeros_like(t[1])), key)
            elif key.endswith("q_gain"):
                self.assertTrue(torch.allclose(t, torch.full_like(t, cfg["qk_gain_init"])), key)
            elif key.endswith("gate_log_alpha"):
                init = ref.hc_init_log_alpha(t.numel())
                self.assertTrue(torch.allclose(t, torch.full_like(t, init)), key)
        if cfg["tie_embeddings"]:
            std = sd["tok_emb.weight"].float().std().item()
            self.assertAlmostEqual(std / cfg["tied_embed_init_std"], 1.0, delta=0.1)

    # --- Python weights through our loader ---------------------------------------------------

    def check_python_in_ours(self, case, batch, bf16_embedding=False):
        torch.manual_seed(SEED + 7)
        model = case.python_model()
        perturb_(model, SEED + 8)
        sd = model.state_dict()
        if bf16_embedding:
            # The official final_model.pt keeps tok_emb.weight in bf16 (§4.1): save it that way,
            # and let the Python side compute with the same rounded values.
            sd["tok_emb.weight"] = sd["tok_emb.weight"].bfloat16()
            model.load_state_dict(sd, strict=True)
        # A plain dict: torch.save(model.state_dict()) writes an OrderedDict, which our loader
        # cannot read yet (see test_loads_ordered_dict_state_dict).
        torch.save(dict(sd), case.path("python.pt"))
        torch.save({"tokens": batch["tokens"], "targets": batch["targets"]},
                   case.path("tokens.pt"))
        with torch.no_grad():
            logits = model.logits(batch["tokens"])
            loss = model(batch["tokens"], batch["targets"])
        for path, fused in PATHS:
            out = case.path(f"ours_on_python_{path}.pt")
            run_tool("forward", case.path("python.pt"), case.config_path, case.path("tokens.pt"),
                     out, "--fused", fused)
            ours = torch.load(out)
            label = f"Python weights -> C++ [{path}]: logits"
            label += " (bf16 tok_emb)" if bf16_embedding else ""
            d_logits = max_diff(ours["logits"], logits)
            d_loss = abs(ours["loss"].item() - loss.item())
            ROWS.append((case.name, label, d_logits))
            ROWS.append((case.name, f"Python weights -> C++ [{path}]: loss", d_loss))
            self.assertLessEqual(d_logits, LOGIT_TOL, path)
            self.assertLessEqual(d_loss, LOGIT_TOL, path)

    # --- gradients and training steps on both sides -----------------------------------------

    def check_gradients(self, case, batch):
        model = case.python_model(torch.load(case.path("model.pt"))).train()
        loss = model(batch["tokens"], batch["targets"])
        loss.backward()
        theirs = {name: p.grad for name, p in model.named_parameters()}
        for path, fused in PATHS:
            out = case.path(f"grad_{path}.pt")
            run_tool("grad", case.path("model.pt"), case.config_path, case.path("tokens.pt"),
                     out, "--fused", fused)
            ours = torch.load(out)
            worst = max((max_diff(ours[k], g) / max(g.abs().max().item(), 1e-30), k)
                        for k, g in theirs.items())
            ROWS.append((case.name, f"gradients [{path}]: rel. to max |grad| ({worst[1]})",
                         worst[0]))
            self.assertLessEqual(worst[0], GRAD_TOL, f"{path}: {worst[1]}")
            self.assertLessEqual(abs(ours["loss"].item() - loss.item()), LOGIT_TOL, path)

    def check_train_steps(self, case, batch):
        steps = case.steps
        model = case.python_model(torch.load(case.path("model.pt"))).train()
        muon, adam = ref.make_optimizers(model, momentum=0.95)
        losses = []
        for _ in range(steps):
            loss = model(batch["tokens"], batch["targets"])
            losses.append(loss.item())
            loss.backward()
            muon.step()
            adam.step()
            model.zero_grad(set_to_none=True)
        theirs = model.state_dict()
        start = torch.load(case.path("model.pt"))

        for path, fused in PATHS:
            out = case.path(f"stepped_{path}.pt")
            proc = run_tool("step", case.path("model.pt"), case.config_path,
                            case.path("tokens.pt"), out, "--steps", steps, "--momentum", 0.95,
                            "--fused", fused)
            our_losses = json.loads(proc.stdout.strip().splitlines()[-1])["losses"]
            ours = torch.load(out)
            self.assertEqual(list(ours.keys()), list(theirs.keys()))
            worst = max((max_diff(ours[k], theirs[k]), k) for k in theirs)
            d_loss = max(abs(a - b) for a, b in zip(our_losses, losses))
            ROWS.append((case.name, f"{steps} Muon+Adam steps [{path}]: weights ({worst[1]})",
                         worst[0]))
            ROWS.append((case.name, f"{steps} Muon+Adam steps [{path}]: losses", d_loss))
            self.assertLessEqual(d_loss, LOGIT_TOL, path)
            self.assertLessEqual(worst[0], STEP_TOL, f"{path}: {worst[1]}")
            # The steps must have moved the weights by far more than the disagreement.
            moved = max(max_diff(ours[k], v) for k, v in start.items())
            self.assertGreater(moved, 10 * STEP_TOL, path)

    def run_config(self, name, bf16_embedding=False):
        case, batch = self.check_ours_in_python(name)
        self.check_python_in_ours(case, batch, bf16_embedding)
        self.check_gradients(case, batch)
        self.check_train_steps(case, batch)

    def test_baseline(self):
        self.run_config("baseline_9x512", bf16_embedding=True)

    def test_tiny_untied(self):
        self.run_config("tiny_untied")

    def test_recurrent(self):
        self.run_config("recurrent")

    def test_plain_stack(self):
        self.run_config("plain_stack")

    def test_embeddings(self):
        self.run_config("embeddings")

    def test_embeddings_untied(self):
        self.run_config("embeddings_untied")

    def test_pruned_widths(self):
        self.run_config("pruned_widths")

    def test_windows(self):
        self.run_config("windows")

    def test_hybrid_ssm(self):
        self.run_config("hybrid_ssm")

    def test_pure_ssm(self):
        self.run_config("pure_ssm")

    def test_hybrid_deltanet(self):
        self.run_config("hybrid_deltanet")

    def test_pure_deltanet(self):
        self.run_config("pure_deltanet")

    def test_l0_gates(self):
        """Hard-concrete gates with some groups and units closed: the Python model at test time
        against ours loaded from the same file (which removes the closed gates and folds the
        rest into the projections), and the gradients of the gated model, gates included, with
        its test-time gates on both sides. Our initial gates are checked against the formula."""
        case = ConfigCase("l0_gates")
        run_tool("dump", case.config_path, SEED, case.dir, "--batch", case.B, "--seq", case.T)
        init = torch.load(case.path("init.pt"))
        self.assertEqual(list(init.keys()), list(ref.GPT(case.cfg).state_dict().keys()))
        self.check_official_init(case, init)
        torch.manual_seed(SEED + 21)
        model = case.python_model()
        perturb_(model, SEED + 22)
        with torch.no_grad():
            for name, p in model.named_parameters():
                if name.endswith("gate_log_alpha"):
                    p.copy_(torch.empty_like(p).uniform_(-6.0, 5.0))
            model.blocks[1].attn.gate_log_alpha.copy_(torch.tensor([-7.0, -6.5]))  # all closed
        closed = sum(int((ref.hc_test_gates(p) == 0).sum()) for n, p in model.named_parameters()
                     if n.endswith("gate_log_alpha"))
        self.assertGreater(closed, 20)
        torch.save(dict(model.state_dict()), case.path("gated.pt"))
        tokens = torch.randint(0, case.cfg["vocab_size"], (case.B, case.T + 1))
        x, y = tokens[:, :-1].contiguous(), tokens[:, 1:].contiguous()
        torch.save({"tokens": x, "targets": y}, case.path("gated_tokens.pt"))
        with torch.no_grad():
            logits = model.eval().logits(x)
        for path, fused in PATHS:
            out = case.path(f"gated_out_{path}.pt")
            run_tool("forward", case.path("gated.pt"), case.config_path, case.path("gated_tokens.pt"),
                     out, "--fused", fused)
            d = max_diff(torch.load(out)["logits"], logits)
            ROWS.append((case.name, f"gates removed vs gated at test time [{path}]: logits", d))
            self.assertLessEqual(d, LOGIT_TOL, path)

        loss = model.eval()(x, y)
        loss.backward()
        theirs = {name: p.grad for name, p in model.named_parameters()}
        out = case.path("gated_grad.pt")
        run_tool("grad", case.path("gated.pt"), case.config_path, case.path("gated_tokens.pt"), out,
                 "--gates", "test")
        ours = torch.load(out)
        worst = max((max_diff(ours[k], g) / max(g.abs().max().item(), 1e-30), k)
                    for k, g in theirs.items())
        ROWS.append((case.name, f"gated gradients (test gates): rel. to max |grad| ({worst[1]})",
                     worst[0]))
        self.assertLessEqual(worst[0], GRAD_TOL, worst[1])
        gate_grads = sum(ours[k].abs().sum().item() for k in ours if k.endswith("gate_log_alpha"))
        self.assertGreater(gate_grads, 0.0)

    def test_distillation_loss(self):
        """The trainer's distillation loss (Hinton et al. 2015: alpha * CE + (1 - alpha) * T^2 *
        KL(teacher^T || student^T)), here written with F.kl_div, against ours: the loss and the
        gradients of every weight, for the full teacher distribution and for its top k (the
        logit cache's form: the k tokens with their exact probabilities plus one outcome for all
        the others, on both sides)."""
        case = ConfigCase("tiny_untied")
        run_tool("dump", case.config_path, SEED, case.dir, "--batch", case.B, "--seq", case.T,
                 "--perturb", SIGMA)
        batch = torch.load(case.path("batch.pt"))
        torch.save({"tokens": batch["tokens"], "targets": batch["targets"]}, case.path("kd_tokens.pt"))
        gen = torch.Generator().manual_seed(SEED + 5)
        teacher = 3.0 * torch.randn(batch["logits"].shape, generator=gen)
        torch.save({"logits": teacher}, case.path("kd_teacher.pt"))
        V = teacher.shape[-1]
        for alpha, temperature, k in ((0.5, 2.0, 0), (0.3, 4.0, 8), (0.0, 1.0, 5)):
            model = case.python_model(torch.load(case.path("model.pt"))).train()
            student = model.logits(batch["tokens"]).reshape(-1, V)
            t = teacher.reshape(-1, V)
            p = F.softmax(t / temperature, dim=-1)
            q = F.softmax(student / temperature, dim=-1)
            if k:
                idx = t.topk(k, dim=-1).indices
                p_top, q_top = p.gather(-1, idx), q.gather(-1, idx)
                p = torch.cat([p_top, 1 - p_top.sum(-1, keepdim=True)], dim=-1)
                q = torch.cat([q_top, 1 - q_top.sum(-1, keepdim=True)], dim=-1)
            soft = F.kl_div(q.log(), p, reduction="batchmean")
            hard = F.cross_entropy(student, batch["targets"].reshape(-1))
            loss = alpha * hard + (1 - alpha) * temperature ** 2 * soft
            loss.backward()
            theirs = {name: prm.grad for name, prm in model.named_parameters()}
            out = case.path(f"kd_grad_{k}.pt")
            run_tool("grad", case.path("model.pt"), case.config_path, case.path("kd_tokens.pt"),
                     out, "--teacher", case.path("kd_teacher.pt"), "--alpha", alpha,
                     "--temperature", temperature, "--top-k", k)
            ours = torch.load(out)
            worst = max((max_diff(ours[n], g) / max(g.abs().max().item(), 1e-30), n)
                        for n, g in theirs.items())
            label = f"distillation a={alpha} T={temperature} top-{k or 'all'}"
            ROWS.append((case.name, f"{label}: loss", abs(ours["loss"].item() - loss.item())))
            ROWS.append((case.name, f"{label}: gradients rel. to max |grad| ({worst[1]})", worst[0]))
            self.assertLessEqual(abs(ours["loss"].item() - loss.item()), LOGIT_TOL, label)
            self.assertLessEqual(worst[0], GRAD_TOL, f"{label}: {worst[1]}")

    def test_ngram_context_stops_at_bos(self):
        """No position after a BOS sees the previous document through its n-gram hash: two
        batches that differ only before the BOS give the same input embedding from the BOS on,
        in our model and in the reference, and different ones before it."""
        case = ConfigCase("embeddings")
        run_tool("dump", case.config_path, SEED, case.dir, "--batch", 1, "--seq", 8)
        bos = case.cfg["bos_id"]
        torch.manual_seed(SEED + 11)
        a = torch.randint(2, case.cfg["vocab_size"], (1, 16))
        a[0, 9] = bos
        b = a.clone()
        b[0, :9] = torch.randint(2, case.cfg["vocab_size"], (9,))
        b[0, 8] = (a[0, 8] + 1) % case.cfg["vocab_size"] or 2  # the token right before BOS too
        model = case.python_model(torch.load(case.path("model.pt")))
        embeds = []
        for label, tokens in (("a", a), ("b", b)):
            torch.save({"tokens": tokens}, case.path(f"boundary_{label}.pt"))
            run_tool("forward", case.path("model.pt"), case.config_path,
                     case.path(f"boundary_{label}.pt"), case.path(f"boundary_{label}_out.pt"))
            ours = torch.load(case.path(f"boundary_{label}_out.pt"))["embed"]
            with torch.no_grad():
                theirs = model.embed(tokens)
            self.assertLessEqual(max_diff(ours, theirs), LOGIT_TOL, label)
            embeds.append(ours)
        after = max_diff(embeds[0][:, 9:], embeds[1][:, 9:])
        before = max_diff(embeds[0][:, :9], embeds[1][:, :9])
        ROWS.append(("embeddings", "input embedding after BOS, other previous document", after))
        self.assertEqual(after, 0.0)
        self.assertGreater(before, 0.1)

    # --- sizes and rejections ----------------------------------------------------------------

    def test_parameter_count(self):
        model = ref.GPT(ref.make_config())
        self.assertEqual(sum(p.numel() for p in model.parameters()), PARAM_COUNT_BASELINE)
        self.assertEqual(len(model.state_dict()), 92)  # §4.2: 92 tensors when tied
        case = ConfigCase("baseline_9x512")
        if not os.path.exists(case.path("init.pt")):
            run_tool("dump", case.config_path, SEED, case.dir, "--batch", 1, "--seq", 8)
        ours = torch.load(case.path("init.pt"))
        self.assertEqual(sum(t.numel() for t in ours.values()), PARAM_COUNT_BASELINE)

    # torch.save(model.state_dict()) - how the official final_model.pt is written - pickles an
    # OrderedDict, which libtorch 1.13's own unpickler turns into None; core's reader
    # (core/model/torchfile.cpp) must load it.
    def test_loads_ordered_dict_state_dict(self):
        case = ConfigCase("plain_stack")
        torch.manual_seed(SEED)
        model = case.python_model()
        perturb_(model, SEED + 1)
        sd = model.state_dict()
        self.assertIsInstance(sd, dict)
        self.assertTrue(hasattr(sd, "_metadata"))  # pickled as OrderedDict + BUILD(state)
        tokens = torch.randint(case.cfg["vocab_size"], (1, 16))
        torch.save(sd, case.path("ordered.pt"))
        torch.save({"tokens": tokens}, case.path("ordered_tokens.pt"))
        run_tool("forward", case.path("ordered.pt"), case.config_path,
                 case.path("ordered_tokens.pt"), case.path("ordered_out.pt"))
        with torch.no_grad():
            d = max_diff(torch.load(case.path("ordered_out.pt"))["logits"], model.logits(tokens))
        ROWS.append((case.name, "OrderedDict state dict -> C++: logits", d))
        self.assertLessEqual(d, LOGIT_TOL)

    def expect_rejected(self, mutate, *needles):
        case = ConfigCase("tiny_untied")
        sd = case.python_model().state_dict()
        mutate(sd)
        bad = case.path("bad.pt")
        torch.save(dict(sd), bad)
        torch.save({"tokens": torch.zeros(1, 4, dtype=torch.long)}, case.path("bad_tokens.pt"))
        proc = run_tool("forward", bad, case.config_path, case.path("bad_tokens.pt"),
                        case.path("bad_out.pt"), expect_ok=False)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        for needle in (bad, "does not fit the model") + needles:
            self.assertIn(needle, proc.stderr)
        self.assertLess(len(proc.stderr.splitlines()), 6,
                        "message should be short:\n" + proc.stderr)

    def test_rejects_unknown_tensor(self):
        def add(sd):
            sd["blocks.0.attn.bogus"] = torch.zeros(3)
        self.expect_rejected(add, "unknown tensors: blocks.0.attn.bogus")

    def test_rejects_wrong_shape(self):
        def reshape(sd):
            sd["blocks.1.attn.c_k.weight"] = torch.zeros(32, 64)  # model: [16, 64] (1 KV head)
        self.expect_rejected(reshape, "shape mismatches: blocks.1.attn.c_k.weight [32,64]",
                             "[16,64]")

    def test_rejects_missing_tensor(self):
        def drop(sd):
            del sd["lm_head.weight"]
        self.expect_rejected(drop, "missing tensors: lm_head.weight")


def print_table():
    if not ROWS:
        return
    width = max(len(r[0]) for r in ROWS), max(len(r[1]) for r in ROWS)
    print(f"\n{'config':<{width[0]}}  {'check':<{width[1]}}  max |diff|")
    for config, check, diff in ROWS:
        print(f"{config:<{width[0]}}  {check:<{width[1]}}  {diff:.3e}")
    print(f"(tolerances: logits/loss {LOGIT_TOL:g}, gradients {GRAD_TOL:g} relative, "
          f"weights after steps {STEP_TOL:g})")


def main():
    global TOOL, WORKDIR
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", required=True, help="path to golf_interop_tool")
    parser.add_argument("--workdir", required=True, help="scratch folder (recreated files)")
    args, rest = parser.parse_known_args()
    TOOL, WORKDIR = os.path.abspath(args.tool), os.path.abspath(args.workdir)
    os.makedirs(WORKDIR, exist_ok=True)
    torch.set_num_threads(min(2, os.cpu_count() or 1))
    result = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=2).result
    print_table()
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
