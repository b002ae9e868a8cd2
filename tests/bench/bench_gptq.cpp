// SPDX-License-Identifier: GPL-3.0-or-later

// GPTQ against round to nearest at the same bit-width on a trained checkpoint: every block
// linear at intB per row (everything else fp16), B in --bits. Per setting it reports
//   - the layer-output error ||(W - W^) X|| / ||W X|| per linear, median and max over layers,
//     measured with H of HELD-OUT training tokens (the ones after the calibration tokens:
//     ||dW X||^2 = n/2 tr(dW H dW^T), so no activations are stored);
//   - the round-trip val_bpb (quantize, compress, write, read back, evaluate) and model bytes;
//   - GPTQ's time (all linears) and the calibration's.
// Not pass/fail.
//
//   bench_gptq CHECKPOINT --data DIR [--bits 5,4,3] [--calib-tokens N] [--eval-tokens N]
//              [--threads N]
//   bench_gptq WORKSPACE ...   a `golf demo` workspace: its latest run's last step_*.pt
//                              checkpoint and WORKSPACE/data
//
// Prints a table and, as its last line, one JSON object with the same figures.

#include "analysis/roundtrip.h"
#include "analysis/sensitivityslice.h"
#include "common/error.h"
#include "data/dataset.h"
#include "eval/evaluator.h"
#include "model/model_p.h"
#include "quant/sizepricer.h"
#include "quant/calibration_p.h"
#include "quant/gptq_p.h"
#include "quant/quantizer_p.h"
#include "run/rundir.h"
#include "train/torchruntime.h"

#include "benchtime.h"
#include "quant/modelload.h"
#include "analysis/calibrationrun.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Bench::Clock;
using Bench::msSince;

const char *const kLinears =
    "^blocks\\.[0-9]+\\.(attn\\.(c_q|c_k|c_v|proj)|mlp\\.(fc|proj))\\.weight$";

Core::Recipe linearsAt(int bits, bool gptq)
{
    nlohmann::json rule = {{"match", kLinears}, {"quant", "int" + std::to_string(bits)}};
    if (gptq)
        rule["method"] = "gptq";
    return Core::Recipe::fromJson(
        {{"format", "golf-recipe-v1"},
         {"name", "int" + std::to_string(bits) + (gptq ? " gptq" : " rtn")},
         {"defaults", {{"quant", "fp16"}}},
         {"rules", {rule}}},
        "bench recipe");
}

// sqrt(tr(dW H dW^T) / tr(W H W^T)) = ||dW X|| / ||W X|| for H = (2/n) X X^T.
double outputError(const torch::Tensor &W, const torch::Tensor &What, const torch::Tensor &H)
{
    const torch::Tensor w = W.to(torch::kFloat64), dw = w - What.to(torch::kFloat64);
    return std::sqrt((dw.mm(H) * dw).sum().item<double>() / (w.mm(H) * w).sum().item<double>());
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// The last step_*.pt of the newest run of a `golf demo` workspace ("" if none).
std::string demoCheckpoint(const std::string &workspace)
{
    namespace fs = std::filesystem;
    std::vector<std::string> found;
    const fs::path runs = fs::path(workspace) / "runs";
    if (fs::is_directory(runs))
        for (const auto &run : fs::directory_iterator(runs))
            if (fs::is_directory(run.path() / "checkpoints"))
                for (const auto &f : fs::directory_iterator(run.path() / "checkpoints")) {
                    const std::string name = f.path().filename().string();
                    if (name.rfind("step_", 0) == 0 && name.size() > 3 &&
                        name.compare(name.size() - 3, 3, ".pt") == 0 &&
                        name.find(".state.") == std::string::npos)
                        found.push_back(f.path().string());
                }
    std::sort(found.begin(), found.end()); // run ids and step numbers sort by time
    return found.empty() ? std::string() : found.back();
}

std::string argValue(int argc, char **argv, const std::string &name, const std::string &fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == "--" + name)
            return argv[i + 1];
    return fallback;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        std::fprintf(stderr, "usage: bench_gptq CHECKPOINT --data DIR [--bits 5,4,3] "
                             "[--calib-tokens N] [--eval-tokens N] [--threads N]\n");
        return 2;
    }
    std::string ckpt = argv[1];
    std::string dataDir = argValue(argc, argv, "data", "");
    if (std::filesystem::is_directory(ckpt)) {
        if (dataDir.empty())
            dataDir = ckpt + "/data";
        const std::string found = demoCheckpoint(ckpt);
        if (found.empty()) {
            std::fprintf(stderr,
                         "bench_gptq: no runs/*/checkpoints/step_*.pt in %s (run "
                         "`golf demo --workspace %s` first)\n",
                         ckpt.c_str(), ckpt.c_str());
            return 1;
        }
        ckpt = found;
    }
    const int64_t calibTokens = std::stoll(argValue(argc, argv, "calib-tokens", "32768"));
    const int64_t evalTokens = std::stoll(argValue(argc, argv, "eval-tokens", "0"));
    const int threads = std::stoi(argValue(argc, argv, "threads", "1"));
    std::vector<int> bitsList;
    {
        const std::string bits = argValue(argc, argv, "bits", "5,4,3");
        for (size_t p = 0; p < bits.size();) {
            const size_t q = std::min(bits.find(',', p), bits.size());
            bitsList.push_back(std::stoi(bits.substr(p, q - p)));
            p = q + 1;
        }
    }
    try {
        Core::configureTorchRuntime(threads);
        Core::Model model = Core::loadModel(ckpt);
        int64_t seqLen = 1024;
        if (const auto run = Core::RunDir::ofCheckpoint(ckpt))
            seqLen = run->readConfig().train_seq_len;
        Core::check(!dataDir.empty(),
                    "give --data DIR (train and val shards, tokenizer.luts.json)");
        const Core::DatasetPaths paths = Core::datasetPaths(dataDir);

        // Calibration on the first training tokens; the error is measured on the next ones.
        Core::CalibrationOptions co;
        co.trainGlob = paths.trainGlob;
        co.tokens = calibTokens;
        co.seqLen = seqLen;
        auto t0 = Clock::now();
        const Core::Calibration calib = Core::collectCalibration(model, co);
        const double calibMs = msSince(t0);
        co.offset = calib.tokens();
        const Core::Calibration heldOut = Core::collectCalibration(model, co);

        Core::EvalSlice es;
        es.glob = paths.valGlob;
        es.luts = paths.byteLuts;
        es.tokens = evalTokens;
        es.seqLen = seqLen;
        const Core::SliceData slice = Core::loadSlice(es, model.config().vocabSize);
        const Core::EvalResult fp = Core::evaluate(model, slice.tokens, slice.lut, slice.options);

        Core::Gpt gpt = model.impl().gpt;
        const auto weights = Core::namedTensors(*gpt);
        Core::SizePricer pricer(model);
        pricer.setThreads(threads);
        pricer.setCalibration(calib);
        const std::string scratch = std::filesystem::temp_directory_path().string();

        struct Row
        {
            int bits;
            bool gptq;
            double medianErr, maxErr, bpb, quantMs;
            int64_t bytes;
        };
        std::vector<Row> rows;
        for (int bits : bitsList)
            for (bool gptq : {false, true}) {
                const Core::Recipe recipe = linearsAt(bits, gptq);
                const Core::Resolution res = recipe.resolve(pricer.tensors());
                std::vector<double> errs;
                double quantMs = 0;
                for (size_t i = 0; i < weights.size(); ++i) {
                    const auto &[name, w] = weights[i];
                    const Core::QuantSetting &s = res.tensors[i].setting;
                    if (s.scheme == Core::QuantScheme::Float)
                        continue;
                    t0 = Clock::now();
                    const Core::QuantizedTensor q =
                        gptq ? Core::gptqQuantize(name, w, s, Core::hessianOf(calib, name))
                             : Core::quantize(name, w, s);
                    quantMs += msSince(t0);
                    errs.push_back(
                        outputError(w, Core::dequantize(q), Core::hessianOf(heldOut, name)));
                }
                Core::RoundTripOptions rt;
                rt.scratchDir = scratch;
                const Core::RecipeEval e = Core::evaluateRecipe(model, pricer, recipe, slice, rt);
                rows.push_back({bits, gptq, median(errs),
                                *std::max_element(errs.begin(), errs.end()), e.valBpb, quantMs,
                                e.modelBytes});
            }

        std::printf("checkpoint %s\ncalibration %s (%.0f ms), error measured on held-out %s, "
                    "val_bpb on %s (%lld tokens)\nfloat model val_bpb %.4f\n\n",
                    ckpt.c_str(), calib.label().c_str(), calibMs, heldOut.label().c_str(),
                    slice.label.c_str(), (long long)slice.tokens.size(), fp.valBpb);
        std::printf("%-6s %-6s %12s %12s %10s %10s %12s %10s\n", "bits", "method", "med out err",
                    "max out err", "val_bpb", "d bpb", "model bytes", "quant ms");
        nlohmann::json out = {{"checkpoint", ckpt},
                              {"calibration", calib.label()},
                              {"calibration_ms", calibMs},
                              {"float_bpb", fp.valBpb},
                              {"rows", nlohmann::json::array()}};
        for (const Row &r : rows) {
            std::printf("int%-3d %-6s %12.4f %12.4f %10.4f %+10.4f %12lld %10.0f\n", r.bits,
                        r.gptq ? "gptq" : "rtn", r.medianErr, r.maxErr, r.bpb, r.bpb - fp.valBpb,
                        (long long)r.bytes, r.quantMs);
            out["rows"].push_back({{"bits", r.bits},
                                   {"method", r.gptq ? "gptq" : "rtn"},
                                   {"median_output_error", r.medianErr},
                                   {"max_output_error", r.maxErr},
                                   {"val_bpb", r.bpb},
                                   {"model_bytes", r.bytes},
                                   {"quant_ms", r.quantMs}});
        }
        std::printf("\nratios gptq / rtn:\n");
        for (size_t i = 0; i + 1 < rows.size(); i += 2) {
            const Row &a = rows[i], &b = rows[i + 1];
            std::printf("int%-3d median output error x%.3f, bpb loss (vs float) x%.3f, "
                        "bytes x%.3f\n",
                        a.bits, b.medianErr / a.medianErr,
                        (b.bpb - fp.valBpb) / (a.bpb - fp.valBpb),
                        double(b.bytes) / double(a.bytes));
        }
        std::printf("%s\n", out.dump().c_str());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_gptq: %s\n", e.what());
        return 1;
    }
    return 0;
}
