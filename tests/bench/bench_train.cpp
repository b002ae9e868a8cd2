// SPDX-License-Identifier: GPL-3.0-or-later

// Times our training step on the CPU: GptImpl::loss, backward, Muon + Adam with the official
// split, grads set to none (the Core::Trainer path; see tests/interop/trainsetup.h), plus a fp32
// GEMM in the same process as the machine's reachable peak. Not pass/fail: run_bench.py
// compares it with reference_train.py, which times the Python peer the same way.
//
//   bench_train [--config FILE.json] [--batch B] [--seq T] [--threads N] [--warmup W]
//               [--steps M] [--gemm N] [--fused 0|1]
//
// --fused 0 times the model's plain ATen reference path instead of the fused CPU kernels.
//
// Prints the per-step times and, as its last line, one JSON object for run_bench.py:
//   {"impl":"golf-cpp","step_ms":[..],"median_ms":..,"tokens_per_s":..,"gemm_gflops":..,...}

#include "model/fusedops_p.h"
#include "model/model_p.h"
#include "train/torchruntime.h"
#include "common/atomicfile.h"
#include "common/openmpenv.h"
#include "trainsetup.h"

#include "benchoptions.h"
#include "benchtime.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

using Bench::Clock;
using Bench::median;
using Bench::msSince;

/// Median GFLOP/s of an N x N fp32 matmul (2 N^3 flops), the yardstick for MFU.
double gemmGflops(int64_t n, int repeats = 5)
{
    auto a = torch::randn({n, n}), b = torch::randn({n, n});
    auto c = torch::matmul(a, b); // warm-up: thread pool and BLAS buffers
    std::vector<double> gflops;
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = Clock::now();
        c = torch::matmul(a, b);
        gflops.push_back(2.0 * double(n) * double(n) * double(n) / (msSince(t0) * 1e6));
    }
    return median(gflops);
}

} // namespace

int main(int argc, char **argv)
{
    Core::limitOpenMpSpinning(argv); // as golf does

    Bench::Options opt{{"--batch", "16"}, {"--seq", "256"},
                                           {"--threads", "0"}, {"--warmup", "1"},
                                           {"--steps", "5"},   {"--gemm", "2048"},
                                           {"--config", ""},  {"--fused", "1"}};
    if (!Bench::parseOptions(argc, argv, opt, "bench_train.cpp"))
        return 2;
    nlohmann::json modelJson = nlohmann::json::object();
    if (!opt["--config"].empty()) {
        modelJson = nlohmann::json::parse(Core::readFile(opt["--config"]));
    }
    const Core::GptConfig config = Core::GptConfig::fromJson(modelJson);
    const int64_t B = std::stoll(opt["--batch"]), T = std::stoll(opt["--seq"]);
    const int warmup = std::stoi(opt["--warmup"]), steps = std::stoi(opt["--steps"]);
    Core::configureTorchRuntime(std::stoll(opt["--threads"]));
    Core::setFusedKernels(opt["--fused"] != "0");

    Core::Model model(config, 1337);
    auto &gpt = *model.impl().gpt;
    gpt.train();
    auto opts = GolfTest::officialOptimizers(gpt, 0.95);
    // One fixed random batch: data loading is not what is measured.
    auto all = torch::randint(config.vocabSize, {B, T + 1}, torch::kInt64);
    auto x = all.narrow(1, 0, T).contiguous(), y = all.narrow(1, 1, T).contiguous();

    const char *impl = Core::fusedKernelsEnabled() ? "golf-cpp" : "golf-cpp-ref";
    std::printf("%s: %lld params, batch %lldx%lld, %d threads\n", impl,
                (long long)model.parameterCount(), (long long)B, (long long)T,
                torch::get_num_threads());
    std::vector<double> stepMs;
    double lastLoss = 0;
    for (int i = 0; i < warmup + steps; ++i) {
        const auto t0 = Clock::now();
        lastLoss = GolfTest::trainStep(gpt, opts, x, y);
        const double ms = msSince(t0);
        std::printf("  %s step %d: %.1f ms (loss %.4f)\n", i < warmup ? "warmup" : "timed", i, ms,
                    lastLoss);
        std::fflush(stdout);
        if (i >= warmup)
            stepMs.push_back(ms);
    }
    const double med = median(stepMs);
    const double gflops = gemmGflops(std::stoll(opt["--gemm"]));
    nlohmann::json result = {{"impl", impl},
                             {"params", model.parameterCount()},
                             {"batch", B},
                             {"seq", T},
                             {"threads", torch::get_num_threads()},
                             {"step_ms", stepMs},
                             {"median_ms", med},
                             {"tokens_per_s", med > 0 ? double(B * T) * 1000.0 / med : 0.0},
                             {"gemm_n", std::stoll(opt["--gemm"])},
                             {"gemm_gflops", gflops},
                             {"last_loss", lastLoss}};
    std::printf("%s\n", result.dump().c_str());
    return 0;
}
