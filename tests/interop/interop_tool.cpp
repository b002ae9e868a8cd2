// SPDX-License-Identifier: GPL-3.0-or-later

// The C++ half of the interop peer test (test_interop.py drives it): writes our checkpoints and
// logits for the Python reference to check, and runs our model on Python-written weights.
//
//   dump CONFIG.json SEED OUTDIR [--batch B] [--seq T] [--perturb SIGMA]
//       OUTDIR/init.pt   Model(config, seed) as initialised (Model::save)
//       OUTDIR/model.pt  the same weights plus N(0, SIGMA) noise on every tensor, so that the
//                        zero-initialised projections and the unit scales take part in the test
//       OUTDIR/batch.pt  {"tokens","targets": int64 [B,T], "logits": f32 [B,T,V], "loss": f32}
//   forward CHECKPOINT CONFIG.json TOKENS.pt OUT.pt
//       loads CHECKPOINT strictly (Model::load); TOKENS.pt is {"tokens"[, "targets"]};
//       OUT.pt is {"logits"[, "loss"]}
//   grad CHECKPOINT CONFIG.json TOKENS.pt OUT.pt [--teacher TEACHER.pt --alpha A
//        --temperature T --top-k K]
//       the training loss's gradient: OUT.pt is {name: grad} plus "loss"; with --teacher (a
//       file {"logits": f32 [B,T,V]}) the loss is the trainer's distillation loss against
//       those teacher logits (their top K; 0 = all). --gates test: a gated model (l0_gates)
//       keeps its gates and uses their test-time values (eval mode) instead of samples
//   step CHECKPOINT CONFIG.json TOKENS.pt OUT.pt [--steps N] [--momentum MU]
//       N training steps (Trainer's path: loss, backward, Muon + Adam) on the same batch;
//       OUT.pt is the state dict afterwards; prints {"losses": [...]} on stdout
//   hessians CHECKPOINT GLOB TOKENS OUT.pt [--seq T]
//       the GPTQ calibration `golf quantize` collects (Calibration::collect on the training
//       shards GLOB, TOKENS tokens, sequence length T = 1024, all cores as golf uses them);
//       OUT.pt is {tensor name: H float64 [in, in]} (test_mixed_writer.py compares Python's)
//
// Every mode takes --fused 0 to run the model's plain ATen reference path instead of the fused
// CPU kernels (the default), so the Python peer checks both.
//
// Errors (a checkpoint that does not fit, a bad file) print one message and exit 1.

#include "common/error.h"
#include "model/fusedops_p.h"
#include "model/model_p.h"
#include "quant/calibration_p.h"
#include "model/checkpoint_p.h"
#include "train/distillation_p.h"
#include "train/torchruntime.h"
#include "trainsetup.h"
#include "quant/modelload.h"
#include "analysis/calibrationrun.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Core::check;

struct Args
{
    std::vector<std::string> positional;
    std::map<std::string, std::string> options; // "--name" -> value
};

Args parseArgs(int argc, char **argv)
{
    Args a;
    for (int i = 2; i < argc; ++i) {
        const std::string s = argv[i];
        if (s.rfind("--", 0) == 0) {
            check(i + 1 < argc, "option " + s + " needs a value");
            a.options[s] = argv[++i];
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

double option(const Args &a, const std::string &name, double fallback)
{
    auto it = a.options.find(name);
    return it == a.options.end() ? fallback : std::stod(it->second);
}

Core::GptConfig readConfig(const std::string &path)
{
    std::ifstream in(path);
    check(bool(in), path + ": cannot open");
    std::stringstream text;
    text << in.rdbuf();
    try {
        return Core::GptConfig::fromJson(nlohmann::json::parse(text.str()));
    } catch (const nlohmann::json::exception &e) {
        throw Core::Error(path + ": not valid JSON: " + e.what());
    }
}

torch::Tensor dictTensor(const c10::impl::GenericDict &dict, const std::string &key,
                         const std::string &what)
{
    auto it = dict.find(key);
    check(it != dict.end() && it->value().isTensor(), what + ": no tensor '" + key + "'");
    return it->value().toTensor();
}

c10::impl::GenericDict newDict()
{
    return c10::impl::GenericDict(c10::StringType::get(), c10::AnyType::get());
}

int dump(const Args &a)
{
    check(a.positional.size() == 3, "usage: dump CONFIG.json SEED OUTDIR [--batch B] [--seq T] "
                                    "[--perturb SIGMA]");
    const Core::GptConfig config = readConfig(a.positional[0]);
    const uint64_t seed = std::stoull(a.positional[1]);
    const std::string out = a.positional[2];
    const int64_t B = int64_t(option(a, "--batch", 2)), T = int64_t(option(a, "--seq", 64));
    const double sigma = option(a, "--perturb", 0.05);
    std::filesystem::create_directories(out);

    Core::Model model(config, seed);
    model.save(out + "/init.pt");
    auto &gpt = *model.impl().gpt;
    torch::manual_seed(seed + 1);
    {
        torch::NoGradGuard noGrad;
        for (const auto &[name, p] : Core::namedTensors(gpt))
            p.add_(torch::randn_like(p) * sigma);
    }
    model.save(out + "/model.pt");

    auto all = torch::randint(config.vocabSize, {B, T + 1}, torch::kInt64);
    // Documents start with BOS: put two document starts in, so that n-gram contexts meet them.
    if (config.bosId >= 0 && T >= 6) {
        all.index_put_({0, T / 3}, config.bosId);
        all.index_put_({B - 1, 2 * T / 3}, config.bosId);
    }
    auto tokens = all.narrow(1, 0, T).contiguous();
    auto targets = all.narrow(1, 1, T).contiguous();
    torch::NoGradGuard noGrad;
    gpt.eval();
    auto batch = newDict();
    batch.insert("tokens", tokens);
    batch.insert("targets", targets);
    batch.insert("logits", gpt.logits(tokens).contiguous());
    batch.insert("loss", gpt.loss(tokens, targets));
    Core::savePickledDict(out + "/batch.pt", batch);
    return 0;
}

int forward(const Args &a)
{
    check(a.positional.size() == 4, "usage: forward CHECKPOINT CONFIG.json TOKENS.pt OUT.pt");
    const Core::GptConfig config = readConfig(a.positional[1]);
    Core::Model model = Core::loadModel(a.positional[0], &config);
    const auto input = Core::loadPickledDict(a.positional[2]);
    auto tokens = dictTensor(input, "tokens", a.positional[2]).to(torch::kInt64);
    auto &gpt = *model.impl().gpt;
    torch::NoGradGuard noGrad;
    gpt.eval();
    auto result = newDict();
    result.insert("logits", gpt.logits(tokens).contiguous());
    result.insert("embed", gpt.embed(tokens).contiguous());
    if (input.contains("targets")) {
        auto targets = dictTensor(input, "targets", a.positional[2]).to(torch::kInt64);
        result.insert("loss", gpt.loss(tokens, targets));
    }
    Core::savePickledDict(a.positional[3], result);
    return 0;
}

int grad(const Args &a)
{
    check(a.positional.size() == 4, "usage: grad CHECKPOINT CONFIG.json TOKENS.pt OUT.pt");
    const Core::GptConfig config = readConfig(a.positional[1]);
    // A gated model as it is (loadModel would remove its closed gates), so that the gates'
    // gradients exist.
    Core::Model model = config.l0Gates ? Core::Model::forLoading(config) : Core::loadModel(a.positional[0], &config);
    if (config.l0Gates)
        Core::assignStrict(Core::namedTensors(*model.impl().gpt), Core::loadStateDict(a.positional[0]),
                           a.positional[0]);
    const auto input = Core::loadPickledDict(a.positional[2]);
    auto x = dictTensor(input, "tokens", a.positional[2]).to(torch::kInt64);
    auto y = dictTensor(input, "targets", a.positional[2]).to(torch::kInt64);
    auto &gpt = *model.impl().gpt;
    const auto gates = a.options.find("--gates");
    if (gates != a.options.end() && gates->second == "test")
        gpt.eval(); // the model has no dropout: eval mode only fixes the gates
    else
        gpt.train();
    torch::Tensor loss;
    if (auto teacherFile = a.options.find("--teacher"); teacherFile != a.options.end()) {
        auto teacher = dictTensor(Core::loadPickledDict(teacherFile->second), "logits",
                                  teacherFile->second);
        teacher = teacher.reshape({-1, teacher.size(-1)});
        const double temperature = option(a, "--temperature", 2.0);
        Core::TeacherTargets targets{teacher, {}, {}};
        if (const int64_t k = int64_t(option(a, "--top-k", 0)); k > 0)
            targets = Core::topKTargets(teacher, k, temperature);
        auto logits = gpt.logits(x);
        loss = Core::distillationLoss(logits.reshape({-1, logits.size(-1)}), y.reshape({-1}),
                                      targets, option(a, "--alpha", 0.5), temperature);
    } else {
        loss = gpt.loss(x, y);
    }
    loss.backward();
    auto result = newDict();
    for (const auto &[name, p] : Core::namedTensors(gpt))
        result.insert(name, p.grad().defined() ? p.grad() : torch::zeros_like(p));
    result.insert("loss", loss.detach());
    Core::savePickledDict(a.positional[3], result);
    return 0;
}

int step(const Args &a)
{
    check(a.positional.size() == 4,
          "usage: step CHECKPOINT CONFIG.json TOKENS.pt OUT.pt [--steps N] [--momentum MU]");
    const Core::GptConfig config = readConfig(a.positional[1]);
    Core::Model model = Core::loadModel(a.positional[0], &config);
    const auto input = Core::loadPickledDict(a.positional[2]);
    auto x = dictTensor(input, "tokens", a.positional[2]).to(torch::kInt64);
    auto y = dictTensor(input, "targets", a.positional[2]).to(torch::kInt64);
    auto &gpt = *model.impl().gpt;
    gpt.train();
    auto opt = GolfTest::officialOptimizers(gpt, option(a, "--momentum", 0.95));
    nlohmann::json losses = nlohmann::json::array();
    for (int i = 0, n = int(option(a, "--steps", 1)); i < n; ++i)
        losses.push_back(GolfTest::trainStep(gpt, opt, x, y));
    model.save(a.positional[3]);
    std::printf("%s\n", nlohmann::json{{"losses", losses}}.dump().c_str());
    return 0;
}

int hessians(const Args &a)
{
    check(a.positional.size() == 4, "usage: hessians CHECKPOINT GLOB TOKENS OUT.pt [--seq T]");
    Core::configureTorchRuntime(0);
    Core::Model model = Core::loadModel(a.positional[0]);
    Core::CalibrationOptions o;
    o.trainGlob = a.positional[1];
    o.tokens = std::stoll(a.positional[2]);
    o.seqLen = int64_t(option(a, "--seq", 1024));
    const Core::Calibration calibration = Core::collectCalibration(model, o);
    auto result = newDict();
    for (const std::string &name : calibration.tensors())
        result.insert(name, Core::hessianOf(calibration, name));
    Core::savePickledDict(a.positional[3], result);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    try {
        const Args args = parseArgs(argc, argv);
        Core::setFusedKernels(option(args, "--fused", 1) != 0);
        if (mode == "dump")
            return dump(args);
        if (mode == "forward")
            return forward(args);
        if (mode == "grad")
            return grad(args);
        if (mode == "step")
            return step(args);
        if (mode == "hessians")
            return hessians(args);
        std::fprintf(stderr,
                     "usage: %s dump|forward|grad|step|hessians ... (see interop_tool.cpp)\n",
                     argv[0]);
        return 2;
    } catch (const Core::Error &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    } catch (const std::exception &e) {
        // c10::Error carries a backtrace after the first line; the first line says what failed.
        const std::string msg = e.what();
        std::fprintf(stderr, "error: %s\n", msg.substr(0, msg.find('\n')).c_str());
        return 1;
    }
}
