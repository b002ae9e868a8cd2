// SPDX-License-Identifier: GPL-3.0-or-later
#include "sliceinputs.h"

#include "data/dataset.h"
#include "ship/shippedscript.h"
#include "model/model.h"
#include "packinputs.h"
#include "run/checkpointdata.h"
#include "scriptinputs.h"

namespace App {

void addSliceOptions(ArgParser &args)
{
    args.addOption("data", "DIR", "dataset folder (shards + tokenizer.luts.json); default: the data of the "
                                  "checkpoint's run");
    args.addOption("val-files", "GLOB", "validation shards (instead of --data)");
    args.addOption("train-files", "GLOB", "training shards (instead of --data)");
    args.addOption("luts", "FILE", "byte LUT sidecar (instead of --data)");
    args.addOption("slice", "val|train", "compare on validation tokens (what the score measures) or on training "
                                         "tokens (never looks at validation)", "val");
    args.addOption("eval-tokens", "N", "tokens in the comparison slice", "65536");
    args.addOption("eval-offset", "N", "first token of the slice", "0");
    args.addOption("seq-len", "N", "window length; default: the run's train_seq_len, else 1024");
    addScriptOptions(args);
}

SliceInputs sliceInputs(const ArgParser &args, const std::string &ckpt)
{
    SliceInputs in;
    const Core::CheckpointData data = Core::checkpointData(ckpt, args.value("data"));
    std::string valGlob = data.valGlob, luts = data.luts;
    in.trainGlob = data.trainGlob;
    in.slice.seqLen = data.seqLen > 0 ? data.seqLen : 1024;
    if (args.has("val-files"))
        valGlob = args.value("val-files");
    if (args.has("train-files"))
        in.trainGlob = args.value("train-files");
    if (args.has("luts"))
        luts = args.value("luts");
    if (args.has("seq-len"))
        in.slice.seqLen = args.intValue("seq-len");
    in.slice.source = args.value("slice");
    if (in.slice.source != "val" && in.slice.source != "train")
        throw UsageError("--slice must be val or train");
    in.slice.glob = in.slice.source == "val" ? valGlob : in.trainGlob;
    in.slice.luts = luts;
    in.slice.tokens = args.intValue("eval-tokens");
    in.slice.offset = args.intValue("eval-offset");
    // A script scores its own validation tokens (the slice's offset and length still apply).
    if ((in.slice.glob.empty() || luts.empty()) && !usesScript(args))
        throw UsageError("say which data to compare on: --data DIR, or --" + in.slice.source +
                         "-files and --luts (the checkpoint is not in a run folder)");
    return in;
}

void addCodeOptions(ArgParser &args)
{
    args.addOption("code", "FILE", "train_gpt.py whose bytes count toward the budget");
    args.addFlag("wrap-code", "count the code as the lzma+base85 self-extracting wrapper");
}

int64_t codeBytesOf(const ArgParser &args, const std::vector<Core::TensorDesc> &tensors, const Core::Recipe &recipe)
{
    if (!args.has("code"))
        return 0;
    const Core::Resolution resolution = recipe.resolve(tensors);
    // The calibration's figures go into the table only; their exact values move a few bytes.
    const Core::CalibrationOptions calibration;
    return int64_t(Core::shipScript(args.value("code"), args.has("wrap-code"), resolution,
                                    recipe.container,
                                    Core::usesGptq(resolution) ? &calibration : nullptr,
                                    mixedReaderPath())
                       .code.size());
}

} // namespace App
