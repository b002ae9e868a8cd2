// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a user sees first, saved for a test: golf-studio started with GOLF_STUDIO_SNAPSHOT=<png>
// saves the treemap as painted once the opened checkpoint's first price is shown, prints
// "snapshot: <png>" and quits. The window is never resized by this, so a view that only fills
// on a resize shows empty (issue 19: the treemap did).

#include <QElapsedTimer>
#include <QString>

namespace App {

class MainWindow;

/// Arms the snapshot on `window`: waits for the document's first price, lets the views settle
/// (the treemap's debounced relayout), grabs the treemap into `pngPath` and quits the app.
void snapshotFirstPrice(MainWindow *window, const QString &pngPath);

/// For the start-up benchmark (tests/bench/startup.py, GOLF_STUDIO_REPORT_START=1): prints
/// "first paint" when the window first paints and "first price" once the opened checkpoint's
/// price is drawn (at once when there is none to price), each with the milliseconds on
/// `sinceMain` (started first thing in main()), and "window peak: N kB" (the window process's
/// own VmHWM, without its golf serve child), then quits.
void reportStart(MainWindow *window, const QElapsedTimer &sinceMain);

} // namespace App
