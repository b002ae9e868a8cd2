// SPDX-License-Identifier: GPL-3.0-or-later
#include "golfbinary.h"

#include "common/resourcedir.h"

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

} // namespace

QString findGolfBinary()
{
    const QString fromEnv = qEnvironmentVariable("GOLF_BINARY");
    if (!fromEnv.isEmpty() && isExecutable(fromEnv))
        return fromEnv;
    const QString appDir = QCoreApplication::applicationDirPath();
    // Installed side by side; in a build tree golf-studio is app/studio/ and golf app/golf/.
    // Nothing else: a packaged binary names no build path (tests set $GOLF_BINARY).
    for (const QString &candidate : {appDir + QStringLiteral("/golf"), appDir + QStringLiteral("/../golf/golf")})
        if (isExecutable(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    return QStandardPaths::findExecutable(QStringLiteral("golf"));
}

QString golfNotFoundMessage()
{
    return QCoreApplication::translate("App::GolfBinary", "cannot find the golf executable (set GOLF_BINARY)");
}

QString resourceDir()
{
    return QString::fromStdString(Core::resourceDir());
}

QStringList recipePresets()
{
    QStringList out;
    for (const std::string &path : Core::recipePresetPaths())
        out << QString::fromStdString(path);
    return out;
}

QString mixedReaderPath()
{
    return QString::fromStdString(Core::mixedReaderPath());
}

} // namespace App
