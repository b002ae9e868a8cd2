// SPDX-License-Identifier: GPL-3.0-or-later
// The torch-free pieces of reading the records' artifacts: the BSHF byte shuffle, the ternary
// records' base-3 / bitmask / nibble packings, 8-bit floats, the outer-codec sniffing, brotli
// errors and the lrzip child process (its header checks and a clear error when it is missing).

#include "common/error.h"
#include "pack/brotlidecode.h"
#include "pack/bshf.h"
#include "pack/float8.h"
#include "pack/lrzipdecode.h"
#include "pack/recordstream.h"
#include "pack/ternarypacking.h"

#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <string>

using namespace Core;

Q_DECLARE_METATYPE(std::string)

namespace {

std::string bytes(std::initializer_list<int> values)
{
    std::string s;
    for (int v : values)
        s += char(v);
    return s;
}

QByteArray q(const std::string &s)
{
    return QByteArray(s.data(), int(s.size()));
}

} // namespace

class tst_RecordPacking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void byteShuffleRoundTrips_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("stride");
        QTest::newRow("empty") << 0 << 2;
        QTest::newRow("one byte") << 1 << 2;
        QTest::newRow("even, stride 2") << 10 << 2;
        QTest::newRow("odd, stride 2") << 11 << 2;
        QTest::newRow("stride 3, n % 3 == 2") << 14 << 3;
        QTest::newRow("stride 4, shorter than stride") << 3 << 4;
        QTest::newRow("stride 1 is stored as is") << 9 << 1;
    }
    void byteShuffleRoundTrips()
    {
        QFETCH(int, length);
        QFETCH(int, stride);
        std::string raw;
        for (int i = 0; i < length; ++i)
            raw += char(i * 37 + 11);
        const std::string shuffled = byteShuffle(raw, stride);
        QVERIFY(hasByteShuffle(shuffled));
        QCOMPARE(byteShuffleStride(shuffled), stride);
        QCOMPARE(q(byteUnshuffle(shuffled, "x")), q(raw));
    }
    void byteShuffleLayout()
    {
        // src[0::2] ‖ src[1::2], with the longer lane first (record-formats.md §2.2)
        QCOMPARE(q(byteShuffle("abcde", 2)), q(std::string("BSHF\x02") + "acebd"));
        QCOMPARE(q(byteUnshuffle(std::string("BSHF\x03") + "adbec", "x")), q("abcde"));
        QVERIFY_THROWS_EXCEPTION(Error, byteUnshuffle("BSH", "x"));
    }

    void base3_data()
    {
        QTest::addColumn<std::string>("packed");
        QTest::addColumn<int>("n");
        QTest::addColumn<QList<int>>("trits");
        // byte = sum (t_i + 1) 3^i
        QTest::newRow("all zero") << bytes({121}) << 5 << QList<int>{0, 0, 0, 0, 0};
        QTest::newRow("ones and minus ones") << bytes({2 + 0 + 18 + 0 + 162}) << 5 << QList<int>{1, -1, 1, -1, 1};
        QTest::newRow("padded last byte") << bytes({121, 2 + 3}) << 7 << QList<int>{0, 0, 0, 0, 0, 1, 0};
        QTest::newRow("none") << std::string() << 0 << QList<int>{};
    }
    void base3()
    {
        QFETCH(std::string, packed);
        QFETCH(int, n);
        QFETCH(QList<int>, trits);
        const std::vector<int8_t> out = unpackTernaryBase3(packed, n, "x");
        QCOMPARE(int(out.size()), trits.size());
        for (int i = 0; i < trits.size(); ++i)
            QCOMPARE(int(out[size_t(i)]), trits[i]);
    }
    void base3Rejects_data()
    {
        QTest::addColumn<std::string>("packed");
        QTest::addColumn<int>("n");
        QTest::newRow("byte above 242") << bytes({243}) << 5;
        QTest::newRow("too short") << bytes({121}) << 6;
        QTest::newRow("too long") << bytes({121, 121}) << 5;
        QTest::newRow("negative count") << bytes({}) << -1;
    }
    void base3Rejects()
    {
        QFETCH(std::string, packed);
        QFETCH(int, n);
        QVERIFY_THROWS_EXCEPTION(Error, unpackTernaryBase3(packed, n, "x"));
    }

    void bitmask_data()
    {
        QTest::addColumn<std::string>("packed");
        QTest::addColumn<int>("n");
        QTest::addColumn<QList<int>>("trits");
        // mask 1010 0000 (MSB first): trits 0 and 2 nonzero; signs 1 0: +1, -1
        QTest::newRow("two nonzero") << bytes({0xA0, 0x80}) << 4 << QList<int>{1, 0, -1, 0};
        QTest::newRow("all zero") << bytes({0x00}) << 3 << QList<int>{0, 0, 0};
        QTest::newRow("nine trits") << bytes({0xFF, 0x80, 0x55, 0x80}) << 9
                                    << QList<int>{-1, 1, -1, 1, -1, 1, -1, 1, 1};
    }
    void bitmask()
    {
        QFETCH(std::string, packed);
        QFETCH(int, n);
        QFETCH(QList<int>, trits);
        const std::vector<int8_t> out = unpackTernaryBitmask(packed, n, "x");
        QCOMPARE(int(out.size()), trits.size());
        for (int i = 0; i < trits.size(); ++i)
            QCOMPARE(int(out[size_t(i)]), trits[i]);
    }
    void bitmaskRejects()
    {
        QVERIFY_THROWS_EXCEPTION(Error, unpackTernaryBitmask(bytes({0xA0}), 4, "x"));             // no signs
        QVERIFY_THROWS_EXCEPTION(Error, unpackTernaryBitmask(bytes({0xA0, 0x80, 0}), 4, "x"));    // extra
        QVERIFY_THROWS_EXCEPTION(Error, unpackTernaryBitmask(std::string(), 4, "x"));             // no mask
    }
    void nibbles()
    {
        // low nibble first, code = q + 8
        const std::vector<int8_t> out = unpackNibbles(bytes({0x8F, 0x01}), 3, "x");
        QCOMPARE(int(out[0]), 7);
        QCOMPARE(int(out[1]), 0);
        QCOMPARE(int(out[2]), -7);
        QVERIFY_THROWS_EXCEPTION(Error, unpackNibbles(bytes({0x8F}), 3, "x"));
    }

    void float8_data()
    {
        QTest::addColumn<bool>("e4m3");
        QTest::addColumn<int>("bits");
        QTest::addColumn<double>("value");
        QTest::newRow("e4m3 zero") << true << 0x00 << 0.0;
        QTest::newRow("e4m3 one") << true << 0x38 << 1.0;
        QTest::newRow("e4m3 1.125") << true << 0x39 << 1.125;
        QTest::newRow("e4m3 max") << true << 0x7E << 448.0;
        QTest::newRow("e4m3 -max") << true << 0xFE << -448.0;
        QTest::newRow("e4m3 smallest subnormal") << true << 0x01 << std::ldexp(1.0, -9);
        QTest::newRow("e4m3 largest subnormal") << true << 0x07 << 7 * std::ldexp(1.0, -9);
        QTest::newRow("e4m3 smallest normal") << true << 0x08 << std::ldexp(1.0, -6);
        QTest::newRow("e4m3 -2") << true << 0xC0 << -2.0;
        QTest::newRow("e5m2 one") << false << 0x3C << 1.0;
        QTest::newRow("e5m2 max") << false << 0x7B << 57344.0;
        QTest::newRow("e5m2 subnormal") << false << 0x01 << std::ldexp(1.0, -16);
        QTest::newRow("e5m2 -inf") << false << 0xFC << -double(INFINITY);
    }
    void float8()
    {
        QFETCH(bool, e4m3);
        QFETCH(int, bits);
        QFETCH(double, value);
        const float got = e4m3 ? float8e4m3fnToFloat(uint8_t(bits)) : float8e5m2ToFloat(uint8_t(bits));
        QCOMPARE(double(got), value);
    }
    void float8NaN()
    {
        QVERIFY(std::isnan(float8e4m3fnToFloat(0x7F)));
        QVERIFY(std::isnan(float8e4m3fnToFloat(0xFF)));
        QVERIFY(std::isnan(float8e5m2ToFloat(0x7D)));
    }

    void sniffsCodecs_data()
    {
        QTest::addColumn<std::string>("head");
        QTest::addColumn<int>("codec"); // -1: none
        QTest::newRow("zlib 9") << bytes({0x78, 0xDA}) << int(RecordCodec::Zlib);
        QTest::newRow("zlib default") << bytes({0x78, 0x9C}) << int(RecordCodec::Zlib);
        QTest::newRow("zstd") << bytes({0x28, 0xB5, 0x2F, 0xFD, 0}) << int(RecordCodec::Zstd);
        QTest::newRow("xz") << bytes({0xFD, '7', 'z', 'X', 'Z', 0}) << int(RecordCodec::Xz);
        QTest::newRow("brotli has no magic") << bytes({0x1B, 0x03}) << -1;
        QTest::newRow("torch.save zip") << std::string("PK\x03\x04", 4) << -1;
    }
    void sniffsCodecs()
    {
        QFETCH(std::string, head);
        QFETCH(int, codec);
        const auto got = sniffRecordCodec(head);
        QCOMPARE(got ? int(*got) : -1, codec);
    }
    void corruptStreamsAreErrors()
    {
        // zstd magic with garbage, xz magic cut short, text that is no brotli stream
        QVERIFY_THROWS_EXCEPTION(Error, decodeRecordStream(bytes({0x28, 0xB5, 0x2F, 0xFD, 1, 2, 3}), "x"));
        QVERIFY_THROWS_EXCEPTION(Error, decodeRecordStream(bytes({0xFD, '7', 'z', 'X', 'Z', 0, 0}), "x"));
        QVERIFY_THROWS_EXCEPTION(Error, decodeRecordStream("definitely not a model", "x"));
        QVERIFY_THROWS_EXCEPTION(Error, brotliDecompress("definitely not brotli", "x", 1 << 20));
        try {
            decodeRecordStream("definitely not a model", "model.bin");
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("model.bin: not a model file golf knows") == 0, e.what());
        }
    }

    void lrzipHeader()
    {
        std::string h = std::string("LRZI") + bytes({0, 6, 0x10, 0x27, 0, 0, 0, 0, 0, 0});
        QCOMPARE(lrzipDeclaredSize(h, "x"), int64_t(10000));
        QVERIFY_THROWS_EXCEPTION(Error, lrzipDeclaredSize("LRZI", "x"));                  // short
        QVERIFY_THROWS_EXCEPTION(Error, lrzipDeclaredSize(std::string(14, 'x'), "x"));     // magic
        std::string v7 = h;
        v7[5] = 7;
        QVERIFY_THROWS_EXCEPTION(Error, lrzipDeclaredSize(v7, "x"));                      // version
        // more than the caller expects is refused before anything runs
        QVERIFY_THROWS_EXCEPTION(Error, lrzipDecompress(h, "x", 100));
    }
    void lrzipMissingIsAClearError()
    {
        qputenv("GOLF_LRZIP", "/nonexistent/lrzip");
        const std::string h = std::string("LRZI") + bytes({0, 6, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        try {
            lrzipDecompress(h, "final_model.int6.ptz", 100);
            QFAIL("no error");
        } catch (const Error &e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("final_model.int6.ptz") == 0, e.what());
            QVERIFY2(msg.find("lrzip program is not installed") != std::string::npos, e.what());
            QVERIFY2(msg.find("apt install lrzip") != std::string::npos, e.what());
        }
        qunsetenv("GOLF_LRZIP");
    }
};

QTEST_GUILESS_MAIN(tst_RecordPacking)
#include "tst_recordpacking.moc"
