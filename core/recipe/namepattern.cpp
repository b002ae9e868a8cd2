// SPDX-License-Identifier: GPL-3.0-or-later
#include "recipe/namepattern.h"

#include "common/error.h"

#include <nlohmann/json.hpp>
#include <re2/re2.h>

namespace Core {

namespace {

std::shared_ptr<const re2::RE2> compile(const std::string &pattern)
{
    re2::RE2::Options options;
    options.set_log_errors(false); // the error goes into our message, not to stderr
    return std::make_shared<const re2::RE2>(pattern, options);
}

} // namespace

NamePattern::NamePattern(const std::string &pattern, const std::string &path)
    : m_re(compile(pattern))
{
    check(m_re->ok(), path + ": invalid regular expression " + nlohmann::json(pattern).dump() + ": "
                          + m_re->error());
}

bool NamePattern::search(const std::string &name) const
{
    return re2::RE2::PartialMatch(name, *m_re);
}

std::string NamePattern::problem(const std::string &pattern)
{
    const auto re = compile(pattern);
    return re->ok() ? std::string() : re->error();
}

} // namespace Core
