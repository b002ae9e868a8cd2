// SPDX-License-Identifier: GPL-3.0-or-later
#include "torchcommands.h"

#include "cli/args.h"
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

} // namespace

int runTorchCommand(int argc, char **argv)
{
    using Entry = int (*)(int, char **);
    static Entry entry = nullptr;
    if (!entry) {
        Core::presetOpenMpSpinning(); // libgomp reads it when it loads, with libtorch
        const std::string file = moduleFile();
        void *module = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (module)
            entry = reinterpret_cast<Entry>(::dlsym(module, "golf_torch_command"));
        if (!entry) {
            std::fprintf(stderr, "golf %s: error: cannot open golf's torch commands (%s): %s\n",
                         argc > 0 ? argv[0] : "", file.c_str(), ::dlerror());
            return ExitFailure;
        }
        // Never closed: libtorch's threads and static objects live until exit.
    }
    return entry(argc, argv);
}

} // namespace App
