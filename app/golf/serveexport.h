// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `golf serve`'s export ops (job/exportjobs.h): "export" writes a records folder
// (export/exporter.h) and "export-c" a C program (export/cexport.h). An export over the budget
// is a result, not an error: {"verdict": "over_budget", "error", "ledger"}, so the window can
// show the ledger of what did not fit; a written one is {"verdict": "passed", "result"}.

#include "serveloop.h"

#include <map>
#include <string>

namespace App {

void addExportHandlers(std::map<std::string, ServeHandler> &handlers);

} // namespace App
