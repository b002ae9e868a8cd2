// SPDX-License-Identifier: GPL-3.0-or-later

// Times causal attention alone, forward + backward, at one shape, and reports its peak memory:
// the blocked kernel (model/flashattention_p.h) or the plain ATen composition beside it. One
// implementation per process, so the process's peak resident set is that implementation's.
// run_bench.py --attention runs both and reference_attention.py (Python eager) and prints ratios.
//
//   bench_attention --impl flash|aten [--batch 1] [--seq 1024] [--heads 8] [--kv-heads 4]
//                   [--head-dim 64] [--window 0] [--threads 2] [--warmup 1] [--repeats 5]
//
// Last line: {"impl":..,"ms":[..],"median_ms":..,"peak_mb":..}, where peak_mb is the growth of
// the peak resident set over the inputs (saved activations, scores, gradients, scratch).

#include "model/flashattention_p.h"
#include "common/openmpenv.h"

#include "benchoptions.h"
#include "benchtime.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>

namespace {

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0; // kilobytes on Linux
}

double currentRssMb()
{
    long pages = 0, resident = 0;
    if (FILE *f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return double(resident) * 4096.0 / (1024.0 * 1024.0);
}

} // namespace

int main(int argc, char **argv)
{
    Core::limitOpenMpSpinning(argv); // as golf does
    Bench::Options opt{{"--impl", "flash"}, {"--batch", "1"},   {"--seq", "1024"},
                                           {"--heads", "8"},    {"--kv-heads", "4"}, {"--head-dim", "64"},
                                           {"--window", "0"},   {"--threads", "2"},  {"--warmup", "1"},
                                           {"--repeats", "5"}};
    if (!Bench::parseOptions(argc, argv, opt, "bench_attention.cpp"))
        return 2;
    auto num = [&](const char *k) { return std::stol(opt[k]); };
    const bool flash = opt["--impl"] == "flash";
    const int64_t B = num("--batch"), T = num("--seq"), H = num("--heads"), Hkv = num("--kv-heads"),
                  hd = num("--head-dim"), window = num("--window");
    torch::set_num_threads(int(num("--threads")));
    torch::manual_seed(0);
    const double scale = 1.0 / std::sqrt(double(hd));
    auto q = torch::randn({B, H, T, hd}).requires_grad_(true);
    auto k = torch::randn({B, Hkv, T, hd}).requires_grad_(true);
    auto v = torch::randn({B, T, Hkv, hd}).requires_grad_(true);
    auto seed = torch::randn({B, T, H * hd});
    const double before = currentRssMb();

    std::vector<double> ms;
    for (long r = 0; r < num("--warmup") + num("--repeats"); ++r) {
        const auto t0 = Bench::Clock::now();
        auto y = flash ? Core::flashAttention(q, k, v, window, scale) : Core::attentionReference(q, k, v, window, scale);
        y.backward(seed);
        const double t = Bench::msSince(t0);
        if (r >= num("--warmup"))
            ms.push_back(t);
        q.mutable_grad().reset();
        k.mutable_grad().reset();
        v.mutable_grad().reset();
    }
    nlohmann::json out{{"impl", flash ? "golf-flash" : "golf-aten"}, {"ms", ms}, {"median_ms", Bench::median(ms)},
                       {"peak_mb", peakRssMb() - before}, {"batch", B}, {"seq", T}, {"window", window}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
