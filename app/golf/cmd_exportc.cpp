// SPDX-License-Identifier: GPL-3.0-or-later
// `golf export-c`: a model as a dependency-free C program (export/cexport.h).

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"
#include "common/atomicfile.h"
#include "common/numbertext.h"
#include "export/cexport.h"
#include "packinputs.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace App {

int runExportC(int argc, char **argv)
{
    ArgParser args("golf export-c",
                   "Writes a folder that runs the model with nothing but a C compiler, libc and libm: "
                   "golfmodel.c and golfmodel.h (C99), a Makefile, the weights as stored (integer codes "
                   "packed, decoded inside the matrix products; floats in their stored type) and a "
                   "README with the memory it needs. The program generates text from token ids and "
                   "scores token shards in bits per byte.");
    args.addPositional("MODEL", "a golf-mixed-v1 file (its codes are kept as they are), or any model "
                                "file golf reads together with --recipe");
    args.addOption("out", "DIR", "the folder to write");
    args.addOption("recipe", "R", "how to store the weights: a preset (" + recipePresetList() +
                                      ") or a recipe file; default: as MODEL stores them");
    args.addOption("model-config", "FILE", "model shape JSON; default: the run's config.json, "
                                           "else inferred from the tensors");
    return runCommand("golf export-c", args, argc, argv, [&]() -> int {
        Core::CExportOptions o;
        o.modelPath = args.positional("MODEL").front();
        if (!args.has("out"))
            throw UsageError("say where to write the program: --out DIR");
        o.outDir = args.value("out");
        if (args.has("recipe"))
            o.recipe = loadRecipeArg(args.value("recipe"));
        if (args.has("model-config"))
            o.config = Core::GptConfig::fromJson(nlohmann::json::parse(Core::readFile(args.value("model-config"))));
        const Core::CExportResult r = Core::exportC(o);
        std::printf("%s -> %s/\n", o.modelPath.c_str(), o.outDir.c_str());
        std::printf("  stored as: %s\n", r.storage.c_str());
        std::printf("  weights file %s bytes (codes %s, scales %s, floats %s); key/value cache %s bytes per token\n",
                    Core::groupedNumber(r.weights.fileBytes).c_str(), Core::groupedNumber(r.weights.codeBytes).c_str(),
                    Core::groupedNumber(r.weights.scaleBytes).c_str(), Core::groupedNumber(r.weights.floatBytes).c_str(),
                    Core::groupedNumber(r.weights.kvBytesPerToken).c_str());
        std::printf("  build and run: cd %s && make && ./golfmodel generate model.golfc --prompt \"1\" --tokens 64\n",
                    o.outDir.c_str());
        return ExitOk;
    });
}

} // namespace App
