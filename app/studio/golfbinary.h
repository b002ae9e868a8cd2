// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where the window finds what it does not hold itself: the `golf` CLI it starts training and
// the demo with (DESIGN.md §1: training runs as a child process), the bundled resources
// (recipe presets) and the Python reader that exports ship.

#include <QString>
#include <QStringList>

namespace App {

/// The golf executable: $GOLF_BINARY, beside golf-studio, the build tree's app/golf/golf, or
/// PATH. "" when none is found.
QString findGolfBinary();
/// What to say when findGolfBinary() finds none (translated).
QString golfNotFoundMessage();

/// Core::resourceDir(): the share/golf-studio beside the executable (installed, or the build
/// tree's app/share), or $GOLF_RESOURCE_DIR; "" if none exists.
QString resourceDir();

/// The bundled recipe presets (resources/recipes/*.json), sorted by name.
QStringList recipePresets();

/// golf_mixed.py (Core::mixedReaderPath()); "" if none.
QString mixedReaderPath();

} // namespace App
