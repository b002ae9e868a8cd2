// SPDX-License-Identifier: GPL-3.0-or-later

// Compression benchmarks (issue 3), not pass/fail:
//  1. Re-pricing latency: a 17M-parameter baseline model is priced in full under each codec,
//     then single-tensor changes are re-priced (cache misses, then hits); prints medians and the
//     ratio full / one-tensor.
//  2. Official export + reload vs the Python path (reference_export.py: quantize, torch.save,
//     zlib 9, write; read, inflate, torch.load, dequantize) on the same weights and threads.
//  3. With --checkpoint: bytes and round-trip val_bpb of several recipes on a trained model
//     (validation data from its run, first --max-tokens tokens), official int8+zlib first.
//
//   bench_pack [--rounds N] [--threads N] [--python PY --reference FILE.py]
//              [--checkpoint FILE --max-tokens N --recipes-dir DIR]

#include "data/tokenstream.h"
#include "data/bytelut.h"
#include "eval/evaluator.h"
#include "model/model_p.h"
#include "quant/int8format_p.h"
#include "quant/sizepricer.h"
#include "run/rundir.h"
#include "train/torchruntime.h"

#include "benchtime.h"
#include "quant/modelload.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace Core;

namespace {

using Bench::Clock;
using Bench::median;
using Bench::msSince;

std::map<std::string, std::string> parseArgs(int argc, char **argv)
{
    std::map<std::string, std::string> a{{"rounds", "5"}, {"threads", "0"}, {"max-tokens", "65536"}};
    for (int i = 1; i + 1 < argc; i += 2)
        a[std::string(argv[i]).substr(2)] = argv[i + 1];
    return a;
}

// The baseline's projections start at zero (official init), which compresses to nothing and
// would flatter every figure; give them trained-like Gaussian rows instead (std 0.02, seeded).
Model baselineModel()
{
    Model model(GptConfig{}, 1);
    torch::manual_seed(5);
    torch::NoGradGuard noGrad;
    Gpt gpt = model.impl().gpt;
    for (auto &[name, t] : namedTensors(*gpt))
        if (t.dim() == 2 && t.abs().max().item<double>() == 0.0)
            t.normal_(0.0, 0.02);
    return model;
}

Recipe mixedRecipe(const std::string &quant, const std::string &codec, int level)
{
    return Recipe::fromJson({{"format", "golf-recipe-v1"},
                             {"container", {{"format", "golf-mixed-v1"}, {"codec", codec}, {"level", level}}},
                             {"defaults", {{"quant", quant}, {"granularity", "row"}}},
                             {"rules",
                              {{{"max_numel", 65536}, {"quant", "fp16"}},
                               {{"match", "attn_scale|mlp_scale|resid_mix|q_gain|skip_weight"}, {"quant", "fp32"}}}}},
                            "bench recipe");
}

nlohmann::json repricing(Model &model, int rounds)
{
    nlohmann::json out = nlohmann::json::array();
    std::printf("\n== 1. Re-pricing one tensor, 17M-parameter baseline model (%lld params)\n",
                (long long)model.parameterCount());
    std::printf("%-10s %12s %12s %14s %12s %10s\n", "codec", "full ms", "bytes", "1 tensor ms", "cached ms",
                "full/1");
    for (const auto &[codec, level] : std::vector<std::pair<std::string, int>>{{"zlib", 9}, {"zstd", 22}, {"lzma", 9}}) {
        SizePricer pricer(model);
        const Recipe recipe = mixedRecipe("int6", codec, level);
        auto t0 = Clock::now();
        const SizeReport report = pricer.price(recipe);
        const double full = msSince(t0);

        // Change the biggest tensors one at a time (the worst case: MLP and embedding
        // matrices), alternating bit-widths so each change is a cache miss.
        std::vector<size_t> order(report.tensors.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return report.tensors[a].numel > report.tensors[b].numel; });
        std::vector<double> miss, hit;
        for (int r = 0; r < rounds; ++r) {
            const size_t index = order[size_t(r) % std::min<size_t>(order.size(), 8)];
            QuantSetting s = report.tensors[index].setting;
            s.bits = 4 + r % 3;
            t0 = Clock::now();
            const SizeReport changed = pricer.reprice(report, index, s);
            miss.push_back(msSince(t0));
            t0 = Clock::now();
            pricer.reprice(report, index, s);
            hit.push_back(msSince(t0));
            (void)changed;
        }
        std::printf("%-10s %12.0f %12lld %14.1f %12.2f %9.0fx\n", (codec + " " + std::to_string(level)).c_str(), full,
                    (long long)report.modelBytes, median(miss), median(hit), full / median(miss));
        out.push_back({{"codec", codec}, {"level", level}, {"full_ms", full}, {"bytes", report.modelBytes},
                       {"reprice_ms", median(miss)}, {"cached_ms", median(hit)}});
    }
    return out;
}

nlohmann::json exportVsPython(Model &model, const std::map<std::string, std::string> &a, int rounds)
{
    std::printf("\n== 2. Official int8+zlib export and reload vs Python (same weights, %d rounds)\n", rounds);
    const fs::path tmp = fs::temp_directory_path() / ("bench_pack_" + std::to_string(::getpid()));
    fs::create_directories(tmp);
    const std::string src = (tmp / "model.pt").string(), ours = (tmp / "ours.ptz").string();
    model.save(src);
    Gpt gpt = model.impl().gpt;
    const NamedTensors weights = namedTensors(*gpt);
    std::vector<double> exportMs, reloadMs;
    int64_t bytes = 0;
    for (int r = 0; r < rounds; ++r) {
        auto t0 = Clock::now();
        writeInt8Ptz(ours, weights);
        exportMs.push_back(msSince(t0));
        t0 = Clock::now();
        readInt8Ptz(ours);
        reloadMs.push_back(msSince(t0));
        bytes = int64_t(fs::file_size(ours));
    }
    nlohmann::json out{{"ours", {{"export_ms", median(exportMs)}, {"reload_ms", median(reloadMs)}, {"bytes", bytes}}}};
    std::printf("ours    export %8.0f ms  reload %8.0f ms  %lld bytes\n", median(exportMs), median(reloadMs),
                (long long)bytes);
    if (a.count("python") && a.count("reference")) {
        const std::string cmd = a.at("python") + " " + a.at("reference") + " " + src + " " + (tmp / "py.ptz").string() +
                                " " + std::to_string(rounds) + " " + std::to_string(at::get_num_threads());
        std::string text;
        if (FILE *p = popen(cmd.c_str(), "r")) {
            char buf[4096];
            while (fgets(buf, sizeof buf, p))
                text += buf;
            pclose(p);
        }
        const auto py = nlohmann::json::parse(text.substr(text.rfind('{')));
        const double pe = median(py["export_ms"].get<std::vector<double>>());
        const double pr = median(py["reload_ms"].get<std::vector<double>>());
        // The quantized objects are equal (tests/core/tst_int8format.cpp); the files differ in
        // torch.save's zip records and pickle, which libtorch writes differently from Python.
        std::printf("python  export %8.0f ms  reload %8.0f ms  %lld bytes (ours %+lld)\n", pe, pr,
                    (long long)py["bytes"].get<int64_t>(), (long long)(bytes - py["bytes"].get<int64_t>()));
        std::printf("ratio   export %.2fx faster, reload %.2fx faster\n", pe / median(exportMs), pr / median(reloadMs));
        out["python"] = {{"export_ms", pe}, {"reload_ms", pr}, {"bytes", py["bytes"]}};
    }
    fs::remove_all(tmp);
    return out;
}

nlohmann::json recipesOnCheckpoint(const std::map<std::string, std::string> &a)
{
    const std::string ckpt = a.at("checkpoint");
    std::printf("\n== 3. Bytes and round-trip val_bpb per recipe: %s\n", ckpt.c_str());
    Model model = loadModel(ckpt);
    const auto run = RunDir::ofCheckpoint(ckpt);
    if (!run) {
        std::printf("(not in a run directory: no validation data)\n");
        return nullptr;
    }
    const TrainConfig cfg = run->readConfig();
    const auto tokens = loadTokens(cfg.val_files, model.config().vocabSize);
    const ByteLut lut = ByteLut::load(cfg.byte_luts);
    EvalOptions eo;
    eo.seqLen = cfg.train_seq_len;
    eo.maxTokens = std::stoll(a.at("max-tokens"));
    eo.batchTokens = 65536;
    const double before = evaluate(model, tokens, lut, eo).valBpb;
    std::printf("checkpoint val_bpb %.6f on %lld tokens\n", before, (long long)eo.maxTokens);
    std::printf("%-34s %12s %9s %12s %10s\n", "recipe", "bytes", "vs int8", "val_bpb", "delta");

    std::vector<std::pair<std::string, Recipe>> recipes{{"official int8+zlib", Recipe::official()}};
    for (const std::string quant : {"int8", "int6", "int5", "int4", "ternary"})
        for (const auto &[codec, level] : std::vector<std::pair<std::string, int>>{{"zstd", 22}, {"lzma", 9}})
            recipes.emplace_back(quant + " row " + codec + " " + std::to_string(level), mixedRecipe(quant, codec, level));
    if (a.count("recipes-dir"))
        for (const auto &entry : fs::directory_iterator(a.at("recipes-dir")))
            if (entry.path().extension() == ".json")
                recipes.emplace_back("preset " + entry.path().stem().string(), Recipe::load(entry.path().string()));

    SizePricer pricer(model);
    nlohmann::json out = nlohmann::json::array();
    int64_t officialBytes = 0;
    const fs::path tmp = fs::temp_directory_path() / ("bench_pack_m_" + std::to_string(::getpid()) + ".ptz");
    for (const auto &[name, recipe] : recipes) {
        const Resolution resolution = recipe.resolve(pricer.tensors());
        const std::string bytes = pricer.encode(resolution, recipe.container);
        std::FILE *f = std::fopen(tmp.c_str(), "wb");
        std::fwrite(bytes.data(), 1, bytes.size(), f);
        std::fclose(f);
        Model back = loadModel(tmp.string(), &model.config());
        const double bpb = evaluate(back, tokens, lut, eo).valBpb;
        if (officialBytes == 0)
            officialBytes = int64_t(bytes.size());
        std::printf("%-34s %12lld %8.1f%% %12.6f %+10.6f\n", name.c_str(), (long long)bytes.size(),
                    100.0 * double(bytes.size()) / double(officialBytes), bpb, bpb - before);
        out.push_back({{"recipe", name}, {"bytes", bytes.size()}, {"val_bpb", bpb}});
    }
    fs::remove(tmp);
    return {{"checkpoint", ckpt}, {"pre_quant_val_bpb", before}, {"recipes", out}};
}

} // namespace

int main(int argc, char **argv)
{
    const auto a = parseArgs(argc, argv);
    configureTorchRuntime(std::stoi(a.at("threads")));
    const int rounds = std::stoi(a.at("rounds"));
    nlohmann::json result{{"threads", at::get_num_threads()}};
    Model big = baselineModel();
    result["repricing"] = repricing(big, rounds);
    result["export"] = exportVsPython(big, a, rounds);
    if (a.count("checkpoint"))
        result["recipes"] = recipesOnCheckpoint(a);
    std::printf("%s\n", result.dump().c_str());
    return 0;
}
