// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// submission.json of a records folder (PARAMETER_GOLF.md §1.3), read from a bundle someone
// hands us. The challenge never validated the schema, and field names vary between records, so
// the reader is strict about the few fields a size check and a score need and tolerant of the
// rest:
//   name         non-empty string                       required
//   val_bpb      number > 0, or null (not measured)     required
//   bytes_total  integer >= 0                           required
//   bytes_code   integer >= 0, <= bytes_total           required
//   author, github_id, blurb, date, track               string when present
//   val_loss                                            number or null when present
//   golf_bytes_model (ours)  integer >= 0, == bytes_total - bytes_code when present
//   golf_format (ours)                                  string when present
// Every other field is kept in `json` untouched. Errors name the file and the field.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Core {

struct SubmissionInfo
{
    std::string name, author, githubId, blurb, date, track;
    std::optional<double> valBpb, valLoss;
    int64_t bytesTotal = 0;
    int64_t bytesCode = 0;
    std::optional<int64_t> bytesModel; ///< golf_bytes_model, written by golf export
    std::string golfFormat;            ///< golf_format, written by golf export
    nlohmann::json json;               ///< the whole document
};

/// Parses and validates the text of a submission.json; errors read
/// "<what>: <field>: <problem>" (or "<what>: not valid JSON: ...").
SubmissionInfo parseSubmissionInfo(std::string_view text, const std::string &what);

/// Reads and parses a file (at most 1 MiB: a submission.json is a few hundred bytes); errors
/// name `path`.
SubmissionInfo readSubmissionInfo(const std::string &path);

} // namespace Core
