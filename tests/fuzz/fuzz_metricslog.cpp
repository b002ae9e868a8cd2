// SPDX-License-Identifier: GPL-3.0-or-later
// Run metrics (core/run/metricslog.cpp): metrics.jsonl and the official train_gpt.py log, as the
// GUI tails them. The first byte picks the format (auto, jsonl, train log) and a poll budget, so
// lines split across polls and the half-written last line are covered as well as whole files.
// MetricsTail never throws for content, so any exception at all is a finding.

#include "fuzzinput.h"
#include "run/metricslog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t mode = data[0];
    const std::string path = Fuzz::writeScratch(data + 1, size - 1, ".log");
    using Format = Core::MetricsTail::Format;
    const Format format = mode % 3 == 0 ? Format::Auto : mode % 3 == 1 ? Format::Jsonl : Format::TrainLog;
    Core::MetricsTail tail(path, format);
    // Budgets from 7 bytes (lines split everywhere, ~2,000 polls of a 16 KB input) doubling up
    // to 14 KB: every split stays reachable without every input paying thousands of polls.
    const uint64_t budget = (mode >> 2) == 0 ? 0 : uint64_t(7) << ((mode >> 2) % 12);
    for (int i = 0; i < 4096; ++i) { // a bounded number of polls: every poll makes progress
        const Core::MetricsTail::Poll p = tail.poll(budget);
        if (!p.more)
            break;
    }
    tail.pollToEnd();
    return 0;
}
