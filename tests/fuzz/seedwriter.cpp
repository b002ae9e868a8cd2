// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the binary seeds of tests/fuzz/corpus/ with our own writers, so the seeds are real files
// of each format (tests/fuzz/make-seeds.sh runs it; the text seeds are written by the script).
// Tensors are tiny (a few hundred values): libFuzzer mutates small inputs far faster, and every
// code path of the readers is reached at any size.
//   fuzz_seedwriter <corpus folder>

#include "common/atomicfile.h"
#include "job/analysisjobs.h"
#include "job/exportjobs.h"
#include "job/serveprotocol.h"
#include "data/shard.h"
#include "ship/ziparchive.h"
#include "quant/int8format_p.h"
#include "pack/mixedformat.h"
#include "pack/zlibcodec.h"
#include "quant/quantizer_p.h"
#include "model/checkpoint_p.h"

#include <torch/torch.h>

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;
using namespace Core;

namespace {

fs::path g_root;

void put(const char *target, const char *name, const std::string &bytes)
{
    const fs::path dir = g_root / target;
    fs::create_directories(dir);
    writeFileAtomic((dir / name).string(), bytes);
    std::printf("%s/%s: %zu bytes\n", target, name, bytes.size());
}

/// A baseline-shaped model, shrunk: official names, a 2-D matrix over 65,536 values would be too
/// big, so the int8 export's "small tensor" classes are what the seed covers, plus one matrix the
/// official rule keeps as int8 when the threshold is reached by a 1-D control tensor's name.
NamedTensors tinyStateDict()
{
    torch::manual_seed(7);
    return {{"tok_emb.weight", torch::randn({16, 8})},
            {"blocks.0.attn.c_q.weight", torch::randn({8, 8}).to(torch::kBFloat16)},
            {"blocks.0.attn.q_gain", torch::full({2}, 1.5)},
            {"blocks.0.mlp.fc.weight", torch::randn({12, 8})},
            {"blocks.0.resid_mix", torch::stack({torch::ones(8), torch::zeros(8)})},
            {"skip_weights", torch::ones({1, 8})}};
}

QuantSetting intSetting(int bits, Granularity g, int groupSize = 64)
{
    QuantSetting s;
    s.scheme = QuantScheme::Int;
    s.bits = bits;
    s.granularity = g;
    s.groupSize = groupSize;
    return s;
}

std::string mixedFile(const NamedTensors &sd, Codec codec, int level)
{
    std::vector<QuantSetting> settings;
    settings.push_back(intSetting(8, Granularity::Row));
    settings.push_back(intSetting(4, Granularity::Group, 4));
    QuantSetting ternary;
    ternary.scheme = QuantScheme::Ternary;
    settings.push_back(ternary);
    QuantSetting binary;
    binary.scheme = QuantScheme::Binary;
    settings.push_back(binary);
    QuantSetting fp16;
    fp16.scheme = QuantScheme::Float;
    fp16.floatType = FloatType::Float16;
    settings.push_back(fp16);
    QuantSetting nm = intSetting(6, Granularity::Tensor);
    nm.prune = PruneMode::NM;
    settings.push_back(nm);
    std::vector<EncodedTensor> encoded;
    for (size_t i = 0; i < sd.size(); ++i) {
        const QuantSetting &s = settings[i % settings.size()];
        encoded.push_back(encodeTensor(quantize(sd[i].first, sd[i].second, s), codec, level));
    }
    return assembleMixed(encoded, codec, level);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seedwriter <corpus folder>\n");
        return 2;
    }
    g_root = argv[1];
    const fs::path scratch = fs::temp_directory_path() / ("golf-seeds-" + std::to_string(getpid()));
    fs::create_directories(scratch);

    // Token shards: the real 256-int32 header, a few sp1024 tokens; and an empty one.
    std::vector<uint16_t> tokens;
    for (int i = 0; i < 40; ++i)
        tokens.push_back(uint16_t(i == 0 || i == 21 ? 1 : (i * 37) % 1024)); // 1 = BOS
    writeShard((scratch / "a.bin").string(), tokens);
    put("fuzz_shard", "fineweb_tiny_000000.bin", readFile((scratch / "a.bin").string()));
    writeShard((scratch / "e.bin").string(), {});
    put("fuzz_shard", "empty.bin", readFile((scratch / "e.bin").string()));

    // torch.save state dicts (our checkpoint writer) and the official int8 export.
    const NamedTensors sd = tinyStateDict();
    saveStateDict((scratch / "sd.pt").string(), sd);
    const std::string checkpoint = readFile((scratch / "sd.pt").string());
    put("fuzz_torchfile", "state_dict.pt", checkpoint);
    put("fuzz_modelfile", "state_dict.pt", checkpoint);
    const std::string ptz = encodeInt8Ptz(sd);
    const std::string int8Object = zlibDecompress(ptz, "seed");
    put("fuzz_int8ptz", "final_model.int8.ptz", ptz);
    put("fuzz_int8ptz", "final_model.int8.pt", int8Object); // the inflated object
    put("fuzz_torchfile", "final_model.int8.pt", int8Object);
    put("fuzz_modelfile", "final_model.int8.ptz", ptz);

    // golf-mixed-v1, one per codec, every scheme.
    const std::string zlibMixed = mixedFile(sd, Codec::Zlib, 9);
    put("fuzz_mixed", "zlib.golf.ptz", zlibMixed);
    put("fuzz_mixed", "zstd.golf.ptz", mixedFile(sd, Codec::Zstd, 19));
    put("fuzz_mixed", "lzma.golf.ptz", mixedFile(sd, Codec::Lzma, 9));
    put("fuzz_modelfile", "zlib.golf.ptz", zlibMixed);

    // A records-folder bundle as golf export zips it (our zip writer).
    const fs::path rec = scratch / "2026-01-01_tiny";
    fs::create_directories(rec);
    writeFileAtomic((rec / "final_model.golf.ptz").string(), zlibMixed);
    const std::string code = "print('train')\n";
    writeFileAtomic((rec / "train_gpt.py").string(), code);
    const int64_t total = int64_t(zlibMixed.size() + code.size());
    writeFileAtomic((rec / "submission.json").string(),
                    "{\"author\": \"seed\", \"github_id\": \"seed\", \"name\": \"tiny\", \"blurb\": \"\", "
                    "\"date\": \"2026-01-01T00:00:00Z\", \"val_loss\": 4.1, \"val_bpb\": 2.4, "
                    "\"bytes_total\": " + std::to_string(total) + ", \"bytes_code\": "
                        + std::to_string(code.size()) + ", \"golf_bytes_model\": "
                        + std::to_string(zlibMixed.size()) + ", \"golf_format\": \"golf-mixed-v1\"}\n");
    writeFileAtomic((rec / "train.log").string(), "step:1/2 train_loss:6.9 train_time:10ms step_avg:10.00ms\n");
    zipFolder(rec.string(), (scratch / "bundle.zip").string());
    put("fuzz_bundle", "records.zip", readFile((scratch / "bundle.zip").string()));

    // golf serve's lines, both directions, framed as the window and the child write them.
    Core::EvaluateJob evaluate;
    evaluate.checkpoint = "step_000100.pt";
    evaluate.script = Core::ScriptEvaluatorOptions{};
    put("fuzz_serve", "request-evaluate", Core::Serve::requestLine(4, Core::Serve::kEvaluate, Core::toJson(evaluate)));
    put("fuzz_serve", "request-allocate", Core::Serve::requestLine(5, Core::Serve::kAllocate, Core::toJson(Core::AllocateJob{})));
    put("fuzz_serve", "request-export", Core::Serve::requestLine(6, Core::Serve::kExport, Core::toJson(Core::ExportOptions{})));
    Core::CExportOptions cexport;
    cexport.recipe = Core::Recipe::defaultRecipe();
    put("fuzz_serve", "request-export-c", Core::Serve::requestLine(7, Core::Serve::kExportC, Core::toJson(cexport)));
    Core::AllocationSummary summary;
    summary.verified = true;
    put("fuzz_serve", "reply-allocate", Core::Serve::resultLine(5, Core::toJson(summary)));
    put("fuzz_serve", "reply-export", Core::Serve::resultLine(6, Core::toJson(Core::ExportResult{})));
    Core::CExportResult cresult;
    cresult.files = {"golfmodel.c"};
    put("fuzz_serve", "reply-export-c", Core::Serve::resultLine(7, Core::toJson(cresult)));
    put("fuzz_serve", "reply-progress", Core::Serve::progressLine(5, "measuring", 3, 40));

    fs::remove_all(scratch);
    return 0;
}
