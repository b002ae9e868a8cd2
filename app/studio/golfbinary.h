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

/// resources/ of the source tree or the installed share/golf-studio; "" if neither exists.
QString resourceDir();

/// The bundled recipe presets (resources/recipes/*.json), sorted by name.
QStringList recipePresets();

/// packaging/python/golf_mixed.py of the source tree or the installed copy; "" if neither.
QString mixedReaderPath();

} // namespace App
