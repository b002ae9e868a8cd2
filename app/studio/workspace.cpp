// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace.h"

#include "run/rundir.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include <algorithm>
#include <exception>

namespace App {

namespace {

const char *const kWorkspaceKey = "workspace/current";
const char *const kRecentKey = "workspace/recent";
const char *const kDemoKey = "demo/offered";
constexpr int kMaxRecent = 8;

} // namespace

QString defaultWorkspace()
{
    return QDir::home().filePath(QStringLiteral("golf-studio"));
}

QString savedWorkspace()
{
    const QString path = QSettings().value(kWorkspaceKey).toString();
    return path.isEmpty() ? defaultWorkspace() : path;
}

void rememberWorkspace(const QString &path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QSettings settings;
    settings.setValue(kWorkspaceKey, clean);
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(clean);
    recent.prepend(clean);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
}

QStringList recentWorkspaces()
{
    QStringList out;
    for (const QString &path : QSettings().value(kRecentKey).toStringList())
        if (QFileInfo(path).isDir())
            out << path;
    return out;
}

QString runsFolder(const QString &workspace)
{
    return QDir(workspace).filePath(QStringLiteral("runs"));
}

QString recordsFolder(const QString &workspace)
{
    return QDir(workspace).filePath(QStringLiteral("records"));
}

QStringList runDirectories(const QString &workspace)
{
    QDir runs(runsFolder(workspace));
    QFileInfoList dirs = runs.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
    // Newest first by the time config.json was written (run ids sort by date too, but a
    // user's own --run-dir names need not).
    dirs.erase(std::remove_if(dirs.begin(), dirs.end(),
                              [](const QFileInfo &d) {
                                  return !QFileInfo::exists(d.filePath() + "/config.json");
                              }),
               dirs.end());
    std::sort(dirs.begin(), dirs.end(), [](const QFileInfo &a, const QFileInfo &b) {
        return QFileInfo(a.filePath() + "/config.json").lastModified() >
               QFileInfo(b.filePath() + "/config.json").lastModified();
    });
    QStringList out;
    for (const QFileInfo &d : dirs)
        out << d.filePath();
    return out;
}

bool workspaceIsEmpty(const QString &workspace)
{
    if (!runDirectories(workspace).isEmpty())
        return false;
    return QDir(recordsFolder(workspace)).isEmpty(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot);
}

QString latestCheckpoint(const QString &runDir)
{
    try {
        const Core::RunDir run(runDir.toStdString());
        if (const auto latest = run.readLatest())
            return QDir(runDir).filePath(QStringLiteral("checkpoints/") +
                                         QString::fromStdString(latest->model));
    } catch (const std::exception &) {
        // An unreadable latest.json reads as "no checkpoint yet".
    }
    return {};
}

bool demoOffered()
{
    return QSettings().value(kDemoKey, false).toBool();
}

void setDemoOffered(bool offered)
{
    QSettings().setValue(kDemoKey, offered);
}

} // namespace App
