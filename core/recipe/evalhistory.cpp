// SPDX-License-Identifier: GPL-3.0-or-later
#include "recipe/evalhistory.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "common/jsonfields.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Core {

namespace {

using nlohmann::json;

std::string errnoText() { return std::strerror(errno); }

[[noreturn]] void fail(const std::string &what, const std::string &key, const std::string &why)
{
    throw Error(what + ": key \"" + key + "\" " + why);
}

std::string typeOf(const json &v)
{
    return v.is_number_integer() ? "integer" : v.is_number() ? "number" : v.type_name();
}

std::string stringKey(const json &j, const char *key, const std::string &what)
{
    if (!j.contains(key))
        return {};
    const json &v = j[key];
    if (!v.is_string())
        fail(what, key, "must be a string, got " + typeOf(v));
    return v.get<std::string>();
}

int64_t integerKey(const json &j, const char *key, const std::string &what, bool required)
{
    if (!j.contains(key)) {
        if (required)
            fail(what, key, "is missing");
        return 0;
    }
    const json &v = j[key];
    if (!v.is_number_integer())
        fail(what, key, "must be an integer, got " + typeOf(v));
    if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX))
        fail(what, key, "is too large: " + v.dump());
    const int64_t n = v.get<int64_t>();
    if (n < 0)
        fail(what, key, "must not be negative, got " + std::to_string(n));
    return n;
}

// JSON has no NaN: toJson() writes a non-finite value (a diverged evaluation) as null, and null
// reads back as NaN so such a record still round-trips.
double numberKey(const json &j, const char *key, const std::string &what, bool required)
{
    if (!j.contains(key)) {
        if (required)
            fail(what, key, "is missing");
        return std::numeric_limits<double>::quiet_NaN();
    }
    const json &v = j[key];
    if (v.is_null())
        return std::numeric_limits<double>::quiet_NaN();
    if (!v.is_number())
        fail(what, key, "must be a number, got " + typeOf(v));
    return v.get<double>();
}

// Shortest decimal form that reads back as the same double (%.15g usually, %.17g otherwise);
// empty for NaN so a spreadsheet shows a blank cell.
std::string fullPrecision(double d)
{
    if (std::isnan(d))
        return {};
    char buf[40];
    for (int digits : {15, 16, 17}) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, d);
        if (std::strtod(buf, nullptr) == d)
            break;
    }
    return buf;
}

// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled.
std::string csvField(const std::string &s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

std::string envOrEmpty(const char *name)
{
    const char *v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

void writeAll(int fd, const std::string &bytes, const std::string &path)
{
    const char *p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw Error("cannot append to " + path + ": " + errnoText());
        p += n;
        left -= size_t(n);
    }
}

} // namespace

json RecipeEval::toJson() const
{
    json j = json::object();
    j["label"] = label;
    j["recipe"] = recipe;
    j["format"] = format;
    j["model_bytes"] = modelBytes;
    j["code_bytes"] = codeBytes;
    j["total_bytes"] = totalBytes(); // for readers of the file; fromJson() recomputes it
    j["val_loss"] = Json::finiteOrNull(valLoss);
    j["val_bpb"] = Json::finiteOrNull(valBpb);
    j["eval_tokens"] = evalTokens;
    j["slice"] = slice;
    j["source"] = source;
    j["time"] = time;
    return j;
}

RecipeEval RecipeEval::fromJson(const json &j, const std::string &what)
{
    if (!j.is_object())
        throw Error(what + ": an evaluation record must be a JSON object, got " + typeOf(j));
    // The point itself (bytes, bpb) is required; the rest is descriptive and may be absent in
    // records written by hand or by older versions.
    RecipeEval e;
    e.label = stringKey(j, "label", what);
    e.recipe = j.contains("recipe") ? j["recipe"] : json();
    e.format = stringKey(j, "format", what);
    e.modelBytes = integerKey(j, "model_bytes", what, true);
    e.codeBytes = integerKey(j, "code_bytes", what, false);
    e.valLoss = numberKey(j, "val_loss", what, false);
    e.valBpb = numberKey(j, "val_bpb", what, true);
    e.evalTokens = integerKey(j, "eval_tokens", what, false);
    e.slice = stringKey(j, "slice", what);
    e.source = stringKey(j, "source", what);
    e.time = stringKey(j, "time", what);
    return e;
}

std::string checkpointFingerprint(const std::string &checkpointPath)
{
    std::ifstream in(checkpointPath, std::ios::binary);
    if (!in)
        throw Error("cannot read checkpoint " + checkpointPath + ": " + errnoText());
    // Streamed: checkpoints can be far larger than we want to hold in memory twice.
    std::vector<char> buf(size_t(1) << 20);
    uLong crc = crc32(0L, Z_NULL, 0);
    uint64_t size = 0;
    while (in) {
        in.read(buf.data(), std::streamsize(buf.size()));
        const std::streamsize got = in.gcount();
        if (got <= 0)
            break;
        crc = crc32(crc, reinterpret_cast<const Bytef *>(buf.data()), uInt(got));
        size += uint64_t(got);
    }
    if (in.bad())
        throw Error("cannot read checkpoint " + checkpointPath + ": " + errnoText());
    char hex[16];
    std::snprintf(hex, sizeof hex, "%08lx", static_cast<unsigned long>(crc & 0xffffffffUL));
    return std::to_string(size) + "-" + hex;
}

std::string checkpointCacheDir(const std::string &checkpointPath)
{
    namespace fs = std::filesystem;
    fs::path root;
    const std::string golf = envOrEmpty("GOLF_CACHE_DIR");
    const std::string xdg = envOrEmpty("XDG_CACHE_HOME");
    const std::string home = envOrEmpty("HOME");
    if (!golf.empty())
        root = golf;
    else if (!xdg.empty() && fs::path(xdg).is_absolute()) // the XDG spec ignores relative paths
        root = fs::path(xdg) / "golf-studio";
    else if (!home.empty())
        root = fs::path(home) / ".cache" / "golf-studio";
    else
        throw Error("no cache folder for " + checkpointPath +
                    ": set GOLF_CACHE_DIR, XDG_CACHE_HOME or HOME");
    return (root / checkpointFingerprint(checkpointPath)).string();
}

namespace EvalHistory {

std::string pathFor(const std::string &checkpointPath)
{
    return (std::filesystem::path(checkpointCacheDir(checkpointPath)) / "evals.jsonl").string();
}

std::vector<RecipeEval> load(const std::string &historyPath, int *skipped)
{
    if (skipped)
        *skipped = 0;
    std::vector<RecipeEval> out;
    std::ifstream in(historyPath, std::ios::binary);
    if (!in) {
        if (errno == ENOENT)
            return out;
        throw Error("cannot read evaluation history " + historyPath + ": " + errnoText());
    }
    std::string line;
    size_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        try {
            const json j = json::parse(line);
            out.push_back(RecipeEval::fromJson(j, historyPath + ":" + std::to_string(lineNo)));
        } catch (const std::exception &) {
            // A torn line from a crash mid-append, or a record we cannot read: skip it.
            if (skipped)
                ++*skipped;
        }
    }
    if (in.bad())
        throw Error("cannot read evaluation history " + historyPath + ": " + errnoText());
    return out;
}

void append(const std::string &historyPath, const RecipeEval &record)
{
    const std::filesystem::path path(historyPath);
    if (path.has_parent_path())
        makeDirs(path.parent_path().string());
    // Invalid UTF-8 in a label must not lose the record: replace it rather than throw.
    std::string line = record.toJson().dump(-1, ' ', false, json::error_handler_t::replace);
    line += '\n';

    const int fd = ::open(historyPath.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error("cannot open " + historyPath + " for appending: " + errnoText());
    try {
        // A crash mid-append leaves a last line without its newline; start on a fresh line so
        // only the torn record is lost, not this one too.
        struct stat st{};
        if (::fstat(fd, &st) == 0 && st.st_size > 0) {
            char last = '\n';
            if (::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
                line.insert(line.begin(), '\n');
        }
        // One write: concurrent appenders (O_APPEND) do not interleave within a record.
        writeAll(fd, line, historyPath);
        if (::fdatasync(fd) != 0)
            throw Error("cannot flush " + historyPath + ": " + errnoText());
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0)
        throw Error("cannot close " + historyPath + ": " + errnoText());
}

} // namespace EvalHistory

std::vector<size_t> paretoFrontier(const std::vector<int64_t> &bytes, const std::vector<double> &bpb)
{
    check(bytes.size() == bpb.size(), "Pareto frontier: " + std::to_string(bytes.size()) +
                                          " byte counts but " + std::to_string(bpb.size()) +
                                          " bpb values");
    std::vector<size_t> order;
    for (size_t i = 0; i < bytes.size(); ++i)
        if (!std::isnan(bpb[i])) // a failed evaluation is no point at all
            order.push_back(i);
    // By bytes, then bpb, then position: within a run of equal bytes the best comes first, and
    // among exact duplicates the first recorded.
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (bytes[a] != bytes[b])
            return bytes[a] < bytes[b];
        if (bpb[a] != bpb[b])
            return bpb[a] < bpb[b];
        return a < b;
    });
    // A point is on the frontier iff it beats the bpb of everything with no more bytes.
    std::vector<size_t> frontier;
    for (size_t i : order)
        if (frontier.empty() || bpb[i] < bpb[frontier.back()])
            frontier.push_back(i);
    return frontier;
}

std::string evalHistoryCsv(const std::vector<RecipeEval> &records)
{
    std::vector<int64_t> bytes;
    std::vector<double> bpb;
    for (const RecipeEval &r : records) {
        bytes.push_back(r.totalBytes());
        bpb.push_back(r.valBpb);
    }
    std::vector<char> onFrontier(records.size(), 0);
    for (size_t i : paretoFrontier(bytes, bpb))
        onFrontier[i] = 1;

    std::string out = "label,source,format,model_bytes,code_bytes,total_bytes,val_loss,val_bpb,"
                      "eval_tokens,slice,on_frontier,time\n";
    for (size_t i = 0; i < records.size(); ++i) {
        const RecipeEval &r = records[i];
        out += csvField(r.label) + ',' + csvField(r.source) + ',' + csvField(r.format) + ',' +
               std::to_string(r.modelBytes) + ',' + std::to_string(r.codeBytes) + ',' +
               std::to_string(r.totalBytes()) + ',' + fullPrecision(r.valLoss) + ',' +
               fullPrecision(r.valBpb) + ',' + std::to_string(r.evalTokens) + ',' +
               csvField(r.slice) + ',' + (onFrontier[i] ? "1" : "0") + ',' + csvField(r.time) +
               '\n';
    }
    return out;
}

} // namespace Core
