// SPDX-License-Identifier: GPL-3.0-or-later
// `golf score LOG...`: the score a training log reports, in any era's format (the int8 baseline's
// round trip, sliding window, int6, TTT, ternary, ours), chosen as the leaderboard does: TTT over
// sliding window over round trip, an _exact line over its 4-decimal twin. Reads the log through
// the same MetricsTail the window's run watcher uses, so both agree on every log.

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"
#include "common/error.h"
#include "run/metricslog.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace App {

namespace {

struct LogScore
{
    std::string path;
    std::optional<Core::ScoreLine> score;
    std::optional<Core::SizeLine> submission;
    std::optional<Core::SizeLine> model;
};

LogScore readLog(const std::string &path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Core::Error(path + ": no such file");
    // Forced TrainLog: a log starts with the script source, whatever its first character is.
    Core::MetricsTail tail(path, Core::MetricsTail::Format::TrainLog);
    tail.pollToEnd();
    return {path, tail.finalScore(), tail.submissionBytes(), tail.modelBytes()};
}

nlohmann::json sizeJson(const std::optional<Core::SizeLine> &size)
{
    if (!size)
        return nullptr;
    return {{"bytes", size->bytes}, {"what", size->qualifier}};
}

nlohmann::json toJson(const LogScore &log)
{
    nlohmann::json j{{"log", log.path}};
    if (!log.score) {
        j["error"] = "no score line";
        return j;
    }
    const Core::ScoreLine &s = *log.score;
    j["label"] = s.label;
    j["kind"] = Core::scoreKindName(s.kind);
    j["exact"] = s.exact;
    j["val_bpb"] = s.valBpb;
    j["val_loss"] = std::isnan(s.valLoss) ? nlohmann::json(nullptr) : nlohmann::json(s.valLoss);
    j["eval_ms"] = std::isnan(s.evalMs) ? nlohmann::json(nullptr) : nlohmann::json(s.evalMs);
    j["stride"] = s.stride > 0 ? nlohmann::json(s.stride) : nlohmann::json(nullptr);
    j["submission_bytes"] = sizeJson(log.submission);
    j["model_bytes"] = sizeJson(log.model);
    return j;
}

void printSize(const char *what, const std::optional<Core::SizeLine> &size)
{
    if (!size)
        return;
    std::printf("  %-11s%lld bytes", what, static_cast<long long>(size->bytes));
    if (!size->qualifier.empty())
        std::printf(" (%s)", size->qualifier.c_str());
    std::printf("\n");
}

void printText(const LogScore &log)
{
    const Core::ScoreLine &s = *log.score;
    // As many decimals as the log printed, so the figure can be compared with it character
    // by character.
    const int decimals = std::max(s.bpbDecimals, 4);
    std::printf("%s\n", log.path.c_str());
    std::printf("  %-11s%s (%s)\n", "label", s.label.c_str(), Core::scoreKindName(s.kind));
    std::printf("  %-11s%.*f\n", "val_bpb", decimals, s.valBpb);
    if (!std::isnan(s.valLoss))
        std::printf("  %-11s%.*f\n", "val_loss", decimals, s.valLoss);
    if (s.stride > 0)
        std::printf("  %-11s%d\n", "stride", s.stride);
    if (!std::isnan(s.evalMs))
        std::printf("  %-11s%.0f ms\n", "eval_time", s.evalMs);
    printSize("submission", log.submission);
    printSize("model", log.model);
}

} // namespace

int runScore(int argc, char **argv)
{
    ArgParser args("golf score",
                   "Prints the score each training log reports: the label of the scoring line, "
                   "val_bpb, val_loss, eval time and the artifact size where the log prints it. "
                   "Reads every era's format (final_int8_zlib_roundtrip, final_sliding_window, "
                   "final_int6_sliding_window, quantized_sliding_window, legal_ttt, quantized_ttt"
                   "[_lora|_phased], final_sliding, final_ternary_roundtrip, final_golf_roundtrip) "
                   "and counts a line only where it starts (after console prefixes such as "
                   "[rank0]:), never the script source at the top of a log. Preference: test-time "
                   "training over sliding window over round trip; an _exact line over its "
                   "4-decimal twin.");
    args.addPositional("LOG", "training logs (train.log, logs/<run>.txt, console captures)", true,
                       true);
    args.addFlag("json", "print a JSON array, one object per log");
    args.setEpilog("Exit codes: 0 every log has a score line; 1 a log has none (the others are "
                   "still printed), or a log is missing or unreadable (nothing is printed).");
    return runCommand("golf score", args, argc, argv, [&]() -> int {
        std::vector<LogScore> logs;
        for (const std::string &path : args.positional("LOG"))
            logs.push_back(readLog(path));
        bool allScored = true;
        nlohmann::json array = nlohmann::json::array();
        for (const LogScore &log : logs) {
            if (!log.score) {
                allScored = false;
                std::fprintf(stderr,
                             "golf score: %s: no score line found (a line starting with "
                             "final_*roundtrip, *sliding*, *ttt* or quantized, followed by "
                             "val_loss:X val_bpb:Y)\n",
                             log.path.c_str());
            }
            if (args.has("json"))
                array.push_back(toJson(log));
            else if (log.score)
                printText(log);
        }
        if (args.has("json"))
            std::printf("%s\n", array.dump(2).c_str());
        return allScored ? ExitOk : ExitFailure;
    });
}

} // namespace App
