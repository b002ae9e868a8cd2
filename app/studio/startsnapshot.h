// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a user sees first, saved for a test: golf-studio started with GOLF_STUDIO_SNAPSHOT=<png>
// saves the treemap as painted once the opened checkpoint's first price is shown, prints
// "snapshot: <png>" and quits. The window is never resized by this, so a view that only fills
// on a resize shows empty (issue 19: the treemap did).

#include <QString>

namespace App {

class MainWindow;

/// Arms the snapshot on `window`: waits for the document's first price, lets the views settle
/// (the treemap's debounced relayout), grabs the treemap into `pngPath` and quits the app.
void snapshotFirstPrice(MainWindow *window, const QString &pngPath);

} // namespace App
