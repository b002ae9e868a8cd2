// SPDX-License-Identifier: GPL-3.0-or-later

// What late QAT costs per step (train/qat.h): the Trainer's step (GptImpl::loss, backward,
// Muon + Adam) timed with and without the QAT hook around the passes, alternating plain and
// QAT steps on one fixed batch so that machine noise hits both alike. Also times the hook
// alone (fake-quantize every tensor, then put the latent weights back). Not pass/fail.
//
//   bench_qat --recipe FILE [--recipe FILE ...] [--config MODEL.json] [--batch B] [--seq T]
//             [--threads N] [--warmup W] [--steps M]
//
// Prints a Markdown table (one row per recipe) and, as its last line, one JSON object:
//   {"params":..,"batch":..,"seq":..,"threads":..,"recipes":[{"recipe":..,"plain_ms":..,
//    "qat_ms":..,"hook_ms":..,"ratio":..}, ...]}

#include "common/atomicfile.h"
#include "common/openmpenv.h"
#include "model/model_p.h"
#include "recipe/recipe.h"
#include "train/optimizers_p.h"
#include "train/torchruntime.h"
#include "config/trainconfig.h"
#include "train/weighthook_p.h"

#include "benchtime.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

using Bench::Clock;
using Bench::median;
using Bench::msSince;

} // namespace

int main(int argc, char **argv)
{
    Core::limitOpenMpSpinning(argv); // as golf does

    std::map<std::string, std::string> opt{{"--batch", "16"}, {"--seq", "256"}, {"--threads", "0"},
                                           {"--warmup", "1"}, {"--steps", "5"}, {"--config", ""}};
    std::vector<std::string> recipes;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        if (key == "--recipe") {
            recipes.push_back(argv[i + 1]);
            continue;
        }
        if (!opt.count(key)) {
            std::fprintf(stderr, "unknown option %s (see bench_qat.cpp)\n", argv[i]);
            return 2;
        }
        opt[key] = argv[i + 1];
    }
    if (recipes.empty()) {
        std::fprintf(stderr, "bench_qat: give at least one --recipe FILE\n");
        return 2;
    }
    nlohmann::json modelJson = nlohmann::json::object();
    if (!opt["--config"].empty()) {
        modelJson = nlohmann::json::parse(Core::readFile(opt["--config"]));
        if (modelJson.contains("train")) // a run's config.json or resources/demo/demo.json
            modelJson = modelJson["train"];
        if (modelJson.contains("model")) // a TrainConfig
            modelJson = modelJson["model"];
    }
    const Core::GptConfig config = Core::GptConfig::fromJson(modelJson);
    const int64_t B = std::stoll(opt["--batch"]), T = std::stoll(opt["--seq"]);
    const int warmup = std::stoi(opt["--warmup"]), steps = std::stoi(opt["--steps"]);
    Core::configureTorchRuntime(std::stoll(opt["--threads"]));

    Core::Model model(config, 1337);
    auto &gpt = *model.impl().gpt;
    gpt.train();
    Core::TrainConfig cfg; // official optimizer settings
    cfg.model = config;
    auto opts = Core::Optimizers::official(gpt, cfg);
    auto all = torch::randint(config.vocabSize, {B, T + 1}, torch::kInt64);
    auto x = all.narrow(1, 0, T).contiguous(), y = all.narrow(1, 1, T).contiguous();
    std::printf("bench_qat: %lld params, batch %lldx%lld, %d threads\n",
                (long long)model.parameterCount(), (long long)B, (long long)T,
                torch::get_num_threads());

    auto step = [&](Core::WeightHook *hook) {
        const auto t0 = Clock::now();
        if (hook)
            hook->beforeForward(0, 1.0);
        gpt.loss(x, y).backward();
        if (hook)
            hook->afterBackward(0);
        opts.step(gpt, 1.0, opts.muon->momentum());
        return msSince(t0);
    };

    nlohmann::json rows = nlohmann::json::array();
    std::vector<std::string> table;
    for (const std::string &path : recipes) {
        const Core::Recipe recipe = Core::Recipe::load(path);
        cfg.qat_recipe = recipe.toJson();
        cfg.qat_start_fraction = 0;
        auto hook = Core::makeQatHook(cfg, gpt);
        std::vector<double> plainMs, qatMs, hookMs;
        for (int i = 0; i < warmup + steps; ++i) {
            const double p = step(nullptr), q = step(hook.get());
            const auto t0 = Clock::now();
            hook->beforeForward(0, 1.0);
            hook->afterBackward(0);
            const double h = msSince(t0);
            std::printf("  %s %s step %d: plain %.1f ms, qat %.1f ms, hook alone %.1f ms\n",
                        recipe.name.c_str(), i < warmup ? "warmup" : "timed", i, p, q, h);
            std::fflush(stdout);
            if (i >= warmup) {
                plainMs.push_back(p);
                qatMs.push_back(q);
                hookMs.push_back(h);
            }
        }
        const double pm = median(plainMs), qm = median(qatMs), hm = median(hookMs);
        rows.push_back({{"recipe", recipe.name},
                        {"plain_ms", pm},
                        {"qat_ms", qm},
                        {"hook_ms", hm},
                        {"ratio", pm > 0 ? qm / pm : 0.0}});
        char line[512];
        std::snprintf(line, sizeof line, "| %s | %.1f | %.1f | %.2fx | %.1f (%.1f%%) |",
                      recipe.name.c_str(), pm, qm, pm > 0 ? qm / pm : 0.0, hm,
                      pm > 0 ? 100.0 * hm / pm : 0.0);
        table.push_back(line);
    }
    std::printf(
        "\n| QAT recipe | plain step ms | QAT step ms | ratio | hook alone ms (of a step) |\n"
        "|---|---:|---:|---:|---:|\n");
    for (const auto &line : table)
        std::printf("%s\n", line.c_str());
    nlohmann::json result = {{"params", model.parameterCount()},
                             {"batch", B},
                             {"seq", T},
                             {"threads", torch::get_num_threads()},
                             {"recipes", rows}};
    std::printf("%s\n", result.dump().c_str());
    return 0;
}
