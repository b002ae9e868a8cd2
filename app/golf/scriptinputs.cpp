// SPDX-License-Identifier: GPL-3.0-or-later
#include "scriptinputs.h"

#include "analysisinputs.h"
#include "common/error.h"
#include "data/dataset.h"
#include "quant/calibration.h"
#include "quant/modelload.h"

#include <filesystem>

namespace App {

void addScriptOptions(ArgParser &args)
{
    args.addOption("script", "FILE", "score with this train_gpt.py (its model class, Hyperparameters and "
                                     "evaluation, in a Python child process) instead of golf's GPT: for "
                                     "architectures golf does not have");
    args.addOption("script-env", "KEY=VALUE", "an environment setting for the script's Hyperparameters "
                                              "(repeatable), e.g. NUM_LAYERS=11");
    args.addOption("script-eval", "NAME", "the script's evaluation function", "eval_val");
    args.addOption("python", "PROGRAM", "the Python that runs the script; default: $GOLF_PYTHON, else python3");
    args.addOption("device", "auto|cpu|cuda", "where the script's model runs", "auto");
    args.addOption("script-timeout", "SECONDS", "longest wait for the script to load or to answer one request "
                                                "(then it is stopped)", "3600");
}

bool usesScript(const ArgParser &args)
{
    return args.has("script");
}

Core::ScriptEvaluatorOptions scriptOptions(const ArgParser &args)
{
    Core::ScriptEvaluatorOptions o;
    o.script = args.value("script");
    if (!std::filesystem::is_regular_file(o.script))
        throw UsageError("--script " + o.script + ": no such file");
    o.python = args.has("python") ? args.value("python") : Core::defaultPython();
    o.evalFunction = args.value("script-eval");
    o.device = args.value("device");
    o.loadTimeout = o.evalTimeout = std::stod(args.value("script-timeout"));
    if (!(o.evalTimeout > 0))
        throw UsageError("--script-timeout must be more than 0 seconds");
    if (args.has("data")) {
        const auto paths = Core::datasetPaths(args.value("data"), /*requireTrain=*/false);
        o.env["DATA_PATH"] = std::filesystem::absolute(args.value("data")).string();
        o.luts = paths.byteLuts;
    }
    if (args.has("luts"))
        o.luts = args.value("luts");
    for (const std::string &kv : args.values("script-env")) {
        const size_t eq = kv.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--script-env wants KEY=VALUE, not \"" + kv + "\"");
        o.env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    return o;
}

AnalysisTarget analysisTarget(const ArgParser &args, const std::string &ckpt, Core::EvalSlice &slice)
{
    AnalysisTarget t;
    if (!usesScript(args)) {
        t.model = std::make_unique<Core::Model>(Core::loadModel(ckpt));
        t.target = Core::builtinTarget(*t.model);
        return t;
    }
    if (slice.source != "val")
        throw UsageError("a script scores its validation tokens only; leave out --slice train with --script");
    t.target = Core::scriptTarget(ckpt, scriptOptions(args));
    t.target->label(slice);
    return t;
}

AnalysisTarget sensitivityTarget(const ArgParser &args, const std::string &ckpt, Core::SensitivityOptions &o)
{
    if (usesScript(args) && Core::anyGptq(o.candidates))
        throw UsageError("GPTQ collects its calibration with golf's GPT; with --script try rtn settings");
    AnalysisTarget t = analysisTarget(args, ckpt, o.slice);
    if (t.model) {
        attachCalibration(o, args, *t.model, ckpt);
    } else {
        Core::check(!Core::usesGptq(o.base.resolve(t.target->tensors())),
                    "the base recipe uses GPTQ, whose calibration needs golf's GPT; with --script use an rtn recipe");
        o.fisherGlob.clear(); // the Fisher proxy needs golf's GPT's gradients
    }
    return t;
}

} // namespace App
