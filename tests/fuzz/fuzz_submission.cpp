// SPDX-License-Identifier: GPL-3.0-or-later
// submission.json (core/ship/submissioninfo.cpp): JSON text -> validated fields. Anything but
// Core::Error escaping (a nlohmann exception from an unchecked conversion) is a finding.

#include "common/error.h"
#include "ship/submissioninfo.h"
#include "fuzzinput.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try {
        Core::parseSubmissionInfo(Fuzz::bytes(data, size), "submission.json");
    } catch (const Core::Error &) {
    }
    return 0;
}
