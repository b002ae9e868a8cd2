// SPDX-License-Identifier: GPL-3.0-or-later
#include "ship/trainscript.h"

#include "common/error.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <vector>

namespace Core {

namespace {

constexpr const char *kBeginMarker = "# golf-studio: serialization begin";
constexpr const char *kEndMarker = "# golf-studio: serialization end";
constexpr const char *kEmbedBegin = "# golf-studio: embedded begin";
constexpr const char *kEmbedEnd = "# golf-studio: embedded end";
constexpr const char *kPreambleBegin = "# golf-studio: preamble begin";
constexpr const char *kPreambleEnd = "# golf-studio: preamble end";
// Trails the lines the exporter writes inside the markers, so that a later export replaces them
// and keeps whatever the user's own code between the markers is.
constexpr const char *kGeneratedTag = "# golf-studio: generated";

const char *const kHowToMark =
    "Put these two comment lines around the code that saves and scores the model (the block "
    "may be empty), at the indentation of that code:\n"
    "    # golf-studio: serialization begin; model=base_model; eval=eval_val(...)\n"
    "    # golf-studio: serialization end\n"
    "model= names the nn.Module whose state_dict is exported (default base_model); eval= is an "
    "expression returning (val_loss, val_bpb), evaluated once the weights are reloaded from the "
    "written file; optional: log=FUNCTION, train_files=GLOB-EXPRESSION, seq_len=EXPRESSION (for "
    "gptq calibration).";

using Lines = std::vector<std::string>; // each without its newline

Lines splitLines(const std::string &text)
{
    Lines lines;
    size_t start = 0;
    while (start < text.size()) {
        const size_t nl = text.find('\n', start);
        if (nl == std::string::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

std::string joinLines(const Lines &lines)
{
    std::string out;
    for (const std::string &l : lines)
        out += l + "\n";
    return out;
}

std::string trim(const std::string &s)
{
    const size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos)
        return {};
    const size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

std::string indentOf(const std::string &line)
{
    return line.substr(0, line.find_first_not_of(" \t"));
}

bool startsWith(const std::string &s, const std::string &prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool isMarker(const std::string &line, const char *marker)
{
    return startsWith(trim(line), marker);
}

int findLine(const Lines &lines, const char *marker, int from = 0)
{
    for (int i = from; i < int(lines.size()); ++i)
        if (isMarker(lines[size_t(i)], marker))
            return i;
    return -1;
}

// Removes the lines from a `begin` marker to its `end` marker (inclusive), once.
void removeSection(Lines &lines, const char *begin, const char *end)
{
    const int b = findLine(lines, begin);
    if (b < 0)
        return;
    const int e = findLine(lines, end, b + 1);
    if (e < 0)
        return;
    lines.erase(lines.begin() + b, lines.begin() + e + 1);
}

// Net change of round/square/curly bracket depth over one line of Python, ignoring brackets in
// string literals and comments. Enough to find where a statement ends; triple-quoted strings
// spanning lines do not occur in the statements read here.
int bracketDelta(const std::string &line)
{
    int depth = 0;
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '#')
            break;
        if (c == '"' || c == '\'')
            quote = c;
        else if (c == '(' || c == '[' || c == '{')
            ++depth;
        else if (c == ')' || c == ']' || c == '}')
            --depth;
    }
    return depth;
}

// Last line of the statement that starts at line `first`.
int statementEnd(const Lines &lines, int first)
{
    int depth = 0;
    for (int i = first; i < int(lines.size()); ++i) {
        depth += bracketDelta(lines[size_t(i)]);
        if (depth <= 0)
            return i;
    }
    return int(lines.size()) - 1;
}

// The call `name(...)` starting at column `col` of line `first`, as one line with each
// continuation line's indentation dropped; "" when its brackets never close.
std::string callText(const Lines &lines, int first, size_t col)
{
    std::string out;
    int depth = 0;
    bool opened = false;
    for (int i = first; i < int(lines.size()); ++i) {
        const std::string &line = lines[size_t(i)];
        size_t j = i == first ? col : line.find_first_not_of(" \t");
        if (j == std::string::npos)
            continue;
        if (i != first && !out.empty() && out.back() != '(')
            out += ' ';
        char quote = 0;
        for (; j < line.size(); ++j) {
            const char c = line[j];
            out += c;
            if (quote) {
                if (c == quote)
                    quote = 0;
                continue;
            }
            if (c == '"' || c == '\'')
                quote = c;
            else if (c == '(') {
                ++depth;
                opened = true;
            } else if (c == ')' && --depth == 0 && opened)
                return out;
        }
    }
    return {};
}

bool defines(const std::string &source, const std::string &function)
{
    return std::regex_search(source, std::regex("(^|\\n)def " + function + "\\("));
}

std::string lineRange(int first, int last)
{
    return first == last ? "line " + std::to_string(first)
                         : "lines " + std::to_string(first) + "-" + std::to_string(last);
}

// ---- markers --------------------------------------------------------------------------------

SerializationBlock fromMarkers(const Lines &lines, const std::string &source, int begin,
                               const std::string &what)
{
    const int end = findLine(lines, kEndMarker, begin + 1);
    check(end > begin, what + ": line " + std::to_string(begin + 1) + " opens a golf-studio "
                                  "serialization block that no \"" + kEndMarker + "\" line closes");
    SerializationBlock b;
    b.anchor = ScriptAnchor::Markers;
    b.firstLine = begin + 1;
    b.lastLine = end + 1;
    b.indent = indentOf(lines[size_t(begin)]);
    b.model = "base_model";
    b.log = defines(source, "log0") ? "log0" : "print";
    b.patchedBefore = findLine(lines, kEmbedBegin) >= 0;
    // Options: "; key=value" after the marker. Values are Python expressions and may hold "="
    // and ","; they cannot hold ";" (a statement separator, never needed in an expression).
    const std::string rest = trim(lines[size_t(begin)]).substr(std::string(kBeginMarker).size());
    size_t pos = 0;
    while (pos < rest.size()) {
        size_t next = rest.find(';', pos);
        if (next == std::string::npos)
            next = rest.size();
        const std::string item = trim(rest.substr(pos, next - pos));
        pos = next + 1;
        if (item.empty())
            continue;
        const size_t eq = item.find('=');
        check(eq != std::string::npos && eq > 0,
              what + ": line " + std::to_string(begin + 1) + ": \"" + item +
                  "\" is not key=value in the golf-studio serialization marker");
        const std::string key = trim(item.substr(0, eq)), value = trim(item.substr(eq + 1));
        check(!value.empty(), what + ": line " + std::to_string(begin + 1) + ": " + key +
                                  "= has no value");
        if (key == "model")
            b.model = value;
        else if (key == "eval")
            b.evaluate = value;
        else if (key == "log")
            b.log = value;
        else if (key == "train_files")
            b.trainFiles = value;
        else if (key == "seq_len")
            b.seqLen = value;
        else
            throw Error(what + ": line " + std::to_string(begin + 1) + ": unknown option \"" + key +
                        "\" in the golf-studio serialization marker (model, eval, log, "
                        "train_files, seq_len)");
    }
    check(!b.evaluate.empty(),
          what + ": line " + std::to_string(begin + 1) +
              ": the golf-studio serialization marker needs eval=EXPRESSION, which scores the "
              "reloaded model and returns (val_loss, val_bpb), e.g. \"; eval=eval_val(args, model, "
              "...)\"");
    return b;
}

// ---- the baseline's block -------------------------------------------------------------------

std::optional<SerializationBlock> fromBaseline(const Lines &lines, const std::string &source,
                                               const std::string &what)
{
    static const std::regex quantizeCall(R"(quantize_state_dict_int8\(\s*([\w.]+)\.state_dict\(\)\s*\))");
    int q = -1;
    std::smatch m;
    for (int i = 0; i < int(lines.size()) && q < 0; ++i) {
        const std::string t = trim(lines[size_t(i)]);
        if (!startsWith(t, "def ") && !startsWith(t, "#") &&
            std::regex_search(lines[size_t(i)], m, quantizeCall))
            q = i;
    }
    if (q < 0)
        return std::nullopt;
    SerializationBlock b;
    b.anchor = ScriptAnchor::Baseline;
    b.model = m[1];
    // The block starts at the `if master_process:` that saves final_model.pt right before it.
    int first = q;
    for (int i = q - 1; i >= std::max(0, q - 16); --i) {
        if (trim(lines[size_t(i)]) != "if master_process:")
            continue;
        bool saves = false;
        for (int j = i + 1; j < q; ++j)
            saves = saves || (lines[size_t(j)].find("torch.save(") != std::string::npos &&
                              lines[size_t(j)].find("final_model.pt") != std::string::npos);
        if (saves)
            first = i;
        break;
    }
    int label = -1;
    for (int i = q + 1; i < int(lines.size()) && label < 0; ++i)
        if (lines[size_t(i)].find("final_int8_zlib_roundtrip_exact") != std::string::npos)
            label = i;
    check(label > 0, what + ": line " + std::to_string(q + 1) +
                         " quantizes like the baseline, but no later line logs "
                         "final_int8_zlib_roundtrip_exact, so the end of its serialization block "
                         "is unknown. " + kHowToMark);
    // The statement holding the label starts at the last line before it where no bracket is
    // open (the baseline wraps the call: `log0(` on one line, the f-string on the next).
    int stmt = q, depth = 0;
    for (int i = q; i <= label; ++i) {
        if (depth <= 0)
            stmt = i;
        depth += bracketDelta(lines[size_t(i)]);
    }
    const int last = statementEnd(lines, stmt);
    static const std::regex logCall(R"((\w+)\(\s*$|(\w+)\(\s*f?["']final_int8)");
    for (int i = stmt; i <= label; ++i)
        if (std::regex_search(lines[size_t(i)], m, logCall)) {
            b.log = m[1].matched ? m[1].str() : m[2].str();
            break;
        }
    if (b.log.empty())
        b.log = defines(source, "log0") ? "log0" : "print";
    for (int i = q; i <= last && b.evaluate.empty(); ++i) {
        const size_t col = lines[size_t(i)].find("eval_val(");
        if (col != std::string::npos)
            b.evaluate = callText(lines, i, col);
    }
    check(!b.evaluate.empty(),
          what + ": the baseline-style block at " + lineRange(first + 1, last + 1) +
              " scores the model without an eval_val(...) call, so how to evaluate it is "
              "unknown. " + kHowToMark);
    b.firstLine = first + 1;
    b.lastLine = last + 1;
    b.indent = indentOf(lines[size_t(first)]);
    if (source.find("args.train_files") != std::string::npos)
        b.trainFiles = "args.train_files";
    if (source.find("args.train_seq_len") != std::string::npos)
        b.seqLen = "args.train_seq_len";
    return b;
}

// ---- writing ----------------------------------------------------------------------------------

std::string rawString(const std::string &text, const std::string &what)
{
    check(text.find("'''") == std::string::npos,
          what + " contains ''' and cannot be embedded as a raw string");
    size_t backslashes = 0;
    for (auto it = text.rbegin(); it != text.rend() && *it == '\\'; ++it)
        ++backslashes;
    check(backslashes % 2 == 0, what + " ends in a backslash and cannot be embedded");
    return "r'''" + text + "'''";
}

std::string beginMarker(const SerializationBlock &b)
{
    std::string s = std::string(kBeginMarker) + "; model=" + b.model + "; eval=" + b.evaluate +
                    "; log=" + b.log;
    if (!b.trainFiles.empty())
        s += "; train_files=" + b.trainFiles;
    if (!b.seqLen.empty())
        s += "; seq_len=" + b.seqLen;
    return s;
}

// Line index before which the module-level code goes: the top-level statement that holds line
// `at` (with its decorators), or `at` itself when the block is at the top level.
int topLevelStatementOf(const Lines &lines, int at)
{
    if (indentOf(lines[size_t(at)]).empty())
        return at;
    int p = at;
    while (p > 0) {
        --p;
        const std::string &l = lines[size_t(p)];
        if (!l.empty() && indentOf(l).empty() && l[0] != '#' && l[0] != ')' && l[0] != ']' &&
            l[0] != '}')
            break;
    }
    while (p > 0 && startsWith(lines[size_t(p - 1)], "@"))
        --p;
    return p;
}

// Where the preamble goes: before the first top-level import that is not a __future__ import.
int preambleLine(const Lines &lines)
{
    for (int i = 0; i < int(lines.size()); ++i) {
        const std::string &l = lines[size_t(i)];
        if ((startsWith(l, "import ") || startsWith(l, "from ")) &&
            !startsWith(l, "from __future__"))
            return i;
    }
    return -1;
}

} // namespace

std::string SerializationBlock::describe() const
{
    return (anchor == ScriptAnchor::Baseline ? std::string("the baseline's int8+zlib block")
                                             : std::string("golf-studio markers")) +
           " (" + lineRange(firstLine, lastLine) + ")";
}

SerializationBlock findSerializationBlock(const std::string &source, const std::string &what)
{
    const Lines lines = splitLines(source);
    const int begin = findLine(lines, kBeginMarker);
    if (begin >= 0)
        return fromMarkers(lines, source, begin, what);
    check(findLine(lines, kEndMarker) < 0,
          what + ": a \"" + kEndMarker + "\" line without a begin line before it. " + kHowToMark);
    if (auto b = fromBaseline(lines, source, what))
        return *b;
    throw Error(what + ": found neither the baseline's serialization block (the "
                       "quantize_state_dict_int8(...) ... final_int8_zlib_roundtrip_exact lines of "
                       "the challenge's train_gpt.py) nor golf-studio markers, so golf cannot make "
                       "this script write the exported model file. " +
                std::string(kHowToMark));
}

std::string patchTrainScript(const std::string &source, const std::string &what,
                             const ScriptPatchInput &input)
{
    Lines lines = splitLines(source);
    // A patched script's earlier golf sections go first, so they are written only once.
    removeSection(lines, kEmbedBegin, kEmbedEnd);
    removeSection(lines, kPreambleBegin, kPreambleEnd);
    const std::string cleaned = joinLines(lines);
    const SerializationBlock b = findSerializationBlock(cleaned, what);
    const int first = b.firstLine - 1, last = b.lastLine - 1;

    // What stays of the old block: the baseline's own code (when kept), or for markers the
    // user's lines between them that an earlier export did not generate.
    Lines kept;
    if (b.anchor == ScriptAnchor::Baseline) {
        if (input.keepOfficial)
            kept.assign(lines.begin() + first, lines.begin() + last + 1);
    } else if (input.keepOfficial) {
        for (int i = first + 1; i < last; ++i)
            if (lines[size_t(i)].find(kGeneratedTag) == std::string::npos)
                kept.push_back(lines[size_t(i)]);
    }

    const std::string call = "golf_serialize_and_score(" + b.model + ", lambda: " + b.evaluate +
                             ", " + b.log + ", train_files=" +
                             (b.trainFiles.empty() ? "None" : b.trainFiles) + ", seq_len=" +
                             (b.seqLen.empty() ? "None" : b.seqLen) + ", restore=" +
                             (input.keepOfficial ? "True" : "False") + ")  " + kGeneratedTag;
    Lines block{b.indent + beginMarker(b), b.indent + call};
    block.insert(block.end(), kept.begin(), kept.end());
    block.push_back(b.indent + kEndMarker);
    lines.erase(lines.begin() + first, lines.begin() + last + 1);
    lines.insert(lines.begin() + first, block.begin(), block.end());

    const std::string artifact = input.artifactName;
    check(artifact.find_first_of("\"\\\n") == std::string::npos,
          "the artifact name " + artifact + " cannot be written into a Python string");
    Lines embed{
        std::string(kEmbedBegin) +
            " (written by golf export: the golf-mixed-v1 writer and reader, the per-tensor "
            "settings, and the function the serialization block calls; counted code)",
        "_GOLF_MIXED_SOURCE = " + rawString(input.mixedModule, "golf_mixed.py"),
        "_GOLF_TABLE_JSON = " + rawString(input.tableJson, "the settings table"),
        "_GOLF_ARTIFACT = \"" + artifact + "\""};
    for (const std::string &l : splitLines(input.submitModule))
        embed.push_back(l);
    embed.push_back(kEmbedEnd);
    const int at = topLevelStatementOf(lines, first);
    lines.insert(lines.begin() + at, embed.begin(), embed.end());

    // Eval-only reruns skip training where the script reads the baseline's step counts.
    const int pre = preambleLine(lines);
    if (cleaned.find("\"ITERATIONS\"") != std::string::npos && pre >= 0 && pre < at) {
        const Lines preamble{
            kPreambleBegin,
            "import os as _golf_os",
            "if _golf_os.environ.get(\"GOLF_EVAL_ONLY\"):  # re-score that artifact: no training",
            "    _golf_os.environ.setdefault(\"ITERATIONS\", \"0\")",
            "    _golf_os.environ.setdefault(\"WARMUP_STEPS\", \"0\")",
            kPreambleEnd};
        lines.insert(lines.begin() + pre, preamble.begin(), preamble.end());
    }
    return joinLines(lines);
}

} // namespace Core
