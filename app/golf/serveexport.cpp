// SPDX-License-Identifier: GPL-3.0-or-later
#include "serveexport.h"

#include "export/cexport.h"
#include "export/exporter.h"
#include "job/serveprotocol.h"

namespace App {

void addExportHandlers(std::map<std::string, ServeHandler> &handlers)
{
    handlers[Core::Serve::kExport] = [](const nlohmann::json &args, ServeRequest &request) -> nlohmann::json {
        const Core::ExportOptions options = Core::exportOptionsFromJson(args);
        try {
            const Core::ExportResult result = Core::exportSubmission(
                options, [&request](const std::string &stage) { request.progress(stage, 0, 0); });
            return {{"verdict", "passed"}, {"result", Core::toJson(result)}};
        } catch (const Core::OverBudgetError &e) {
            return {{"verdict", "over_budget"}, {"error", e.what()}, {"ledger", Core::toJson(e.ledger)}};
        }
    };
    handlers[Core::Serve::kExportC] = [](const nlohmann::json &args, ServeRequest &) {
        return Core::toJson(Core::exportC(Core::cexportOptionsFromJson(args)));
    };
}

} // namespace App
