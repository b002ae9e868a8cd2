// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `golf serve`'s analysis ops (job/analysisjobs.h): "evaluate" (a recipe's round trip, appended
// to the checkpoint's history) and "allocate" (analysis/allocationrun.h). Both need the full
// model, so the service loads the checkpoint (or starts the user's script through the evaluator
// bridge) once and keeps it, with its pricer, for the next job on the same file. An allocation
// reports its stages and stops at the next one after a cancel (what was measured stays in the
// sensitivity cache, so a second try resumes).

#include "serveloop.h"

#include "job/scriptoptions.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace App {

class AnalysisService
{
public:
    AnalysisService();
    ~AnalysisService();
    void addHandlers(std::map<std::string, ServeHandler> &handlers);

private:
    struct Loaded;
    /// The cached model of `checkpoint`, loaded when missing or changed (or scored by another
    /// script).
    Loaded &modelOf(const std::string &checkpoint, const std::optional<Core::ScriptEvaluatorOptions> &script);
    nlohmann::json evaluate(const nlohmann::json &args, ServeRequest &request);
    nlohmann::json allocate(const nlohmann::json &args, ServeRequest &request);
    std::unique_ptr<Loaded> m_loaded;
};

} // namespace App
