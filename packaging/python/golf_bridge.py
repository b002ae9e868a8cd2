# SPDX-License-Identifier: GPL-3.0-or-later
"""Golf Studio's evaluator bridge: scores weights with the user's own train_gpt.py.

golf starts this file as a long-lived child process (core/eval/scriptevaluator.h) and speaks
a line protocol with it: one JSON object per line on stdin, one JSON answer per line on stdout.
Everything the user's script prints goes to stderr, so the protocol stream stays clean. An
answer is {"ok": true, ...} or {"ok": false, "error": "...", "traceback": "..."}.

    {"op": "hello"}
        -> python, torch versions, the device ("cuda" when torch sees a GPU, else "cpu")
    {"op": "load", "script": PATH, "env": {K: V}, "eval": NAME, "luts": PATH, "device": D}
        Sets the environment overrides, imports the script as a module (its main() does not
        run), builds its model from its Hyperparameters and loads its validation tokens.
        -> "state": [{name, shape, dtype}] (the model's state dict), "val_tokens", "model"
    {"op": "state", "file": PATH}    loads a whole state dict (torch.save file) strictly
    {"op": "patch", "file": PATH}    replaces some of the tensors (names must exist, shapes match)
    {"op": "eval", "offset": O, "tokens": N}
        Runs the script's evaluation on val_tokens[O : O + N + 1] (N = 0: to the end; O = N = 0
        is exactly the script's own validation set). -> val_loss, val_bpb, tokens, seconds
    {"op": "quit"}

How the script is used, so that any architecture works without editing it:
  - the model: golf_build_model(args) when the script defines it, else its GPT class, each
    constructor parameter taken from the Hyperparameters attribute of the same name;
  - the validation tokens: golf_validation_tokens(args), else
    load_validation_tokens(args.val_files, args.train_seq_len);
  - the byte LUTs: the sidecar golf passes ("luts", tokenizer.luts.json), else the script's
    build_sentencepiece_luts(sp, args.vocab_size, device) with sentencepiece;
  - the evaluation: the function named by "eval" (default eval_val), called with the
    arguments it names from: args, model, rank=0, world_size=1, device, grad_accum_steps=1,
    val_tokens, base_bytes_lut, has_leading_space_lut, is_boundary_token_lut. It returns
    (val_loss, val_bpb) or a dict with those keys.
"""

import importlib.util
import inspect
import json
import math
import os
import sys
import time
import traceback

PROTOCOL = 1

# The protocol owns the real stdout; fd 1 becomes stderr so that the script's prints (and any
# C library's) cannot interleave with answers.
_answers = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr

import torch  # noqa: E402  (after the redirection: importing torch may print)


class BridgeError(Exception):
    """A problem with the script or a request, reported to golf as is."""


class Session:
    def __init__(self):
        self.module = None
        self.args = None
        self.model = None
        self.device = None
        self.val_tokens = None
        self.luts = None
        self.eval_fn = None

    # -- load -----------------------------------------------------------------------------
    def load(self, req):
        if self.module is not None:
            raise BridgeError("a script is already loaded; start another bridge for another script")
        script = req.get("script") or ""
        if not os.path.isfile(script):
            raise BridgeError(f"{script}: no such script")
        for key, value in (req.get("env") or {}).items():
            os.environ[str(key)] = str(value)
        device = req.get("device") or "auto"
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)

        script_dir = os.path.dirname(os.path.abspath(script))
        if script_dir not in sys.path:
            sys.path.insert(0, script_dir)
        spec = importlib.util.spec_from_file_location("golf_user_script", script)
        module = importlib.util.module_from_spec(spec)
        sys.argv = [script]
        try:
            spec.loader.exec_module(module)  # __name__ is not "__main__": main() does not run
        except SystemExit as e:
            raise BridgeError(f"{script}: importing it called exit({e.code})")
        self.module = module

        if not hasattr(module, "Hyperparameters"):
            raise BridgeError(f"{script}: has no Hyperparameters class to build the model from")
        self.args = module.Hyperparameters()
        self.model = self._build_model(script)
        self.model.to(self.device)
        self.model.eval()
        self.val_tokens = self._validation_tokens(script)
        self.luts = self._luts(script, req.get("luts") or "")
        name = req.get("eval") or "eval_val"
        self.eval_fn = getattr(module, name, None)
        if not callable(self.eval_fn):
            raise BridgeError(f"{script}: has no evaluation function {name}(); name the one it has "
                              f"(golf: --script-eval NAME)")
        state = [{"name": k, "shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", "")}
                 for k, v in self.model.state_dict().items()]
        return {"state": state, "val_tokens": int(self.val_tokens.numel()),
                "model": type(self.model).__name__, "device": str(self.device),
                "eval": name}

    def _build_model(self, script):
        m, args = self.module, self.args
        if callable(getattr(m, "golf_build_model", None)):
            return m.golf_build_model(args)
        cls = getattr(m, "GPT", None)
        if cls is None:
            raise BridgeError(f"{script}: has neither golf_build_model(args) nor a GPT class")
        kwargs, missing = {}, []
        for p in list(inspect.signature(cls.__init__).parameters.values())[1:]:
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            if hasattr(args, p.name):
                kwargs[p.name] = getattr(args, p.name)
            elif p.default is p.empty:
                missing.append(p.name)
        if missing:
            raise BridgeError(f"{script}: GPT needs {', '.join(missing)}, which Hyperparameters does not "
                              f"have; define golf_build_model(args) in the script to build the model")
        return cls(**kwargs)

    def _validation_tokens(self, script):
        m, args = self.module, self.args
        if callable(getattr(m, "golf_validation_tokens", None)):
            tokens = m.golf_validation_tokens(args)
        elif callable(getattr(m, "load_validation_tokens", None)):
            tokens = m.load_validation_tokens(args.val_files, args.train_seq_len)
        else:
            raise BridgeError(f"{script}: has neither load_validation_tokens() nor "
                              f"golf_validation_tokens(args)")
        return tokens.to(self.device)

    def _luts(self, script, sidecar):
        vocab = int(getattr(self.args, "vocab_size", 0))
        if sidecar:
            with open(sidecar, encoding="utf-8") as f:
                j = json.load(f)
            n = max(len(j["base_bytes"]), vocab)
            m = len(j["base_bytes"])
            base = torch.zeros(n, dtype=torch.int16)
            space = torch.zeros(n, dtype=torch.bool)
            boundary = torch.ones(n, dtype=torch.bool)  # ids past the tokenizer: no bytes
            base[:m] = torch.tensor(j["base_bytes"], dtype=torch.int16)
            space[:m] = torch.tensor(j["has_leading_space"], dtype=torch.bool)
            boundary[:m] = torch.tensor(j["is_boundary"], dtype=torch.bool)
            return base.to(self.device), space.to(self.device), boundary.to(self.device)
        build = getattr(self.module, "build_sentencepiece_luts", None)
        if not callable(build):
            raise BridgeError(f"{script}: no byte LUTs: pass a tokenizer.luts.json or define "
                              f"build_sentencepiece_luts")
        try:
            import sentencepiece as spm
        except ImportError:
            raise BridgeError("the script builds its byte LUTs with sentencepiece, which this Python "
                              "lacks; pass the dataset's tokenizer.luts.json instead")
        sp = spm.SentencePieceProcessor(model_file=self.args.tokenizer_path)
        return build(sp, vocab, self.device)

    # -- weights ----------------------------------------------------------------------------
    def _read(self, req):
        self._need_model()
        path = req.get("file") or ""
        try:
            return torch.load(path, map_location="cpu")
        except Exception as e:
            raise BridgeError(f"{path}: cannot read the state dict ({e})")

    def state(self, req):
        sd = self._read(req)
        own = self.model.state_dict()
        missing = [k for k in own if k not in sd]
        unknown = [k for k in sd if k not in own]
        if missing or unknown:
            raise BridgeError("the weights do not fit the script's model: "
                              + (f"missing {', '.join(missing[:8])}" if missing else "")
                              + ("; " if missing and unknown else "")
                              + (f"unknown {', '.join(unknown[:8])}" if unknown else ""))
        self._copy(sd, own)
        return {"tensors": len(sd)}

    def patch(self, req):
        sd = self._read(req)
        own = self.model.state_dict()
        unknown = [k for k in sd if k not in own]
        if unknown:
            raise BridgeError(f"the script's model has no tensor {', '.join(unknown[:8])}")
        self._copy(sd, own)
        return {"tensors": len(sd)}

    @staticmethod
    def _copy(sd, own):
        with torch.no_grad():
            for k, v in sd.items():
                if tuple(v.shape) != tuple(own[k].shape):
                    raise BridgeError(f"{k}: shape {list(v.shape)}, the script's model has {list(own[k].shape)}")
                own[k].copy_(v.to(own[k].dtype))

    # -- evaluation -------------------------------------------------------------------------
    def evaluate(self, req):
        self._need_model()
        offset, count = int(req.get("offset", 0)), int(req.get("tokens", 0))
        total = self.val_tokens.numel()
        if offset < 0 or count < 0 or offset + 1 >= total:
            raise BridgeError(f"slice [{offset}, +{count}] is outside the {total} validation tokens")
        end = total if count == 0 else min(total, offset + count + 1)
        tokens = self.val_tokens if (offset == 0 and end == total) else self.val_tokens[offset:end]
        pool = {"args": self.args, "model": self.model, "rank": 0, "world_size": 1,
                "device": self.device, "grad_accum_steps": 1, "val_tokens": tokens,
                "base_bytes_lut": self.luts[0], "has_leading_space_lut": self.luts[1],
                "is_boundary_token_lut": self.luts[2]}
        kwargs, missing = {}, []
        for p in inspect.signature(self.eval_fn).parameters.values():
            if p.name in pool:
                kwargs[p.name] = pool[p.name]
            elif p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                missing.append(p.name)
        if missing:
            raise BridgeError(f"{self.eval_fn.__name__}() needs {', '.join(missing)}, which golf cannot "
                              f"supply; define golf_evaluate-style wrapper taking (args, model, val_tokens, "
                              f"base_bytes_lut, has_leading_space_lut, is_boundary_token_lut)")
        t0 = time.perf_counter()
        result = self.eval_fn(**kwargs)
        seconds = time.perf_counter() - t0
        self.model.eval()  # the official eval_val leaves the model in train mode
        if isinstance(result, dict):
            loss, bpb = result.get("val_loss"), result.get("val_bpb")
        elif isinstance(result, (tuple, list)) and len(result) >= 2:
            loss, bpb = result[0], result[1]
        else:
            raise BridgeError(f"{self.eval_fn.__name__}() returned {type(result).__name__}, not "
                              f"(val_loss, val_bpb)")
        loss, bpb = float(loss), float(bpb)
        if not (math.isfinite(loss) and math.isfinite(bpb)):
            raise BridgeError(f"{self.eval_fn.__name__}() returned val_loss {loss}, val_bpb {bpb}")
        seq_len = int(getattr(self.args, "train_seq_len", 0) or 0)
        scored = (tokens.numel() - 1) // seq_len * seq_len if seq_len > 0 else tokens.numel() - 1
        return {"val_loss": loss, "val_bpb": bpb, "tokens": int(scored), "seconds": seconds}

    def _need_model(self):
        if self.model is None:
            raise BridgeError("no script is loaded (send a load request first)")


def _hello(_req):
    return {"protocol": PROTOCOL, "python": sys.version.split()[0], "torch": torch.__version__,
            "device": "cuda" if torch.cuda.is_available() else "cpu"}


def main():
    session = Session()
    ops = {"hello": _hello, "load": session.load, "state": session.state, "patch": session.patch,
           "eval": session.evaluate}
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            op = req.get("op")
            if op == "quit":
                _answers.write(json.dumps({"ok": True}) + "\n")
                return
            if op not in ops:
                raise BridgeError(f"unknown request {op!r}")
            answer = {"ok": True}
            answer.update(ops[op](req))
        except BridgeError as e:
            answer = {"ok": False, "error": str(e)}
        except Exception as e:  # the script's own failure: golf shows it and survives
            answer = {"ok": False, "error": f"{type(e).__name__}: {e}",
                      "traceback": traceback.format_exc(limit=-6)}
        _answers.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
