#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copies the guide's screenshots, taken by the GUI test (tests/app/tst_studio.cpp,
# guideScreenshots), into resources/guide/images/ so guide.md shows the current window.
#
#   cmake --build build/release --target tst_studio golf
#   (cd build/release && QT_QPA_PLATFORM=offscreen ./tests/app/tst_studio guideScreenshots)
#   sh resources/guide/update-screenshots.sh [build dir, default build/release]
#
# The test tst_studio::guideImagesAreTheScreenshots checks that guide.md, images/ and the
# screenshots the test takes are the same set; remove an image from all three together.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build/release}
shots="$build/screenshots/guide"
if ! ls "$shots"/guide-*.png >/dev/null 2>&1; then
    echo "no screenshots in $shots: run tst_studio guideScreenshots first" >&2
    exit 1
fi
mkdir -p "$here/images"
cp "$shots"/guide-*.png "$here/images/"
ls -l "$here/images"
