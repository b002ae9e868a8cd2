// SPDX-License-Identifier: GPL-3.0-or-later
#include "ship/submissioninfo.h"

#include "common/error.h"

#include <cmath>
#include <filesystem>
#include <fstream>

namespace Core {

namespace {

// A real submission.json is well under 10 KB; the cap keeps a hostile one from being read
// into memory whole.
constexpr uintmax_t kMaxFileBytes = 1 << 20;

/// nlohmann's type names ("number", "string", ...) for "is a string, expected ..." messages.
std::string typeOf(const nlohmann::json &v)
{
    if (v.is_number_integer())
        return "an integer";
    if (v.is_number_float())
        return "a fractional number";
    if (v.is_null())
        return "null";
    const std::string t = v.type_name();
    return (t[0] == 'a' || t[0] == 'o' ? "an " : "a ") + t;
}

class Fields
{
public:
    Fields(const nlohmann::json &doc, const std::string &what)
        : m_doc(doc)
        , m_what(what)
    {}

    [[noreturn]] void fail(const std::string &field, const std::string &problem) const
    {
        throw Error(m_what + ": " + field + ": " + problem);
    }

    const nlohmann::json *find(const std::string &field) const
    {
        auto it = m_doc.find(field);
        return it == m_doc.end() ? nullptr : &*it;
    }
    const nlohmann::json &need(const std::string &field) const
    {
        const nlohmann::json *v = find(field);
        if (!v)
            fail(field, "missing (a submission.json needs name, val_bpb, bytes_total and bytes_code)");
        return *v;
    }

    std::string string(const std::string &field, bool required) const
    {
        const nlohmann::json *v = required ? &need(field) : find(field);
        if (!v)
            return {};
        if (!v->is_string())
            fail(field, "is " + typeOf(*v) + ", expected a string");
        return v->get<std::string>();
    }

    /// A byte count: a JSON integer >= 0 (15863489, not 15863489.0 or "15863489").
    std::optional<int64_t> bytes(const std::string &field, bool required) const
    {
        const nlohmann::json *v = required ? &need(field) : find(field);
        if (!v)
            return std::nullopt;
        if (v->is_number_unsigned()) {
            const uint64_t n = v->get<uint64_t>();
            if (n > uint64_t(INT64_MAX))
                fail(field, "byte count " + v->dump() + " is out of range");
            return int64_t(n);
        }
        if (v->is_number_integer())
            fail(field, "is negative (" + v->dump() + "), expected a byte count >= 0");
        fail(field, "is " + typeOf(*v) + ", expected an integer byte count");
    }

    /// A score: a finite number, or null for "not measured".
    std::optional<double> score(const std::string &field, bool required) const
    {
        const nlohmann::json *v = required ? &need(field) : find(field);
        if (!v || v->is_null())
            return std::nullopt;
        if (!v->is_number())
            fail(field, "is " + typeOf(*v) + ", expected a number (or null when not measured)");
        const double d = v->get<double>();
        if (!std::isfinite(d) || d <= 0)
            fail(field, "is " + v->dump() + ", expected a positive number");
        return d;
    }

private:
    const nlohmann::json &m_doc;
    const std::string &m_what;
};

} // namespace

SubmissionInfo parseSubmissionInfo(std::string_view text, const std::string &what)
{
    SubmissionInfo info;
    try {
        info.json = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception &e) {
        throw Error(what + ": not valid JSON: " + e.what());
    }
    if (!info.json.is_object())
        throw Error(what + ": is " + typeOf(info.json) + ", expected a JSON object of submission fields");
    const Fields f(info.json, what);
    info.name = f.string("name", true);
    if (info.name.empty())
        f.fail("name", "is empty");
    info.author = f.string("author", false);
    info.githubId = f.string("github_id", false);
    info.blurb = f.string("blurb", false);
    info.date = f.string("date", false);
    info.track = f.string("track", false);
    info.valBpb = f.score("val_bpb", true);
    info.valLoss = f.score("val_loss", false);
    info.bytesTotal = *f.bytes("bytes_total", true);
    info.bytesCode = *f.bytes("bytes_code", true);
    if (info.bytesCode > info.bytesTotal)
        f.fail("bytes_code", std::to_string(info.bytesCode) + " is more than bytes_total "
                                 + std::to_string(info.bytesTotal));
    info.bytesModel = f.bytes("golf_bytes_model", false);
    if (info.bytesModel && *info.bytesModel != info.bytesTotal - info.bytesCode)
        f.fail("golf_bytes_model", std::to_string(*info.bytesModel) + " is not bytes_total - bytes_code = "
                                       + std::to_string(info.bytesTotal - info.bytesCode));
    info.golfFormat = f.string("golf_format", false);
    return info;
}

SubmissionInfo readSubmissionInfo(const std::string &path)
{
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(path, ec);
    check(!ec, path + ": cannot read submission.json: " + ec.message());
    check(size <= kMaxFileBytes, path + ": " + std::to_string(size)
                                     + " bytes is far too large for a submission.json");
    std::ifstream in(path, std::ios::binary);
    check(bool(in), path + ": cannot open submission.json");
    std::string text(static_cast<size_t>(size), '\0');
    in.read(text.data(), std::streamsize(size));
    check(in.gcount() == std::streamsize(size), path + ": cannot read submission.json");
    return parseSubmissionInfo(text, path);
}

} // namespace Core
