// SPDX-License-Identifier: GPL-3.0-or-later
// golf serve's messages (core/job/): one line as the child reads a request (parseRequest, then
// the reader of every op's arguments) and as the window reads a reply (parseReply, then the
// reader of every op's result). A child that breaks, or a script that writes to golf serve, must
// get a Core::Error naming the key; anything else escaping (a nlohmann type_error from an
// unchecked get<>, an out_of_range) is a finding.

#include "common/error.h"
#include "job/analysisjobs.h"
#include "job/exportjobs.h"
#include "job/serveprotocol.h"

#include <functional>
#include <string>

namespace {

template <typename Read>
void tryRead(const Read &read)
{
    try {
        read();
    } catch (const Core::Error &) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string line(reinterpret_cast<const char *>(data), size);
    try {
        const Core::Serve::Request r = Core::Serve::parseRequest(line);
        tryRead([&] { (void)Core::toJson(Core::evaluateJobFromJson(r.args)).dump(); });
        tryRead([&] { (void)Core::toJson(Core::allocateJobFromJson(r.args)).dump(); });
        tryRead([&] { (void)Core::toJson(Core::exportOptionsFromJson(r.args)).dump(); });
        tryRead([&] { (void)Core::toJson(Core::cexportOptionsFromJson(r.args)).dump(); });
    } catch (const Core::Error &) {
    }
    try {
        const Core::Serve::Reply r = Core::Serve::parseReply(line);
        tryRead([&] { (void)Core::Serve::toJson(Core::Serve::loadedModelFromJson(r.result)).dump(); });
        tryRead([&] { (void)Core::Serve::toJson(Core::Serve::pricedReportFromJson(r.result)).dump(); });
        tryRead([&] { (void)Core::toJson(Core::allocationSummaryFromJson(r.result)).dump(); });
        tryRead([&] { (void)Core::RecipeEval::fromJson(r.result, "r").toJson().dump(); });
        tryRead([&] { (void)Core::toJson(Core::exportResultFromJson(r.result)).dump(); });
        tryRead([&] { (void)Core::toJson(Core::cexportResultFromJson(r.result)).dump(); });
    } catch (const Core::Error &) {
    }
    return 0;
}
