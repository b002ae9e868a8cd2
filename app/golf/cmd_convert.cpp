// SPDX-License-Identifier: GPL-3.0-or-later
// `golf convert`: any model file golf reads -> a plain torch.save state dict of the
// (dequantized) weights, loaded strictly into the model on the way, so Python tools and
// load_state_dict(strict=True) can use exported files.

#include "cli/args.h"
#include "cli/command.h"
#include "common/error.h"
#include "commands.h"
#include "model/model.h"
#include "quant/modelfile.h"
#include "quant/modelload.h"

#include <cstdio>

namespace App {

int runConvert(int argc, char **argv)
{
    ArgParser args("golf convert",
                   "Reads a model file (torch.save state dict, int8_clean_per_row_v1 .ptz, "
                   "golf-mixed-v1, or a record's artifact: {w,m} int5-int8/GPTQ/LQER, ternary, "
                   "PGRP; zlib, zstd, xz or brotli), dequantizes it, loads it strictly into the GPT "
                   "and writes the weights as a torch.save state dict with the official names "
                   "(final_model.pt form). A model of another architecture is written tensor by "
                   "tensor, without the GPT.");
    args.addPositional("IN", "the model file to read");
    args.addPositional("OUT", "the state dict to write (atomically)");
    return runCommand("golf convert", args, argc, argv, [&]() -> int {
        const std::string in = args.positional("IN").front();
        const std::string out = args.positional("OUT").front();
        const Core::ModelFileKind kind = Core::modelFileKind(in);
        try {
            Core::Model model = Core::loadModel(in);
            model.save(out);
            std::printf("%s (%s) -> %s: %lld parameters\n", in.c_str(), Core::modelFileKindName(kind),
                        out.c_str(), (long long)model.parameterCount());
        } catch (const Core::Error &e) {
            // Another architecture (a record's own): its tensors are still worth having.
            if (std::string(e.what()).find(Core::kNotBaselineArchitecture) == std::string::npos)
                throw;
            const int64_t values = Core::writeTensorsAsStateDict(in, out);
            std::printf("%s (%s) -> %s: %lld values; %s, so its tensors were written as stored "
                        "(dequantized), not loaded into the GPT\n",
                        in.c_str(), Core::modelFileKindName(kind), out.c_str(), (long long)values,
                        Core::kNotBaselineArchitecture);
        }
        return ExitOk;
    });
}

} // namespace App
