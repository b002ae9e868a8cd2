// SPDX-License-Identifier: GPL-3.0-or-later

// Times the recurrent mixers' cores, forward + backward, each against the plain ATen path it is
// tested against, alternating the two within each repeat so outside load lands on both:
//   - the selective scan (model/ssmscan_p.h): the fused 16-lane kernel vs the per-step ATen loop;
//   - the gated delta rule (model/deltarule_p.h): the 64-step chunked form vs the step recurrence.
//
//   bench_recurrence [--batch 4] [--seq 1024] [--width 256] [--state 16] [--head-dim 64]
//                    [--threads 2] [--warmup 1] [--repeats 5]
//
// Defaults are the demo model's blocks at the demo's batch: 4 sequences of 1,024 tokens, width
// 256 (an SSM block's inner width at ssm_expand 1, a DeltaNet block's 4 heads of 64). Prints one
// line per core with both medians, the speed-up and tokens per second, then the same as JSON.

#include "common/openmpenv.h"
#include "model/deltarule_p.h"
#include "model/ssmscan_p.h"

#include "benchoptions.h"
#include "benchtime.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <functional>
#include <map>
#include <string>

namespace {

using Pass = std::function<void()>; // one forward + backward

// Alternates `fast` and `reference` (order flipped every repeat); returns their median ms.
std::pair<double, double> timePair(const Pass &fast, const Pass &reference, long warmup, long repeats)
{
    std::vector<double> a, b;
    for (long r = 0; r < warmup + repeats; ++r) {
        for (int side : {r % 2, 1 - r % 2}) {
            const auto t0 = Bench::Clock::now();
            (side == 0 ? fast : reference)();
            const double ms = Bench::msSince(t0);
            if (r >= warmup)
                (side == 0 ? a : b).push_back(ms);
        }
    }
    return {Bench::median(a), Bench::median(b)};
}

// Runs y = f(inputs) and backpropagates a fixed random seed into every input.
Pass forwardBackward(std::vector<torch::Tensor> inputs,
                     std::function<torch::Tensor(const std::vector<torch::Tensor> &)> f)
{
    for (auto &t : inputs)
        t.requires_grad_(true);
    auto seed = std::make_shared<torch::Tensor>();
    return [inputs, f, seed]() mutable {
        torch::Tensor y = f(inputs);
        if (!seed->defined())
            *seed = torch::randn(y.sizes());
        y.backward(*seed);
        for (auto &t : inputs)
            t.mutable_grad().reset();
    };
}

} // namespace

int main(int argc, char **argv)
{
    Core::limitOpenMpSpinning(argv); // as golf does
    Bench::Options opt{{"--batch", "4"},   {"--seq", "1024"},   {"--width", "256"},
                                           {"--state", "16"},  {"--head-dim", "64"}, {"--threads", "2"},
                                           {"--warmup", "1"},  {"--repeats", "5"}};
    if (!Bench::parseOptions(argc, argv, opt, "bench_recurrence.cpp"))
        return 2;
    auto num = [&](const char *k) { return std::stol(opt[k]); };
    const int64_t B = num("--batch"), T = num("--seq"), D = num("--width"), N = num("--state"),
                  hd = num("--head-dim"), H = D / hd;
    torch::set_num_threads(int(num("--threads")));
    torch::manual_seed(0);

    // Inputs in the ranges the blocks produce: delta = softplus(.) around Mamba's dt init, A from
    // A_log = log(1..N), q and k L2-normed, log decays g <= 0, beta = sigmoid(.).
    const Pass scan = forwardBackward(
        {torch::randn({B, T, D}), torch::softplus(torch::randn({B, T, D}) - 4.0),
         -torch::arange(1, N + 1, torch::kFloat).repeat({D, 1}), torch::randn({B, T, N}),
         torch::randn({B, T, N}), torch::ones({D})},
        [](const auto &in) { return Core::selectiveScan(in[0], in[1], in[2], in[3], in[4], in[5]); });
    const Pass scanRef = forwardBackward(
        {torch::randn({B, T, D}), torch::softplus(torch::randn({B, T, D}) - 4.0),
         -torch::arange(1, N + 1, torch::kFloat).repeat({D, 1}), torch::randn({B, T, N}),
         torch::randn({B, T, N}), torch::ones({D})},
        [](const auto &in) { return Core::selectiveScanReference(in[0], in[1], in[2], in[3], in[4], in[5]); });
    auto deltaInputs = [&] {
        return std::vector<torch::Tensor>{
            torch::nn::functional::normalize(torch::randn({B, T, H, hd}), torch::nn::functional::NormalizeFuncOptions().dim(-1)),
            torch::nn::functional::normalize(torch::randn({B, T, H, hd}), torch::nn::functional::NormalizeFuncOptions().dim(-1)),
            torch::randn({B, T, H, hd}), -0.1 * torch::softplus(torch::randn({B, T, H})),
            torch::sigmoid(torch::randn({B, T, H}))};
    };
    const Pass chunked = forwardBackward(
        deltaInputs(), [](const auto &in) { return Core::gatedDeltaRule(in[0], in[1], in[2], in[3], in[4]); });
    const Pass stepwise = forwardBackward(
        deltaInputs(), [](const auto &in) { return Core::gatedDeltaRuleReference(in[0], in[1], in[2], in[3], in[4]); });

    const long warmup = num("--warmup"), repeats = num("--repeats");
    const double tokens = double(B * T);
    nlohmann::json out = nlohmann::json::array();
    std::printf("forward + backward, %lld x %lld tokens, width %lld, %ld threads; medians of %ld\n",
                (long long)B, (long long)T, (long long)D, num("--threads"), repeats);
    const auto report = [&](const char *name, const char *fastName, const char *refName, std::pair<double, double> ms) {
        std::printf("%-22s %-14s %9.1f ms  %-16s %9.1f ms  %5.1fx  %10.0f tokens/s\n", name, fastName, ms.first,
                    refName, ms.second, ms.second / ms.first, tokens * 1000.0 / ms.first);
        out.push_back({{"core", name}, {"fast", fastName}, {"fast_ms", ms.first}, {"reference", refName},
                       {"reference_ms", ms.second}, {"speedup", ms.second / ms.first},
                       {"tokens_per_s", tokens * 1000.0 / ms.first}});
    };
    report("selective scan", "fused", "ATen per step", timePair(scan, scanRef, warmup, repeats));
    report("gated delta rule", "chunked 64", "step recurrence", timePair(chunked, stepwise, warmup, repeats));
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
