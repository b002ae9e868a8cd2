#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs every Debian 12 package Golf Studio needs to build, run and test.
# Idempotent: packages already present are skipped, and `apt-get update` runs only when
# something is missing. Works as root and through sudo.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config git
    # Qt 6 (widgets, svg, tests, translations)
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
    libqt6svg6 qt6-translations-l10n
    # plots (GPL-3, system package, not vendored)
    libqcustomplot-dev libqcustomplot2.1-qt6
    # libtorch 1.13 (CPU) and a fast BLAS: without OpenBLAS libtorch is ~5x slower here. The
    # pthread build is the system's default; our programs load the OpenMP build, which shares
    # libgomp's threads and stays fast when other work shares the cores (CMakeLists.txt)
    libtorch-dev libopenblas0-pthread libopenblas0-openmp
    # data-parallel training over c10d's Gloo: libtorch links libgloo, its headers are separate
    libgloo-dev
    # tokenizer
    libsentencepiece-dev sentencepiece
    # compressors, archives, JSON
    libarchive-dev libzstd-dev liblzma-dev libbrotli-dev zlib1g-dev nlohmann-json3-dev
    # recipe rules match tensor names with RE2: linear time, so a shared recipe cannot hang golf
    libre2-dev
    # the top record's PGRP artifacts hold lrzip (ZPAQ) streams; Debian ships lrzip only as a program
    lrzip
    # offscreen/Xvfb GUI tests and screenshots; a CJK font so the Chinese UI renders (translations/)
    xvfb xauth fonts-wqy-microhei
    # Python PyTorch peer for interop tests and benchmarks
    python3 python3-torch python3-numpy python3-zstandard python3-brotli
    # peak memory of the start-up benchmark (tests/bench/startup.py: GNU time -f %M)
    time
    # packaging: .deb via CPack (dpkg-shlibdeps), desktop/AppStream validation
    dpkg-dev fakeroot appstream desktop-file-utils
    # hardening: clang's libFuzzer and sanitizer runtimes (tests/fuzz, the asan preset)
    clang libclang-rt-14-dev
    # the demo's real English text: the fortune-mod quotation corpus (human-written, shipped by Debian)
    fortunes
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
