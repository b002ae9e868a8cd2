#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Refreshes the .ts files from the GUI sources (app/studio, widgets) after strings changed.
# Same options as the golfstudio_lupdate build target and as tests/app/tst_translations.cpp:
# no source locations (an edit elsewhere in a file leaves the .ts alone), no obsolete entries.
# Usage: translations/update.sh [LUPDATE]   (default: Qt 6's own; Debian's /usr/bin/lupdate is
# qtchooser's and may point at Qt 5)
set -eu
cd "$(dirname "$0")/.."
BINS=$(qtpaths6 --query QT_HOST_BINS 2>/dev/null || echo /usr/lib/qt6/bin)
LUPDATE=${1:-$BINS/lupdate}
exec "$LUPDATE" app/studio widgets -locations none -no-obsolete \
    -ts translations/golfstudio_de.ts translations/golfstudio_zh_CN.ts
