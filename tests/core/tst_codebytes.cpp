// SPDX-License-Identifier: GPL-3.0-or-later
// The code term of the ledger: base85 against Python's base64.b85encode, and the lzma+base85
// wrapper run by the real Python interpreter, which must reproduce the code exactly.

#include "common/atomicfile.h"
#include "common/error.h"
#include "pack/codebytes.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace Core;

namespace {

QByteArray python(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(QStringLiteral(GOLF_PYTHON), args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (p.exitCode() != 0)
        qWarning("%s", p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

std::string randomBytes(size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (char &c : s)
        c = char(rng() & 0xFF);
    return s;
}

} // namespace

class tst_CodeBytes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void base85MatchesPython_data()
    {
        QTest::addColumn<int>("size");
        for (int n : {0, 1, 2, 3, 4, 5, 7, 8, 9, 255, 1000})
            QTest::addRow("%d bytes", n) << n;
    }
    void base85MatchesPython()
    {
        QFETCH(int, size);
        const std::string bytes = randomBytes(size_t(size), unsigned(size) + 1);
        const QByteArray expected = python(
            {"-c", "import sys,base64; sys.stdout.write(base64.b85encode(sys.stdin.buffer.read()).decode())"},
            QByteArray::fromStdString(bytes));
        const std::string ours = base85Encode(bytes);
        QCOMPARE(QByteArray::fromStdString(ours), expected);
        QCOMPARE(base85Decode(ours, "test"), bytes);
    }
    void base85RejectsBadText()
    {
        QVERIFY_THROWS_EXCEPTION(Error, base85Decode("ab\"cd", "t"));
        QVERIFY_THROWS_EXCEPTION(Error, base85Decode("abcde1", "t")); // dangling last char
        QVERIFY_THROWS_EXCEPTION(Error, base85Decode("~~~~~", "t"));  // > 2^32
    }
    void wrapperRunsInPython()
    {
        QTemporaryDir dir;
        const std::string code = "import sys\n# caf\xc3\xa9: non-ASCII survives\n"
                                 "print('golf says', 6 * 7, file=sys.stdout)\n";
        const std::string wrapped = wrapCodeLzmaBase85(code);
        const std::string path = dir.filePath("train_gpt.py").toStdString();
        writeFileAtomic(path, wrapped);
        QCOMPARE(python({QString::fromStdString(path)}), QByteArray("golf says 42\n"));
        QCOMPARE(unwrapCodeLzmaBase85(wrapped, "w"), code);

        // Python's own decoding of the payload gives back the exact bytes.
        const QByteArray decoded = python(
            {"-c", "import sys,re,lzma,base64; s=open(sys.argv[1]).read(); "
                   "sys.stdout.buffer.write(lzma.decompress(base64.b85decode(re.search('\"(.*)\"', s).group(1))))",
             QString::fromStdString(path)});
        QCOMPARE(decoded.toStdString(), code);
    }
    void measuresRawAndWrapped()
    {
        QTemporaryDir dir;
        // Repetitive code compresses: the wrapper must be smaller than the raw file.
        std::string code;
        for (int i = 0; i < 200; ++i)
            code += "x_" + std::to_string(i) + " = torch.zeros(" + std::to_string(i) + ")\n";
        const std::string path = dir.filePath("train_gpt.py").toStdString();
        writeFileAtomic(path, code);
        const CodeBytes c = measureCode(path);
        QCOMPARE(c.rawBytes, int64_t(code.size()));
        QCOMPARE(c.wrappedBytes, int64_t(wrapCodeLzmaBase85(code).size()));
        QVERIFY(c.wrappedBytes < c.rawBytes);
        QVERIFY(!c.alreadyWrapped);

        // A file that is already a wrapper is counted as it is.
        writeFileAtomic(path, wrapCodeLzmaBase85(code));
        const CodeBytes w = measureCode(path);
        QVERIFY(w.alreadyWrapped);
        QCOMPARE(w.wrappedBytes, w.rawBytes);
    }
    void rejectsBadFiles()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.py").toStdString();
        writeFileAtomic(path, std::string("print(1)\n\xff\xfe", 11));
        QVERIFY_THROWS_EXCEPTION(Error, measureCode(path));
        QVERIFY_THROWS_EXCEPTION(Error, measureCode(dir.filePath("missing.py").toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, unwrapCodeLzmaBase85("print(1)\n", "w"));
        const std::string broken = "import lzma as L,base64 as B\nexec(L.decompress(B.b85decode(\"" +
                                   base85Encode("not xz at all") + "\")))\n";
        QVERIFY_THROWS_EXCEPTION(Error, unwrapCodeLzmaBase85(broken, "w"));
    }
};

QTEST_GUILESS_MAIN(tst_CodeBytes)
#include "tst_codebytes.moc"
