// SPDX-License-Identifier: GPL-3.0-or-later
#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace App {
namespace {

// Embedded by qt_add_translations (app/studio/CMakeLists.txt, RESOURCE_PREFIX).
const char *const kResourceDir = ":/i18n";

// Owned here rather than by the application so that a second call can remove them again.
std::unique_ptr<QTranslator> s_studio;
std::unique_ptr<QTranslator> s_qt;

void removeInstalled()
{
    for (auto *t : {&s_studio, &s_qt}) {
        if (*t)
            QCoreApplication::removeTranslator(t->get());
        t->reset();
    }
}

} // namespace

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
}

QString nativeLanguageName(const QString &code)
{
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    if (code == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    return code;
}

QString languageOverride(const QString &commandLine)
{
    const QString env = qEnvironmentVariable("GOLF_LANGUAGE");
    if (!env.isEmpty())
        return env;
    if (!commandLine.isEmpty())
        return commandLine;
    return QSettings().value(QLatin1String(kLanguageKey)).toString();
}

QString installTranslators(QCoreApplication &app, const QString &language)
{
    removeInstalled();
    // A chosen language is looked up like a one-language system locale, so "de_AT" still finds
    // golfstudio_de. The system's languages are tried in the user's order of preference.
    const QStringList wanted =
        language.isEmpty() ? QLocale::system().uiLanguages() : QStringList{language};
    for (const QString &ui : wanted) {
        // English is the source text: a system preferring English before a shipped language
        // must not fall through to a later entry of its list.
        if (QLocale(ui).language() == QLocale::English)
            return QStringLiteral("en");
        auto studio = std::make_unique<QTranslator>();
        if (!studio->load(QLocale(ui), QStringLiteral("golfstudio"), QStringLiteral("_"),
                          QLatin1String(kResourceDir)))
            continue;
        app.installTranslator(studio.get());
        s_studio = std::move(studio);
        // Qt's own strings (QDialogButtonBox, QFileDialog, ...) in the same language; missing
        // files only leave those in English.
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QLocale(ui), QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            app.installTranslator(qt.get());
            s_qt = std::move(qt);
        }
        // The file that matched says which language this is ("golfstudio_de.qm" -> "de").
        QString file = s_studio->filePath().section(QLatin1Char('/'), -1);
        file.remove(QStringLiteral("golfstudio_"));
        file.remove(QStringLiteral(".qm"));
        return file;
    }
    return QStringLiteral("en");
}

} // namespace App
