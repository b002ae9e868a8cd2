// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Required keys of a JSON object, read with their type checked: the readers of what golf's own
// writers produce (job/ messages between the window and a golf child). A missing or mistyped
// key throws Core::Error "<what>: key "<key>" ...", so a malformed message names itself.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace Core::Json {

const nlohmann::json &field(const nlohmann::json &object, const char *key, const std::string &what);
std::string text(const nlohmann::json &object, const char *key, const std::string &what);
int64_t integer(const nlohmann::json &object, const char *key, const std::string &what);
double number(const nlohmann::json &object, const char *key, const std::string &what);
/// A number, or null for a value JSON cannot hold (NaN, infinities): read back as NaN.
double numberOrNan(const nlohmann::json &object, const char *key, const std::string &what);
bool boolean(const nlohmann::json &object, const char *key, const std::string &what);
std::vector<int64_t> integers(const nlohmann::json &object, const char *key, const std::string &what);
const nlohmann::json &array(const nlohmann::json &object, const char *key, const std::string &what);
const nlohmann::json &object(const nlohmann::json &object, const char *key, const std::string &what);

/// `value` as JSON, null when it is not finite (the inverse of numberOrNan).
nlohmann::json finiteOrNull(double value);

} // namespace Core::Json
