// SPDX-License-Identifier: GPL-3.0-or-later
// golf-studio: the Parameter Golf workbench window.

#include "mainwindow.h"
#include "startsnapshot.h"
#include "translations.h"
#include "workspace.h"


#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain; // for GOLF_STUDIO_REPORT_START (startsnapshot.h)
    sinceMain.start();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Golf Studio: a workbench for Parameter Golf. Train, compress and "
                       "export tiny language models under a 16,000,000-byte budget."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(QStringLiteral("workspace"),
                                       QStringLiteral("workspace folder"), QStringLiteral("DIR"));
    const QCommandLineOption recipe(QStringLiteral("recipe"), QStringLiteral("recipe JSON to open"),
                                    QStringLiteral("FILE"));
    // For screenshots and tests in another language; GOLF_LANGUAGE does the same and wins.
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("GUI language (en, de, zh_CN) instead of the "
                                                     "system's or the one set in Preferences"),
                                      QStringLiteral("CODE"));
    parser.addOption(workspace);
    parser.addOption(recipe);
    parser.addOption(language);
    parser.addPositionalArgument(QStringLiteral("checkpoint"), QStringLiteral("model file to open"),
                                 QStringLiteral("[CHECKPOINT]"));
    // --help and --version are answered before the QApplication exists, so they work without a
    // display; everything else is parsed after it has taken its own options (-platform, ...).
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            std::printf("%s",
                        qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"),
                                                             QStringLiteral("golf-studio"))));
            return 0;
        }
        if (arg == QLatin1String("-v") || arg == QLatin1String("--version")) {
            std::printf("golf-studio %s\n", GOLF_STUDIO_VERSION);
            return 0;
        }
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GolfStudio"));
    QApplication::setApplicationName(QStringLiteral("golf-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Golf Studio"));
    QApplication::setApplicationVersion(QStringLiteral(GOLF_STUDIO_VERSION));
    // The installed .desktop file's name (packaging/desktop/): Wayland compositors match the
    // window to its launcher and icon by it.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.golfstudio.GolfStudio"));
    parser.process(app);
    // After the organization name (the saved choice lives in QSettings), before any widget
    // builds its texts. The --help text above stays English, like the golf CLI's.
    App::installTranslators(app, App::languageOverride(parser.value(language)));

    App::MainWindow window;
    window.openWorkspace(parser.isSet(workspace) ? parser.value(workspace) : App::savedWorkspace());
    if (parser.isSet(recipe))
        window.openRecipe(parser.value(recipe));
    if (!parser.positionalArguments().isEmpty())
        window.openCheckpoint(parser.positionalArguments().front());
    window.show();
    // For the start-up test (tests/app/tst_studiostart): once the first price is drawn, the
    // treemap as painted then (no resize, as a user first sees it) goes to this PNG and the
    // app quits.
    const QString snapshot = qEnvironmentVariable("GOLF_STUDIO_SNAPSHOT");
    if (!snapshot.isEmpty())
        App::snapshotFirstPrice(&window, snapshot);
    if (qEnvironmentVariableIntValue("GOLF_STUDIO_REPORT_START"))
        App::reportStart(&window, sinceMain);
    if (parser.positionalArguments().isEmpty())
        QTimer::singleShot(0, &window, &App::MainWindow::maybeOfferDemo);
    return app.exec();
}
