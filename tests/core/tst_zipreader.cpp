// SPDX-License-Identifier: GPL-3.0-or-later
// ZipReader (core/pack/zipreader.h) against Python's zipfile module as the reference writer:
// every form Python writes reads back byte for byte, in directory order; damaged archives (made
// from those by editing the fields the APPNOTE defines) fail with the defect named.

#include "common/error.h"
#include "pack/zipreader.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cstring>

using namespace Core;

namespace {

// Writes <name>.zip for each case and expect.json: {name: [[record, hex of its bytes], ...]}.
const char *kWriter = R"PY(
import json, os, sys, zipfile
out = sys.argv[1]
records = [("data.pkl", b"\x80\x02}q\x00."), ("byteorder", b"little"),
           ("data/0", bytes(range(256)) * 3), ("version", b"3\n"), ("empty", b"")]
expect = {}
def write(name, compression, zip64=False, comment=b"", folder=False, root="archive", extra=()):
    path = os.path.join(out, name + ".zip")
    with zipfile.ZipFile(path, "w", compression) as z:
        z.comment = comment
        if folder:
            z.writestr(zipfile.ZipInfo(root + "/data/"), b"")
        for record, data in list(records) + list(extra):
            with z.open(root + "/" + record, "w", force_zip64=zip64) as f:
                f.write(data)
    expect[name] = [[r, d.hex()] for r, d in list(records) + list(extra)]
write("stored", zipfile.ZIP_STORED)
write("deflated", zipfile.ZIP_DEFLATED)
write("zip64", zipfile.ZIP_STORED, zip64=True)
write("zip64-deflated", zipfile.ZIP_DEFLATED, zip64=True)
write("comment", zipfile.ZIP_STORED, comment=b"PK\x05\x06 a comment that looks like an end record")
write("folder-entry", zipfile.ZIP_STORED, folder=True)
write("bzip2", zipfile.ZIP_BZIP2)
write("compressible", zipfile.ZIP_DEFLATED, extra=[("big", bytes(100000))])
with zipfile.ZipFile(os.path.join(out, "two-roots.zip"), "w") as z:
    z.writestr("a/data.pkl", b"x")
    z.writestr("b/data.pkl", b"y")
with zipfile.ZipFile(os.path.join(out, "no-root.zip"), "w") as z:
    z.writestr("data.pkl", b"x")
import warnings
warnings.simplefilter("ignore")
with zipfile.ZipFile(os.path.join(out, "duplicate.zip"), "w") as z:
    z.writestr("archive/data.pkl", b"x")
    z.writestr("archive/data.pkl", b"y")
json.dump(expect, open(os.path.join(out, "expect.json"), "w"))
)PY";

QByteArray qb(const std::string &s)
{
    return QByteArray(s.data(), int(s.size()));
}

std::string fromHex(const std::string &hex)
{
    const QByteArray b = QByteArray::fromHex(QByteArray::fromStdString(hex));
    return std::string(b.constData(), size_t(b.size()));
}

void put16(std::string &s, size_t at, uint16_t v)
{
    std::memcpy(s.data() + at, &v, 2);
}
void put32(std::string &s, size_t at, uint32_t v)
{
    std::memcpy(s.data() + at, &v, 4);
}

/// The detail ZipReader gives for `bytes`, or "ok" when it indexes and reads every record.
QString outcome(const std::string &bytes)
{
    try {
        const ZipReader zip(bytes);
        for (const std::string &r : zip.records())
            zip.read(r);
        return "ok";
    } catch (const FormatError &e) {
        return QString::fromStdString(e.what());
    }
}

} // namespace

class tst_ZipReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    nlohmann::json m_expect;

    std::string file(const char *name) const
    {
        QFile f(m_dir.filePath(QString(name) + ".zip"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QByteArray b = f.readAll();
        return std::string(b.constData(), size_t(b.size()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess p;
        p.start(GOLF_PYTHON, {"-c", kWriter, m_dir.path()});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QFile f(m_dir.filePath("expect.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_expect = nlohmann::json::parse(f.readAll().toStdString());
    }

    void readsWhatPythonWrites_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *name : {"stored", "deflated", "zip64", "zip64-deflated", "comment",
                                 "folder-entry", "compressible"})
            QTest::newRow(name) << name;
    }
    void readsWhatPythonWrites()
    {
        QFETCH(QString, name);
        const std::string bytes = file(qPrintable(name));
        const ZipReader zip(bytes);
        QCOMPARE(QString::fromStdString(zip.root()), QString("archive"));
        std::vector<std::string> expected;
        for (const auto &rec : m_expect[name.toStdString()]) {
            const std::string record = rec[0];
            expected.push_back(record);
            QVERIFY2(zip.has(record), record.c_str());
            QCOMPARE(zip.size(record), uint64_t(fromHex(rec[1]).size()));
            QVERIFY2(zip.read(record) == fromHex(rec[1]), record.c_str());
        }
        QCOMPARE(zip.records(), expected); // directory order; the folder entry is not a record
        QVERIFY(!zip.has("missing"));
        QVERIFY(!zip.has("data")); // a folder is not a record
    }

    void refusesDamage_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("detail");
        const std::string stored = file("stored"), deflated = file("deflated");
        const size_t central = stored.find("PK\x01\x02"), local = 0;
        const size_t end = stored.rfind("PK\x05\x06");
        const size_t data0 = stored.find(std::string("\x00\x01\x02\x03\x04", 5));
        QVERIFY(central != std::string::npos && end != std::string::npos && data0 != std::string::npos);

        QTest::newRow("empty") << QByteArray() << "too short for a zip archive";
        QTest::newRow("cut in half") << qb(stored.substr(0, stored.size() / 2))
                                     << "no end of central directory record";
        QTest::newRow("end record cut") << qb(stored.substr(0, stored.size() - 3))
                                        << "no end of central directory record";
        std::string s = stored;
        put32(s, end + 16, uint32_t(s.size())); // directory offset past the file
        QTest::newRow("directory outside") << qb(s) << "the central directory lies outside the file";
        s = stored;
        put16(s, end + 10, 5000); // more entries than the directory can hold
        QTest::newRow("too many entries") << qb(s) << "too small for its 5000 entries";
        s = stored;
        put16(s, end + 4, 1);
        QTest::newRow("multi-disk") << qb(s) << "a multi-disk archive";
        s = stored;
        put16(s, central + 8, 1); // general purpose flag bit 0
        QTest::newRow("encrypted") << qb(s) << "'archive/data.pkl' is encrypted";
        s = stored;
        s[data0 + 7] ^= 0x40;
        QTest::newRow("flipped data byte") << qb(s) << "'archive/data/0' fails its CRC-32 check";
        s = stored;
        s[local + 30] = 'X'; // the first local header's name
        QTest::newRow("local name") << qb(s) << "the local header of 'archive/data.pkl' names another entry";
        s = stored;
        put32(s, central + 42, uint32_t(central)); // local header offset at the directory
        QTest::newRow("local header offset") << qb(s) << "the local header of 'archive/data.pkl' is damaged";
        s = stored;
        put32(s, central + 20, 1u << 30); // a stored entry's compressed size beyond the file
        QTest::newRow("size beyond file") << qb(s) << "the data of an entry lies outside the file";
        s = deflated;
        const size_t dc = s.find("PK\x01\x02");
        put32(s, dc + 24, 0x7fffffff); // a small stream claiming 2 GiB
        QTest::newRow("inflation claim") << qb(s) << "claims to inflate to 2147483647 bytes";
        QTest::newRow("bzip2") << qb(file("bzip2")) << "is compressed with method 12";
        QTest::newRow("two roots") << qb(file("two-roots")) << "two root folders ('a' and 'b')";
        QTest::newRow("no root") << qb(file("no-root")) << "'data.pkl' is not inside a root folder";
        QTest::newRow("duplicate") << qb(file("duplicate")) << "'data.pkl' appears twice";
    }
    void refusesDamage()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, detail);
        const QString r = outcome(std::string(bytes.constData(), size_t(bytes.size())));
        QVERIFY2(r.contains(detail), qPrintable(r));
    }

    /// Every prefix and every single-byte flip of a deflated archive either reads or fails with
    /// a FormatError: nothing else escapes, and no read goes past the buffer (ASan builds).
    void everyDamageIsAFormatError()
    {
        const std::string good = file("deflated");
        int refused = 0;
        for (size_t n = 0; n < good.size(); ++n)
            refused += outcome(good.substr(0, n)) != "ok";
        QCOMPARE(refused, int(good.size())); // a zip is only readable from its end record
        for (size_t i = 0; i < good.size(); ++i) {
            std::string s = good;
            s[i] = char(s[i] ^ 0xff);
            outcome(s); // throws nothing but FormatError
        }
    }
};

QTEST_GUILESS_MAIN(tst_ZipReader)
#include "tst_zipreader.moc"
