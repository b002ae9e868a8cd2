// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which line of a training log is the run's score, across every era of the challenge's logs
// (../shared/reference/record-formats.md §1): the int8 baseline's final_int8_zlib_roundtrip, the
// sliding-window, int6, TTT and ternary eras, and our patched script's final_golf_roundtrip.
// A run's logs/<run>.txt starts with the script's full source, which holds the same f-string
// templates, so a score line counts only where it starts its line (after known console prefixes).
// Torch-free and Qt-free; MetricsTail feeds every line through it.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>
#include <variant>

namespace Core {

/// The kind of final evaluation a score line reports, in increasing order of preference: the
/// challenge's own records report test-time training over sliding window over plain round trip.
enum class ScoreKind { RoundTrip, Sliding, Ttt };

/// "round trip", "sliding window", "test-time training".
const char *scoreKindName(ScoreKind kind);

/// One evaluation of the exported model, as printed:
///   final_int8_zlib_roundtrip val_loss:2.0727 val_bpb:1.2244 eval_time:1403ms
///   final_sliding_window_eval_exact stride:64 val_loss:1.70413186 val_bpb:1.00928567
///   final_sliding val_loss:1.9543 val_bpb:1.1570 (stride=16, T=0.90) eval_time:15000ms
///   quantized_ttt_phased val_loss: 2.31538446 val_bpb: 1.05803761 eval_time:591446ms
struct ScoreLine
{
    /// The line's first token as printed ("final_int8_zlib_roundtrip_exact").
    std::string label;
    ScoreKind kind = ScoreKind::RoundTrip;
    /// The label ends in _exact (the 8-decimal twin of a 4-decimal line).
    bool exact = false;
    double valLoss = std::numeric_limits<double>::quiet_NaN(); ///< NaN when not printed
    double valBpb = 0;
    /// Digits after the decimal point of val_bpb as printed (4, or 8 for _exact lines), so a
    /// report can print the value exactly as the log did.
    int bpbDecimals = 0;
    /// eval_time (also eval: / time:) in milliseconds; NaN when the line has none.
    double evalMs = std::numeric_limits<double>::quiet_NaN();
    /// stride:N / stride=N of a sliding-window line; 0 when not printed.
    int stride = 0;

    /// The label without its _exact suffix: the 4-decimal line and its _exact twin share it.
    std::string baseLabel() const;
};

/// An artifact size line:
///   Serialized model int8+zlib: 15815847 bytes (payload:17178912 ...)
///   Total submission size quantized+pergroup: 15989499 bytes
struct SizeLine
{
    enum class Kind { Model, Submission };
    Kind kind = Kind::Submission;
    /// What was measured, as printed between the prefix and the colon ("int8+zlib"); empty for
    /// the baseline's unqualified lines, which count the raw torch.save model before compression.
    std::string qualifier;
    int64_t bytes = 0;
};

using LogLineClass = std::variant<std::monostate, ScoreLine, SizeLine>;

/// The text of a log line once what console captures put in front of it is gone: trailing line
/// ends and blanks, anything before the last carriage return (a redrawn progress display shows
/// only what follows it), ANSI escape sequences, and one torchrun "[rank0]:" / "[default0]:"
/// prefix (with at most one space after it). Leading whitespace is kept: it marks source text.
/// The result views `line` or `scratch`.
std::string_view logLineText(std::string_view line, std::string &scratch);

/// Classifies one log line (without its newline). A score line is `label val_loss:X val_bpb:Y
/// [eval_time:Nms]` whose label is a known final evaluation (final_*roundtrip, quantized,
/// *sliding*, *ttt*; see the .cpp for the exact rules) and whose values are numbers; "key: X" and
/// "key=X" spellings are accepted. The label must start the line's logLineText(). Leading
/// whitespace disqualifies a line, so the script source at the top of a log (`    log0(f"final_...
/// val_loss:{...}")`, indented comments) never counts. Returns monostate for every other line.
LogLineClass classifyLogLine(std::string_view line);

/// True when `candidate`, logged after `current`, should replace it as the run's score: a more
/// preferred kind wins; a less preferred kind never does; within one kind the later line wins,
/// except that a non-_exact line never replaces the _exact twin of its own label.
bool replacesScore(const ScoreLine &candidate, const ScoreLine &current);

/// The whitespace-separated tokens of a log line (runs of spaces and tabs split).
std::vector<std::string_view> logTokens(std::string_view line);

} // namespace Core
