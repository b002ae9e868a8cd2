// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/dataset.h"

#include "common/error.h"

#include <filesystem>
#include <set>

namespace Core {

namespace fs = std::filesystem;

namespace {

// The prefix of the first file named <prefix><marker>NNNNNN.bin in `dir`, or empty.
std::string findPrefix(const std::string &dir, const std::string &marker)
{
    std::set<std::string> prefixes;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        const auto at = name.rfind(marker);
        if (at != std::string::npos && name.size() > 4 && name.compare(name.size() - 4, 4, ".bin") == 0)
            prefixes.insert(name.substr(0, at));
    }
    check(prefixes.size() <= 1, dir + " holds shards of several datasets (prefixes "
                                    + *prefixes.begin() + " and " + *prefixes.rbegin() + ")");
    return prefixes.empty() ? std::string() : *prefixes.begin();
}

} // namespace

DatasetPaths datasetPaths(const std::string &dir, bool requireTrain)
{
    check(fs::is_directory(dir), "dataset folder " + dir + " does not exist");
    DatasetPaths p;
    const std::string val = findPrefix(dir, "_val_");
    check(!val.empty(), dir + " has no validation shards (*_val_*.bin)");
    p.valGlob = dir + "/" + val + "_val_*.bin";
    const std::string train = findPrefix(dir, "_train_");
    check(!requireTrain || !train.empty(), dir + " has no training shards (*_train_*.bin)");
    if (!train.empty())
        p.trainGlob = dir + "/" + train + "_train_*.bin";
    p.byteLuts = dir + "/tokenizer.luts.json";
    check(fs::exists(p.byteLuts), dir + " has no tokenizer.luts.json; write it with "
                                        "`golf tokenize luts --model M --out " + p.byteLuts + "`");
    return p;
}

} // namespace Core
