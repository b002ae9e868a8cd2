// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A submission must produce its artifact itself (PARAMETER_GOLF.md §1.1, §1.4: the artifact is
// what the submitted train_gpt.py writes within its training run, "fully self-contained and
// reproducible", and all counted code lives in that one file). So `golf export --code` does not
// ship the user's script unchanged: it rewrites the script's end-of-training serialization so
// that the script itself quantizes with the exported settings table, writes the golf-mixed-v1
// file, reads it back, evaluates it and prints the score in the official form.
//
// Where the serialization is:
//   Baseline   the block of the challenge's baseline train_gpt.py: from `if master_process:`
//              + `torch.save(<model>.state_dict(), "final_model.pt")` (or, without that, the
//              `quantize_state_dict_int8(<model>.state_dict())` line) to the statement that
//              logs `final_int8_zlib_roundtrip_exact`. The model variable, the evaluation call
//              (`eval_val(...)` inside the block) and the log function are read off the block.
//   Markers    any other script: two comment lines the user places once around the code to
//              replace (which may be empty),
//                  # golf-studio: serialization begin; model=base_model; eval=evaluate(model)
//                  # golf-studio: serialization end
//              `eval` (required) is an expression, evaluated after the weights are reloaded,
//              that returns (val_loss, val_bpb); `model` (default base_model) names the
//              nn.Module whose state_dict is exported; optional `log` (default log0 when the
//              script defines it, else print), `train_files` and `seq_len` (GPTQ calibration).
// The patched script always carries markers (with the options used), so patching a patched
// script replaces the golf block instead of nesting a second one.
//
// What the script gets (plain Python, readable in the records folder):
//   - a preamble after the imports: with GOLF_EVAL_ONLY set, ITERATIONS and WARMUP_STEPS
//     default to 0 (the baseline's names) so the script skips training;
//   - before the top-level statement holding the block: golf_mixed.py as a module built from
//     an embedded source string, the settings table (JSON), and golf_submit.py (the function
//     the block calls);
//   - the block: golf_serialize_and_score(...), which prints
//         Serialized model golf-mixed: N bytes / Code size: N bytes /
//         Total submission size golf-mixed: N bytes      (the file's own on-disk bytes)
//         final_golf_roundtrip val_loss:X val_bpb:Y eval_time:Nms
//         final_golf_roundtrip_exact val_loss:X val_bpb:Y   (8 decimals)
//     With GOLF_EVAL_ONLY=PATH it writes nothing and re-scores the artifact at PATH.
// `keepOfficial` keeps the baseline's int8+zlib block after the golf block (the golf block then
// restores the trained weights once it has scored its artifact).

#include <string>

namespace Core {

enum class ScriptAnchor { Baseline, Markers };

/// Where the serialization block of a script is (1-based, inclusive line numbers).
struct SerializationBlock
{
    ScriptAnchor anchor = ScriptAnchor::Baseline;
    int firstLine = 0, lastLine = 0;
    std::string indent;     ///< the block's indentation
    std::string model;      ///< Python expression: the module whose state_dict is exported
    std::string evaluate;   ///< Python expression returning (val_loss, val_bpb)
    std::string log;        ///< Python callable that prints a log line
    std::string trainFiles; ///< Python expression: training shard glob ("" = none)
    std::string seqLen;     ///< Python expression: calibration sequence length ("" = 1024)
    bool patchedBefore = false; ///< the markers were written by an earlier golf export

    /// "the baseline's int8+zlib block (lines 1190-1238)" / "golf-studio markers (lines 80-81)".
    std::string describe() const;
};

/// Finds the block in `source` (the text of a train_gpt.py; `what` names it in errors). Markers
/// win over the baseline block. Throws Core::Error when there is neither, saying how to add the
/// markers, and for malformed markers (an end without a begin, no eval=, ...).
SerializationBlock findSerializationBlock(const std::string &source, const std::string &what);

struct ScriptPatchInput
{
    std::string mixedModule;  ///< golf_mixed.py's source (embedded as a module)
    std::string submitModule; ///< golf_submit.py's source (inserted as is)
    std::string tableJson;    ///< the settings table (recipe/settingstable.h), compact JSON
    std::string artifactName = "final_model.golf.ptz";
    bool keepOfficial = false; ///< keep the baseline's int8+zlib block after the golf block
};

/// The patched script. Throws Core::Error (see findSerializationBlock; also for sources or a
/// table that cannot be embedded as raw strings).
std::string patchTrainScript(const std::string &source, const std::string &what,
                             const ScriptPatchInput &input);

} // namespace Core
