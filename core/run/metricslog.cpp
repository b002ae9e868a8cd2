// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/metricslog.h"

#include "common/error.h"
#include "run/scorelines.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Core {

namespace {

// Bytes of the file's beginning remembered to notice a replaced file of equal or larger size
// (a new run's log written over the old one): logs start with distinct headers or steps.
constexpr size_t kHeadBytes = 64;
// Read in slices so a first poll of a long log does not need one huge buffer besides the lines.
constexpr size_t kReadChunk = 1 << 20;
// No metrics line comes near this; past it the "line" is binary junk and is dropped rather than
// buffered without bound.
constexpr size_t kMaxLine = 1 << 20;

std::string errnoText()
{
    return std::strerror(errno);
}

std::string_view trim(std::string_view s)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}


/// A number as train_gpt.py prints it, with an optional unit: "2.8", "1234ms", "nan", "1e-3".
/// from_chars, not strtod: the GUI may run under a locale whose decimal point is a comma.
bool parseNumber(std::string_view text, double *value, std::string_view *unit)
{
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, *value);
    if (ec != std::errc() || ptr == text.data())
        return false;
    *unit = std::string_view(ptr, size_t(end - ptr));
    return unit->empty() || *unit == "ms" || *unit == "s" || *unit == "%";
}

/// "step:200/20000" or "step:200" -> 200.
bool parseStepToken(std::string_view token, int64_t *step)
{
    const std::string_view digits = token.substr(5); // after "step:"
    const char *end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, *step);
    if (ec != std::errc() || ptr == digits.data() || *step < 0)
        return false;
    return ptr == end || *ptr == '/';
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

} // namespace

MetricsTail::MetricsTail(std::string path, Format format)
    : m_path(std::move(path))
    , m_requested(format)
    , m_format(format)
{}

std::string MetricsTail::fileOfRunDir(const std::string &runDir)
{
    const std::string jsonl = runDir + "/metrics.jsonl";
    return std::filesystem::exists(jsonl) ? jsonl : runDir + "/train.log";
}

MetricsTail::Poll MetricsTail::poll(uint64_t maxBytes)
{
    return read(false, maxBytes);
}

MetricsTail::Poll MetricsTail::pollToEnd()
{
    return read(true, 0);
}

void MetricsTail::restart()
{
    *this = MetricsTail(m_path, m_requested);
}

MetricsTail::Poll MetricsTail::read(bool toEnd, uint64_t maxBytes)
{
    Poll result;
    const int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        // Not written yet (or moved away during a rotation): nothing new. The next file at this
        // path is noticed as a replacement by its size or head.
        if (errno == ENOENT)
            return result;
        throw Error("cannot open metrics file " + m_path + ": " + errnoText());
    }
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};

    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0)
        throw Error("cannot read metrics file " + m_path + ": " + errnoText());
    check(!S_ISDIR(st.st_mode), "cannot read metrics file " + m_path + ": it is a folder");

    bool replaced = false;
    if (m_offset > 0) {
        replaced = uint64_t(st.st_size) < m_offset || uint64_t(st.st_ino) != m_inode ||
                   uint64_t(st.st_dev) != m_device;
        if (!replaced && !m_head.empty()) {
            std::string head(m_head.size(), '\0');
            const ssize_t n = ::pread(fd, head.data(), head.size(), 0);
            replaced = n != ssize_t(head.size()) || head != m_head;
        }
    }
    if (replaced) {
        restart();
        result.restarted = true;
    }
    m_inode = uint64_t(st.st_ino);
    m_device = uint64_t(st.st_dev);

    // A chunk as large as what is there (plus room for what arrives meanwhile), not kReadChunk:
    // the window polls a growing file every quarter second, mostly for a line or two.
    const uint64_t waiting = uint64_t(st.st_size) > m_offset ? uint64_t(st.st_size) - m_offset : 0;
    const uint64_t chunkSize = std::min<uint64_t>({maxBytes > 0 ? maxBytes : kReadChunk, kReadChunk,
                                                   waiting + 4096});
    std::string chunk(size_t(chunkSize), '\0');
    uint64_t budget = maxBytes;
    for (;;) {
        if (maxBytes > 0 && budget == 0) {
            result.more = m_offset < uint64_t(st.st_size);
            break;
        }
        const size_t want =
            maxBytes > 0 ? size_t(std::min<uint64_t>(budget, chunk.size())) : chunk.size();
        const ssize_t n = ::pread(fd, chunk.data(), want, off_t(m_offset));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw Error("cannot read metrics file " + m_path + ": " + errnoText());
        }
        if (n == 0)
            break;
        const std::string_view got(chunk.data(), size_t(n));
        // Invariant: while the head is shorter than kHeadBytes it holds every byte read so far.
        if (m_head.size() < kHeadBytes)
            m_head.append(got.substr(0, kHeadBytes - m_head.size()));
        m_offset += uint64_t(n);
        if (maxBytes > 0)
            budget -= uint64_t(n);
        m_partial.append(got);

        size_t begin = 0;
        for (size_t nl; (nl = m_partial.find('\n', begin)) != std::string::npos; begin = nl + 1) {
            if (m_overlong)
                m_overlong = false; // the end of a dropped line
            else
                parseLine(std::string_view(m_partial).substr(begin, nl - begin), result.records);
        }
        m_partial.erase(0, begin);
        if (m_partial.size() > kMaxLine) {
            if (!m_overlong)
                ++m_malformed;
            m_overlong = true;
            m_partial.clear();
        }
    }
    if (toEnd && m_overlong) {
        m_overlong = false;
        m_partial.clear();
    }
    if (toEnd && !m_partial.empty()) {
        parseLine(m_partial, result.records);
        m_partial.clear();
    }
    return result;
}

void MetricsTail::parseLine(std::string_view raw, std::vector<MetricRecord> &out)
{
    const std::string_view line = trim(raw);
    if (line.empty())
        return;
    if (m_format == Format::Auto)
        m_format = line.front() == '{' ? Format::Jsonl : Format::TrainLog;
    if (m_format == Format::TrainLog) {
        parseLogLine(raw, out);
        return;
    }
    MetricRecord record;
    if (!parseJsonLine(line, record)) {
        ++m_malformed;
        return;
    }
    // A checkpoint notice ({"step":N,"checkpoint":"step_N.pt"}) has no values to plot.
    if (record.values.empty()) {
        ++m_ignored;
        return;
    }
    out.push_back(std::move(record));
}

bool MetricsTail::parseJsonLine(std::string_view line, MetricRecord &record)
{
    // No exceptions on the per-line path: a junk-heavy file must not cost a throw per line.
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object())
        return false;
    const auto step = j.find("step");
    if (step == j.end())
        return false;
    if (step->is_number_integer()) {
        record.step = step->get<int64_t>();
    } else if (step->is_number_float()) {
        const double d = step->get<double>();
        if (std::floor(d) != d || std::fabs(d) >= 0x1p62) // 2.5 is no step; 2.2e39 no int64_t
            return false;
        record.step = int64_t(d);
    } else {
        return false;
    }
    if (record.step < 0)
        return false;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_number() || it.key() == "step")
            continue;
        if (it.key() == "t_ms")
            record.timeS = it.value().get<double>() / 1000.0;
        else
            record.values[it.key()] = it.value().get<double>();
    }
    return true;
}

void MetricsTail::parseLogLine(std::string_view raw, std::vector<MetricRecord> &out)
{
    // Console captures put "[rank0]:" or colour codes in front of step lines too.
    std::string scratch;
    const std::vector<std::string_view> toks = logTokens(trim(logLineText(raw, scratch)));
    if (toks.empty()) { // nothing but escape sequences
        ++m_ignored;
        return;
    }
    const std::string_view first = toks.front();

    // Values that follow the first token, with the log's units dropped and train_time turned
    // into seconds.
    const auto readValues = [&](MetricRecord &r) {
        for (size_t i = 1; i < toks.size(); ++i) {
            const size_t colon = toks[i].find(':');
            if (colon == std::string_view::npos || colon == 0)
                continue;
            const std::string_view key = toks[i].substr(0, colon);
            double v = 0;
            std::string_view unit;
            if (key == "step" || !parseNumber(toks[i].substr(colon + 1), &v, &unit))
                continue;
            if (key == "train_time")
                r.timeS = unit == "s" ? v : v / 1000.0;
            else
                r.values[std::string(key)] = v;
        }
    };

    if (startsWith(first, "step:")) {
        MetricRecord r;
        if (!parseStepToken(first, &r.step)) {
            ++m_malformed;
            return;
        }
        readValues(r);
        if (r.values.empty()) {
            ++m_ignored;
            return;
        }
        // Throughput for logs that do not print it: train_time pauses during validation, so
        // tokens over train time between two train lines is the training speed.
        if (m_batchTokens > 0 && r.values.count("train_loss") && std::isfinite(r.timeS)) {
            if (!r.values.count("tok_per_s") && r.step > m_prevTrainStep &&
                r.timeS > m_prevTrainTimeS)
                r.values["tok_per_s"] = double(m_batchTokens) * double(r.step - m_prevTrainStep) /
                                        (r.timeS - m_prevTrainTimeS);
            m_prevTrainStep = r.step;
            m_prevTrainTimeS = r.timeS;
        }
        m_lastStep = r.step;
        if (std::isfinite(r.timeS))
            m_lastTimeS = r.timeS;
        out.push_back(std::move(r));
        return;
    }

    // Score and size lines are matched on the raw line: only one that starts at column 0 counts,
    // never the indented f-string templates of the script source at the top of the log.
    const LogLineClass cls = classifyLogLine(raw);
    if (const auto *score = std::get_if<ScoreLine>(&cls)) {
        out.push_back(scoreRecord(*score));
        return;
    }
    if (const auto *size = std::get_if<SizeLine>(&cls)) {
        std::optional<SizeLine> &slot =
            size->kind == SizeLine::Kind::Model ? m_modelBytes : m_submissionBytes;
        // The baseline prints the raw torch.save size unqualified before the compressed one
        // ("Total submission size: 63073137 bytes", then "... int8+zlib: 15683958 bytes"):
        // a qualified line is the artifact; an unqualified one only stands in until then.
        if (!slot || !size->qualifier.empty() || slot->qualifier.empty())
            slot = *size;
        ++m_ignored;
        return;
    }

    for (const std::string_view t : toks) {
        if (!startsWith(t, "train_batch_tokens:"))
            continue;
        const std::string_view digits = t.substr(19);
        int64_t n = 0;
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (ec == std::errc() && ptr == digits.data() + digits.size() && n > 0)
            m_batchTokens = n;
    }
    ++m_ignored;
}

MetricRecord MetricsTail::scoreRecord(const ScoreLine &score)
{
    // Each kind gets its own series (the gap between round trip, sliding window and TTT shows),
    // and final_* follows the run's score as the preference picks it.
    MetricRecord r;
    r.step = m_lastStep;
    r.timeS = m_lastTimeS;
    const std::string prefix = score.kind == ScoreKind::Ttt       ? "ttt_"
                               : score.kind == ScoreKind::Sliding ? "sliding_"
                                                                  : "roundtrip_";
    const auto put = [&r](const std::string &p, const ScoreLine &s) {
        r.values[p + "val_bpb"] = s.valBpb;
        if (!std::isnan(s.valLoss))
            r.values[p + "val_loss"] = s.valLoss;
    };
    put(prefix, score);
    if (!m_score || replacesScore(score, *m_score)) {
        ScoreLine chosen = score;
        // An _exact line has no eval_time; its 4-decimal twin printed it just before.
        if (m_score && std::isnan(chosen.evalMs) && m_score->baseLabel() == chosen.baseLabel())
            chosen.evalMs = m_score->evalMs;
        m_score = std::move(chosen);
        put("final_", *m_score);
    }
    return r;
}

} // namespace Core
