// SPDX-License-Identifier: GPL-3.0-or-later
#include "golfbinary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace App {

namespace {

bool isExecutable(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

QString installedShareDir()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/../share/golf-studio");
}

} // namespace

QString findGolfBinary()
{
    const QString fromEnv = qEnvironmentVariable("GOLF_BINARY");
    if (!fromEnv.isEmpty() && isExecutable(fromEnv))
        return fromEnv;
    const QString appDir = QCoreApplication::applicationDirPath();
    // Installed side by side; in a build tree golf-studio is app/studio/ and golf app/golf/.
    for (const QString &candidate :
         {appDir + QStringLiteral("/golf"), appDir + QStringLiteral("/../golf/golf"),
          QStringLiteral(GOLF_BINARY_DIR "/app/golf/golf")})
        if (isExecutable(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    return QStandardPaths::findExecutable(QStringLiteral("golf"));
}

QString resourceDir()
{
    // The share folder beside the executable first (as golf does), so an installed package never
    // reads the source tree it was built from; then the source tree (a build), then the prefix.
    for (const QString &dir : {installedShareDir(), QStringLiteral(GOLF_SOURCE_RESOURCES),
                               QStringLiteral(GOLF_INSTALL_RESOURCES)})
        if (QFileInfo(dir + QStringLiteral("/recipes")).isDir())
            return QDir(dir).canonicalPath();
    return {};
}

QStringList recipePresets()
{
    const QString res = resourceDir();
    if (res.isEmpty())
        return {};
    QStringList out;
    const QDir dir(res + QStringLiteral("/recipes"));
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        out << dir.filePath(name);
    return out;
}

QString mixedReaderPath()
{
    for (const QString &candidate :
         {installedShareDir() + QStringLiteral("/python/golf_mixed.py"),
          QStringLiteral(GOLF_SOURCE_READER), QStringLiteral(GOLF_INSTALL_READER)})
        if (QFileInfo(candidate).isFile())
            return candidate;
    return {};
}

} // namespace App
