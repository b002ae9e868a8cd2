// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's translations (translations/*.ts) against the sources they translate:
//  - upToDate: lupdate run now on app/studio and widgets, exactly as translations/update.sh
//    runs it, finds the same messages as each committed .ts file (none missing, none stale);
//  - complete: no message of a shipped language is unfinished or empty;
//  - placeholders: every translation has its source's %1, %2, ... and %n;
//  - loads: the embedded .qm files load through App::installTranslators and translate.

#include "isolatedguitest.h"
#include "mainwindow.h"
#include "translations.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFontDatabase>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QFile>
#include <QLibraryInfo>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

const QStringList kLanguages{QStringLiteral("de"), QStringLiteral("zh_CN")};

struct Message
{
    QString context, source, comment;
    QString type;              // "", "unfinished", "obsolete", "vanished"
    bool numerus = false;
    QStringList translations;  // one per numerus form, else one

    QString key() const { return context + QLatin1Char('\x1f') + source + QLatin1Char('\x1f') + comment; }
    bool live() const { return type != QLatin1String("obsolete") && type != QLatin1String("vanished"); }
    QString where() const
    {
        return QStringLiteral("[%1] \"%2\"%3")
            .arg(context, source,
                 comment.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(comment));
    }
};

QString tsPath(const QString &lang)
{
    return QStringLiteral(GOLF_SOURCE_DIR "/translations/golfstudio_%1.ts").arg(lang);
}

// The .ts format is plain XML (context > message > source, comment, translation with optional
// numerusform children); QXmlStreamReader keeps the test free of QtXml.
QMap<QString, Message> readTs(const QString &path, QString *error)
{
    QMap<QString, Message> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1").arg(path);
        return out;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                m = Message{};
                m.context = context;
                m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source")) {
                m.source = xml.readElementText();
            } else if (name == QLatin1String("comment")) {
                m.comment = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                m.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!m.numerus)
                    m.translations << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                m.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out.insert(m.key(), m);
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1: %2 at line %3").arg(path, xml.errorString()).arg(xml.lineNumber());
    return out;
}

// %1..%99 (also %L1) and %n, as a sorted list so a doubled placeholder counts twice.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << QLatin1Char('%') + it.next().captured(1);
    found.sort();
    found.removeDuplicates(); // "%3 ... %3" may be written once in a language that reorders
    return found;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void upToDate_data();
    void upToDate();
    void complete_data();
    void complete();
    void placeholders_data();
    void placeholders();
    void loads();
    void windowSpeaksTheLanguage_data();
    void windowSpeaksTheLanguage();

private:
    // Messages lupdate finds in the sources now, read once.
    QMap<QString, Message> m_fresh;
    QString m_freshError;
    bool m_freshDone = false;
    const QMap<QString, Message> &fresh();
};

const QMap<QString, Message> &tst_Translations::fresh()
{
    if (m_freshDone)
        return m_fresh;
    m_freshDone = true;
    static QTemporaryDir dir;
    // A new file named like a German one: lupdate guesses the language from the name, which
    // only matters for numerus forms, not for the set of messages.
    const QString out = dir.filePath(QStringLiteral("golfstudio_de.ts"));
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(GOLF_SOURCE_DIR));
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    // Keep these arguments in step with translations/update.sh and app/studio/CMakeLists.txt.
    lupdate.start(QStringLiteral(GOLF_LUPDATE),
                  {QStringLiteral("app/studio"), QStringLiteral("widgets"), QStringLiteral("-locations"),
                   QStringLiteral("none"), QStringLiteral("-no-obsolete"), QStringLiteral("-ts"), out});
    if (!lupdate.waitForFinished(120000) || lupdate.exitCode() != 0) {
        m_freshError = QStringLiteral("lupdate (%1) failed: %2")
                           .arg(QStringLiteral(GOLF_LUPDATE), QString::fromLocal8Bit(lupdate.readAll()));
        return m_fresh;
    }
    m_fresh = readTs(out, &m_freshError);
    return m_fresh;
}

void tst_Translations::upToDate_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &lang : kLanguages)
        QTest::newRow(qPrintable(lang)) << lang;
}

void tst_Translations::upToDate()
{
    QFETCH(QString, language);
    const auto &now = fresh();
    QVERIFY2(m_freshError.isEmpty(), qPrintable(m_freshError));
    QVERIFY2(now.size() > 100, qPrintable(QStringLiteral("lupdate found only %1 messages").arg(now.size())));
    QString error;
    const auto committed = readTs(tsPath(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QStringList missing, stale;
    for (const Message &m : now)
        if (!committed.contains(m.key()) || !committed[m.key()].live())
            missing << m.where();
    for (const Message &m : committed)
        if (m.live() && !now.contains(m.key()))
            stale << m.where();
    const auto show = [](const QStringList &l) { return l.mid(0, 15).join(QLatin1String("\n  ")); };
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("%1 source strings missing from %2 (run translations/update.sh):\n  %3")
                            .arg(missing.size()).arg(tsPath(language), show(missing))));
    QVERIFY2(stale.isEmpty(),
             qPrintable(QStringLiteral("%1 entries of %2 no longer in the sources (run translations/update.sh):\n  %3")
                            .arg(stale.size()).arg(tsPath(language), show(stale))));
}

void tst_Translations::complete_data()
{
    upToDate_data();
}

void tst_Translations::complete()
{
    QFETCH(QString, language);
    QString error;
    const auto committed = readTs(tsPath(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!committed.isEmpty());
    QStringList unfinished;
    for (const Message &m : committed) {
        if (!m.live())
            continue;
        const bool empty = m.translations.isEmpty() ||
                           std::any_of(m.translations.begin(), m.translations.end(),
                                       [](const QString &t) { return t.trimmed().isEmpty(); });
        if (m.type == QLatin1String("unfinished") || empty)
            unfinished << m.where();
    }
    QVERIFY2(unfinished.isEmpty(),
             qPrintable(QStringLiteral("%1 of %2 messages unfinished in %3, e.g.:\n  %4")
                            .arg(unfinished.size()).arg(committed.size())
                            .arg(tsPath(language), unfinished.mid(0, 15).join(QLatin1String("\n  ")))));
}

void tst_Translations::placeholders_data()
{
    upToDate_data();
}

void tst_Translations::placeholders()
{
    QFETCH(QString, language);
    QString error;
    const auto committed = readTs(tsPath(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList wrong;
    for (const Message &m : committed) {
        if (!m.live())
            continue;
        const QStringList want = ::placeholders(m.source);
        for (const QString &t : m.translations) {
            if (t.isEmpty())
                continue; // unfinished: complete() reports it
            QStringList got = ::placeholders(t);
            // A numerus form may spell the number out ("ein Tensor") when the language has
            // several forms; the other placeholders must all be there.
            if (m.numerus && m.translations.size() > 1 && !got.contains(QLatin1String("%n")) &&
                want.contains(QLatin1String("%n")))
                got << QStringLiteral("%n"), got.sort();
            if (got != want)
                wrong << QStringLiteral("%1 -> \"%2\": has %3, source has %4")
                             .arg(m.where(), t, got.join(QLatin1Char(' ')), want.join(QLatin1Char(' ')));
        }
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
}

void tst_Translations::loads()
{
    for (const QString &lang : kLanguages)
        QVERIFY2(QFile::exists(QStringLiteral(":/i18n/golfstudio_%1.qm").arg(lang)),
                 qPrintable(QStringLiteral("golfstudio_%1.qm is not embedded").arg(lang)));

    // The File menu is the string known to be translated in every shipped language.
    const QString context = QStringLiteral("App::MainWindow");
    const QString source = QStringLiteral("&File");
    const auto translate = [&] {
        return QCoreApplication::translate(qPrintable(context), qPrintable(source));
    };
    for (const QString &lang : kLanguages) {
        QString error;
        const auto committed = readTs(tsPath(lang), &error);
        const QString key = Message{context, source, QString(), {}, false, {}}.key();
        QVERIFY2(committed.contains(key), qPrintable(lang));
        const QString expected = committed[key].translations.value(0);
        QVERIFY2(!expected.isEmpty(), qPrintable(lang + QLatin1String(": &File is untranslated")));

        QCOMPARE(App::installTranslators(*qApp, lang), lang);
        QCOMPARE(translate(), expected);
    }

    // German again, by a regional variant, with Qt's own strings (standard buttons) beside it.
    QCOMPARE(App::installTranslators(*qApp, QStringLiteral("de_AT")), QStringLiteral("de"));
    if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) +
                      QStringLiteral("/qtbase_de.qm")))
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));

    // English is the source text: asking for it removes what was installed before.
    QCOMPARE(App::installTranslators(*qApp, QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(translate(), source);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    // A language that is not shipped falls back to English.
    QCOMPARE(App::installTranslators(*qApp, QStringLiteral("fr")), QStringLiteral("en"));
    QCOMPARE(translate(), source);
}

void tst_Translations::windowSpeaksTheLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("script"); // QFontDatabase::WritingSystem
    QTest::newRow("de") << QStringLiteral("de") << int(QFontDatabase::Latin);
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << int(QFontDatabase::SimplifiedChinese);
}

// The real window built in each language: no menu entry, dock title, tab, label or button it
// shows is still an English source text that the language translates otherwise, a font for the
// script is there (packaging/install-deps.sh installs one for Chinese, the .deb recommends one),
// and a screenshot is saved for a person to look at.
void tst_Translations::windowSpeaksTheLanguage()
{
    QFETCH(QString, language);
    QFETCH(int, script);
    QVERIFY2(!QFontDatabase::families(QFontDatabase::WritingSystem(script)).isEmpty(),
             qPrintable(QStringLiteral("no font for %1 (packaging/install-deps.sh installs one)").arg(language)));
    QString error;
    const auto committed = readTs(tsPath(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSet<QString> english; // sources this language does not keep as they are
    for (const Message &m : committed)
        if (m.live() && !m.numerus && m.translations.value(0) != m.source)
            english.insert(m.source);

    QCOMPARE(App::installTranslators(*qApp, language), language);
    {
        QTemporaryDir ws;
        App::MainWindow win;
        win.resize(1400, 900);
        win.openWorkspace(ws.path());
        win.show();
        QVERIFY(QTest::qWaitForWindowExposed(&win));

        QStringList seen;
        const auto check = [&](const QString &text, const QString &what) {
            if (english.contains(text))
                seen << QStringLiteral("%1 \"%2\"").arg(what, text);
        };
        int menuEntries = 0;
        for (QAction *top : win.menuBar()->actions()) {
            check(top->text(), QStringLiteral("menu"));
            if (QMenu *menu = top->menu())
                for (QAction *a : menu->actions())
                    if (!a->isSeparator()) {
                        check(a->text(), QStringLiteral("menu entry"));
                        ++menuEntries;
                    }
        }
        QVERIFY(menuEntries > 15);
        for (QDockWidget *d : win.findChildren<QDockWidget *>())
            check(d->windowTitle(), QStringLiteral("dock"));
        for (QTabWidget *t : win.findChildren<QTabWidget *>())
            for (int i = 0; i < t->count(); ++i)
                check(t->tabText(i), QStringLiteral("tab"));
        for (QLabel *l : win.findChildren<QLabel *>())
            check(l->text(), QStringLiteral("label"));
        for (QAbstractButton *b : win.findChildren<QAbstractButton *>())
            check(b->text(), QStringLiteral("button"));
        QVERIFY2(seen.isEmpty(), qPrintable(seen.join(QLatin1String("\n"))));

        const QString dir = QStringLiteral(GOLF_SCREENSHOT_DIR "/i18n");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(win.grab().save(QStringLiteral("%1/window-%2.png").arg(dir, language)));
    }
    App::installTranslators(*qApp, QStringLiteral("en"));
}

GOLF_ISOLATED_GUI_TEST_MAIN(tst_Translations, "tst_translations")
#include "tst_translations.moc"
