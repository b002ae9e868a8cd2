// SPDX-License-Identifier: GPL-3.0-or-later
#include "packinputs.h"

#include "commands.h"
#include "common/error.h"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace App {

std::vector<std::string> recipePresetNames()
{
    std::vector<std::string> names;
    const std::string res = resourceDir();
    if (res.empty() || !fs::is_directory(res + "/recipes"))
        return names;
    for (const auto &entry : fs::directory_iterator(res + "/recipes"))
        if (entry.path().extension() == ".json")
            names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string recipePresetList()
{
    std::string out;
    for (const auto &name : recipePresetNames())
        out += (out.empty() ? "" : ", ") + name;
    return out.empty() ? "(none found)" : out;
}

Core::Recipe loadRecipeArg(const std::string &value)
{
    if (value.empty())
        return Core::Recipe::defaultRecipe();
    if (fs::is_regular_file(value))
        return Core::Recipe::load(value);
    const std::string res = resourceDir();
    const std::string preset = res + "/recipes/" + value + ".json";
    if (!res.empty() && fs::is_regular_file(preset))
        return Core::Recipe::load(preset);
    throw Core::Error("--recipe " + value + ": no such file, and not a preset (presets: " + recipePresetList() + ")");
}

std::string mixedReaderPath()
{
    for (const fs::path &candidate : {fs::path(GOLF_SOURCE_READER), fs::path(GOLF_INSTALL_READER)})
        if (fs::is_regular_file(candidate))
            return candidate.string();
    return {};
}

} // namespace App
