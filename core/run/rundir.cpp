// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/rundir.h"

#include "common/atomicfile.h"
#include "common/error.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <random>

namespace Core {

namespace fs = std::filesystem;

RunDir::RunDir(std::string path)
    : m_path(std::move(path))
{}

std::optional<RunDir> RunDir::ofCheckpoint(const std::string &checkpointPath)
{
    const fs::path dir = fs::path(checkpointPath).parent_path();
    if (dir.filename() != "checkpoints" || !fs::exists(dir.parent_path() / "config.json"))
        return std::nullopt;
    return RunDir(dir.parent_path().string());
}

std::string RunDir::newRunId()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    std::random_device rd;
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "%04x", unsigned(rd() & 0xffff));
    return std::string(stamp) + "-" + suffix;
}

void RunDir::create(const TrainConfig &config, const nlohmann::json &extra)
{
    check(!fs::exists(file("config.json")),
          m_path + " already holds a run; resume it with --resume or choose another --run-dir");
    makeDirs(m_path + "/checkpoints");
    nlohmann::json j = extra;
    j["format"] = "golf-run-v1";
    j["train"] = config.toJson();
    writeFileAtomic(file("config.json"), j.dump(2) + "\n");
}

nlohmann::json RunDir::readConfigJson() const
{
    const std::string p = file("config.json");
    check(fs::exists(p), m_path + " is not a run directory (no config.json)");
    try {
        return nlohmann::json::parse(readFile(p));
    } catch (const nlohmann::json::exception &e) {
        throw Error(p + ": not valid JSON: " + e.what());
    }
}

TrainConfig RunDir::readConfig() const
{
    const nlohmann::json j = readConfigJson();
    check(j.contains("train"), file("config.json") + ": no \"train\" section");
    return TrainConfig::fromJson(j.at("train"));
}

void RunDir::appendMetric(const nlohmann::json &record) const
{
    appendLine(file("metrics.jsonl"), record.dump());
}

void RunDir::appendLog(const std::string &line) const
{
    appendLine(file("train.log"), line);
}

static std::string stepName(int64_t step, const char *suffix)
{
    char name[64];
    std::snprintf(name, sizeof name, "step_%06lld%s", static_cast<long long>(step), suffix);
    return name;
}

std::string RunDir::checkpointPath(int64_t step) const
{
    return m_path + "/checkpoints/" + stepName(step, ".pt");
}

std::string RunDir::statePath(int64_t step) const
{
    return m_path + "/checkpoints/" + stepName(step, ".state.pt");
}

void RunDir::writeLatest(const Latest &latest) const
{
    nlohmann::json j{{"step", latest.step}, {"model", latest.model}, {"state", latest.state}};
    writeFileAtomic(m_path + "/checkpoints/latest.json", j.dump() + "\n");
}

std::optional<RunDir::Latest> RunDir::readLatest() const
{
    const std::string p = m_path + "/checkpoints/latest.json";
    if (!fs::exists(p))
        return std::nullopt;
    try {
        const auto j = nlohmann::json::parse(readFile(p));
        return Latest{j.at("step").get<int64_t>(), j.at("model").get<std::string>(),
                      j.at("state").get<std::string>()};
    } catch (const nlohmann::json::exception &e) {
        throw Error(p + ": malformed: " + e.what());
    }
}

std::vector<RunDir::Latest> RunDir::checkpointsOnDisk() const
{
    std::vector<Latest> out;
    std::error_code ec;
    const fs::path dir = fs::path(m_path) / "checkpoints";
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        // step_NNNNNN.pt exactly (not .state.pt, not a temporary).
        if (name.size() < 9 || name.rfind("step_", 0) != 0 || name.compare(name.size() - 3, 3, ".pt") != 0)
            continue;
        const std::string digits = name.substr(5, name.size() - 8);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const int64_t step = std::stoll(digits);
        const std::string state = fs::path(statePath(step)).filename().string();
        if (fs::path(checkpointPath(step)).filename() == name && fs::exists(dir / state))
            out.push_back({step, name, state});
    }
    std::sort(out.begin(), out.end(), [](const Latest &a, const Latest &b) { return a.step > b.step; });
    return out;
}

namespace {

// writeFileAtomic's temporary names: "." + target name + ".tmp." + mkstemp's 6 characters.
bool isAtomicTemp(const std::string &name)
{
    const size_t at = name.rfind(".tmp.");
    return name.size() > 1 && name[0] == '.' && at != std::string::npos && at > 1 &&
           name.size() - (at + 5) == 6;
}

void cutPartialLastLine(const std::string &path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec || size == 0)
        return;
    const std::string data = readFile(path);
    if (data.empty() || data.back() == '\n')
        return;
    const size_t keep = data.rfind('\n') == std::string::npos ? 0 : data.rfind('\n') + 1;
    fs::resize_file(path, keep, ec);
    if (ec)
        throw Error("cannot cut the torn last line off " + path + ": " + ec.message());
}

} // namespace

void RunDir::recoverAfterCrash() const
{
    for (const fs::path &dir : {fs::path(m_path), fs::path(m_path) / "checkpoints"}) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_regular_file() && isAtomicTemp(it->path().filename().string())) {
                std::error_code rm;
                fs::remove(it->path(), rm);
            }
    }
    cutPartialLastLine(file("metrics.jsonl"));
    cutPartialLastLine(file("train.log"));
}

void RunDir::restartLogs() const
{
    for (const char *name : {"metrics.jsonl", "train.log"}) {
        std::error_code ec;
        if (fs::exists(file(name), ec))
            fs::resize_file(file(name), 0, ec);
        if (ec)
            throw Error("cannot restart " + file(name) + ": " + ec.message());
    }
}

bool RunDir::stopRequested() const
{
    return fs::exists(file("STOP"));
}

void RunDir::clearStopRequest() const
{
    std::error_code ec;
    fs::remove(file("STOP"), ec);
}

} // namespace Core
