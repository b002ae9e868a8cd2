// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenizecli.h"

#include "common/error.h"

#include <cstdio>
#include <thread>

namespace App {

void addInputOptions(ArgParser &args)
{
    args.addOption("input", "PATH",
                   "text file or folder to read; repeat it, or list more paths after it");
    args.addOption("format", "F",
                   "auto | blocks | lines | jsonl | fortune. auto: *.jsonl is jsonl, a folder "
                   "is fortune files, anything else blocks. blocks: documents separated by blank "
                   "lines; lines: one document per line; jsonl: {\"text\": ...} per line; "
                   "fortune: documents separated by '%' lines (*.dat and symlinks in a folder "
                   "are skipped)",
                   "auto");
    args.addPositional("INPUT", "more input files or folders", false, true);
}

std::vector<std::string> inputPaths(const ArgParser &args)
{
    std::vector<std::string> paths = args.values("input");
    for (const auto &p : args.positional("INPUT"))
        paths.push_back(p);
    if (paths.empty())
        throw UsageError("no input: give --input PATH");
    return paths;
}

Core::DocumentFormat formatOption(const ArgParser &args)
{
    try {
        return Core::parseDocumentFormat(args.value("format"));
    } catch (const Core::Error &e) {
        throw UsageError(e.what());
    }
}

void addExportOptions(ArgParser &args)
{
    args.addOption("val-docs", "N",
                   "the first N documents are validation, the rest training (the official "
                   "rule, with N = 50000)");
    args.addOption("val-fraction", "F",
                   "this fraction of documents is validation, taken evenly (1 in every 1/F "
                   "documents, starting with the first) so it samples every input; default 0.1 "
                   "when --val-docs is not given");
    args.addOption("prefix", "P", "shard name prefix: P_val_000000.bin, P_train_000000.bin",
                   "fineweb");
    args.addOption("shard-tokens", "N", "tokens per shard; documents straddle shards", "100000000");
}

Core::DatasetSplit splitOption(const ArgParser &args)
{
    if (args.has("val-docs") && args.has("val-fraction"))
        throw UsageError("give --val-docs or --val-fraction, not both");
    if (args.has("val-docs"))
        return Core::DatasetSplit::firstDocuments(intOption(args, "val-docs", 0));
    const double f = args.has("val-fraction") ? args.doubleValue("val-fraction") : 0.1;
    if (!(f >= 0 && f <= 1))
        throw UsageError("--val-fraction must be between 0 and 1");
    return Core::DatasetSplit::fraction(f);
}

void addThreadsOption(ArgParser &args)
{
    args.addOption("threads", "N", "worker threads (0 = all cores)", "0");
}

int threadsOption(const ArgParser &args)
{
    const int64_t n = intOption(args, "threads", 0);
    if (n > 0)
        return int(n);
    return int(std::max(1u, std::thread::hardware_concurrency()));
}

int64_t intOption(const ArgParser &args, const std::string &name, int64_t min)
{
    const int64_t v = args.intValue(name);
    if (v < min)
        throw UsageError("--" + name + " must be at least " + std::to_string(min) + ", got " +
                         std::to_string(v));
    return v;
}

std::string withCommas(int64_t n)
{
    std::string digits = std::to_string(n < 0 ? -n : n);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(size_t(i), ",");
    return n < 0 ? "-" + digits : digits;
}

std::string humanBytes(int64_t bytes)
{
    const char *units[] = {"B", "kB", "MB", "GB", "TB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1000 && u < 4) {
        v /= 1000;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    return buf;
}

std::string progressText(const std::string &phase, const Core::TextProgress &p, double seconds)
{
    std::string text = phase;
    if (p.bytesTotal > 0) {
        char pct[16];
        std::snprintf(pct, sizeof pct, " %3.0f%%",
                      100.0 * double(p.bytesDone) / double(p.bytesTotal));
        text += pct;
        text += " (" + humanBytes(p.bytesDone) + " of " + humanBytes(p.bytesTotal) + ")";
    }
    text += ", " + withCommas(p.documents) + " docs";
    if (p.tokens > 0)
        text += ", " + withCommas(p.tokens) + " tokens";
    char secs[32];
    std::snprintf(secs, sizeof secs, ", %.1f s", seconds);
    return text + secs;
}

} // namespace App
