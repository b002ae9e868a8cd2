// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// libtorch 1.13's PyTorchStreamReader leaks miniz's zip directory (about 0.5 KB) when its
// constructor throws on a corrupt archive (see core/model/torchfile.cpp). That is libtorch's, not
// ours, and a fuzzer would stop at it on every other input; LeakSanitizer ignores leaks whose
// stack passes through libtorch_cpu. Include in exactly one translation unit per fuzzer.
extern "C" __attribute__((used)) const char *__lsan_default_suppressions()
{
    return "leak:libtorch_cpu.so\n";
}
