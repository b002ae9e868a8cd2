// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/sensitivity.h"

#include "analysis/evaltarget.h"
#include "analysis/fisher_p.h"
#include "analysis/sensitivitycache.h"
#include "analysis/sensitivityshare_p.h"
#include "analysis/stats.h"
#include "common/atomicfile.h"
#include "common/error.h"
#include "dist/collective.h"
#include "eval/evaluator.h"
#include "model/gpt_p.h"
#include "model/model.h"
#include "model/model_p.h"
#include "quant/sizepricer.h"
#include "quant/gptq_p.h"
#include "quant/quantizer_p.h"
#include "recipe/namepattern.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>

namespace Core {

namespace {

QuantSetting parseOne(const nlohmann::json &j, const std::string &what)
{
    check(j.is_object(), what + ": a candidate must be an object of setting keys");
    QuantSetting s = applySettingKeys(QuantSetting{}, j, what);
    s.validate(what);
    return s;
}

bool isCandidate(const TensorDesc &t, const SensitivityOptions &o, const NamePattern *only)
{
    return t.shape.size() == 2 && t.numel >= o.minNumel && (!only || only->search(t.name));
}

} // namespace

std::vector<QuantSetting> defaultCandidates()
{
    std::vector<QuantSetting> out;
    QuantSetting fp16;
    fp16.scheme = QuantScheme::Float;
    fp16.floatType = FloatType::Float16;
    fp16.bits = 16;
    out.push_back(fp16);
    for (int bits = 8; bits >= 3; --bits) {
        QuantSetting s;
        s.bits = bits;
        s.granularity = Granularity::Row;
        out.push_back(s);
    }
    QuantSetting ternary;
    ternary.scheme = QuantScheme::Ternary;
    ternary.bits = 2;
    ternary.granularity = Granularity::Row;
    out.push_back(ternary);
    return out;
}

std::vector<QuantSetting> withGptqTwins(const std::vector<QuantSetting> &candidates, int maxBits)
{
    std::vector<QuantSetting> out;
    for (const QuantSetting &s : candidates) {
        out.push_back(s);
        if (s.scheme != QuantScheme::Float && s.method == QuantMethod::Rtn && s.storedBits() <= maxBits) {
            QuantSetting twin = s;
            twin.method = QuantMethod::Gptq;
            if (std::find(candidates.begin(), candidates.end(), twin) == candidates.end())
                out.push_back(twin);
        }
    }
    return out;
}

bool anyGptq(const std::vector<QuantSetting> &candidates)
{
    for (const QuantSetting &s : candidates)
        if (s.method == QuantMethod::Gptq && s.scheme != QuantScheme::Float)
            return true;
    return false;
}

std::vector<QuantSetting> parseCandidates(const std::string &fileOrJson)
{
    std::string text = fileOrJson, what = "--candidates";
    const auto first = fileOrJson.find_first_not_of(" \t\r\n");
    // Inline JSON starts with a bracket or a brace (an object is JSON too, just not a list).
    if (first == std::string::npos || (fileOrJson[first] != '[' && fileOrJson[first] != '{')) {
        text = readFile(fileOrJson);
        what = fileOrJson;
    }
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw Error(what + ": not valid JSON (" + e.what() + ")");
    }
    check(j.is_array() && !j.empty(), what + ": expected a non-empty JSON array of setting objects");
    std::vector<QuantSetting> out;
    for (size_t i = 0; i < j.size(); ++i)
        out.push_back(parseOne(j[i], what + ": [" + std::to_string(i) + "]"));
    return out;
}

double SensitivityTable::toBpb(double nats) const
{
    return evalBytes > 0 ? nats / std::log(2.0) * double(evalTokens) / double(evalBytes) : kNotMeasured;
}

SensitivityTable measureSensitivity(Model &model, const SensitivityOptions &options,
                                    const SensitivityProgress &progress, SizePricer *pricer)
{
    return measureSensitivity(*builtinTarget(model), options, progress, pricer);
}

SensitivityTable measureSensitivity(EvalTarget &target, const SensitivityOptions &o,
                                    const SensitivityProgress &progress, SizePricer *given)
{
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    check(o.base.container.format == "golf-mixed-v1",
          "sensitivity needs a golf-mixed-v1 base recipe: only it stores each tensor in its own stream, "
          "so a tensor's bytes are exact");
    const std::vector<QuantSetting> candidates = o.candidates.empty() ? defaultCandidates() : o.candidates;
    std::unique_ptr<NamePattern> only;
    if (!o.only.empty())
        only = std::make_unique<NamePattern>(o.only, "--only"); // throws for an invalid one
    auto report = [&](const std::string &stage, int64_t done, int64_t total) {
        if (progress && !progress(stage, done, total))
            throw Error("cancelled");
    };

    check(!anyGptq(candidates) || !o.calibration.empty(),
          "gptq candidates need calibration statistics from training tokens (golf: --calib-files "
          "GLOB or --data DIR)");

    SensitivityTable table;
    table.container = o.base.container;
    table.slice = o.slice.label();

    // Bytes: the base recipe priced once, then one tensor re-priced per cell (golf-mixed-v1's
    // streams are per tensor, so this is the tensor's exact share of the file).
    report("pricing", 0, 1);
    std::unique_ptr<SizePricer> own;
    if (!given) {
        own = target.makePricer();
        if (!o.calibration.empty())
            own->setCalibration(o.calibration);
    }
    SizePricer &pricer = given ? *given : *own;
    const Resolution base = o.base.resolve(pricer.tensors());
    const SizeReport baseReport = pricer.price(base, o.base.container);
    table.fixedBytes = baseReport.headerBytes;
    std::vector<size_t> chosen;
    for (size_t i = 0; i < base.tensors.size(); ++i) {
        if (isCandidate(base.tensors[i].tensor, o, only.get()))
            chosen.push_back(i);
        else
            table.fixedBytes += baseReport.tensors[i].fileBytes;
    }
    check(!chosen.empty(), "no candidate tensors: none is 2-D with at least " + std::to_string(o.minNumel) +
                               " values" + (o.only.empty() ? std::string() : " matching \"" + o.only + "\""));

    std::map<std::string, torch::Tensor> params;
    for (auto &[name, t] : target.weights())
        params.emplace(name, t);
    // A Fisher estimate needs the model's gradients, which only golf's own GPT gives.
    check(o.fisherGlob.empty() || target.model(),
          "the Fisher proxy needs golf's own GPT; through " + target.describe() +
              " leave out the Fisher sample (--fisher-tokens 0)");

    const Collective *world = o.world && o.world->size() > 1 ? o.world : nullptr;
    const bool leader = !world || world->leader();
    // gptq cells depend on the calibration sample too, so it is part of the cache's identity.
    // Only rank 0 keeps the cache; the others measure what it hands them.
    SensitivityCache cache(leader ? o.cacheDir : std::string(), o.slice, o.fisherGlob.empty() ? 0 : o.fisherTokens,
                           anyGptq(candidates) ? o.calibration.label() : std::string());

    // Fisher proxy (training data), only when some cell lacks it.
    std::map<std::string, torch::Tensor> fisher;
    const bool wantFisher = !o.fisherGlob.empty();

    // The full-precision loss on the slice: the reference every cell is compared with.
    if (o.measure && !leader) {
        auto base = torch::zeros({4}, torch::kFloat64);
        world->broadcast(base, 0, "the sensitivity baseline");
        table.baseLoss = base[0].item<double>();
        table.baseBpb = base[1].item<double>();
        table.evalTokens = int64_t(base[2].item<double>());
        table.evalBytes = int64_t(base[3].item<double>());
    } else if (o.measure) {
        if (auto cached = cache.baseline()) {
            table.baseLoss = cached->valLoss;
            table.baseBpb = cached->valBpb;
            table.evalTokens = cached->tokens;
            table.evalBytes = cached->bytes;
        } else {
            report("measuring", 0, 1);
            const EvalResult r = target.score(o.slice);
            table.baseLoss = r.valLoss;
            table.baseBpb = r.valBpb;
            table.evalTokens = r.tokens;
            table.evalBytes = r.bytes;
            cache.storeBaseline(r);
        }
        if (world) {
            auto base = torch::tensor({table.baseLoss, table.baseBpb, double(table.evalTokens),
                                       double(table.evalBytes)}, torch::kFloat64);
            world->broadcast(base, 0, "the sensitivity baseline");
        }
    }

    // The cells: every candidate setting valid for every chosen tensor, in one order that
    // every rank computes alike.
    struct Pair
    {
        size_t tensor; ///< index into base.tensors
        const QuantSetting *setting;
    };
    std::vector<Pair> pairs;
    for (size_t i : chosen)
        for (const QuantSetting &setting : candidates) {
            try {
                setting.validate(base.tensors[i].tensor.name);
            } catch (const Error &) {
                continue; // e.g. a group size that does not suit this tensor: not a choice for it
            }
            // gptq needs a linear layer's input statistics; the embedding has none.
            if (setting.method == QuantMethod::Gptq && setting.scheme != QuantScheme::Float &&
                !o.calibration.has(base.tensors[i].tensor.name))
                continue;
            pairs.push_back({i, &setting});
        }

    torch::NoGradGuard noGrad;
    std::map<std::string, torch::Tensor> originals;
    auto original = [&](const std::string &name) -> const torch::Tensor & {
        auto it = originals.find(name);
        if (it == originals.end())
            it = originals.emplace(name, params.at(name).detach().clone()).first;
        return it->second;
    };
    // One cell from scratch, or completing `cell` (a cache hit lacking the Fisher proxy or
    // the measured loss).
    auto measureCell = [&](const Pair &pair, SensitivityCell cell, bool needFisher, bool needLoss) {
        const std::string &name = base.tensors[pair.tensor].tensor.name;
        const torch::Tensor &orig = original(name);
        cell.setting = *pair.setting;
        const SizeReport one = pricer.reprice(baseReport, pair.tensor, *pair.setting);
        cell.bytes = one.tensors[pair.tensor].fileBytes;
        const torch::Tensor approx =
            dequantize(quantizeWithMethod(name, orig, *pair.setting, o.calibration)).to(torch::kFloat32);
        const torch::Tensor diff = approx - orig.to(torch::kFloat32);
        const double norm = orig.to(torch::kFloat32).norm().item<double>();
        cell.sqError = diff.square().sum().item<double>();
        cell.relError = norm > 0 ? std::sqrt(cell.sqError) / norm : 0.0;
        if (needFisher) {
            if (fisher.empty()) {
                std::vector<std::string> names;
                for (size_t k : chosen)
                    names.push_back(base.tensors[k].tensor.name);
                torch::AutoGradMode grad(true);
                fisher = fisherDiagonal(*target.model(), names, o.fisherGlob, o.fisherTokens, o.slice.seqLen,
                                        [&](int64_t d, int64_t t) {
                                            report("fisher", d, t);
                                            return true;
                                        });
            }
            cell.fisher = 0.5 * (fisher.at(name) * diff.square()).sum().item<double>();
        }
        if (needLoss) {
            target.setWeight(name, approx);
            const EvalResult r = target.score(o.slice);
            target.setWeight(name, orig);
            cell.deltaLoss = r.valLoss - table.baseLoss;
        }
        return cell;
    };
    auto needs = [&](const std::optional<SensitivityCell> &hit) {
        return std::make_pair(wantFisher && (!hit || std::isnan(hit->fisher)),
                              o.measure && (!hit || std::isnan(hit->deltaLoss)));
    };

    // Data-parallel: the uncached cells dealt out across the ranks (sensitivityshare below).
    std::map<size_t, SensitivityCell> shared;
    if (world) {
        shared = measureShared(
            *world, pairs.size(),
            [&](size_t k) {
                const Pair &p = pairs[k];
                const auto [f, l] = needs(cache.find(base.tensors[p.tensor].tensor.name, *p.setting, o.base.container));
                return f || l;
            },
            [&](size_t k) {
                const auto [f, l] = needs(std::nullopt);
                return measureCell(pairs[k], {}, f, l);
            },
            [&](size_t k, SensitivityCell &cell) {
                cell.setting = *pairs[k].setting;
                cache.store(base.tensors[pairs[k].tensor].tensor.name, o.base.container, cell);
            },
            report);
    }
    if (!leader)
        return table; // rank 0 assembles the table

    const int64_t total = int64_t(pairs.size());
    int64_t done = 0;
    size_t k = 0;
    for (size_t i : chosen) {
        const ResolvedTensor &rt = base.tensors[i];
        TensorSensitivity ts;
        ts.name = rt.tensor.name;
        ts.shape = rt.tensor.shape;
        ts.numel = rt.tensor.numel;
        ts.baseSetting = rt.setting;
        for (; k < pairs.size() && pairs[k].tensor == i; ++k) {
            report("measuring", done++, total);
            SensitivityCell cell;
            if (auto it = shared.find(k); it != shared.end()) {
                cell = it->second;
                if (o.measure)
                    ++table.measuredCells;
            } else {
                const auto hit = cache.find(ts.name, *pairs[k].setting, o.base.container);
                const auto [needFisher, needLoss] = needs(hit);
                if (hit && !needFisher && !needLoss) {
                    cell = *hit;
                    cell.fromCache = true;
                    ++table.cachedCells;
                } else {
                    cell = measureCell(pairs[k], hit ? *hit : SensitivityCell{}, needFisher, needLoss);
                    if (needLoss)
                        ++table.measuredCells;
                    cache.store(ts.name, o.base.container, cell);
                }
            }
            if (!std::isnan(cell.deltaLoss))
                cell.deltaBpb = cell.deltaLoss / std::log(2.0) * double(table.evalTokens) /
                                double(std::max<int64_t>(table.evalBytes, 1));
            ts.cells.push_back(cell);
        }
        table.tensors.push_back(std::move(ts));
    }
    report("measuring", total, total);

    if (o.measure) {
        std::vector<double> measured, weight, fish;
        for (const auto &t : table.tensors)
            for (const auto &c : t.cells) {
                measured.push_back(c.deltaLoss);
                weight.push_back(c.sqError);
                fish.push_back(c.fisher);
            }
        table.spearmanWeight = spearman(weight, measured);
        if (wantFisher)
            table.spearmanFisher = spearman(fish, measured);
    }
    table.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return table;
}

nlohmann::json SensitivityTable::toJson() const
{
    auto num = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
    nlohmann::json j;
    j["format"] = "golf-sensitivity-v1";
    j["slice"] = slice;
    j["base_loss"] = num(baseLoss);
    j["base_bpb"] = num(baseBpb);
    j["eval_tokens"] = evalTokens;
    j["eval_bytes"] = evalBytes;
    j["container"] = {{"format", container.format}, {"codec", codecName(container.codec)}, {"level", container.level}};
    j["fixed_bytes"] = fixedBytes;
    j["measured_cells"] = measuredCells;
    j["cached_cells"] = cachedCells;
    j["seconds"] = seconds;
    j["spearman_weight"] = num(spearmanWeight);
    j["spearman_fisher"] = num(spearmanFisher);
    nlohmann::json tensorsJson = nlohmann::json::array();
    for (const auto &t : tensors) {
        nlohmann::json cells = nlohmann::json::array();
        for (const auto &c : t.cells)
            cells.push_back({{"setting", c.setting.toJson()}, {"describe", c.setting.describe()},
                             {"bytes", c.bytes}, {"rel_error", num(c.relError)}, {"sq_error", num(c.sqError)},
                             {"fisher", num(c.fisher)}, {"delta_loss", num(c.deltaLoss)},
                             {"delta_bpb", num(c.deltaBpb)}});
        tensorsJson.push_back({{"name", t.name}, {"shape", t.shape}, {"numel", t.numel},
                               {"base_setting", t.baseSetting.toJson()}, {"cells", cells}});
    }
    j["tensors"] = tensorsJson;
    return j;
}

std::string formatSensitivityTable(const SensitivityTable &table)
{
    std::string out;
    char line[320];
    std::snprintf(line, sizeof line, "slice %s: base val_loss %.6f, val_bpb %.6f (%lld tokens)\n",
                  table.slice.c_str(), table.baseLoss, table.baseBpb, (long long)table.evalTokens);
    out += line;
    std::snprintf(line, sizeof line, "%-28s %-22s %12s %10s %12s %12s %12s\n", "tensor", "stored as", "bytes",
                  "rel.err", "weight", "fisher", "d bpb");
    out += line;
    for (const auto &t : table.tensors)
        for (const auto &c : t.cells) {
            std::snprintf(line, sizeof line, "%-28s %-22s %12s %10.5f %12.4g %12.4g %12.6f\n", t.name.c_str(),
                          c.setting.describe().c_str(), formatBytes(c.bytes).c_str(), c.relError, c.sqError,
                          c.fisher, c.deltaBpb);
            out += line;
        }
    std::snprintf(line, sizeof line,
                  "fixed bytes (header + other tensors): %s\n"
                  "proxy agreement with the measured increase (Spearman): weight %.3f, fisher %.3f\n"
                  "cells: %lld measured, %lld from the cache, %.1f s\n",
                  formatBytes(table.fixedBytes).c_str(), table.spearmanWeight, table.spearmanFisher,
                  (long long)table.measuredCells, (long long)table.cachedCells, table.seconds);
    out += line;
    return out;
}

} // namespace Core
