// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The `match` of a recipe rule: a regular expression searched anywhere in a tensor's name.
// RE2 (github.com/google/re2/wiki/Syntax), which runs in time linear in the name whatever the
// pattern: recipes are shared files, and a backtracking engine (std::regex, PCRE) takes
// exponential time on patterns like "(a+)+$" or "e??????????????????????????" - fuzzing a recipe
// hung golf for seconds per tensor. The syntax is ECMAScript's for everything a name pattern
// needs (classes, anchors, alternation, groups, counted repeats); backreferences and lookarounds
// are refused with a message.

#include <memory>
#include <string>

namespace re2 {
class RE2;
}

namespace Core {

class NamePattern
{
public:
    /// Compiles `pattern`; throws Core::Error("<path>: invalid regular expression ...: <why>").
    NamePattern(const std::string &pattern, const std::string &path);
    /// True when the pattern matches somewhere in `name` (std::regex_search's sense).
    bool search(const std::string &name) const;
    /// Compiles without throwing: the reason `pattern` is invalid, "" when it is valid.
    static std::string problem(const std::string &pattern);

private:
    std::shared_ptr<const re2::RE2> m_re; // shared: rules copy patterns around
};

} // namespace Core
