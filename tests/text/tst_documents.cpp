// SPDX-License-Identifier: GPL-3.0-or-later
// Document readers: which lines make a document in each text format, the edge cases (CRLF,
// blank lines, empty documents, fortune separators), folder expansion, and errors that name
// file:line.

#include "common/error.h"
#include "text/documentformat.h"
#include "text/documentreader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace Core;

class tst_Documents : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    // Writes `bytes` to a new file in the temporary folder and returns its path.
    std::string write(const QByteArray &bytes, const QString &suffix = QStringLiteral(".txt"))
    {
        const std::string path =
            m_dir.filePath(QStringLiteral("f%1%2").arg(m_files++).arg(suffix)).toStdString();
        std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
        return path;
    }

    static QStringList readAll(DocumentReader &reader)
    {
        QStringList docs;
        Document doc;
        while (reader.next(doc))
            docs << QString::fromStdString(doc.text);
        return docs;
    }

private Q_SLOTS:
    void formats_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("blocks") << "blocks" << QByteArray("a\nb\n\nc\n")
                                << QStringList{"a\nb", "c"};
        QTest::newRow("blocks CRLF")
            << "blocks" << QByteArray("a\r\nb\r\n\r\nc\r\n") << QStringList{"a\nb", "c"};
        QTest::newRow("blocks trailing blank lines")
            << "blocks" << QByteArray("a\n\n\n\n") << QStringList{"a"};
        QTest::newRow("blocks whitespace-only separators and no final newline")
            << "blocks" << QByteArray("\n\n  \nfirst\n \t\nsecond")
            << QStringList{"first", "second"};
        QTest::newRow("blocks indentation kept")
            << "blocks" << QByteArray("  x\n    y\n") << QStringList{"  x\n    y"};
        QTest::newRow("lines") << "lines" << QByteArray("x\n\ny\r\n  \nz")
                               << QStringList{"x", "y", "z"};
        QTest::newRow("lines kept byte for byte")
            << "lines" << QByteArray(" x  y \n") << QStringList{" x  y "};
        QTest::newRow("jsonl") << "jsonl"
                               << QByteArray("{\"text\":\"a\\nb\"}\n\n{\"id\":1,\"text\":\"c\"}\r\n"
                                             "{\"text\":\"\"}\n{\"text\":\"  \"}\n")
                               << QStringList{"a\nb", "c"};
        QTest::newRow("jsonl unicode escapes")
            << "jsonl" << QByteArray("{\"text\":\"caf\\u00e9 \xe2\x96\x81\"}")
            << QStringList{"café ▁"};
        QTest::newRow("fortune") << "fortune"
                                 << QByteArray("one\n%\ntwo\nlines\n%\n%\n\n  art\n\n  art2\n\n%\n")
                                 << QStringList{"one", "two\nlines", "  art\n\n  art2"};
        QTest::newRow("fortune CRLF and no final separator")
            << "fortune" << QByteArray("a\r\n%\r\nb\r\n") << QStringList{"a", "b"};
        QTest::newRow("fortune percent inside a line is text")
            << "fortune" << QByteArray("50% off\n%\n") << QStringList{"50% off"};
        QTest::newRow("empty file") << "blocks" << QByteArray() << QStringList{};
        QTest::newRow("only blank lines") << "lines" << QByteArray("\n \r\n\n") << QStringList{};
    }

    void formats()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, expected);
        DocumentReader reader({write(content)}, parseDocumentFormat(format.toStdString()));
        QCOMPARE(readAll(reader), expected);
        QCOMPARE(reader.documentsRead(), int64_t(expected.size()));
        // Byte progress ends exactly at the file size.
        QCOMPARE(reader.bytesRead(), int64_t(content.size()));
        QCOMPARE(reader.totalBytes(), int64_t(content.size()));
    }

    void documentKnowsWhereItStarts()
    {
        const std::string path = write("\n\nfirst\nstill first\n\nsecond\n");
        DocumentReader reader({path}, DocumentFormat::Blocks);
        Document doc;
        QVERIFY(reader.next(doc));
        QCOMPARE(doc.line, int64_t(3));
        QCOMPARE(doc.source, path);
        QVERIFY(reader.next(doc));
        QCOMPARE(doc.line, int64_t(6));
    }

    void badJsonl_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << QByteArray("{\"text\":\"ok\"}\n\n{\"text\": nope}\n")
                                  << ":3: not valid JSON";
        QTest::newRow("not an object") << QByteArray("[1,2]\n") << ":1: expected a JSON object";
        QTest::newRow("no text field") << QByteArray("{\"body\":\"x\"}\n") << ":1: expected";
        QTest::newRow("text not a string") << QByteArray("{\"text\":\"a\"}\r\n{\"text\":7}\n")
                                           << ":2: expected a JSON object with a string \"text\"";
    }

    void badJsonl()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const std::string path = write(content, QStringLiteral(".jsonl"));
        DocumentReader reader({path}, DocumentFormat::Auto);
        try {
            readAll(reader);
            QFAIL("no error for a bad JSONL line");
        } catch (const Error &e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QString::fromStdString(path)), qPrintable(message));
            QVERIFY2(message.contains(expected), qPrintable(message));
        }
    }

    void autoFormat_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<int>("expected");
        QTest::newRow(".jsonl") << ".jsonl" << int(DocumentFormat::Jsonl);
        QTest::newRow(".txt") << ".txt" << int(DocumentFormat::Blocks);
        QTest::newRow("no extension") << "" << int(DocumentFormat::Blocks);
        QTest::newRow(".json is not jsonl") << ".json" << int(DocumentFormat::Blocks);
    }

    void autoFormat()
    {
        QFETCH(QString, suffix);
        QFETCH(int, expected);
        const auto files = listInputFiles({write("x", suffix)}, DocumentFormat::Auto);
        QCOMPARE(files.size(), size_t(1));
        QCOMPARE(int(files[0].format), expected);
    }

    // A folder in auto mode is a fortune collection like /usr/share/games/fortunes: each
    // collection once, without the *.dat indexes, the *.u8 symlinks or hidden files.
    void fortuneFolder()
    {
        namespace fs = std::filesystem;
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "fortunes";
        fs::create_directories(dir / "off");
        std::ofstream(dir / "zen") << "b1\n%\nb2\n%\n";
        std::ofstream(dir / "art") << "a1\n%\n";
        std::ofstream(dir / "art.dat") << "\x01\x02binary index";
        std::ofstream(dir / ".hidden") << "h\n%\n";
        std::ofstream(dir / "off" / "rude") << "r\n%\n";
        fs::create_symlink("art", dir / "art.u8");

        const auto files = listInputFiles({dir.string()}, DocumentFormat::Auto);
        QCOMPARE(files.size(), size_t(2));
        QCOMPARE(fs::path(files[0].path).filename().string(), std::string("art"));
        QCOMPARE(fs::path(files[1].path).filename().string(), std::string("zen"));
        QCOMPARE(int(files[0].format), int(DocumentFormat::Fortune));

        DocumentReader reader({dir.string()}, DocumentFormat::Auto);
        QCOMPARE(readAll(reader), (QStringList{"a1", "b1", "b2"}));
        QCOMPARE(reader.bytesRead(), reader.totalBytes());
    }

    void severalInputsInOrder()
    {
        const std::string a = write("one\ntwo\n");
        const std::string b = write("{\"text\":\"three\"}\n", QStringLiteral(".jsonl"));
        DocumentReader reader({a, b}, DocumentFormat::Auto);
        // Auto reads .txt as blocks, so "one\ntwo" is one document.
        QCOMPARE(readAll(reader), (QStringList{"one\ntwo", "three"}));
        DocumentReader lines({a}, DocumentFormat::Lines);
        QCOMPARE(readAll(lines), (QStringList{"one", "two"}));
    }

    void missingInputs()
    {
        const std::string missing = m_dir.filePath("nope.txt").toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, listInputFiles({missing}, DocumentFormat::Auto));
        try {
            listInputFiles({missing}, DocumentFormat::Auto);
        } catch (const Error &e) {
            QVERIFY(QString::fromUtf8(e.what()).contains("nope.txt: no such file"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, listInputFiles({}, DocumentFormat::Auto));
        QDir(m_dir.path()).mkdir("empty");
        QVERIFY_THROWS_EXCEPTION(
            Error, listInputFiles({m_dir.filePath("empty").toStdString()}, DocumentFormat::Auto));
    }

    void formatNames()
    {
        for (auto f : {DocumentFormat::Auto, DocumentFormat::Blocks, DocumentFormat::Lines,
                       DocumentFormat::Jsonl, DocumentFormat::Fortune})
            QCOMPARE(int(parseDocumentFormat(documentFormatName(f))), int(f));
        QVERIFY_THROWS_EXCEPTION(Error, parseDocumentFormat("csv"));
    }
};

QTEST_GUILESS_MAIN(tst_Documents)
#include "tst_documents.moc"
