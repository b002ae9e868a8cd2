// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentformat.h"

#include "common/error.h"

#include <algorithm>
#include <filesystem>

namespace Core {

namespace fs = std::filesystem;

namespace {

struct FormatName
{
    DocumentFormat format;
    const char *name;
};

constexpr FormatName kNames[] = {
    {DocumentFormat::Auto, "auto"},       {DocumentFormat::Blocks, "blocks"},
    {DocumentFormat::Lines, "lines"},     {DocumentFormat::Jsonl, "jsonl"},
    {DocumentFormat::Fortune, "fortune"},
};

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

long long sizeOf(const fs::path &path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    return ec ? 0 : static_cast<long long>(size);
}

void listFolder(const fs::path &dir, DocumentFormat format, std::vector<InputFile> &out)
{
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path &p = it->path();
        const std::string name = p.filename().string();
        if (name.empty() || name[0] == '.')
            continue;
        if (format == DocumentFormat::Fortune && (it->is_symlink() || endsWith(name, ".dat")))
            continue;
        if (it->is_regular_file())
            files.push_back(p);
    }
    check(!ec, dir.string() + ": cannot list folder: " + ec.message());
    check(!files.empty(), dir.string() + ": folder holds no text files to read");
    std::sort(files.begin(), files.end());
    for (const auto &p : files)
        out.push_back({p.string(), format, sizeOf(p)});
}

} // namespace

DocumentFormat parseDocumentFormat(const std::string &name)
{
    for (const auto &n : kNames) {
        if (name == n.name)
            return n.format;
    }
    throw Error("unknown text format '" + name +
                "' (expected auto, blocks, lines, jsonl or fortune)");
}

std::string documentFormatName(DocumentFormat format)
{
    for (const auto &n : kNames) {
        if (format == n.format)
            return n.name;
    }
    return "?";
}

std::vector<InputFile> listInputFiles(const std::vector<std::string> &inputs, DocumentFormat format)
{
    check(!inputs.empty(), "no input files given");
    std::vector<InputFile> out;
    for (const auto &input : inputs) {
        std::error_code ec;
        const fs::path path(input);
        const auto status = fs::status(path, ec);
        check(!ec && fs::exists(status), input + ": no such file or folder");
        if (fs::is_directory(status)) {
            listFolder(path, format == DocumentFormat::Auto ? DocumentFormat::Fortune : format,
                       out);
            continue;
        }
        DocumentFormat resolved = format;
        if (resolved == DocumentFormat::Auto)
            resolved = endsWith(input, ".jsonl") ? DocumentFormat::Jsonl : DocumentFormat::Blocks;
        out.push_back({input, resolved, sizeOf(path)});
    }
    return out;
}

} // namespace Core
