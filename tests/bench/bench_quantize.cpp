// SPDX-License-Identifier: GPL-3.0-or-later

// Times the quantizers (quant/quantizer_p.h) on every tensor of the 17M-parameter baseline
// model: the fast ATen path against the scalar reference for int6 per-row with percentile and
// with std clipping, and the fast path for int8 per-row percentile, the scheme the official
// export uses, which bench_quantize.py times in Python PyTorch on the same shapes. Also checks
// that fast and reference give the same bytes. Not pass/fail.
//
//   bench_quantize [--threads N] [--repeats R]
//
// Prints a table and, as its last line, one JSON object for bench_quantize.py:
//   {"impl":"golf-cpp","threads":..,"tensors":[{"shape":[..],"dtype":".."},..],
//    "int8_row_ms":[..],"int8_row_median_ms":..,"settings":[{"name":..,"fast_ms":[..],..},..]}

#include "common/openmpenv.h"
#include "model/model_p.h"
#include "quant/quantizer_p.h"
#include "model/checkpoint_p.h"
#include "train/torchruntime.h"

#include "benchoptions.h"
#include "benchtime.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

using Bench::Clock;
using Bench::median;
using Bench::msSince;
using Quantizer = std::function<Core::QuantizedTensor(const std::string &, const torch::Tensor &,
                                                      const Core::QuantSetting &)>;

// Milliseconds to quantize every tensor once, `repeats` times; the last results in `out`.
std::vector<double> timeAll(const Core::NamedTensors &tensors, const Core::QuantSetting &s,
                            const Quantizer &quantize, int repeats,
                            std::vector<Core::QuantizedTensor> &out)
{
    std::vector<double> ms;
    for (int r = 0; r < repeats; ++r) {
        out.clear();
        const auto t0 = Clock::now();
        for (const auto &[name, t] : tensors)
            out.push_back(quantize(name, t, s));
        ms.push_back(msSince(t0));
    }
    return ms;
}

bool sameBytes(const std::vector<Core::QuantizedTensor> &a, const std::vector<Core::QuantizedTensor> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].codes != b[i].codes || a[i].scales != b[i].scales || a[i].values != b[i].values)
            return false;
    return true;
}

Core::QuantSetting intRow(int bits, Core::ClipMode clip, double value)
{
    Core::QuantSetting s;
    s.bits = bits;
    s.granularity = Core::Granularity::Row;
    s.clip = clip;
    s.clipValue = value;
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    Core::limitOpenMpSpinning(argv); // as golf does

    Bench::Options opt{{"--threads", "0"}, {"--repeats", "5"}};
    if (!Bench::parseOptions(argc, argv, opt, "bench_quantize.cpp"))
        return 2;
    const int repeats = std::stoi(opt["--repeats"]);
    Core::configureTorchRuntime(std::stoll(opt["--threads"]));

    Core::Model model(Core::GptConfig{}, 1);
    const Core::NamedTensors tensors = Core::namedTensors(*model.impl().gpt);
    nlohmann::json shapes = nlohmann::json::array();
    for (const auto &[name, t] : tensors)
        shapes.push_back({{"shape", t.sizes().vec()}, {"dtype", Core::dtypeName(t.scalar_type())}});
    std::printf("baseline model: %lld params in %zu tensors, %d threads, median of %d\n",
                (long long)model.parameterCount(), tensors.size(), torch::get_num_threads(), repeats);

    std::vector<Core::QuantizedTensor> fast, ref;
    nlohmann::json settings = nlohmann::json::array();
    // The records' clip values: the official int8 percentile, and k = 12.85 of SDClip.
    for (const Core::QuantSetting &s : {intRow(6, Core::ClipMode::Percentile, 99.99984),
                                        intRow(6, Core::ClipMode::Std, 12.85)}) {
        const std::vector<double> fastMs = timeAll(tensors, s, Core::quantize, repeats, fast);
        const std::vector<double> refMs = timeAll(tensors, s, Core::quantizeReference, repeats, ref);
        const bool same = sameBytes(fast, ref);
        std::printf("%-22s fast %8.1f ms   reference %8.1f ms   reference/fast %5.1fx   %s\n",
                    s.describe().c_str(), median(fastMs), median(refMs), median(refMs) / median(fastMs),
                    same ? "identical bytes" : "BYTES DIFFER");
        settings.push_back({{"name", s.describe()},
                            {"fast_ms", fastMs},
                            {"fast_median_ms", median(fastMs)},
                            {"reference_ms", refMs},
                            {"reference_median_ms", median(refMs)},
                            {"identical", same}});
    }

    const Core::QuantSetting int8 = intRow(8, Core::ClipMode::Percentile, 99.99984);
    const std::vector<double> int8Ms = timeAll(tensors, int8, Core::quantize, repeats, fast);
    std::printf("%-22s fast %8.1f ms\n", int8.describe().c_str(), median(int8Ms));

    const nlohmann::json out = {{"impl", "golf-cpp"},
                                {"threads", torch::get_num_threads()},
                                {"tensors", shapes},
                                {"int8_row_ms", int8Ms},
                                {"int8_row_median_ms", median(int8Ms)},
                                {"settings", settings}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
