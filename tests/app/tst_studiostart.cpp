// SPDX-License-Identifier: GPL-3.0-or-later
// golf-studio started the way a user starts it: the real executable, a workspace and a
// checkpoint on the command line, the default window size, no resize by anyone. On a plain X
// server (xvfb-run, no window manager) when there is one, else offscreen. The treemap the user
// first sees must have its tiles: once it stayed empty (header and legend drawn, no tiles)
// until the window was resized, and tests that resize their windows never saw it (issue 19).
// The window's process holds neither libtorch nor, through it, Qt 5 (issue 21): its tensor work
// runs in a `golf serve` child.

#include "config/gptconfig.h"
#include "model/model.h"

#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

class tst_StudioStart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linksNeitherTorchNorQt5()
    {
        QProcess ldd;
        ldd.start(QStringLiteral("ldd"), {QStringLiteral(GOLF_BINARY_DIR "/app/studio/golf-studio")});
        QVERIFY(ldd.waitForFinished(60000));
        const QByteArray libs = ldd.readAllStandardOutput();
        QVERIFY2(libs.contains("libQt6Widgets") && libs.contains("libc.so"), libs.constData());
        // (libgomp may appear: Qt 6's own libb2 links it.)
        for (const char *forbidden : {"libtorch", "libc10", "libQt5", "libopencv"})
            QVERIFY2(!libs.contains(forbidden), qPrintable(QStringLiteral("golf-studio links %1:\n%2")
                                                               .arg(QLatin1String(forbidden),
                                                                    QString::fromLocal8Bit(libs))));
    }

    void treemapHasTilesWithoutResize()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Core::GptConfig cfg;
        cfg.numLayers = 2;
        cfg.modelDim = 64;
        cfg.numHeads = 2;
        cfg.numKvHeads = 1;
        const QString ckpt = dir.filePath(QStringLiteral("step_000300.pt"));
        Core::Model(cfg, 7).save(ckpt.toStdString());
        const QString png = dir.filePath(QStringLiteral("treemap.png"));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // A first start: no saved geometry or state from anyone's settings.
        env.insert(QStringLiteral("HOME"), dir.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("GOLF_STUDIO_SNAPSHOT"), png);
        const QString studio = QStringLiteral(GOLF_BINARY_DIR "/app/studio/golf-studio");
        QStringList args{QStringLiteral("--workspace"), dir.filePath(QStringLiteral("ws")), ckpt};
        QString program = studio;
        const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
        if (!xvfb.isEmpty()) {
            // The user's case: a real X server of a common size, the window at its default.
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));
            args = QStringList{QStringLiteral("-a"), QStringLiteral("-s"),
                               QStringLiteral("-screen 0 1600x1000x24"), studio} +
                   args;
            program = xvfb;
        } else {
            qInfo("xvfb-run not found: the offscreen platform instead");
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        }
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        QVERIFY2(p.waitForFinished(120000), "golf-studio did not finish");
        const QString out = QString::fromLocal8Bit(p.readAll());
        QVERIFY2(p.exitCode() == 0, qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("snapshot: ") + png), qPrintable(out));
        QVERIFY2(!out.contains(QStringLiteral("setWindowModified")), qPrintable(out));

        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY2(image.width() > 200 && image.height() > 150,
                 qPrintable(QStringLiteral("%1x%2").arg(image.width()).arg(image.height())));
        // The middle half of the map: without tiles it is the map's empty background only.
        const QRgb empty = qRgb(0xf7, 0xf7, 0xf7);
        qint64 painted = 0, total = 0;
        for (int y = image.height() / 4; y < image.height() * 3 / 4; ++y)
            for (int x = image.width() / 8; x < image.width() * 7 / 8; ++x, ++total)
                painted += (image.pixel(x, y) & 0xffffff) != (empty & 0xffffff);
        QVERIFY2(painted > total / 2,
                 qPrintable(QStringLiteral("%1 of %2 pixels of the map are tiles; saved %3")
                                .arg(painted)
                                .arg(total)
                                .arg(png)));
        QDir().mkpath(QStringLiteral(GOLF_SCREENSHOT_DIR));
        QFile::remove(QStringLiteral(GOLF_SCREENSHOT_DIR "/start-treemap.png"));
        QFile::copy(png, QStringLiteral(GOLF_SCREENSHOT_DIR "/start-treemap.png"));
    }
};

QTEST_GUILESS_MAIN(tst_StudioStart)
#include "tst_studiostart.moc"
