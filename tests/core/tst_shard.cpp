// SPDX-License-Identifier: GPL-3.0-or-later
// Token shards: the official format round-trips, and every kind of bad file is an Error that
// names the file and the problem (never a crash).

#include "common/atomicfile.h"
#include "common/error.h"
#include "data/shard.h"
#include "data/tokenstream.h"
#include "testenv.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <filesystem>

using namespace Core;

class tst_Shard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }

    // A valid header + body, then mutated by the test cases.
    static std::string shardBytes(const std::vector<uint16_t> &tokens)
    {
        std::string bytes(1024 + 2 * tokens.size(), '\0');
        int32_t header[256] = {20240520, 1, int32_t(tokens.size())};
        std::memcpy(bytes.data(), header, 1024);
        std::memcpy(bytes.data() + 1024, tokens.data(), 2 * tokens.size());
        return bytes;
    }

private Q_SLOTS:
    void roundTrip()
    {
        const std::vector<uint16_t> tokens = {1, 500, 65535, 0, 7};
        writeShard(path("a.bin"), tokens);
        QCOMPARE(std::filesystem::file_size(path("a.bin")), uintmax_t(1024 + 10));
        QCOMPARE(readShardTokenCount(path("a.bin")), int64_t(5));
        QVERIFY(readShard(path("a.bin")) == tokens);
        // Byte layout is the official one: magic, version, count, zeros, little-endian uint16.
        const std::string raw = readFile(path("a.bin"));
        int32_t h[4];
        std::memcpy(h, raw.data(), 16);
        QCOMPARE(h[0], 20240520);
        QCOMPARE(h[1], 1);
        QCOMPARE(h[2], 5);
        QCOMPARE(h[3], 0);
        QCOMPARE(uint8_t(raw[1024 + 4]), uint8_t(0xff)); // 65535 low byte at token 2
    }

    void emptyShardIsValid()
    {
        writeShard(path("empty.bin"), {});
        QVERIFY(readShard(path("empty.bin")).empty());
    }

    void officialPrefixShard()
    {
        const std::string p = TestEnv::sharedData().toStdString() +
                              "/fineweb10B_sp1024_valprefix/fineweb_val_000000.bin";
        if (!std::filesystem::exists(p))
            GOLF_SKIP_ENV("../shared/data is absent (a user's fresh clone): no official shard");
        const auto tokens = readShard(p, 1024);
        QCOMPARE(int64_t(tokens.size()), int64_t(1040298));
        QCOMPARE(int(tokens[0]), 1); // BOS
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("vocab");
        QTest::addColumn<QString>("expected");
        auto good = shardBytes({1, 2, 3, 4});
        auto with = [&](int index, int32_t value) {
            std::string b = good;
            std::memcpy(b.data() + 4 * index, &value, 4);
            return QByteArray::fromStdString(b);
        };
        QTest::newRow("empty file") << QByteArray() << qint64(0) << "shorter than the 1024-byte header";
        QTest::newRow("short header") << QByteArray(100, 'x') << qint64(0) << "shorter than the";
        QTest::newRow("wrong magic") << with(0, 12345) << qint64(0) << "magic is 12345";
        QTest::newRow("wrong version") << with(1, 2) << qint64(0) << "unsupported shard version 2";
        QTest::newRow("truncated body") << QByteArray::fromStdString(good.substr(0, good.size() - 3))
                                        << qint64(0) << "truncated";
        QTest::newRow("trailing data") << QByteArray::fromStdString(good + "xx") << qint64(0)
                                       << "trailing data";
        QTest::newRow("negative count") << with(2, -5) << qint64(0) << "negative token count";
        QTest::newRow("count too large") << with(2, 1 << 30) << qint64(0) << "size mismatch";
        QTest::newRow("token >= vocab") << QByteArray::fromStdString(shardBytes({1, 2, 1024, 3}))
                                        << qint64(1024) << "token id 1024 at position 2";
        QTest::newRow("numpy file") << QByteArray("\x93NUMPY\x01\x00", 8).append(QByteArray(2000, 0))
                                    << qint64(0) << "not a token shard";
    }

    void badFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, vocab);
        QFETCH(QString, expected);
        const std::string p = path("bad.bin");
        writeFileAtomic(p, std::string_view(bytes.constData(), size_t(bytes.size())));
        try {
            readShard(p, vocab);
            QFAIL("a bad shard was accepted");
        } catch (const Error &e) {
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(msg.contains(expected), qPrintable(msg));
            QVERIFY2(msg.contains(QString::fromStdString(p)), "the error must name the file");
        }
    }

    void missingFileAndGlob()
    {
        QVERIFY_THROWS_EXCEPTION(Error, readShard(path("nope.bin")));
        QVERIFY_THROWS_EXCEPTION(Error, expandShardGlob(path("nothing_*.bin")));
    }

    void streamCrossesShardsAndWraps()
    {
        QTemporaryDir dir;
        const auto p = [&](const char *n) { return dir.filePath(n).toStdString(); };
        writeShard(p("x_train_000001.bin"), {4, 5});
        writeShard(p("x_train_000000.bin"), {1, 2, 3}); // sorted order, not creation order
        TokenStream s(dir.filePath("x_train_*.bin").toStdString(), 16);
        QCOMPARE(s.totalTokens(), int64_t(5));
        std::vector<uint16_t> out;
        s.take(4, out);
        QVERIFY((out == std::vector<uint16_t>{1, 2, 3, 4}));
        const auto pos = s.position();
        out.clear();
        s.take(3, out); // wraps to the first shard
        QVERIFY((out == std::vector<uint16_t>{5, 1, 2}));
        s.seek(pos);
        out.clear();
        s.nextBatch(2, out); // tokens + 1, like the official loader
        QVERIFY((out == std::vector<uint16_t>{5, 1, 2}));
        QVERIFY_THROWS_EXCEPTION(Error, s.seek({7, 0}));
    }
};

GOLF_TEST_GUILESS_MAIN(tst_Shard)
#include "tst_shard.moc"
