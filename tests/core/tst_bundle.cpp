// SPDX-License-Identifier: GPL-3.0-or-later
// Bundle extraction refuses what would escape the destination or exhaust the disk (zip-slip,
// links, devices, duplicates, zip bombs) with a message naming the entry, writes nothing at all
// then (no destination, no staging folder, nothing beside it), and unpacks a real records zip
// from our own writer byte for byte.

#include "common/atomicfile.h"
#include "common/error.h"
#include "ship/bundle.h"
#include "ship/ziparchive.h"
#include "pack/zlibcodec.h"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <memory>

namespace fs = std::filesystem;
using namespace Core;

namespace {

struct Entry
{
    std::string name;
    std::string data;
    mode_t type = AE_IFREG;
    std::string link = {};   ///< symlink target (AE_IFLNK)
    bool sizeKnown = true;   ///< false: streamed, the size only in the data descriptor
};

/// A zip written by libarchive with exactly these entries (names and types as given).
std::string makeZip(const std::vector<Entry> &entries)
{
    std::string out;
    std::unique_ptr<archive, int (*)(archive *)> a(archive_write_new(), archive_write_free);
    archive_write_set_format_zip(a.get());
    archive_write_set_bytes_in_last_block(a.get(), 1);
    archive_write_open(a.get(), &out, nullptr,
                       [](archive *, void *s, const void *b, size_t n) -> la_ssize_t {
                           static_cast<std::string *>(s)->append(static_cast<const char *>(b), n);
                           return la_ssize_t(n);
                       },
                       nullptr);
    for (const Entry &en : entries) {
        std::unique_ptr<archive_entry, void (*)(archive_entry *)> e(archive_entry_new(), archive_entry_free);
        archive_entry_set_pathname(e.get(), en.name.c_str());
        archive_entry_set_filetype(e.get(), en.type);
        archive_entry_set_perm(e.get(), 0644);
        if (en.type == AE_IFLNK)
            archive_entry_set_symlink(e.get(), en.link.c_str());
        if (en.type == AE_IFREG && en.sizeKnown)
            archive_entry_set_size(e.get(), la_int64_t(en.data.size()));
        else if (en.type == AE_IFREG)
            archive_entry_unset_size(e.get());
        if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK)
            qFatal("libarchive: %s", archive_error_string(a.get()));
        if (!en.data.empty())
            archive_write_data(a.get(), en.data.data(), en.data.size());
    }
    archive_write_close(a.get());
    return out;
}

struct RawEntry
{
    std::string name;
    uint32_t mode = 0100644;
    std::string data = {};         ///< stored deflated when not empty
    int64_t declaredSize = -1;     ///< the uncompressed size the headers claim (-1: the truth)
};

/// A zip written byte by byte (Unix mode in the central directory; data raw-deflated), for what
/// libarchive's writer will not produce: FIFO and device modes, headers that lie about sizes.
std::string rawZip(const std::vector<RawEntry> &entries)
{
    auto le = [](std::string &out, uint64_t v, int n) {
        for (int i = 0; i < n; ++i)
            out += char((v >> (8 * i)) & 0xff);
    };
    std::string local, central;
    for (const RawEntry &e : entries) {
        const std::string packed = e.data.empty() ? std::string() : deflateRaw(e.data, 9);
        const uint32_t crc = uint32_t(crc32(0, reinterpret_cast<const Bytef *>(e.data.data()), uInt(e.data.size())));
        const uint64_t usize = e.declaredSize >= 0 ? uint64_t(e.declaredSize) : e.data.size();
        const int method = e.data.empty() ? 0 : 8;
        const uint32_t offset = uint32_t(local.size());
        auto common = [&](std::string &out) {
            le(out, 0, 2); le(out, method, 2); le(out, 0, 2); le(out, 0x21, 2); // flags, method, time, date
            le(out, crc, 4); le(out, packed.size(), 4); le(out, usize, 4);
            le(out, e.name.size(), 2); le(out, 0, 2);
        };
        le(local, 0x04034b50, 4);
        le(local, 20, 2);
        common(local);
        local += e.name + packed;
        le(central, 0x02014b50, 4);
        le(central, (3 << 8) | 20, 2); // made by Unix: the mode below counts
        le(central, 20, 2);
        common(central);
        le(central, 0, 2); le(central, 0, 2); le(central, 0, 2); // comment, disk, internal attributes
        le(central, uint64_t(e.mode) << 16, 4);
        le(central, offset, 4);
        central += e.name;
    }
    std::string out = local + central;
    le(out, 0x06054b50, 4);
    le(out, 0, 2); le(out, 0, 2);
    le(out, entries.size(), 2); le(out, entries.size(), 2);
    le(out, central.size(), 4); le(out, local.size(), 4); le(out, 0, 2);
    return out;
}

/// Every path under `root`, relative, sorted.
QStringList tree(const QString &root)
{
    QStringList out;
    for (const auto &e : fs::recursive_directory_iterator(root.toStdString()))
        out << QString::fromStdString(fs::relative(e.path(), root.toStdString()).generic_string());
    out.sort();
    return out;
}

} // namespace

class tst_Bundle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refuses_data()
    {
        QTest::addColumn<QByteArray>("zip");
        QTest::addColumn<QString>("error");
        QTest::addColumn<qint64>("maxBytes");
        auto row = [](const char *name, const std::vector<Entry> &entries, const char *error,
                      int64_t maxBytes = BundleLimits{}.maxTotalBytes) {
            const std::string z = makeZip(entries);
            QTest::newRow(name) << QByteArray(z.data(), int(z.size())) << error << qint64(maxBytes);
        };
        const Entry ok{"sub/submission.json", "{}"};
        row("../evil", {ok, {"../evil", "pwned"}}, "refused: '../evil': '..' in the path");
        row("a/../../evil", {{"a/../../evil", "pwned"}}, "refused: 'a/../../evil': '..' in the path");
        row("deep ..", {ok, {"sub/x/../../../../evil", "pwned"}}, "'..' in the path");
        row("absolute", {{"/tmp/golf-tst-bundle-abs-evil", "pwned"}},
            "refused: '/tmp/golf-tst-bundle-abs-evil': absolute path");
        // libarchive reads '\\' in zip names as '/', so "..\\evil" is refused as '..'.
        row("backslash", {{"..\\evil", "pwned"}}, "'..' in the path");
        row("drive letter", {{"C:evil", "pwned"}}, "drive letter");
        row("symlink", {ok, {"sub/link", "", AE_IFLNK, "/etc/passwd"}},
            "refused: 'sub/link': symbolic link entry");
        row("symlink then write through it", {{"sub/link", "", AE_IFLNK, ".."}, {"sub/link/evil", "pwned"}},
            "symbolic link entry");
        auto raw = [](const char *name, const std::vector<RawEntry> &entries, const char *error,
                      int64_t maxBytes = BundleLimits{}.maxTotalBytes) {
            const std::string z = rawZip(entries);
            QTest::newRow(name) << QByteArray(z.data(), int(z.size())) << error << qint64(maxBytes);
        };
        raw("raw zip, symlink mode", {{"sub/ok"}, {"sub/link", 0120777, "/etc/passwd"}}, "refused: 'sub/link': symbolic link entry");
        row("duplicate", {ok, {"sub/a", "1"}, {"sub//a", "2"}}, "refused: 'sub//a': the name appears twice");
        row("file, then a folder of its name", {{"sub/a", "1"}, {"sub/a/b", "2"}}, "cannot create its folder");
        row("too many entries", {{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}, {"f", "6"},
                                 {"g", "7"}, {"h", "8"}, {"i", "9"}, {"j", "10"}, {"k", "11"}},
            "more than 10 entries");
        // Zip bombs: 2 MB of zeros compress to a few KB; one declares its size, one is streamed
        // (size only in the data descriptor, as a lying header would be), so only the count of
        // decompressed bytes catches it.
        const std::string zeros(2 << 20, '\0');
        row("huge entry (declared)", {ok, {"sub/bomb", zeros}}, "declares 2097152 bytes, over the limit of 1048576",
            int64_t(1) << 20);
        row("huge entry (streamed)", {ok, {"sub/bomb", zeros, AE_IFREG, "", false}},
            "declares 2097152 bytes", int64_t(1) << 20);
        raw("huge entry (headers claim 100 bytes)", {{"sub/ok"}, {"sub/bomb", 0100644, zeros, 100}},
            "refused: 'sub/bomb': the bundle decompresses to more than 1048576 bytes", int64_t(1) << 20);
        row("many entries adding up", {{"a", zeros}, {"b", zeros}, {"c", zeros}}, "over the limit",
            int64_t(5) << 20);
    }
    void refuses()
    {
        QFETCH(QByteArray, zip);
        QFETCH(QString, error);
        QFETCH(qint64, maxBytes);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath("work/out"));
        const std::string zipPath = dir.filePath("bundle.zip").toStdString();
        writeFileAtomic(zipPath, zip.toStdString());
        const QString work = dir.filePath("work/out");
        const std::string dest = (work + "/bundle").toStdString();
        fs::remove("/tmp/golf-tst-bundle-abs-evil");
        try {
            extractBundle(zipPath, dest, BundleLimits{maxBytes, 10});
            QFAIL("a hostile bundle was extracted");
        } catch (const Error &e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.startsWith(QString::fromStdString(zipPath) + ": "), e.what());
            QVERIFY2(msg.contains(error), e.what());
        }
        // Nothing anywhere: no destination, no staging folder, nothing beside or above it.
        QCOMPARE(tree(dir.filePath("work")), QStringList{"out"});
        QVERIFY(!fs::exists("/tmp/golf-tst-bundle-abs-evil"));
        QVERIFY(!fs::exists(dir.filePath("evil").toStdString()));
    }

    /// FIFO, device and setuid modes: libarchive reports some as what they are (refused) and some
    /// as regular files; either way only a plain regular file without exec bits is ever created.
    void specialModes_data()
    {
        QTest::addColumn<uint>("mode");
        QTest::newRow("FIFO") << uint(0010644);
        QTest::newRow("character device") << uint(0020644);
        QTest::newRow("block device") << uint(0060644);
        QTest::newRow("socket") << uint(0140644);
        QTest::newRow("setuid executable") << uint(0104755);
    }
    void specialModes()
    {
        QFETCH(uint, mode);
        QTemporaryDir dir;
        const std::string zipPath = dir.filePath("b.zip").toStdString();
        writeFileAtomic(zipPath, rawZip({{"r/ok"}, {"r/x", mode}}));
        const std::string dest = dir.filePath("out").toStdString();
        try {
            extractBundle(zipPath, dest);
        } catch (const Error &e) {
            QVERIFY2(QString(e.what()).contains("refused: 'r/x': not a regular file or folder"), e.what());
            QVERIFY(!fs::exists(dest));
            return;
        }
        const fs::path p = fs::path(dest) / "r" / "x";
        QVERIFY(fs::is_regular_file(fs::symlink_status(p)));
        const fs::perms unsafe = fs::perms::set_uid | fs::perms::set_gid | fs::perms::owner_exec
                                 | fs::perms::group_exec | fs::perms::others_exec;
        QVERIFY((fs::status(p).permissions() & unsafe) == fs::perms::none);
    }

    void refusesExistingDestination()
    {
        QTemporaryDir dir;
        const std::string zipPath = dir.filePath("b.zip").toStdString();
        writeFileAtomic(zipPath, makeZip({{"x/a.txt", "a"}}));
        QVERIFY(QDir(dir.path()).mkpath("dest"));
        QVERIFY(QFile::link(dir.filePath("elsewhere"), dir.filePath("dangling")));
        for (const char *name : {"dest", "dangling"}) {
            try {
                extractBundle(zipPath, dir.filePath(name).toStdString());
                QFAIL("an existing destination was overwritten");
            } catch (const Error &e) {
                QVERIFY2(QString(e.what()).contains("already exists"), e.what());
            }
        }
        QVERIFY(QDir(dir.filePath("dest")).isEmpty());
        QVERIFY(!QFile::exists(dir.filePath("elsewhere")));
    }

    void refusesCorrupt()
    {
        QTemporaryDir dir;
        const std::string good = makeZip({{"x/a.txt", std::string(5000, 'a')}, {"x/b.txt", "b"}});
        struct Case
        {
            const char *name;
            std::string bytes;
        };
        std::string flipped = good;
        flipped[flipped.size() / 3] ^= 0x55;
        for (const Case &c : {Case{"empty", ""}, Case{"text", "hello"}, Case{"truncated", good.substr(0, good.size() / 2)},
                              Case{"flipped", flipped}}) {
            const std::string zipPath = dir.filePath(QString(c.name) + ".zip").toStdString();
            writeFileAtomic(zipPath, c.bytes);
            const std::string dest = dir.filePath(QString("out-") + c.name).toStdString();
            try {
                extractBundle(zipPath, dest);
                QFAIL(c.name);
            } catch (const Error &e) {
                QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(zipPath)), e.what());
            }
            QVERIFY2(!fs::exists(dest), c.name);
        }
        QStringList left = QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        for (const QString &name : left)
            QVERIFY2(name.endsWith(".zip"), qPrintable(name)); // no staging folder survived
    }

    /// A records folder zipped by our exporter's writer comes back byte for byte.
    void roundTrip()
    {
        QTemporaryDir dir;
        const fs::path rec = dir.filePath("records/2026-01-01_tiny").toStdString();
        fs::create_directories(rec / "extra");
        const std::string model(3000, '\x7f');
        writeFileAtomic((rec / "final_model.int8.ptz").string(), model);
        writeFileAtomic((rec / "train_gpt.py").string(), "print(1)\n");
        writeFileAtomic((rec / "submission.json").string(), "{\"name\": \"tiny\"}\n");
        writeFileAtomic((rec / "extra" / "notes.txt").string(), "n");
        const std::string zipPath = dir.filePath("records/2026-01-01_tiny.zip").toStdString();
        zipFolder(rec.string(), zipPath);

        const std::string dest = dir.filePath("unpacked").toStdString();
        const ExtractedBundle b = extractBundle(zipPath, dest);
        QCOMPARE(b.destination, dest);
        QCOMPARE(b.files.size(), size_t(4));
        QCOMPARE(tree(QString::fromStdString(dest)),
                 (QStringList{"2026-01-01_tiny", "2026-01-01_tiny/extra", "2026-01-01_tiny/extra/notes.txt",
                              "2026-01-01_tiny/final_model.int8.ptz", "2026-01-01_tiny/submission.json",
                              "2026-01-01_tiny/train_gpt.py"}));
        for (const BundleFile &f : b.files) {
            const std::string original = readFile((rec.parent_path() / f.path).string());
            QCOMPARE(readFile(dest + "/" + f.path), original);
            QCOMPARE(f.bytes, int64_t(original.size()));
        }
        // Folder entries, "./" prefixes and empty components are harmless and accepted.
        const std::string zip2 = dir.filePath("b2.zip").toStdString();
        writeFileAtomic(zip2, makeZip({{"top/", "", AE_IFDIR}, {"./top//a.txt", "a"}}));
        extractBundle(zip2, dir.filePath("u2").toStdString());
        QCOMPARE(readFile(dir.filePath("u2/top/a.txt").toStdString()), std::string("a"));
    }
};

QTEST_GUILESS_MAIN(tst_Bundle)
#include "tst_bundle.moc"
