// SPDX-License-Identifier: GPL-3.0-or-later
// Which language the GUI speaks, and loading the translators for it. The .qm files are built
// from translations/golfstudio_<lang>.ts and embedded under :/i18n, so nothing needs installing.
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace App {

// QSettings key of the language chosen in Preferences: "" follows the system, else a code
// from availableLanguages() ("en", "de", "zh_CN").
inline constexpr const char *kLanguageKey = "ui/language";

// The languages the GUI ships, as codes; "en" is the source language and needs no file.
QStringList availableLanguages();

// The language's name in that language ("Deutsch", "简体中文"), never translated, so a user who
// cannot read the current language still finds their own.
QString nativeLanguageName(const QString &code);

// The override in effect: GOLF_LANGUAGE if set, else `commandLine` (--language) if not empty,
// else the saved preference. "" means follow the system locale.
QString languageOverride(const QString &commandLine = QString());

// Installs the Golf Studio and Qt (qtbase, for standard dialogs and buttons) translators for
// `language` ("" = QLocale::system().uiLanguages()). Returns the code actually in use ("en"
// when nothing matched). Calling it again replaces the translators it installed before.
QString installTranslators(QCoreApplication &app, const QString &language);

} // namespace App
