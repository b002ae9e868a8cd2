// SPDX-License-Identifier: GPL-3.0-or-later
// `golf serve`: the child golf-studio runs for its tensor work (job/serveprotocol.h), so the
// window's process never loads libtorch. Also usable by scripts: one JSON request per line on
// stdin, one reply per line on stdout.

#include "cli/args.h"
#include "cli/command.h"
#include "commands.h"
#include "serveanalysis.h"
#include "serveexport.h"
#include "servepricing.h"
#include "train/torchruntime.h"

namespace App {

int runServe(int argc, char **argv)
{
    ArgParser args("golf serve", "answer JSON requests on stdin, one per line: the window's worker");
    args.setEpilog(
        "Requests: {\"id\": N, \"op\": OP, \"args\": {...}}; replies: {\"id\": N, \"result\": {...}},\n"
        "{\"id\": N, \"error\": \"...\"} or {\"id\": N, \"progress\": {\"stage\", \"done\", \"total\"}}.\n"
        "Ops: load {path}, price {recipe, path}, evaluate, allocate (core/job/analysisjobs.h),\n"
        "export, export-c (core/job/exportjobs.h);\n"
        "cancel {id} stops a running request.\n"
        "The protocol: core/job/serveprotocol.h.\n");
    return runCommand("golf serve", args, argc, argv, [&] {
        // Evaluation during export uses every core; pricing threads are the pricer's own.
        Core::configureTorchRuntime(0);
        PricingService pricing;
        AnalysisService analysis;
        std::map<std::string, ServeHandler> handlers;
        pricing.addHandlers(handlers);
        analysis.addHandlers(handlers);
        addExportHandlers(handlers);
        return serveRequests(handlers);
    });
}

} // namespace App
