// SPDX-License-Identifier: GPL-3.0-or-later
// golf-studio: the Parameter Golf workbench window.

#include "mainwindow.h"
#include "workspace.h"

#include "common/openmpenv.h"
#include "train/torchruntime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char **argv)
{
    // Before anything loads libgomp's threads (see openmpenv.h); re-executes once at most.
    Core::limitOpenMpSpinning(argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GolfStudio"));
    QApplication::setApplicationName(QStringLiteral("golf-studio"));
    QApplication::setApplicationDisplayName(QStringLiteral("Golf Studio"));
    QApplication::setApplicationVersion(QStringLiteral(GOLF_STUDIO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Workbench for Parameter Golf: train, compress and export "
                                                    "tiny language models under a 16,000,000-byte budget."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("workspace folder"), QStringLiteral("DIR"));
    QCommandLineOption recipe(QStringLiteral("recipe"), QStringLiteral("recipe JSON to open"), QStringLiteral("FILE"));
    parser.addOption(workspace);
    parser.addOption(recipe);
    parser.addPositionalArgument(QStringLiteral("checkpoint"), QStringLiteral("model file to open"), QStringLiteral("[CHECKPOINT]"));
    parser.process(app);

    // Evaluation during export uses every core; pricing threads are the pricer's own.
    Core::configureTorchRuntime(0);

    App::MainWindow window;
    window.openWorkspace(parser.isSet(workspace) ? parser.value(workspace) : App::savedWorkspace());
    if (parser.isSet(recipe))
        window.openRecipe(parser.value(recipe));
    if (!parser.positionalArguments().isEmpty())
        window.openCheckpoint(parser.positionalArguments().front());
    window.show();
    if (parser.positionalArguments().isEmpty())
        QTimer::singleShot(0, &window, &App::MainWindow::maybeOfferDemo);
    return app.exec();
}
