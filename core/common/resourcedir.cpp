// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/resourcedir.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace Core {

namespace {

// A folder is a resource folder when it holds what golf or golf-studio come for.
bool isResourceDir(const fs::path &dir)
{
    std::error_code ec;
    return fs::is_regular_file(dir / "demo" / "demo.json", ec) ||
           fs::is_directory(dir / "recipes", ec);
}

std::string canonicalText(const fs::path &p)
{
    std::error_code ec;
    const fs::path c = fs::canonical(p, ec);
    return ec ? p.lexically_normal().string() : c.string();
}

std::string existingFile(const fs::path &p)
{
    std::error_code ec;
    return fs::is_regular_file(p, ec) ? canonicalText(p) : std::string();
}

} // namespace

std::string executableDir()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : self.parent_path().string();
}

std::string resourceDirFor(const std::string &exeDir)
{
    // The override first, so a test or a relocated copy is never shadowed by an installed one.
    if (const char *env = std::getenv("GOLF_RESOURCE_DIR"); env && *env && isResourceDir(env))
        return canonicalText(env);
    // <prefix>/bin/golf reads <prefix>/share/golf-studio: an extracted package or a relocated
    // prefix uses its own files, never a source tree or another prefix compiled in.
    if (!exeDir.empty()) {
        const fs::path share = fs::path(exeDir) / ".." / "share" / "golf-studio";
        if (isResourceDir(share))
            return canonicalText(share);
    }
#ifdef GOLF_SOURCE_RESOURCES
    // Build-tree fallback (the source tree's resources/), only where a build defines it.
    if (isResourceDir(GOLF_SOURCE_RESOURCES))
        return canonicalText(GOLF_SOURCE_RESOURCES);
#endif
    return {};
}

std::string resourceDir()
{
    return resourceDirFor(executableDir());
}

std::vector<std::string> recipePresetPaths()
{
    std::vector<std::string> out;
    const std::string res = resourceDir();
    std::error_code ec;
    if (res.empty() || !fs::is_directory(fs::path(res) / "recipes", ec))
        return out;
    for (const auto &entry : fs::directory_iterator(fs::path(res) / "recipes", ec))
        if (entry.path().extension() == ".json" && entry.is_regular_file(ec))
            out.push_back(entry.path().string());
    std::sort(out.begin(), out.end(), [](const std::string &a, const std::string &b) {
        return fs::path(a).filename() < fs::path(b).filename();
    });
    return out;
}

std::string recipePresetPath(const std::string &name)
{
    const std::string res = resourceDir();
    if (res.empty() || name.empty() || name.find('/') != std::string::npos)
        return {};
    return existingFile(fs::path(res) / "recipes" / (name + ".json"));
}

std::string demoDescriptionPath()
{
    const std::string res = resourceDir();
    return res.empty() ? std::string() : existingFile(fs::path(res) / "demo" / "demo.json");
}

std::string pythonModulePath(const std::string &fileName)
{
    const std::string res = resourceDir();
    if (res.empty())
        return {};
    // Installed (and the build tree's share): python/ inside the resource folder. The source
    // tree keeps the modules in packaging/python/, beside resources/.
    for (const fs::path &candidate : {fs::path(res) / "python" / fileName,
                                      fs::path(res) / ".." / "packaging" / "python" / fileName})
        if (std::string found = existingFile(candidate); !found.empty())
            return found;
    return {};
}

std::string mixedReaderPath()
{
    return pythonModulePath("golf_mixed.py");
}

std::vector<std::string> guideSearchPath()
{
    std::vector<std::string> dirs;
    const auto add = [&](const fs::path &p) {
        const std::string clean = p.lexically_normal().string();
        if (std::find(dirs.begin(), dirs.end(), clean) == dirs.end())
            dirs.push_back(clean);
    };
    const std::string exeDir = executableDir();
    // The package installs the guide as documentation (share/doc), the share folder keeps a copy.
    if (!exeDir.empty())
        add(fs::path(exeDir) / ".." / "share" / "doc" / "golf-studio" / "guide");
    if (const std::string res = resourceDir(); !res.empty())
        add(fs::path(res) / "guide");
    return dirs;
}

} // namespace Core
