// SPDX-License-Identifier: GPL-3.0-or-later
#include "ship/shippedscript.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "ship/trainscript.h"
#include "pack/codebytes.h"
#include "recipe/settingstable.h"

#include <filesystem>

namespace Core {

std::string modelFileName(const ContainerSpec &container)
{
    return container.official() ? "final_model.int8.ptz" : "final_model.golf.ptz";
}

ShippedScript shipScript(const std::string &codePath, bool wrap, const Resolution &resolution,
                         const ContainerSpec &container, const CalibrationOptions *calibration,
                         const std::string &mixedReaderPath, bool keepOfficial)
{
    const CodeBytes measured = measureCode(codePath);
    std::string source = readFile(codePath);
    if (measured.alreadyWrapped)
        source = unwrapCodeLzmaBase85(source, codePath);
    const SerializationBlock block = findSerializationBlock(source, codePath);
    ShippedScript out;
    out.block = block.describe();
    if (container.official()) {
        check(block.anchor == ScriptAnchor::Baseline && !block.patchedBefore,
              codePath + ": the official int8+zlib model file is written by the baseline's own "
                         "serialization block, which this script does not have (it has " +
                  block.describe() + "); use a golf-mixed-v1 recipe");
        out.readable = source;
    } else {
        check(!mixedReaderPath.empty(), "golf_mixed.py was not found, so the script cannot be "
                                        "made to write the model file");
        ScriptPatchInput in;
        in.mixedModule = readFile(mixedReaderPath);
        in.submitModule = readFile(
            (std::filesystem::path(mixedReaderPath).parent_path() / "golf_submit.py").string());
        in.tableJson = settingsTable(resolution, container, calibration).dump();
        in.artifactName = modelFileName(container);
        in.keepOfficial = keepOfficial;
        out.readable = patchTrainScript(source, codePath, in);
    }
    wrap = wrap || measured.alreadyWrapped;
    out.code = wrap ? wrapCodeLzmaBase85(out.readable) : out.readable;
    out.form = wrap ? "lzma+base85" : "raw";
    return out;
}

} // namespace Core
