// SPDX-License-Identifier: GPL-3.0-or-later
#include "export/cexport.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "common/numbertext.h"
#include "common/resourcedir.h"
#include "pack/mixedformat.h"
#include "pack/storagesummary.h"
#include "quant/modelfile.h"
#include "quant/modelload.h"

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace Core {

namespace {

const char *const kSources[] = {"golfmodel.c", "golfmodel.h", "Makefile"};
constexpr const char *kWeightsName = "model.golfc";

SizeReport storedAs(const std::vector<QuantizedTensor> &tensors)
{
    SizeReport report;
    for (const QuantizedTensor &q : tensors) {
        TensorSize s;
        s.name = q.name;
        s.shape = q.shape;
        s.numel = q.numel();
        s.setting = q.setting;
        report.tensors.push_back(s);
    }
    return report;
}

// The tensors as golf-mixed-v1 stores them: the file's own, or the model quantized by the recipe
// exactly as golf export would (the container's codec does not change the codes).
std::vector<QuantizedTensor> storedTensors(const CExportOptions &o, const Model &model)
{
    if (!o.recipe) {
        check(modelFileKind(o.modelPath) == ModelFileKind::GolfMixed,
              o.modelPath + " does not store quantized codes golf-c can keep (it is " +
                  modelFileKindName(modelFileKind(o.modelPath)) +
                  "): choose how to store its weights with a recipe (--recipe int5-mlp, say)");
        return readMixed(readFile(o.modelPath), o.modelPath);
    }
    const Recipe &recipe = *o.recipe;
    ContainerSpec container;
    container.codec = Codec::Zlib;
    container.level = 1;
    SizePricer pricer(model);
    const Resolution resolution = recipe.resolve(pricer.tensors());
    for (const ResolvedTensor &t : resolution.tensors)
        check(t.setting.method != QuantMethod::Gptq,
              t.tensor.name + " is stored with gptq, which needs calibration data: export the model with "
                              "golf export first, then give export-c the golf-mixed-v1 file it writes");
    return readMixed(pricer.encode(resolution, container), o.modelPath);
}

std::string readme(const CExportOptions &o, const GptConfig &config, const CExportResult &r)
{
    const CWeightsSummary &w = r.weights;
    std::ostringstream s;
    s << "# " << fs::path(o.modelPath).filename().string() << " as a C program\n\n"
      << "Written by `golf export-c`. `golfmodel.c` runs this model from its quantized codes with a C99\n"
      << "compiler, libc and libm; the codes stay packed in memory and are decoded inside the\n"
      << "matrix products. The same source runs every exported model: `" << kWeightsName
      << "` says which.\n\n"
      << "## Build and run\n\n"
      << "```sh\nmake                      # cc -O2 -march=native; make CFLAGS=-O2 for a portable binary\n"
      << "./golfmodel info " << kWeightsName << "\n"
      << "./golfmodel generate " << kWeightsName << " --prompt \"1 2 3\" --tokens 64 --temperature 0.8 --top-k 40 --seed 1\n"
      << "./golfmodel score " << kWeightsName << " DATA/tokenizer.luts.json DATA/*_val_*.bin\n```\n\n"
      << "`score` prints `final_golf_c_roundtrip_exact val_loss:... val_bpb:...` over non-overlapping\n"
      << "windows of 1,024 tokens, as train_gpt.py scores (`--seq-len`, `--max-tokens` as golf eval's).\n\n"
      << "## The model\n\n"
      << "- " << groupedNumber(config.parameterCount()) << " parameters: " << config.numLayers << " blocks of width "
      << config.modelDim << ", " << config.numHeads << " query heads over " << config.numKvHeads
      << " key/value heads, vocabulary " << config.vocabSize << "\n"
      << "- Stored as: " << r.storage << "\n\n"
      << "## Memory\n\n"
      << "| | bytes |\n|---|---:|\n"
      << "| weights file, held in RAM as it is | " << groupedNumber(w.fileBytes) << " |\n"
      << "| of which packed codes | " << groupedNumber(w.codeBytes) << " |\n"
      << "| of which their scales | " << groupedNumber(w.scaleBytes) << " |\n"
      << "| of which float tensors | " << groupedNumber(w.floatBytes) << " |\n"
      << "| key/value cache per token (fp32) | " << groupedNumber(w.kvBytesPerToken) << " |\n"
      << "| key/value cache at 1,024 tokens | " << groupedNumber(w.kvBytesPerToken * 1024) << " |\n\n"
      << "`./golfmodel info` adds the scratch buffers and the peak for a context length.\n";
    return s.str();
}

} // namespace

CExportResult exportC(const CExportOptions &o)
{
    check(!o.outDir.empty(), "export-c needs an output folder");
    const std::string sources = o.sourceDir.empty() ? resourceDir() + "/cexport" : o.sourceDir;
    check(!o.sourceDir.empty() || !resourceDir().empty(),
          "golf's resource folder (share/golf-studio) was not found, so neither was golfmodel.c: "
          "set GOLF_RESOURCE_DIR");
    for (const char *name : kSources)
        check(fs::is_regular_file(fs::path(sources) / name),
              std::string(name) + " was not found in " + sources + " (it ships in share/golf-studio/cexport)");
    const Model model = loadModel(o.modelPath, o.config ? &*o.config : nullptr);
    const GptConfig &config = model.config();
    const std::vector<QuantizedTensor> tensors = storedTensors(o, model);

    CExportResult r;
    const std::string weights = encodeCWeights(config, tensors, &r.weights);
    r.storage = storageSummary(storedAs(tensors));
    fs::create_directories(o.outDir);
    r.weightsPath = (fs::path(o.outDir) / kWeightsName).string();
    writeFileAtomic(r.weightsPath, weights);
    r.files.push_back(kWeightsName);
    for (const char *name : kSources) {
        writeFileAtomic((fs::path(o.outDir) / name).string(), readFile((fs::path(sources) / name).string()));
        r.files.push_back(name);
    }
    writeFileAtomic((fs::path(o.outDir) / "README.md").string(), readme(o, config, r));
    r.files.push_back("README.md");
    return r;
}

} // namespace Core
