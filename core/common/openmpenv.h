// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Core {

/// Keeps libtorch's OpenMP workers from busy-waiting over OpenBLAS's own threads.
///
/// ATen runs elementwise work on libgomp threads, and GEMMs on OpenBLAS's pthreads. After each
/// parallel region libgomp workers spin for a long while before sleeping; on a 2-core machine
/// they then steal the cores from the OpenBLAS threads of the next matmul (measured here: 28% of
/// CPU time in the kernel and ~25% longer training steps). The spin limit (GOMP_SPINCOUNT) is
/// read when libgomp loads, before main(), so the fix is to re-execute the program once with it
/// set. Call first thing in main(). Does nothing when GOMP_SPINCOUNT or OMP_WAIT_POLICY is
/// already set (the user's choice wins), or if the re-exec fails.
void limitOpenMpSpinning(char **argv);

/// The same limit for a program that loads libtorch (and so libgomp) only later, as `golf` opens
/// its torch commands on first use: sets GOMP_SPINCOUNT now, so libgomp reads it when it loads,
/// without a second start of the program. True when it set it (the user had set neither).
bool presetOpenMpSpinning();

} // namespace Core
