// SPDX-License-Identifier: GPL-3.0-or-later
// `golf quantize` in golf-torch.so: resolve a recipe against any model file, explain it tensor
// by tensor, price the result exactly, and optionally write the model file. (The front explains
// a recipe against a golf-mixed-v1 file or a plain state dict itself: cmd_quantize.cpp.)

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "model/model.h"
#include "ship/shippedscript.h"
#include "quant/sizepricer.h"
#include "packinputs.h"
#include "recipe/settingstable.h"
#include "train/torchruntime.h"
#include "quant/modelload.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace App {

int runQuantizeAnyFile(int argc, char **argv)
{
    ArgParser args = quantizeArguments();
    return runCommand("golf quantize", args, argc, argv, [&]() -> int {
        Core::configureTorchRuntime(args.intValue("threads"));
        const Core::Recipe recipe = loadRecipeArg(args.value("recipe"));
        const std::string ckpt = args.positional("CHECKPOINT").front();
        // golf's GPT when the file is one (GPTQ calibrates with it); any other architecture is
        // priced from its tensors alone.
        const Core::PricedFile file = Core::loadForPricing(ckpt);
        Core::Model *model = file.model.get();
        Core::SizePricer *pricer = file.pricer.get();
        const Core::Resolution resolution = recipe.resolve(pricer->tensors());
        if (args.has("explain")) {
            std::printf("%s", Core::explainResolution(recipe, resolution).c_str());
            if (!args.has("out"))
                return ExitOk;
        }

        const CalibrationDefaults calibDefaults = calibrationDefaults(args, ckpt);
        if (!model)
            Core::check(!Core::usesGptq(resolution), ckpt + ": GPTQ calibrates with golf's GPT, and this "
                                                     "model's architecture is not the baseline's; use rtn settings");
        else if (const auto calibration = calibrationFor(args, *model, {resolution}, calibDefaults))
            pricer->setCalibration(*calibration);
        if (args.has("table-out")) {
            // The options collectCalibration used (packinputs.cpp), minus the glob: the Python
            // side reads its own copy of the shards.
            Core::CalibrationOptions calib;
            calib.tokens = args.intValue("calib-tokens");
            calib.seqLen = calibDefaults.seqLen > 0 ? calibDefaults.seqLen : 1024;
            const bool gptq = Core::usesGptq(resolution);
            Core::writeFileAtomic(args.value("table-out"),
                                  Core::settingsTable(resolution, recipe.container,
                                                      gptq ? &calib : nullptr)
                                          .dump(1) + "\n");
        }
        const Core::SizeReport report = pricer->price(resolution, recipe.container);
        Core::SizeLedger ledger;
        ledger.modelBytes = report.modelBytes;
        ledger.budget = args.intValue("budget");
        if (args.has("code")) {
            // Counted as a submission ships it: patched to write this model file, maybe wrapped.
            const Core::ShippedScript code =
                Core::shipScript(args.value("code"), args.has("wrap-code"), resolution,
                                 recipe.container, nullptr, mixedReaderPath());
            ledger.codePath = args.value("code");
            ledger.codeBytes = int64_t(code.code.size());
            ledger.codeForm = code.form;
        }
        if (args.has("out"))
            Core::writeFileAtomic(args.value("out"), pricer->encode(resolution, recipe.container));

        if (args.has("json")) {
            nlohmann::json out{{"report", Core::toJson(report)}, {"ledger", Core::toJson(ledger)}};
            if (args.has("out"))
                out["written"] = args.value("out");
            std::printf("%s\n", out.dump().c_str());
        } else if (!args.has("explain")) {
            std::printf("%s\n%s", Core::formatSizeTable(report, ledger.budget).c_str(),
                        Core::formatLedger(ledger).c_str());
        }
        if (args.has("out") && !args.has("json"))
            std::printf("wrote %s (%s bytes)\n", args.value("out").c_str(), Core::formatBytes(report.modelBytes).c_str());
        return ExitOk;
    });
}

} // namespace App
