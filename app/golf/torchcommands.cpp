// SPDX-License-Identifier: GPL-3.0-or-later
#include "torchcommands.h"

#include "cli/args.h"
#include "common/error.h"
#include "common/openmpenv.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace App {

namespace {

std::string moduleFile()
{
    if (const char *path = std::getenv("GOLF_TORCH_MODULE"); path && *path)
        return path;
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const fs::path dir = ec ? fs::path(".") : exe.parent_path();
    const fs::path beside = dir / "golf-torch.so", installed = dir / ".." / "lib" / "golf-studio" / "golf-torch.so";
    return fs::exists(beside) ? beside.string() : installed.lexically_normal().string();
}

/// golf-torch.so, opened once (never closed: libtorch's threads and static objects live until
/// exit); nullptr with `error` set when it cannot be opened.
void *torchModule(std::string &error)
{
    static void *module = nullptr;
    static std::string why;
    if (!module && why.empty()) {
        Core::presetOpenMpSpinning(); // libgomp reads it when it loads, with libtorch
        const std::string file = moduleFile();
        module = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!module)
            why = "cannot open golf's torch commands (" + file + "): " + ::dlerror();
    }
    error = why;
    return module;
}

template <typename Entry>
Entry torchEntry(const char *name, std::string &error)
{
    void *module = torchModule(error);
    if (!module)
        return nullptr;
    auto entry = reinterpret_cast<Entry>(::dlsym(module, name));
    if (!entry)
        error = std::string("golf-torch.so has no ") + name;
    return entry;
}

} // namespace

int runTorchCommand(int argc, char **argv)
{
    std::string error;
    const auto entry = torchEntry<int (*)(int, char **)>("golf_torch_command", error);
    if (!entry) {
        std::fprintf(stderr, "golf %s: error: %s\n", argc > 0 ? argv[0] : "", error.c_str());
        return ExitFailure;
    }
    return entry(argc, argv);
}

IdentifiedModel identifyWithTorch(const std::string &path)
{
    std::string error;
    const auto entry = torchEntry<int (*)(const char *, char *, size_t, long long *, char *, size_t)>(
        "golf_torch_identify", error);
    if (!entry)
        throw ModuleError(error);
    char kind[256] = {}, why[4096] = {};
    long long tensors = 0;
    if (entry(path.c_str(), kind, sizeof kind, &tensors, why, sizeof why) != 0)
        throw Core::Error(why);
    return {kind, size_t(tensors)};
}

} // namespace App
