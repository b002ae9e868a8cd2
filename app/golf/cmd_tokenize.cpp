// SPDX-License-Identifier: GPL-3.0-or-later
// `golf tokenize`: hands over to the golf-tokenize helper. SentencePiece and libtorch cannot
// share a process (DESIGN.md §3), so tokenization always runs in that separate executable.

#include "cli/args.h"
#include "commands.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include <unistd.h>

namespace App {

namespace fs = std::filesystem;

std::string findTokenizeHelper()
{
    if (const char *env = std::getenv("GOLF_TOKENIZE"); env && *env)
        return env;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const fs::path &candidate : {self.parent_path() / "golf-tokenize",
                                          self.parent_path().parent_path() / "tokenize" / "golf-tokenize"})
            if (::access(candidate.c_str(), X_OK) == 0)
                return candidate.string();
    }
    if (const char *path = std::getenv("PATH")) {
        std::string dirs = path;
        size_t start = 0;
        while (start <= dirs.size()) {
            const size_t end = std::min(dirs.find(':', start), dirs.size());
            const fs::path candidate = fs::path(dirs.substr(start, end - start)) / "golf-tokenize";
            if (::access(candidate.c_str(), X_OK) == 0)
                return candidate.string();
            start = end + 1;
        }
    }
    return {};
}

int runTokenize(int argc, char **argv)
{
    const std::string helper = findTokenizeHelper();
    if (helper.empty()) {
        std::fprintf(stderr, "golf tokenize: cannot find the golf-tokenize helper (set GOLF_TOKENIZE)\n");
        return ExitFailure;
    }
    std::vector<char *> args;
    args.push_back(const_cast<char *>(helper.c_str()));
    for (int i = 1; i < argc; ++i)
        args.push_back(argv[i]);
    args.push_back(nullptr);
    ::execv(helper.c_str(), args.data());
    std::fprintf(stderr, "golf tokenize: cannot run %s: %s\n", helper.c_str(), std::strerror(errno));
    return ExitFailure;
}

} // namespace App
