// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small command-line parser shared by `golf` and `golf-tokenize` (both Qt-free, so they build
// on a GPU box without Qt). Options are `--name value` or `--name=value`; flags are `--name`.

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace App {

/// Exit codes every command uses.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2, ExitOverBudget = 3 };

/// Thrown for bad command lines; the caller prints it with the usage line and exits 2.
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class ArgParser
{
public:
    ArgParser(std::string program, std::string summary);

    /// `--name VALUE`; an empty default means "not set" for has().
    void addOption(const std::string &name, const std::string &valueName, const std::string &help,
                   const std::string &defaultValue = {});
    void addFlag(const std::string &name, const std::string &help);
    /// Positional arguments in order; `many` takes the rest.
    void addPositional(const std::string &name, const std::string &help, bool required = true,
                       bool many = false);
    /// Free text printed after the option list (examples, notes).
    void setEpilog(const std::string &text) { m_epilog = text; }

    /// Parses argv[first..argc). Throws UsageError on unknown options, missing values or
    /// missing positionals. `--help`/`-h` sets helpRequested() and skips the required checks.
    void parse(int argc, char **argv, int first = 1);

    bool helpRequested() const { return m_help; }
    std::string help() const;

    /// True if the option was given or has a non-empty default; for flags, if given.
    bool has(const std::string &name) const;
    std::string value(const std::string &name) const;
    int64_t intValue(const std::string &name) const;
    double doubleValue(const std::string &name) const;
    /// Every value of a repeatable option, in order (`--set a=1 --set b=2`).
    std::vector<std::string> values(const std::string &name) const;
    std::vector<std::string> positional(const std::string &name) const;

private:
    struct Option
    {
        std::string name, valueName, help, defaultValue;
        bool flag = false;
    };
    struct Positional
    {
        std::string name, help;
        bool required = true, many = false;
    };
    const Option &option(const std::string &name) const;

    std::string m_program, m_summary, m_epilog;
    std::vector<Option> m_options;
    std::vector<Positional> m_positionals;
    std::map<std::string, std::vector<std::string>> m_values;
    std::map<std::string, std::vector<std::string>> m_posValues;
    bool m_help = false;
};

} // namespace App
