// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The protocol of `golf serve`: the long-lived golf child that does the window's tensor work
// (loading checkpoints, pricing recipes, round trips, allocations, exports), so that the
// window's own process never loads libtorch (and, through Debian's libtorch, Qt 5).
//
// One JSON object per line, in both directions, on the child's stdin and stdout:
//   request   {"id": 7, "op": "price", "args": {...}}
//   progress  {"id": 7, "progress": {"stage": "measuring", "done": 3, "total": 40}}
//   result    {"id": 7, "result": {...}}
//   error     {"id": 7, "error": "what went wrong, as the CLI would say it"}
// Requests run one at a time, in the order they arrive; each ends with exactly one result or
// error line. {"op": "cancel"} is the exception: it is read while a request runs, asks that
// request to stop at its next progress report, and gets no reply. End of input ends the child
// once the requests read before it are answered. The child writes nothing else on stdout (its
// diagnostics go to stderr), so a line that does not parse is a broken child, not a message.

#include "config/gptconfig.h"
#include "pack/sizereport.h"
#include "pack/tensordesc.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace Core::Serve {

// The operations.
inline constexpr const char *kLoad = "load";       ///< {"path"} -> LoadedModel
inline constexpr const char *kPrice = "price";     ///< {"recipe", "path"} -> PricedReport (loads path first when another file is loaded)
inline constexpr const char *kEvaluate = "evaluate"; ///< EvaluateJob -> RecipeEval (job/analysisjobs.h)
inline constexpr const char *kAllocate = "allocate"; ///< AllocateJob -> AllocationSummary
inline constexpr const char *kExport = "export";     ///< ExportOptions -> verdict (job/exportjobs.h)
inline constexpr const char *kExportC = "export-c";  ///< CExportOptions -> CExportResult
inline constexpr const char *kCancel = "cancel";   ///< {"id"}; no reply

/// What loading a model file gives the window: its tensors and shape (the weights stay in the
/// child).
struct LoadedModel
{
    std::string path;
    std::vector<TensorDesc> tensors;
    GptConfig config; ///< golf's GPT's shape (when baseline)
    /// False: another architecture (a record's), priced from its tensors; evaluating it needs
    /// its train_gpt.py (golf --script).
    bool baseline = true;
    int64_t parameters = 0;
    double milliseconds = 0;
};

/// The stream cache of the child's pricer (quant/sizepricer.h).
struct CacheStats
{
    int64_t hits = 0, misses = 0, bytes = 0;
};

/// One price: the report, and how it was made.
struct PricedReport
{
    SizeReport report;
    /// Tensors whose resolved setting differs from the previous price, or -1 when the whole
    /// model was priced (first price, other container or codec, more than one change).
    int changedTensors = -1;
    double milliseconds = 0;
    CacheStats cache;
};

nlohmann::json toJson(const LoadedModel &model);
LoadedModel loadedModelFromJson(const nlohmann::json &json);
nlohmann::json toJson(const PricedReport &priced);
PricedReport pricedReportFromJson(const nlohmann::json &json);

// Framing. Each function returns one line, newline included.
std::string requestLine(int64_t id, const std::string &op, const nlohmann::json &args);
std::string resultLine(int64_t id, const nlohmann::json &result);
std::string errorLine(int64_t id, const std::string &message);
std::string progressLine(int64_t id, const std::string &stage, int64_t done, int64_t total);

/// A request as the child reads it. Throws Core::Error for a line that is not one.
struct Request
{
    int64_t id = 0;
    std::string op;
    nlohmann::json args;
};
Request parseRequest(const std::string &line);

/// A reply line as the window reads it. Throws Core::Error for a line that is not one.
struct Reply
{
    enum class Kind { Progress, Result, Error };
    int64_t id = 0;
    Kind kind = Kind::Result;
    nlohmann::json result;  ///< Result
    std::string error;      ///< Error
    std::string stage;      ///< Progress
    int64_t done = 0, total = 0;
};
Reply parseReply(const std::string &line);

} // namespace Core::Serve
