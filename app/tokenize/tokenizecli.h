// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared plumbing of the golf-tokenize subcommands: error-to-exit-code mapping, the input and
// split options, and human-readable numbers for progress lines and summaries.

#include "cli/args.h"
#include "cli/command.h"
#include "text/datasetsplit.h"
#include "text/documentformat.h"
#include "text/textprogress.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace App {

/// --input PATH (repeatable), --format F and trailing INPUT... arguments, so both
/// `--input a.txt --input b.txt` and `--input dir/*.txt` (shell-expanded) work.
void addInputOptions(ArgParser &args);
/// All inputs in command-line order; UsageError if there are none.
std::vector<std::string> inputPaths(const ArgParser &args);
/// --format as a DocumentFormat; UsageError for an unknown name.
Core::DocumentFormat formatOption(const ArgParser &args);

/// --val-docs, --val-fraction, --prefix, --shard-tokens.
void addExportOptions(ArgParser &args);
/// The split chosen by --val-docs or --val-fraction (default fraction 0.1); UsageError if both
/// are given or a value is out of range.
Core::DatasetSplit splitOption(const ArgParser &args);

/// --threads N (0 = all cores).
void addThreadsOption(ArgParser &args);
int threadsOption(const ArgParser &args);

/// An option that must be a positive integer (or >= `min`); UsageError otherwise.
int64_t intOption(const ArgParser &args, const std::string &name, int64_t min);

/// 1040298 -> "1,040,298".
std::string withCommas(int64_t n);
/// 2505211 -> "2.5 MB" (decimal units, as the challenge counts bytes).
std::string humanBytes(int64_t bytes);
/// "reading 45% (1.2 MB of 2.7 MB), 15,234 docs, 1,203,456 tokens, 3.1 s".
std::string progressText(const std::string &phase, const Core::TextProgress &p, double seconds);

/// Seconds since construction.
class Stopwatch
{
public:
    double seconds() const
    {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

} // namespace App
