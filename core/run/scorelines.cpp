// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/scorelines.h"

#include <charconv>
#include <vector>

namespace Core {

namespace {

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool contains(std::string_view s, std::string_view part)
{
    return s.find(part) != std::string_view::npos;
}

constexpr std::string_view kExact = "_exact";

/// Drops ANSI escape sequences (CSI "ESC [ ... final" and two-byte "ESC x"): coloured launcher
/// output wraps lines in them, and they carry no text.
std::string withoutEscapes(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\x1b') {
            out += s[i];
            continue;
        }
        if (i + 1 < s.size() && s[i + 1] == '[') {
            i += 2;
            while (i < s.size() && !(s[i] >= 0x40 && s[i] <= 0x7e))
                ++i; // parameters and intermediates; the loop's ++i skips the final byte
        } else {
            ++i;
        }
    }
    return out;
}

/// "[rank0]:" or "[default3]:" (torchrun's per-rank tee prefixes), with at most one space after.
size_t rankPrefixLength(std::string_view s)
{
    for (std::string_view open : {std::string_view("[rank"), std::string_view("[default")}) {
        if (!startsWith(s, open))
            continue;
        size_t i = open.size();
        const size_t digits = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == digits || s.substr(i, 2) != "]:")
            return 0;
        i += 2;
        if (i < s.size() && s[i] == ' ')
            ++i;
        return i;
    }
    return 0;
}

} // namespace

std::string_view logLineText(std::string_view line, std::string &scratch)
{
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ' ||
                             line.back() == '\t'))
        line.remove_suffix(1);
    // A progress display redrawn with carriage returns: the terminal ends up showing the text
    // after the last one.
    const size_t cr = line.rfind('\r');
    if (cr != std::string_view::npos)
        line.remove_prefix(cr + 1);
    if (contains(line, "\x1b")) {
        scratch = withoutEscapes(line);
        line = scratch;
    }
    line.remove_prefix(rankPrefixLength(line));
    return line;
}

namespace {


/// The kind of evaluation a label names, or false for a label that is no final score. The
/// prefixes are those of every era's scoring lines; the words in them say the kind. "no_ttt"
/// (quantized_sliding_no_ttt) is a sliding evaluation without test-time training.
bool kindOfLabel(std::string_view base, ScoreKind *kind)
{
    if (base.empty())
        return false;
    for (const char c : base)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false; // "ttt_sliding:done", "final_evaluation:completed", templates
    const bool known = startsWith(base, "final_") || base == "quantized" ||
                       startsWith(base, "quantized_") || startsWith(base, "legal_ttt");
    if (!known)
        return false;
    if (contains(base, "ttt") && !contains(base, "no_ttt"))
        *kind = ScoreKind::Ttt;
    else if (contains(base, "sliding"))
        *kind = ScoreKind::Sliding;
    else if (contains(base, "roundtrip") || base == "quantized")
        *kind = ScoreKind::RoundTrip; // "quantized": the round trip of the Apr 2026 scripts
    else
        return false; // final_eval (before quantization), final_model_..., ...
    return true;
}

/// A whole token as a number ("2.0727", "1e-3"); counts the digits after the point.
bool parsePlain(std::string_view text, double *value, int *decimals = nullptr)
{
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, *value);
    if (ec != std::errc() || ptr != end)
        return false;
    if (decimals) {
        const size_t dot = text.find('.');
        *decimals = 0;
        if (dot != std::string_view::npos)
            for (size_t i = dot + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
                ++*decimals;
    }
    return true;
}

/// "1403ms" or "1.4s" -> milliseconds.
bool parseDuration(std::string_view text, double *ms)
{
    double v = 0;
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr == text.data())
        return false;
    const std::string_view unit(ptr, size_t(end - ptr));
    if (unit == "ms")
        *ms = v;
    else if (unit == "s")
        *ms = v * 1000.0;
    else
        return false;
    return true;
}

/// Reads the values after the label. Accepts key:value, key: value, key=value, and the
/// parenthesised "(stride=16, T=0.90)" of the ternary era. A known key with an unreadable
/// value (a template's "{q_val_loss:.4f}") rejects the line.
bool readScoreValues(const std::vector<std::string_view> &toks, ScoreLine *score)
{
    bool haveBpb = false;
    for (size_t i = 1; i < toks.size(); ++i) {
        std::string_view t = toks[i];
        while (!t.empty() && t.front() == '(')
            t.remove_prefix(1);
        while (!t.empty() && (t.back() == ',' || t.back() == ')'))
            t.remove_suffix(1);
        const size_t sep = t.find_first_of(":=");
        if (sep == std::string_view::npos || sep == 0)
            continue;
        const std::string_view key = t.substr(0, sep);
        std::string_view value = t.substr(sep + 1);
        const bool known = key == "val_loss" || key == "val_bpb" || key == "eval_time" ||
                           key == "eval" || key == "time" || key == "stride";
        if (!known)
            continue;
        if (value.empty() && i + 1 < toks.size()) // "val_loss: 2.1" (later eras)
            value = toks[++i];
        while (!value.empty() && (value.back() == ',' || value.back() == ')'))
            value.remove_suffix(1);
        if (key == "val_loss") {
            if (!parsePlain(value, &score->valLoss))
                return false;
        } else if (key == "val_bpb") {
            if (!parsePlain(value, &score->valBpb, &score->bpbDecimals))
                return false;
            haveBpb = true;
        } else if (key == "stride") {
            int stride = 0;
            const char *end = value.data() + value.size();
            const auto [ptr, ec] = std::from_chars(value.data(), end, stride);
            if (ec != std::errc() || ptr != end || stride < 0)
                return false;
            score->stride = stride;
        } else if (!parseDuration(value, &score->evalMs)) {
            return false;
        }
    }
    return haveBpb;
}

/// "Serialized model int8+zlib: 15815847 bytes (...)", "Total submission size: 63073137 bytes".
bool readSizeLine(std::string_view text, SizeLine *size)
{
    constexpr std::string_view kModel = "Serialized model";
    constexpr std::string_view kTotal = "Total submission size";
    if (startsWith(text, kModel)) {
        size->kind = SizeLine::Kind::Model;
        text.remove_prefix(kModel.size());
    } else if (startsWith(text, kTotal)) {
        size->kind = SizeLine::Kind::Submission;
        text.remove_prefix(kTotal.size());
    } else {
        return false;
    }
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos)
        return false;
    std::string_view qualifier = text.substr(0, colon);
    if (!qualifier.empty() && qualifier.front() != ' ')
        return false; // "Serialized models..." is another word
    while (!qualifier.empty() && qualifier.front() == ' ')
        qualifier.remove_prefix(1);
    while (!qualifier.empty() && qualifier.back() == ' ')
        qualifier.remove_suffix(1);
    const std::vector<std::string_view> rest = logTokens(text.substr(colon + 1));
    if (rest.size() < 2 || rest[1] != "bytes")
        return false;
    const char *end = rest[0].data() + rest[0].size();
    const auto [ptr, ec] = std::from_chars(rest[0].data(), end, size->bytes);
    if (ec != std::errc() || ptr != end || size->bytes < 0)
        return false;
    size->qualifier = std::string(qualifier);
    return true;
}

} // namespace

const char *scoreKindName(ScoreKind kind)
{
    switch (kind) {
    case ScoreKind::RoundTrip:
        return "round trip";
    case ScoreKind::Sliding:
        return "sliding window";
    case ScoreKind::Ttt:
        return "test-time training";
    }
    return "?";
}

std::string ScoreLine::baseLabel() const
{
    return exact ? label.substr(0, label.size() - kExact.size()) : label;
}

LogLineClass classifyLogLine(std::string_view line)
{
    std::string scratch;
    const std::string_view text = logLineText(line, scratch);
    // Cheap rejection first: nearly every line of a long log is a step line.
    if (text.empty() || !(text.front() == 'f' || text.front() == 'q' || text.front() == 'l' ||
                          text.front() == 'S' || text.front() == 'T'))
        return {};
    SizeLine size;
    if (readSizeLine(text, &size))
        return size;

    const std::vector<std::string_view> toks = logTokens(text);
    ScoreLine score;
    const std::string_view label = toks.front();
    score.exact = endsWith(label, kExact);
    const std::string_view base =
        score.exact ? label.substr(0, label.size() - kExact.size()) : label;
    if (!kindOfLabel(base, &score.kind) || !readScoreValues(toks, &score))
        return {};
    score.label = std::string(label);
    return score;
}

bool replacesScore(const ScoreLine &candidate, const ScoreLine &current)
{
    if (candidate.kind != current.kind)
        return candidate.kind > current.kind;
    if (current.exact && !candidate.exact && candidate.label == current.baseLabel())
        return false;
    return true;
}

std::vector<std::string_view> logTokens(std::string_view line)
{
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start)
            out.push_back(line.substr(start, i - start));
    }
    return out;
}

} // namespace Core
