// SPDX-License-Identifier: GPL-3.0-or-later
#include "args.h"

#include <algorithm>
#include <sstream>

namespace App {

ArgParser::ArgParser(std::string program, std::string summary)
    : m_program(std::move(program))
    , m_summary(std::move(summary))
{}

void ArgParser::addOption(const std::string &name, const std::string &valueName,
                          const std::string &help, const std::string &defaultValue)
{
    m_options.push_back({name, valueName, help, defaultValue, false});
}

void ArgParser::addFlag(const std::string &name, const std::string &help)
{
    m_options.push_back({name, {}, help, {}, true});
}

void ArgParser::addPositional(const std::string &name, const std::string &help, bool required,
                              bool many)
{
    m_positionals.push_back({name, help, required, many});
}

const ArgParser::Option &ArgParser::option(const std::string &name) const
{
    auto it = std::find_if(m_options.begin(), m_options.end(),
                           [&](const Option &o) { return o.name == name; });
    if (it == m_options.end())
        throw std::logic_error("ArgParser: option --" + name + " was never declared");
    return *it;
}

void ArgParser::parse(int argc, char **argv, int first)
{
    std::vector<std::string> rest;
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            m_help = true;
            continue;
        }
        if (arg == "--") {
            for (++i; i < argc; ++i)
                rest.emplace_back(argv[i]);
            break;
        }
        if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
            rest.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2), inlineValue;
        bool hasInline = false;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
            hasInline = true;
        }
        auto it = std::find_if(m_options.begin(), m_options.end(),
                               [&](const Option &o) { return o.name == name; });
        if (it == m_options.end())
            throw UsageError("unknown option --" + name);
        if (it->flag) {
            if (hasInline)
                throw UsageError("option --" + name + " takes no value");
            m_values[name].push_back("1");
        } else if (hasInline) {
            m_values[name].push_back(inlineValue);
        } else {
            if (i + 1 >= argc)
                throw UsageError("option --" + name + " needs a value (" + it->valueName + ")");
            m_values[name].push_back(argv[++i]);
        }
    }
    if (m_help)
        return;
    size_t next = 0;
    for (const auto &p : m_positionals) {
        if (p.many) {
            m_posValues[p.name].assign(rest.begin() + long(std::min(next, rest.size())), rest.end());
            next = rest.size();
        } else if (next < rest.size()) {
            m_posValues[p.name] = {rest[next++]};
        }
        if (p.required && m_posValues[p.name].empty())
            throw UsageError("missing argument " + p.name);
    }
    if (next < rest.size())
        throw UsageError("unexpected argument '" + rest[next] + "'");
}

bool ArgParser::has(const std::string &name) const
{
    const Option &o = option(name);
    return m_values.count(name) || (!o.flag && !o.defaultValue.empty());
}

std::string ArgParser::value(const std::string &name) const
{
    const Option &o = option(name);
    auto it = m_values.find(name);
    return it != m_values.end() ? it->second.back() : o.defaultValue;
}

int64_t ArgParser::intValue(const std::string &name) const
{
    const std::string v = value(name);
    try {
        size_t used = 0;
        const long long n = std::stoll(v, &used);
        if (used == v.size())
            return n;
    } catch (const std::exception &) {
    }
    throw UsageError("option --" + name + " expects an integer, got '" + v + "'");
}

double ArgParser::doubleValue(const std::string &name) const
{
    const std::string v = value(name);
    try {
        size_t used = 0;
        const double d = std::stod(v, &used);
        if (used == v.size())
            return d;
    } catch (const std::exception &) {
    }
    throw UsageError("option --" + name + " expects a number, got '" + v + "'");
}

std::vector<std::string> ArgParser::values(const std::string &name) const
{
    option(name);
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> ArgParser::positional(const std::string &name) const
{
    auto it = m_posValues.find(name);
    return it == m_posValues.end() ? std::vector<std::string>{} : it->second;
}

std::string ArgParser::help() const
{
    std::ostringstream out;
    out << "Usage: " << m_program << " [options]";
    for (const auto &p : m_positionals)
        out << ' ' << (p.required ? "" : "[") << p.name << (p.many ? "..." : "")
            << (p.required ? "" : "]");
    out << "\n\n" << m_summary << "\n";
    if (!m_positionals.empty()) {
        out << "\nArguments:\n";
        for (const auto &p : m_positionals)
            out << "  " << p.name << "\n      " << p.help << "\n";
    }
    out << "\nOptions:\n";
    for (const auto &o : m_options) {
        out << "  --" << o.name;
        if (!o.flag)
            out << ' ' << o.valueName;
        out << "\n      " << o.help;
        if (!o.defaultValue.empty())
            out << " (default: " << o.defaultValue << ")";
        out << "\n";
    }
    out << "  --help\n      Show this help and exit.\n";
    if (!m_epilog.empty())
        out << "\n" << m_epilog << "\n";
    return out.str();
}

} // namespace App
