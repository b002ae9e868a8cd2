// SPDX-License-Identifier: GPL-3.0-or-later
// `golf convert`: any model file golf reads -> a plain torch.save state dict of the
// (dequantized) weights, loaded strictly into the model on the way, so Python tools and
// load_state_dict(strict=True) can use exported files.

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"
#include "model/model.h"
#include "pack/modelfile.h"

#include <cstdio>

namespace App {

int runConvert(int argc, char **argv)
{
    ArgParser args("golf convert",
                   "Reads a model file (torch.save state dict, int8_clean_per_row_v1 .ptz or "
                   "golf-mixed-v1), dequantizes it, loads it strictly into the GPT and writes the "
                   "weights as a torch.save state dict with the official names (final_model.pt form).");
    args.addPositional("IN", "the model file to read");
    args.addPositional("OUT", "the state dict to write (atomically)");
    return runCommand("golf convert", args, argc, argv, [&]() -> int {
        const std::string in = args.positional("IN").front();
        const std::string out = args.positional("OUT").front();
        const Core::ModelFileKind kind = Core::modelFileKind(in);
        Core::Model model = Core::Model::load(in);
        model.save(out);
        std::printf("%s (%s) -> %s: %lld parameters\n", in.c_str(), Core::modelFileKindName(kind), out.c_str(),
                    (long long)model.parameterCount());
        return ExitOk;
    });
}

} // namespace App
