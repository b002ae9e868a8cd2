// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/sensitivitycache.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <zlib.h>

namespace Core {

namespace {

nlohmann::json num(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }
double numOf(const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? kNotMeasured : it->get<double>();
}

nlohmann::json containerJson(const ContainerSpec &c)
{
    return {{"format", c.format}, {"codec", codecName(c.codec)}, {"level", c.level}};
}

} // namespace

SensitivityCache::SensitivityCache(const std::string &dir, const EvalSlice &slice, int64_t fisherTokens,
                                   const std::string &calibration)
{
    if (dir.empty())
        return;
    // The slice's identity: which shards, which tokens, window length, Fisher sample size, and
    // the gptq calibration sample when there is one (older caches have none: same file names).
    std::string id = slice.glob + "|" + slice.label() + "|" + std::to_string(slice.seqLen) + "|" +
                     std::to_string(fisherTokens);
    if (!calibration.empty())
        id += "|calibration " + calibration;
    if (!slice.evaluatorId.empty())
        id += "|scored by " + slice.evaluatorId;
    char hex[16];
    std::snprintf(hex, sizeof hex, "%08lx",
                  crc32(0L, reinterpret_cast<const Bytef *>(id.data()), uInt(id.size())));
    m_path = (std::filesystem::path(dir) / ("sensitivity-" + std::string(hex) + ".jsonl")).string();

    std::ifstream in(m_path);
    std::string line;
    while (std::getline(in, line)) {
        try {
            const auto j = nlohmann::json::parse(line);
            if (j.contains("baseline")) {
                const auto &b = j["baseline"];
                EvalResult r;
                r.valLoss = b.at("val_loss").get<double>();
                r.valBpb = b.at("val_bpb").get<double>();
                r.tokens = b.at("tokens").get<int64_t>();
                r.bytes = b.at("bytes").get<int64_t>();
                m_baseline = r;
                continue;
            }
            SensitivityCell c;
            c.setting = applySettingKeys(QuantSetting{}, j.at("setting"), m_path);
            ContainerSpec container;
            container.format = j.at("container").at("format").get<std::string>();
            container.codec = codecFromName(j.at("container").at("codec").get<std::string>(), m_path);
            container.level = j.at("container").at("level").get<int>();
            c.bytes = j.at("bytes").get<int64_t>();
            c.relError = numOf(j, "rel_error");
            c.sqError = numOf(j, "sq_error");
            c.fisher = numOf(j, "fisher");
            c.deltaLoss = numOf(j, "delta_loss");
            m_cells[key(j.at("tensor").get<std::string>(), c.setting, container)] = c;
        } catch (const std::exception &) {
            // A line torn by a crash mid-append, or from a future version: measured again.
        }
    }
}

std::string SensitivityCache::key(const std::string &tensor, const QuantSetting &setting,
                                  const ContainerSpec &container)
{
    return tensor + "\n" + setting.toJson().dump() + "\n" + containerJson(container).dump();
}

void SensitivityCache::storeBaseline(const EvalResult &r)
{
    m_baseline = r;
    if (m_path.empty())
        return;
    makeDirs(std::filesystem::path(m_path).parent_path().string());
    appendLine(m_path, nlohmann::json{{"baseline", {{"val_loss", r.valLoss}, {"val_bpb", r.valBpb},
                                                    {"tokens", r.tokens}, {"bytes", r.bytes}}}}
                           .dump());
}

std::optional<SensitivityCell> SensitivityCache::find(const std::string &tensor, const QuantSetting &setting,
                                                      const ContainerSpec &container) const
{
    const auto it = m_cells.find(key(tensor, setting, container));
    if (it == m_cells.end())
        return std::nullopt;
    return it->second;
}

void SensitivityCache::store(const std::string &tensor, const ContainerSpec &container, const SensitivityCell &c)
{
    m_cells[key(tensor, c.setting, container)] = c;
    if (m_path.empty())
        return;
    makeDirs(std::filesystem::path(m_path).parent_path().string());
    appendLine(m_path, nlohmann::json{{"tensor", tensor}, {"setting", c.setting.toJson()},
                                      {"container", containerJson(container)}, {"bytes", c.bytes},
                                      {"rel_error", num(c.relError)}, {"sq_error", num(c.sqError)},
                                      {"fisher", num(c.fisher)}, {"delta_loss", num(c.deltaLoss)}}
                           .dump());
}

} // namespace Core
