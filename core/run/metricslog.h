// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading a run's metrics while the run writes them (DESIGN.md §1: the GUI watches run
// directories the way TensorBoard watches event files). Two sources, one record type:
//   metrics.jsonl  our own: {"step":N,"t_ms":..,"train_loss":..,"lr":..,"tok_per_s":..} and
//                  {"step":N,"t_ms":..,"val_loss":..,"val_bpb":..,...} per line
//   *.log / *.txt  the official train_gpt.py text log (and our train.log, which copies it):
//                  step:200/20000 train_loss:2.8 train_time:1234ms step_avg:6.17ms
//                  step:200/20000 val_loss:2.7 val_bpb:1.6 train_time:1234ms step_avg:6.17ms
//                  final_int8_zlib_roundtrip_exact val_loss:2.07269931 val_bpb:1.22436570
//                  (and the score lines of every later era, scorelines.h)
// Torch-free and Qt-free: the GUI polls it from a timer, the CLI could tail with it.

#include "run/scorelines.h"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Core {

/// One point in time of one run: every numeric value logged at `step`.
struct MetricRecord
{
    int64_t step = 0;
    /// Training time in seconds (the log's train_time / metrics.jsonl's t_ms, which exclude
    /// validation pauses, as the official wallclock cap does). NaN when the line has none.
    double timeS = std::numeric_limits<double>::quiet_NaN();
    /// Metric name -> value, in the units the log prints them in. Names are the log's own:
    /// train_loss, val_loss, val_bpb, lr, tok_per_s, step_avg (ms), eval_ms, ... Values may be
    /// NaN or inf (a diverged run logs train_loss:nan); a plot shows them as gaps.
    std::map<std::string, double> values;
};

/// Follows one metrics file as it grows. Each poll() reads only what was appended since the last
/// one and returns the complete new records; a line still being written stays buffered until its
/// newline arrives. When the file is truncated or replaced (a run restarted into the same folder,
/// a log rotated), the tail starts over from the beginning and says so.
///
/// Line formats, decided by the first non-empty line unless given:
///  - Jsonl: every non-empty line must be a JSON object with an integer "step"; "t_ms" becomes
///    timeS, every other number becomes a value, other fields (the checkpoint file name) are
///    ignored. Lines that are not such an object are counted as malformed and skipped.
///  - TrainLog: lines whose first token is `step:N/M` (or `step:N`) give a record from their
///    `key:value` tokens (`train_time:1234ms` -> timeS 1.234; units ms/s/% are stripped from
///    values); a `step:` line whose step is not a number is malformed. Score lines
///    (classifyLogLine(): the post-export evaluations of every era, only where they start the
///    line, so the script source at the top of a log never counts) give a record at the last
///    step seen with <kind>_val_loss / <kind>_val_bpb, kind being roundtrip, sliding or ttt;
///    when the line becomes the run's score (replacesScore(): TTT > sliding > round trip,
///    _exact over its 4-decimal twin) the record also holds final_val_loss / final_val_bpb, and
///    finalScore() says which label it was. Size lines set submissionBytes() / modelBytes().
///    Every other line (header, warmup_step:, stopping_early:, peak memory, ...) is ignored. When
///    the header names train_batch_tokens, train lines also get a derived tok_per_s: tokens of the
///    steps since the previous train line over their time.
/// Never throws for a bad line. A file that does not exist yet reads as empty (the watcher may
/// start before the trainer); a file that exists but cannot be read throws Error.
class MetricsTail
{
public:
    enum class Format { Auto, Jsonl, TrainLog };

    struct Poll
    {
        std::vector<MetricRecord> records;
        /// True when the file shrank or was replaced since the last poll: everything returned
        /// before belongs to a file that no longer exists, and `records` start from its top.
        bool restarted = false;
        /// True when poll(maxBytes) stopped at its budget with more of the file unread.
        bool more = false;
    };

    explicit MetricsTail(std::string path, Format format = Format::Auto);

    /// The metrics file of a run directory: metrics.jsonl when present, else train.log (also
    /// when neither exists yet, so a watcher of a fresh official run finds its log later).
    static std::string fileOfRunDir(const std::string &runDir);

    /// Reads what was appended since the last call; with maxBytes > 0, at most that many bytes,
    /// so a GUI timer can take in a long finished log over several ticks (Poll::more says to
    /// call again; bench_plots: 256 KiB of metrics.jsonl parse in under 10 ms). Throws Error if
    /// the file exists but cannot be opened or read.
    Poll poll(uint64_t maxBytes = 0);

    /// Like poll(), but a last line without its newline counts as complete: for a file whose
    /// writer has finished (an official log copied from a GPU box may end without one).
    Poll pollToEnd();

    const std::string &path() const { return m_path; }
    /// The format in use: Auto until the first non-empty line decided it.
    Format format() const { return m_format; }
    /// Bytes consumed so far, including a buffered partial line.
    uint64_t offset() const { return m_offset; }
    /// Lines skipped because they looked like records but could not be read, since the start
    /// (or the last restart).
    int64_t malformedLines() const { return m_malformed; }
    /// Lines that are not records by design (headers, notices), since the start or restart.
    int64_t ignoredLines() const { return m_ignored; }

    /// The run's score among the score lines read so far (see the class comment); its evalMs
    /// comes from the 4-decimal twin when the chosen _exact line has none. Empty before the
    /// first score line, and again after a restart.
    const std::optional<ScoreLine> &finalScore() const { return m_score; }
    /// The last "Total submission size ...: N bytes" line, a qualified one ("int8+zlib") over
    /// the baseline's unqualified raw-model line; empty when the log has none.
    const std::optional<SizeLine> &submissionBytes() const { return m_submissionBytes; }
    /// The same for "Serialized model ...: N bytes".
    const std::optional<SizeLine> &modelBytes() const { return m_modelBytes; }

private:
    Poll read(bool toEnd, uint64_t maxBytes);
    void restart();
    void parseLine(std::string_view line, std::vector<MetricRecord> &out);
    bool parseJsonLine(std::string_view line, MetricRecord &record);
    /// `raw` as read, untrimmed: score lines must start it.
    void parseLogLine(std::string_view raw, std::vector<MetricRecord> &out);
    MetricRecord scoreRecord(const ScoreLine &score);

    std::string m_path;
    Format m_requested;
    Format m_format;
    uint64_t m_offset = 0;
    std::string m_partial;
    bool m_overlong = false; ///< dropping the rest of a line longer than any record
    // What identifies the file being followed, to notice a replacement of the same size or
    // larger: inode/device, and the first bytes read from it.
    uint64_t m_inode = 0;
    uint64_t m_device = 0;
    std::string m_head;
    int64_t m_malformed = 0;
    int64_t m_ignored = 0;
    // TrainLog state carried between lines.
    int64_t m_lastStep = 0;
    double m_lastTimeS = std::numeric_limits<double>::quiet_NaN();
    int64_t m_batchTokens = 0;
    int64_t m_prevTrainStep = 0;
    double m_prevTrainTimeS = 0;
    std::optional<ScoreLine> m_score;
    std::optional<SizeLine> m_submissionBytes;
    std::optional<SizeLine> m_modelBytes;
};

} // namespace Core
