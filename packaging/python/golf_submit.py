# golf_serialize_and_score: the end of training of a golf-mixed-v1 submission. `golf export --code`
# inserts this file into train_gpt.py beside _GOLF_MIXED_SOURCE (golf_mixed.py), _GOLF_TABLE_JSON
# (the per-tensor settings) and _GOLF_ARTIFACT, and calls it where the script serialized its model.
import json as _golf_json
import os as _golf_os
import time as _golf_time
import types as _golf_types

import torch as _golf_torch


def _golf_mixed():
    """golf_mixed.py as a module, built once from the embedded source."""
    module = globals().get("_golf_mixed_module")
    if module is None:
        module = _golf_types.ModuleType("golf_mixed")
        exec(compile(_GOLF_MIXED_SOURCE, "golf_mixed.py", "exec"), module.__dict__)
        globals()["_golf_mixed_module"] = module
    return module


def _golf_sync():
    if _golf_torch.cuda.is_available():
        _golf_torch.cuda.synchronize()


def golf_serialize_and_score(model, evaluate, log=print, train_files=None, seq_len=None,
                             restore=False):
    """Quantizes `model`'s weights with the settings table, writes _GOLF_ARTIFACT (rank 0),
    reads it back from disk on every rank, loads it strictly, scores it with evaluate() ->
    (val_loss, val_bpb) and logs the result. GOLF_EVAL_ONLY=PATH skips writing and re-scores
    PATH. restore=True puts the trained weights back afterwards."""
    gm = _golf_mixed()
    dist = _golf_torch.distributed
    distributed = dist.is_available() and dist.is_initialized()
    master = not distributed or dist.get_rank() == 0
    table = _golf_json.loads(_GOLF_TABLE_JSON)
    eval_only = _golf_os.environ.get("GOLF_EVAL_ONLY", "")
    path = eval_only or _GOLF_ARTIFACT
    trained = {k: v.detach().clone() for k, v in model.state_dict().items()} if restore else None
    if not eval_only:
        if master:
            _golf_torch.save(model.state_dict(), "final_model.pt")  # debugging only, not counted
            state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
            gptq = [t["name"] for t in table["tensors"] if t["setting"].get("method") == "gptq"]
            hessians = None
            if gptq:  # calibrated on training tokens, never validation
                if not train_files:
                    raise ValueError("gptq settings need the training shards: pass train_files=")
                c = table["calibration"]
                device = next(model.parameters()).device
                batches = gm.calibration_batches(train_files, c["tokens"], seq_len or c["seq_len"],
                                                 c["batch_tokens"], c["offset"], device)
                hessians = gm.collect_hessians(model, gptq, batches)
            blob = gm.write_mixed(state, table, hessians)
            with open(path + ".tmp", "wb") as f:  # atomic: a crash leaves no torn artifact
                f.write(blob)
                f.flush()
                _golf_os.fsync(f.fileno())
            _golf_os.replace(path + ".tmp", path)
            model_bytes = _golf_os.path.getsize(path)
            code_bytes = _golf_os.path.getsize(__file__)  # the shipped file, wrapper or not
            log(f"Serialized model golf-mixed: {model_bytes} bytes")
            log(f"Code size: {code_bytes} bytes")
            log(f"Total submission size golf-mixed: {model_bytes + code_bytes} bytes")
        if distributed:
            dist.barrier()
    with open(path, "rb") as f:
        blob = f.read()
    model.load_state_dict(gm.load_state_dict(blob, path), strict=True)
    _golf_sync()
    t0 = _golf_time.perf_counter()
    val_loss, val_bpb = evaluate()
    _golf_sync()
    eval_ms = 1000.0 * (_golf_time.perf_counter() - t0)
    log(f"final_golf_roundtrip val_loss:{val_loss:.4f} val_bpb:{val_bpb:.4f} eval_time:{eval_ms:.0f}ms")
    log(f"final_golf_roundtrip_exact val_loss:{val_loss:.8f} val_bpb:{val_bpb:.8f}")
    if trained is not None:
        model.load_state_dict(trained, strict=True)
    return val_loss, val_bpb
