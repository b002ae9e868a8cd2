// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The workspace folder: where runs (runs/<id>/), records (records/) and the demo's data live.
// The last one used and a short recent list are remembered with QSettings.

#include <QString>
#include <QStringList>

namespace App {

/// The workspace of the last session, or defaultWorkspace() the first time.
QString savedWorkspace();
/// ~/golf-studio: where a first session works.
QString defaultWorkspace();
/// Remembers `path` as the current workspace, at the top of the recent list (at most 8).
void rememberWorkspace(const QString &path);
/// Recently opened workspaces, newest first, only those that still exist.
QStringList recentWorkspaces();

/// <workspace>/runs and <workspace>/records.
QString runsFolder(const QString &workspace);
QString recordsFolder(const QString &workspace);

/// Run directories under <workspace>/runs (folders holding a config.json), newest first.
QStringList runDirectories(const QString &workspace);
/// Nothing to show yet: no run directory and no records (the demo offer's condition).
bool workspaceIsEmpty(const QString &workspace);

/// The newest complete checkpoint of a run directory (checkpoints/latest.json), or "".
QString latestCheckpoint(const QString &runDir);

/// Whether the demo was offered already (the offer comes once, on the first start).
bool demoOffered();
void setDemoOffered(bool offered);

} // namespace App
